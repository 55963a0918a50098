"""Recalls: from lots, a supplier lot or a list, everything affected and where it is now.

The report answers the questions a recall asks in order: which lots (in stock with how much,
consumed in which order, shipped to whom), which orders, and per customer the lots,
quantities, dates and documents shipped. Starting a recall holds every affected lot in one
event; a mock recall times the exercise from the first scan to the finished report and
records that time, holding nothing.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import clean_text
from tracedesk.db.genealogy import with_descendants
from tracedesk.db.hold_queries import suspect_lots
from tracedesk.db.id_sets import id_set
from tracedesk.db.models import Item, Lot, OrderInput, Party, Recall, Shipment, WorkOrder
from tracedesk.services.dto import ShipmentInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.permissions import Action, require


@dataclass(frozen=True)
class AffectedLot:
    """One lot in a recall's scope and where its material is now."""

    code: str
    item: str
    item_name: str
    status: str
    quantity: Decimal
    balance: Decimal
    unit: str
    consumed: tuple[tuple[str, Decimal], ...] = ()  # (order, quantity issued)
    shipped: tuple[tuple[str, Decimal], ...] = ()  # (customer, quantity shipped)
    supplier_lot: str | None = None
    expiry: str | None = None
    # (held ancestor, hold reason): a lot made from held material is blocked though its own status is not.
    suspect_holds: tuple[tuple[str, str], ...] = ()

    @property
    def where(self) -> Message:
        places = []
        if self.balance > 0:
            places.append(msg("in stock {quantity} {unit}", quantity=self.balance, unit=self.unit))
        places += [msg("consumed in {order} ({quantity} {unit})", order=o, quantity=q, unit=self.unit) for o, q in self.consumed]
        places += [
            msg("shipped to {customer} ({quantity} {unit})", customer=c, quantity=q, unit=self.unit) for c, q in self.shipped
        ]
        return msg("{places}", places=places) if places else msg("used up")


@dataclass(frozen=True)
class AffectedOrder:
    number: str
    product: str
    product_name: str
    status: str


@dataclass(frozen=True)
class CustomerExposure:
    """What one customer received of the affected lots."""

    code: str
    name: str
    location: str
    shipments: tuple[ShipmentInfo, ...]


@dataclass(frozen=True)
class RecallReport:
    title: Message | str
    sources: tuple[str, ...]
    lots: tuple[AffectedLot, ...]
    orders: tuple[AffectedOrder, ...]
    customers: tuple[CustomerExposure, ...]
    prepared_at: datetime
    elapsed_seconds: float | None = None
    recall_code: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def lot_codes(self) -> tuple[str, ...]:
        return tuple(lot.code for lot in self.lots)


def lots_of_supplier_lot(session: Session, supplier_lot: str, supplier: str | None = None) -> list[str]:
    """Our lots received under a supplier's lot number (two suppliers may share a number)."""
    stmt = select(Lot.code).where(Lot.supplier_lot == supplier_lot.strip(), Lot.origin == "received")
    if supplier:
        stmt = stmt.join(Party, Party.id == Lot.supplier_id).where(Party.code == supplier.strip())
    codes = list(session.scalars(stmt.order_by(Lot.code)))
    if not codes:
        if supplier:
            raise NotFound(
                "No lot was received under supplier lot '{supplier_lot}' from {supplier}.",
                supplier_lot=supplier_lot,
                supplier=supplier,
            )
        raise NotFound("No lot was received under supplier lot '{supplier_lot}'.", supplier_lot=supplier_lot)
    return codes


def resolve_sources(
    session: Session, lots: Sequence[str] = (), supplier_lot: str | None = None, supplier: str | None = None
) -> list[str]:
    codes = [lot_by_code(session, code).code for code in lots]
    if supplier_lot:
        codes += lots_of_supplier_lot(session, supplier_lot, supplier)
    if not codes:
        raise InvalidInput("Name the lots to recall, or a supplier lot.")
    return list(dict.fromkeys(codes))


