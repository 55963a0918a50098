"""Projection of QA's resolutions of conflicts (the conflicts themselves are derived: db.conflicts)."""

from __future__ import annotations

from sqlalchemy import select

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import ConflictResolution, Event, Signature
from tracedesk.db.projector import HandlerTable, Projector, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


@handles("conflict_resolved")
def _conflict_resolved(p: Projector, events: list[StoredEvent]) -> None:
    """The first resolution in the canonical order stands (two stations may resolve one conflict
    offline: both events are kept, every station shows the same one)."""
    for e in events:
        row = p.session.get(ConflictResolution, e.payload["conflict"])
        if row is not None:
            held = p.session.execute(select(Event.recorded_at, Event.id).where(Event.seq == row.created_event)).one()
            if (held.recorded_at, held.id) <= (e.recorded_at, e.id):
                continue
        else:
            row = ConflictResolution(conflict=e.payload["conflict"])
            p.session.add(row)
        row.note, row.resolved_by, row.resolved_at, row.created_event = e.payload["note"], e.user, e.recorded_at, e.seq
        signature = e.payload.get("signature")
        if signature:
            p.session.add(
                Signature(
                    event_seq=e.seq,
                    lot_id=None,
                    signer=signature["signer"],
                    signer_name=signature["name"],
                    role=signature["role"],
                    meaning=signature["meaning"],
                    signed_at=_time(signature["signed_at"]),
                )
            )
        p.session.flush()
