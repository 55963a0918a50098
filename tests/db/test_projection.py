"""The projection's handler table is composed explicitly, and events it cannot apply are refused with a sentence."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import func, select

from tests.plant import mini_plant
from tracedesk.core.actor import Actor
from tracedesk.core.errors import DatabaseError
from tracedesk.db import (
    conflict_handlers,
    key_handlers,
    lot_handlers,
    master_handlers,
    notice_handlers,
    quality_handlers,
    warehouse_handlers,
)
from tracedesk.db.models import Event, Lot
from tracedesk.db.projection import HANDLERS
from tracedesk.db.projector import HandlerTable, Projector, handler_table
from tracedesk.db.rows import referenced
from tracedesk.services.audit import table_fingerprints
from tracedesk.services.events import apply_event
from tracedesk.services.runtime import Runtime


def test_the_table_is_every_handler_module_s_table_and_nothing_else() -> None:
    modules = [
        lot_handlers.HANDLERS,
        master_handlers.HANDLERS,
        quality_handlers.HANDLERS,
        notice_handlers.HANDLERS,
        conflict_handlers.HANDLERS,
        key_handlers.HANDLERS,
        warehouse_handlers.HANDLERS,
    ]
    from_modules = [event_type for table in modules for event_type in table]
    assert len(from_modules) == len(set(from_modules)), "an event type is handled in two modules"
    assert set(from_modules) <= set(HANDLERS)
    for table in modules:
        for event_type, handler in table.items():
            assert HANDLERS[event_type] is handler
    # The rest are the master data's own handlers in db/projection.py.
    assert set(HANDLERS) - set(from_modules) == {
        "station_configured",
        "user_created",
        "user_updated",
        "item_created",
        "item_updated",
        "party_created",
        "location_created",
        "location_blocked",
        "bom_created",
        # Facts of the log that change no state table: credential changes, failed sign-ins, a redaction.
        "user_pin_changed",
        "user_badge_changed",
        "sign_in_failed",
        "log_redacted",
    }


def test_importing_a_handler_module_registers_nothing_elsewhere() -> None:
    # A fresh interpreter: the handler module alone, and the projection never imported.
    code = (
        "import sys\n"
        "import tracedesk.db.lot_handlers as m\n"
        "assert 'tracedesk.db.projection' not in sys.modules, 'a handler module imported the projection'\n"
        "assert m.HANDLERS and all(callable(h) for h in m.HANDLERS.values())\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_second_handler_for_one_event_type_fails_on_import() -> None:
    table: HandlerTable = {}
    handles = handler_table(table)

    @handles("lot_received")
    def first(p: Projector, events: list) -> None:
        pass

    with pytest.raises(ValueError, match="two handlers"):

        @handles("lot_received")
        def second(p: Projector, events: list) -> None:
            pass

    assert table == {"lot_received": first}


def _snapshot(runtime: Runtime) -> tuple[int, dict[str, tuple[int, str]]]:
    with runtime.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0, table_fingerprints(session)


def test_an_event_type_this_version_does_not_know_is_refused_and_nothing_is_recorded(runtime: Runtime, admin: Actor) -> None:
    with runtime.unit_of_work() as session:
        mini_plant(session, admin)
    before = _snapshot(runtime)
    with pytest.raises(DatabaseError) as raised:
        with runtime.unit_of_work() as session:
            apply_event(session, admin, "lot_teleported", {"lot": "T-1"})
    assert str(raised.value) == (
        "This version of TraceDesk cannot apply events of type lot_teleported; update TraceDesk on this station."
    )
    assert _snapshot(runtime) == before


def test_an_update_of_a_complaint_the_database_does_not_have_is_refused(runtime: Runtime, admin: Actor) -> None:
    before = _snapshot(runtime)
    with pytest.raises(DatabaseError, match="An event refers to complaint CMP-9, which this database does not have"):
        with runtime.unit_of_work() as session:
            apply_event(session, admin, "complaint_updated", {"complaint": "CMP-9", "changes": {"status": ["open", "closed"]}})
    assert _snapshot(runtime) == before


def test_a_row_another_row_refers_to_is_read_or_its_loss_is_told(runtime: Runtime, admin: Actor) -> None:
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        lot_id = session.scalar(select(Lot.id).where(Lot.code == plant.flour))
        assert referenced(session, Lot, lot_id).code == plant.flour
        with pytest.raises(DatabaseError) as raised:
            referenced(session, Lot, 987654)
    assert str(raised.value) == (
        "The database has lost the lots record 987654 that another record refers to; check it with tracedesk audit verify."
    )