def recall_report(
    session: Session,
    *,
    lots: Sequence[str] = (),
    supplier_lot: str | None = None,
    supplier: str | None = None,
    now: datetime,
    title: Message | str | None = None,
) -> RecallReport:
    """Everything affected by the sources, where it is now, the orders and the customers."""
    sources = resolve_sources(session, lots, supplier_lot, supplier)
    start_ids = list(session.scalars(select(Lot.id).where(Lot.code.in_(sources))))
    ids = with_descendants(session, start_ids)
    # Columns, not Lot objects: a silo lot's scope is a third of the plant.
    rows = session.execute(
        select(
            Lot.id, Lot.code, Item.code, Item.name, Lot.status, Lot.quantity, Lot.balance, Lot.unit, Lot.supplier_lot, Lot.expiry
        )
        .join(Item, Item.id == Lot.item_id)
        .where(Lot.id.in_(id_set(ids)))
        .order_by(Lot.code)
    ).all()
    consumed: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for lot_id, number, qty in session.execute(
        select(OrderInput.lot_id, WorkOrder.number, func.sum(OrderInput.quantity))
        .join(WorkOrder, WorkOrder.id == OrderInput.order_id)
        .where(OrderInput.lot_id.in_(id_set(ids)))
        .group_by(OrderInput.lot_id, WorkOrder.number)
        .order_by(WorkOrder.number)
    ):
        consumed[lot_id].append((number, _dec(qty)))
    shipments: list[ShipmentInfo] = []
    shipped: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    codes = {row[0]: row[1] for row in rows}
    parties: dict[str, Party] = {}
    for s, party in session.execute(
        select(Shipment, Party)
        .join(Party, Party.id == Shipment.customer_id)
        .where(Shipment.lot_id.in_(id_set(ids)))
        .order_by(Shipment.shipped_at, Shipment.id)
    ):
        shipments.append(ShipmentInfo(codes[s.lot_id], party.code, s.quantity, s.unit, s.shipped_at, s.document, party.name))
        shipped[s.lot_id][party.code] += s.quantity
        parties[party.code] = party
    suspects = suspect_lots(session, ids)  # one query for the whole scope
    affected = tuple(
        AffectedLot(
            code,
            item,
            name,
            status,
            quantity,
            balance,
            unit,
            tuple(consumed.get(lot_id, ())),
            tuple(sorted(shipped.get(lot_id, {}).items())),
            supplier_lot,
            expiry.isoformat() if expiry else None,
            tuple((s.source, s.reason) for s in suspects.get(lot_id, ())),
        )
        for lot_id, code, item, name, status, quantity, balance, unit, supplier_lot, expiry in rows
    )
    orders = tuple(
        AffectedOrder(number, product, product_name, status)
        for number, product, product_name, status in session.execute(
            select(WorkOrder.number, Item.code, Item.name, WorkOrder.status)
            .join(Item, Item.id == WorkOrder.product_id)
            .where(WorkOrder.id.in_(select(OrderInput.order_id).where(OrderInput.lot_id.in_(id_set(ids)))))
            .order_by(WorkOrder.number)
        )
    )
    by_customer: dict[str, list[ShipmentInfo]] = defaultdict(list)
    for shipment in shipments:
        by_customer[shipment.customer].append(shipment)
    customers = tuple(
        CustomerExposure(code, parties[code].name, parties[code].location, tuple(by_customer[code])) for code in sorted(parties)
    )
    label = title or (
        msg("supplier lot {supplier_lot}", supplier_lot=supplier_lot)
        if supplier_lot and not lots
        else msg("{lots}", lots=sources)
    )
    return RecallReport(label, tuple(sources), affected, orders, customers, now)


def _dec(value: Decimal | int) -> Decimal:
    from tracedesk.db.scaled import from_scaled

    return value if isinstance(value, Decimal) else from_scaled(value)


