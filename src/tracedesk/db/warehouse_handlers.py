"""Projection of the warehouse and after-sales legs: moves, customer returns, scrap and destruction, transfers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import update

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Lot, LotMove
from tracedesk.db.projector import HandlerTable, Projector, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


@handles("lot_moved")
def _lot_moved(p: Projector, events: list[StoredEvent]) -> None:
    """A lot, all of it, is now in another location (a quantity was split off first by its own event)."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    places = p.location_ids([e.payload["to"] for e in events] + [e.payload.get("from") for e in events])
    for e in events:
        lot_id, to = lots[e.payload["lot"]], places[e.payload["to"]]
        p.session.execute(update(Lot).where(Lot.id == lot_id).values(location_id=to))
    p.insert(
        LotMove,
        [
            {
                "lot_id": lots[e.payload["lot"]],
                "from_location_id": places.get(e.payload.get("from")),
                "to_location_id": places[e.payload["to"]],
                "quantity": Decimal(e.payload["quantity"]),
                "purpose": e.payload.get("purpose") or "move",
                "moved_at": _time(e.payload["moved_at"]),
                "created_event": e.seq,
            }
            for e in events
        ],
    )
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)
