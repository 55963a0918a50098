"""Projection of master-data edits: suppliers, customers and locations changed by events with old and new values."""

from __future__ import annotations

from sqlalchemy import update

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Location, Party
from tracedesk.db.ordering import later_changed_fields
from tracedesk.db.projector import HandlerTable, Projector, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


def new_values(p: Projector, event: StoredEvent, match: dict[str, str]) -> dict[str, object]:
    """The payload keeps [old, new] per field so the audit trail can show both; the state takes the
    new, unless a change of the same field recorded later (in the canonical order) is here already."""
    outdated = later_changed_fields(p.session, event, (event.type,), match)
    return {field: new for field, (_old, new) in event.payload["changes"].items() if field not in outdated}


@handles("party_updated")
def _party_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        values = new_values(p, e, {"kind": e.payload["kind"], "code": e.payload["code"]})
        if values:
            p.session.execute(
                update(Party).where(Party.kind == e.payload["kind"], Party.code == e.payload["code"]).values(**values)
            )


@handles("location_updated")
def _location_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        values = new_values(p, e, {"code": e.payload["code"]})
        if values:
            p.session.execute(update(Location).where(Location.code == e.payload["code"]).values(**values))
