"""Projection of the warehouse and after-sales legs: moves, customer returns, scrap and destruction, transfers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.lot_handlers import count_minted
from tracedesk.db.models import CustomerReturn, Event, EventLot, Lot, LotLink, LotMove, Scrap, Signature, Transfer
from tracedesk.db.projector import HandlerTable, Projector, _date, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


# The events after which a lot is somewhere else (or in transit, nowhere), and where they put it.
_PLACING = {"lot_moved": "to", "transfer_shipped": None, "transfer_received": "location"}


def refresh_locations(p: Projector, lot_ids: list[int]) -> None:
    """A lot is where the last of its moves and transfers (in the canonical order: recorded time,
    then station and chain position) put it, whichever of them reached this station last; with none, where it was made."""
    latest: dict[int, tuple[Any, str, dict[str, Any]]] = {}
    wanted = sorted(set(lot_ids))
    for start in range(0, len(wanted), 500):
        rows = p.session.execute(
            select(EventLot.lot_id, Event.recorded_at, Event.station, Event.station_seq, Event.type, Event.payload)
            .join(Event, Event.seq == EventLot.event_seq)
            .where(EventLot.lot_id.in_(wanted[start : start + 500]), Event.type.in_(list(_PLACING)))
        )
        for lot_id, recorded_at, station, station_seq, event_type, payload in rows:
            held = latest.get(lot_id)
            if held is None or (recorded_at, station, station_seq) > held[0]:
                latest[lot_id] = ((recorded_at, station, station_seq), event_type, json.loads(payload))
    where: dict[int, str | None] = {}
    for lot, (_key, placing, named) in latest.items():
        key = _PLACING[placing]
        where[lot] = named.get(key) if key else None
    places = p.location_ids(where.values())
    p.set_lots([{"id": lot, "location_id": places.get(code) if code else None} for lot, code in sorted(where.items())])


@handles("lot_moved")
def _lot_moved(p: Projector, events: list[StoredEvent]) -> None:
    """A lot, all of it, is now in another location (a quantity was split off first by its own event)."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    places = p.location_ids([e.payload["to"] for e in events] + [e.payload.get("from") for e in events])
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
    refresh_locations(p, list(lots.values()))


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


@handles("transfer_shipped")
def _transfer_shipped(p: Projector, events: list[StoredEvent]) -> None:
    """The lot leaves its plant whole (a quantity was split off first): in transit, stock of neither plant."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    places = p.location_ids([e.payload.get("from") for e in events] + [e.payload["to_plant"] for e in events])
    rows = [
        {
            "document": e.payload["transfer"],
            "lot_id": lots[e.payload["lot"]],
            "quantity": Decimal(e.payload["quantity"]),
            "unit": e.payload["unit"],
            "from_location_id": places.get(e.payload.get("from")),
            "to_plant_id": places.get(e.payload["to_plant"]),
            "shipped_at": _time(e.payload["shipped_at"]),
            "note": "",
            "created_event": e.seq,
        }
        for e in events
    ]
    p.insert(Transfer, rows)
    p.change_balances([(r["lot_id"], -r["quantity"]) for r in rows])
    p.touch_lots((r["lot_id"], r["created_event"]) for r in rows)
    refresh_locations(p, [r["lot_id"] for r in rows])


@handles("transfer_received")
def _transfer_received(p: Projector, events: list[StoredEvent]) -> None:
    """The lot arrives at the other plant under the same code; a file-carried transfer creates it there."""
    for e in events:
        carried = e.payload.get("carried")
        quantity = Decimal(e.payload["quantity"])
        place = p.location_ids([e.payload["location"]])[e.payload["location"]]
        lot_id = p.lot_ids([e.payload["lot"]]).get(e.payload["lot"])
        if lot_id is None:
            if not carried:
                raise ValueError("a transfer received without the lot or its carried data", e.payload["lot"])
            item = p.item_ids([carried["item"]])[carried["item"]]
            supplier = p.party_ids("supplier", [carried.get("supplier")]).get(carried.get("supplier"))
            p.insert(
                Lot,
                [
                    {
                        "code": e.payload["lot"],
                        "item_id": item,
                        "origin": "transferred",
                        "quantity": quantity,
                        "unit": e.payload["unit"],
                        "balance": quantity,
                        "status": "quarantine",
                        "supplier_id": supplier,
                        "supplier_lot": carried.get("supplier_lot"),
                        "manufacturer_lot": carried.get("manufacturer_lot"),
                        "received_at": _time(e.payload["received_at"]),
                        "manufactured_on": _date(carried.get("manufactured_on")),
                        "expiry": _date(carried.get("expiry")),
                        "best_before": _date(carried.get("best_before")),
                        "location_id": place,
                        "created_event": e.seq,
                    }
                ],
            )
            lot_id = p.lot_ids([e.payload["lot"]])[e.payload["lot"]]
        else:
            p.change_balances([(lot_id, quantity)])
        exists = p.session.scalar(
            select(Transfer.id).where(Transfer.document == e.payload["transfer"], Transfer.lot_id == lot_id)
        )
        if exists is None:
            p.insert(
                Transfer,
                [
                    {
                        "document": e.payload["transfer"],
                        "lot_id": lot_id,
                        "quantity": Decimal(e.payload["shipped_quantity"]),
                        "unit": e.payload["unit"],
                        "from_location_id": p.location_ids([carried.get("from_plant")]).get(carried.get("from_plant"))
                        if carried
                        else None,
                        "to_plant_id": None,
                        "shipped_at": _time(carried.get("shipped_at")) if carried else None,
                        "note": "",
                        "created_event": e.seq,
                    }
                ],
            )
        p.session.execute(
            update(Transfer)
            .where(Transfer.document == e.payload["transfer"], Transfer.lot_id == lot_id)
            .values(
                received_quantity=quantity,
                received_location_id=place,
                received_at=_time(e.payload["received_at"]),
                note=e.payload.get("note") or "",
            )
        )
        p.touch_lots([(lot_id, e.seq)])
        refresh_locations(p, [lot_id])
