"""The critical tracking events behind EPCIS and FSMA exports, read from the log and state tables.

Both exports translate the same facts: receipts, issues to orders, outputs and shipments,
each with the lot, item, quantity, place and document it concerns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.timeparse import from_iso_utc
from tracedesk.db.genealogy import trace
from tracedesk.db.id_sets import id_set
from tracedesk.db.models import Event, EventLot, Item, Lot, Party, WorkOrder
from tracedesk.services.lookup import lot_by_code

CTE_TYPES = ("lot_received", "lot_issued", "output_recorded", "lot_shipped")


@dataclass(frozen=True)
class LotFacts:
    code: str
    item: str
    item_name: str
    gtin: str | None
    unit: str
    supplier_lot: str | None
    supplier: str | None
    supplier_name: str | None
    supplier_gln: str | None
    origin: str


@dataclass(frozen=True)
class TrackingEvent:
    """One critical tracking event: what happened to how much of which lot, where, under which document."""

    event_id: str
    kind: str  # receiving | issue | output | shipping
    time: datetime
    utc_offset_minutes: int
    station: str
    lot: LotFacts
    quantity: Decimal
    order: str | None = None
    product: str | None = None
    party: str | None = None
    party_name: str | None = None
    party_gln: str | None = None
    party_location: str | None = None
    document: str | None = None


_KINDS = {"lot_received": "receiving", "lot_issued": "issue", "output_recorded": "output", "lot_shipped": "shipping"}
_TIME_KEYS = {
    "lot_received": "received_at",
    "lot_issued": "issued_at",
    "output_recorded": "produced_at",
    "lot_shipped": "shipped_at",
}


def family_of(session: Session, code: str) -> list[int]:
    """The lot, everything it came from and everything made from it."""
    lot = lot_by_code(session, code)
    return [lot.id, *(r.lot_id for r in trace(session, lot.id, "up")), *(r.lot_id for r in trace(session, lot.id, "down"))]


def tracking_events(
    session: Session, *, lot_ids: Sequence[int] | None = None, since: datetime | None = None, until: datetime | None = None
) -> list[TrackingEvent]:
    """Receipts, issues, outputs and shipments in log order, for some lots and/or a time range."""
    stmt = select(Event).where(Event.type.in_(CTE_TYPES)).order_by(Event.seq)
    if lot_ids is not None:
        stmt = stmt.where(Event.seq.in_(select(EventLot.event_seq).where(EventLot.lot_id.in_(id_set(lot_ids)))))
    rows = list(session.scalars(stmt))
    payloads = [json.loads(r.payload) for r in rows]
    lots = _lot_facts(session, {p["lot"] for p in payloads})
    customers = {p.code: p for p in session.scalars(select(Party).where(Party.kind == "customer"))}
    orders = dict(session.execute(select(WorkOrder.number, Item.code).join(Item, Item.id == WorkOrder.product_id)).all())
    result = []
    for row, payload in zip(rows, payloads):
        when = from_iso_utc(payload[_TIME_KEYS[row.type]]) if payload.get(_TIME_KEYS[row.type]) else row.recorded_at
        if (since and when < since) or (until and when >= until):
            continue
        lot = lots[payload["lot"]]
        kind = _KINDS[row.type]
        party = customers.get(payload.get("customer", "")) if kind == "shipping" else None
        result.append(
            TrackingEvent(
                row.id,
                kind,
                when,
                row.utc_offset_minutes,
                row.station,
                lot,
                Decimal(payload["quantity"]),
                order=payload.get("order"),
                product=orders.get(payload.get("order", "")),
                party=party.code if party else (lot.supplier if kind == "receiving" else None),
                party_name=party.name if party else (lot.supplier_name if kind == "receiving" else None),
                party_gln=party.gln if party else (lot.supplier_gln if kind == "receiving" else None),
                party_location=party.location if party else None,
                document=payload.get("document") or (payload.get("po") if kind == "receiving" else None) or payload.get("order"),
            )
        )
    return result


def _lot_facts(session: Session, codes: set[str]) -> dict[str, LotFacts]:
    facts: dict[str, LotFacts] = {}
    wanted = sorted(codes)
    for start in range(0, len(wanted), 900):
        stmt = (
            select(Lot, Item, Party)
            .join(Item, Item.id == Lot.item_id)
            .outerjoin(Party, Party.id == Lot.supplier_id)
            .where(Lot.code.in_(wanted[start : start + 900]))
        )
        for lot, item, supplier in session.execute(stmt):
            facts[lot.code] = LotFacts(
                lot.code,
                item.code,
                item.name,
                item.gtin,
                lot.unit,
                lot.supplier_lot,
                supplier.code if supplier else None,
                supplier.name if supplier else None,
                supplier.gln if supplier else None,
                lot.origin,
            )
    return facts