def _next_recall_code(session: Session, actor: Actor) -> str:
    count = session.scalar(select(func.count()).select_from(Recall)) or 0
    return f"RC-{actor.station}-{count + 1:04}"


def start_recall(
    session: Session,
    actor: Actor,
    *,
    reason: str,
    lots: Sequence[str] = (),
    supplier_lot: str | None = None,
    supplier: str | None = None,
) -> RecallReport:
    """Hold every affected lot in one step (one event) and return the recall's report."""
    require(session, actor, Action.RECALL)
    require(session, actor, Action.HOLD)
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        raise InvalidInput("Give the reason for the recall; every held lot shows it.")
    report = recall_report(session, lots=lots, supplier_lot=supplier_lot, supplier=supplier, now=actor.now())
    holdable = [lot.code for lot in report.lots if lot.status != "rejected"]
    if not holdable:
        raise Refused("Every affected lot is rejected already; there is nothing to hold.")
    code = _next_recall_code(session, actor)
    apply_event(
        session,
        actor,
        "recall_started",
        {
            "recall": code,
            # Written in the language of the person acting, like the reason they typed.
            "reason": str(msg("recall {recall}: {reason}", recall=code, reason=reason)),
            "sources": list(report.sources),
            "lots": holdable,
            "supplier_lot": supplier_lot,
        },
    )
    return RecallReport(
        msg("Recall {recall}: {title}", recall=code, title=report.title),
        report.sources,
        report.lots,
        report.orders,
        report.customers,
        report.prepared_at,
        recall_code=code,
    )


class MockRecall:
    """Times a mock recall: started at the first scan, stopped when the report is finished."""

    def __init__(self, clock: object = time.monotonic) -> None:
        self._clock = clock
        self._started: float | None = None

    def first_scan(self) -> None:
        if self._started is None:
            self._started = self._clock()  # type: ignore[operator]

    def finish(self, session: Session, actor: Actor, report: RecallReport) -> RecallReport:
        """Stop the clock, record the exercise (no holds), and return the report with its time."""
        require(session, actor, Action.RECALL)
        if self._started is None:
            raise Refused("A mock recall starts with the first scan; nothing was scanned.")
        elapsed = round(self._clock() - self._started, 3)  # type: ignore[operator]
        apply_event(
            session,
            actor,
            "mock_recall_completed",
            {
                "sources": list(report.sources),
                "lots": len(report.lots),
                "customers": len(report.customers),
                "elapsed_seconds": str(elapsed),
            },
        )
        return RecallReport(
            msg("Mock recall: {title}", title=report.title),
            report.sources,
            report.lots,
            report.orders,
            report.customers,
            report.prepared_at,
            elapsed_seconds=elapsed,
        )


def recall_json(report: RecallReport) -> dict[str, Any]:
    """A JSON-safe form of the report (CLI --json and attachments)."""
    safe: dict[str, Any] = json.loads(
        json.dumps(
            {
                "title": report.title,
                "recall": report.recall_code,
                "sources": list(report.sources),
                "elapsed_seconds": report.elapsed_seconds,
                "lots": [
                    {
                        "code": x.code,
                        "item": x.item,
                        "status": x.status,
                        "balance": str(x.balance),
                        "unit": x.unit,
                        "where": x.where,
                        "consumed": [[o, str(q)] for o, q in x.consumed],
                        "shipped": [[c, str(q)] for c, q in x.shipped],
                    }
                    for x in report.lots
                ],
                "orders": [{"number": o.number, "product": o.product, "status": o.status} for o in report.orders],
                "customers": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "shipments": [
                            {
                                "lot": s.lot,
                                "quantity": str(s.quantity),
                                "unit": s.unit,
                                "shipped_at": s.shipped_at.isoformat(),
                                "document": s.document,
                            }
                            for s in c.shipments
                        ],
                    }
                    for c in report.customers
                ],
            },
            default=str,
        )
    )
    return safe
