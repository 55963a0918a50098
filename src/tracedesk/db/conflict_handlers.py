"""Projection of QA's resolutions of conflicts (the conflicts themselves are derived: db.conflicts)."""

from __future__ import annotations

import json

from sqlalchemy import select

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Conflict, ConflictResolution, Event, Signature
from tracedesk.db.ordering import canonical_key
from tracedesk.db.projector import HandlerTable, Projector, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


@handles("conflict_resolved")
def _conflict_resolved(p: Projector, events: list[StoredEvent]) -> None:
    """The first resolution in the canonical order stands (two stations may resolve one conflict
    offline: both events are kept, every station shows the same one)."""
    for e in events:
        if p.session.get(Conflict, e.payload["conflict"]) is None and "events" in e.payload:
            # Its cause was gone here before the decision arrived: the conflict is shown as decided.
            p.session.add(
                Conflict(
                    code=e.payload["conflict"],
                    kind=e.payload["kind"],
                    subject=e.payload["subject"],
                    lots=json.dumps(e.payload["lots"], ensure_ascii=False),
                    stations=json.dumps(e.payload["stations"], ensure_ascii=False),
                    events=json.dumps(e.payload["events"]),
                    detected_at=_time(e.payload["detected_at"]),
                )
            )
        row = p.session.get(ConflictResolution, e.payload["conflict"])
        held = None
        if row is not None:
            held = p.session.execute(
                select(Event.recorded_at, Event.station, Event.station_seq).where(Event.seq == row.created_event)
            ).one()
        if row is None:
            row = ConflictResolution(conflict=e.payload["conflict"])
            p.session.add(row)
        if held is None or canonical_key(e) < tuple(held):
            row.note, row.resolved_by, row.resolved_at, row.created_event = e.payload["note"], e.user, e.recorded_at, e.seq
        # Every signed event keeps its signature, the one that stands or not.
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
