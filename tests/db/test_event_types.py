"""The index by type: scans, receipts, outputs and orders stay out of it; the other types are found through it."""

from __future__ import annotations

import importlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.plant import mini_plant
from tracedesk.core.actor import Actor
from tracedesk.db.bulk import driver
from tracedesk.db.event_types import of_types, sql_of_type
from tracedesk.db.models import BULK_EVENT_TYPES, NOT_BULK_TYPE, Event
from tracedesk.services import production
from tracedesk.services.runtime import Runtime
from tracedesk.services.users import USER_EVENTS


def _plan(session: Session, sql: str) -> str:
    return " | ".join(row[-1] for row in driver(session).execute(f"EXPLAIN QUERY PLAN {sql}"))


def _literal(statement: object) -> str:
    return str(statement.compile(compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]


def test_the_index_holds_the_other_types_only_and_a_scan_adds_nothing_to_it(runtime: Runtime, admin: Actor) -> None:
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="1")
    with runtime.reading() as session:
        connection = driver(session)
        types = [t for (t,) in connection.execute("SELECT type FROM events")]
        # A small index is one leaf page: its cells are its entries.
        (entries,) = connection.execute("SELECT sum(ncell) FROM dbstat WHERE name = 'ix_events_rare_type'").fetchone()
    assert {"lot_issued", "lot_received", "order_created"} <= set(types)
    assert entries == sum(1 for t in types if t not in BULK_EVENT_TYPES)


@pytest.mark.parametrize(
    "where",
    [of_types(USER_EVENTS), of_types("log_redacted"), of_types(["location_blocked"])],
    ids=["users", "redactions", "blocked locations"],
)
def test_a_lookup_of_other_types_reads_the_index(runtime: Runtime, admin: Actor, where: object) -> None:
    with runtime.reading() as session:
        plan = _plan(session, _literal(select(func.max(Event.seq)).where(where)))  # type: ignore[arg-type]
    assert "ix_events_rare_type" in plan


def test_hand_written_sql_reads_the_index_and_refuses_a_type_left_out(runtime: Runtime, admin: Actor) -> None:
    with runtime.reading() as session:
        plan = _plan(session, f"SELECT e.payload FROM events e WHERE {sql_of_type('e', 'complaint_updated')} ORDER BY e.seq")
    assert "ix_events_rare_type" in plan
    with pytest.raises(ValueError):
        sql_of_type("e", "lot_issued")


def test_a_lookup_that_includes_a_bulk_type_does_not_claim_the_index() -> None:
    assert NOT_BULK_TYPE not in _literal(select(Event.seq).where(of_types("user_created", "lot_issued")))


def test_the_migration_builds_the_index_the_model_describes() -> None:
    migration = importlib.import_module("tracedesk.db.migrations.versions.0015_scan_pages")
    assert migration.NOT_BULK_TYPE == NOT_BULK_TYPE
