"""Projection of the warehouse and after-sales legs: moves, customer returns, scrap and destruction, transfers."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import update

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.lot_handlers import count_minted
from tracedesk.db.models import CustomerReturn, Lot, LotLink, LotMove, Scrap, Signature
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


_INHERITED = (
    "item_id",
    "unit",
    "supplier_id",
    "supplier_lot",
    "manufacturer_lot",
    "po",
    "order_id",
    "received_at",
    "produced_at",
    "manufactured_on",
    "expiry",
    "best_before",
)


@handles("lot_returned")
def _lot_returned(p: Projector, events: list[StoredEvent]) -> None:
    """A returned quantity becomes a lot of its own, in quarantine, linked to the lot that was shipped."""
    sources = p.lot_ids(e.payload["source_lot"] for e in events)
    customers = p.party_ids("customer", (e.payload["customer"] for e in events))
    places = p.location_ids(e.payload.get("location") for e in events)
    for e in events:
        source = p.lot(sources[e.payload["source_lot"]])
        quantity = Decimal(e.payload["quantity"])
        p.insert(
            Lot,
            [
                {
                    **{column: getattr(source, column) for column in _INHERITED},
                    "code": e.payload["lot"],
                    "origin": "returned",
                    "quantity": quantity,
                    "balance": quantity,
                    "status": "quarantine",
                    "location_id": places.get(e.payload.get("location")),
                    "created_event": e.seq,
                }
            ],
        )
        returned = p.lot_ids([e.payload["lot"]])[e.payload["lot"]]
        p.insert(
            LotLink,
            [
                {
                    "parent_id": source.id,
                    "child_id": returned,
                    "order_id": None,
                    "kind": "return",
                    "quantity": quantity,
                    "created_event": e.seq,
                }
            ],
        )
        p.insert(
            CustomerReturn,
            [
                {
                    "lot_id": returned,
                    "source_lot_id": source.id,
                    "customer_id": customers[e.payload["customer"]],
                    "document": e.payload["document"],
                    "quantity": quantity,
                    "unit": e.payload["unit"],
                    "reason": e.payload["reason"],
                    "returned_at": _time(e.payload["returned_at"]),
                    "created_event": e.seq,
                }
            ],
        )
        p.touch_lots([(source.id, e.seq), (returned, e.seq)])
    count_minted(p, events)


@handles("lot_scrapped")
def _lot_scrapped(p: Projector, events: list[StoredEvent]) -> None:
    """Scrap and destruction: the quantity leaves stock; a destruction keeps its witness's signature."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    places = p.location_ids(e.payload.get("location") for e in events)
    rows = [
        {
            "lot_id": lots[e.payload["lot"]],
            "quantity": Decimal(e.payload["quantity"]),
            "unit": e.payload["unit"],
            "reason": e.payload["reason"],
            "destroyed": bool(e.payload.get("destroyed")),
            "witness": e.payload.get("witness"),
            "location_id": places.get(e.payload.get("location")),
            "scrapped_at": _time(e.payload["scrapped_at"]),
            "created_event": e.seq,
        }
        for e in events
    ]
    p.insert(Scrap, rows)
    p.change_balances([(r["lot_id"], -r["quantity"]) for r in rows])
    for e in events:
        signed = e.payload.get("signature")
        if signed:
            p.session.add(
                Signature(
                    event_seq=e.seq,
                    lot_id=lots[e.payload["lot"]],
                    signer=signed["signer"],
                    signer_name=signed["name"],
                    role=signed["role"],
                    meaning=signed["meaning"],
                    signed_at=_time(signed["signed_at"]),
                )
            )
    p.session.flush()
    p.touch_lots((r["lot_id"], r["created_event"]) for r in rows)
