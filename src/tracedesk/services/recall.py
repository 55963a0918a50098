"""Recalls: from lots, a supplier lot or a list, everything affected and where it is now.

The report answers the questions a recall asks in order: which lots (in stock with how much,
consumed in which order, shipped to whom), which orders, and per customer the lots,
quantities, dates and documents shipped. Starting a recall holds every affected lot in one
event, unless a source lot is already in an open recall (then that recall is named). A mock
recall (services.mock_recall) times the exercise and records that time, holding nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import clean_text
from tracedesk.core.quantity import format_quantity
from tracedesk.db.genealogy import with_descendants
from tracedesk.db.hold_queries import suspect_lots
from tracedesk.db.id_sets import id_set
from tracedesk.db.models import Hold, Item, Location, Lot, OrderInput, Party, Recall, Scrap, Shipment, WorkOrder
from tracedesk.services.dto import ShipmentInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.warehouse import StockLine, stock_lines, totals_by_location, totals_by_plant


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
    location: str | None = None
    plant: str | None = None
    scrapped: tuple[tuple[Decimal, bool], ...] = ()  # (quantity, destroyed)

    @property
    def where(self) -> Message:
        places = []
        if self.balance > 0 and self.location:
            places.append(
                msg(
                    "in stock {quantity} {unit} at {location} ({plant})",
                    quantity=self.balance,
                    unit=self.unit,
                    location=self.location,
                    plant=self.plant or "—",
                )
            )
        elif self.balance > 0:
            places.append(msg("in stock {quantity} {unit}", quantity=self.balance, unit=self.unit))
        places += [
            msg("destroyed {quantity} {unit}", quantity=q, unit=self.unit)
            if destroyed
            else msg("scrapped {quantity} {unit}", quantity=q, unit=self.unit)
            for q, destroyed in self.scrapped
        ]
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
class MockDrill:
    """A mock recall as the log keeps it: who ran it, when, and how long the answer took."""

    code: str
    started_at: datetime  # UTC
    finished_at: datetime  # UTC: the moment the report was complete
    elapsed_seconds: float
    run_by: str
    run_by_name: str
    sources: tuple[str, ...]
    lots: int
    customers: int
    report: str | None = None  # the report's file name, when one was written


@dataclass(frozen=True)
class ScrapLine:
    """Material of the recall's scope that was scrapped or destroyed, as a regulator asks."""

    lot: str
    item: str
    quantity: Decimal
    unit: str
    destroyed: bool
    reason: str
    at: datetime
    witness: str | None
    location: str | None


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
    mock: MockDrill | None = None  # set on a mock recall's report: it says so on every page
    # On-hand stock of the scope with its location and plant, and what was scrapped or destroyed.
    stock: tuple[StockLine, ...] = field(default=())
    scrapped: tuple[ScrapLine, ...] = field(default=())

    @property
    def stock_by_location(self) -> list[tuple[str | None, str | None, str, Decimal, str]]:
        return totals_by_location(list(self.stock))

    @property
    def stock_by_plant(self) -> list[tuple[str | None, str, Decimal, str]]:
        return totals_by_plant(list(self.stock))

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
    stock = stock_lines(session, lot_ids=list(ids))
    placed = {line.lot: line for line in stock}
    scrapped: dict[str, list[tuple[Decimal, bool]]] = defaultdict(list)
    scrap_lines = []
    places = dict(session.execute(select(Location.id, Location.code)).all())
    for scrap, lot_code, item_code in session.execute(
        select(Scrap, Lot.code, Item.code)
        .join(Lot, Lot.id == Scrap.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .where(Scrap.lot_id.in_(id_set(ids)))
        .order_by(Scrap.scrapped_at, Scrap.id)
    ):
        scrapped[lot_code].append((scrap.quantity, scrap.destroyed))
        scrap_lines.append(
            ScrapLine(
                lot_code,
                item_code,
                scrap.quantity,
                scrap.unit,
                scrap.destroyed,
                scrap.reason,
                scrap.scrapped_at,
                scrap.witness,
                places.get(scrap.location_id) if scrap.location_id else None,
            )
        )
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
            placed[code].location if code in placed else None,
            placed[code].plant if code in placed else None,
            tuple(scrapped.get(code, ())),
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
    return RecallReport(label, tuple(sources), affected, orders, customers, now, stock=tuple(stock), scrapped=tuple(scrap_lines))


def _dec(value: Decimal | int) -> Decimal:
    from tracedesk.db.scaled import from_scaled

    return value if isinstance(value, Decimal) else from_scaled(value)


class RecallAlreadyOpen(Refused):
    """A source lot is in a recall that still holds it: that recall is named, not a second one opened."""

    def __init__(self, lot: str, recall: str, started_at: datetime, started_by: str) -> None:
        super().__init__(
            msg(
                "Lot {lot} is already in open recall {recall} (started {time} UTC by {user}); work on that recall.",
                lot=lot,
                recall=recall,
                time=f"{started_at:%Y-%m-%d %H:%M}",
                user=started_by,
            )
        )
        self.lot = lot
        self.recall = recall


def open_recall_of(session: Session, lots: Sequence[str]) -> RecallAlreadyOpen | None:
    """The open recall (one still holding the lot) of the first of `lots` in one, or None."""
    row = session.execute(
        select(Lot.code, Recall.code, Recall.started_at, Recall.started_by)
        .join(Hold, Hold.lot_id == Lot.id)
        .join(Recall, Recall.code == Hold.recall)
        .where(Lot.code.in_(list(lots)), Hold.closed_at.is_(None))
        .order_by(Recall.started_at, Lot.code)
        .limit(1)
    ).first()
    if row is None:
        return None
    lot, recall, started_at, started_by = row
    return RecallAlreadyOpen(lot=lot, recall=recall, started_at=started_at, started_by=started_by)


def open_recall_report(session: Session, recall: str, *, now: datetime) -> RecallReport:
    """The report of a recall already started, from its sources as they stand now."""
    found = session.scalar(select(Recall).where(Recall.code == recall.strip()))
    if found is None:
        raise NotFound("There is no recall {recall}.", recall=recall)
    report = recall_report(session, lots=json.loads(found.sources), now=now)
    return RecallReport(
        msg("Recall {recall}: {title}", recall=found.code, title=report.title),
        report.sources,
        report.lots,
        report.orders,
        report.customers,
        report.prepared_at,
        recall_code=found.code,
    )


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
    already = open_recall_of(session, report.sources)
    if already is not None:
        raise already
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
    return replace(report, title=msg("Recall {recall}: {title}", recall=code, title=report.title), recall_code=code)


def recall_json(report: RecallReport) -> dict[str, Any]:
    """A JSON-safe form of the report (CLI --json and attachments)."""
    safe: dict[str, Any] = json.loads(
        json.dumps(
            {
                "title": report.title,
                "recall": report.recall_code,
                "sources": list(report.sources),
                "elapsed_seconds": report.elapsed_seconds,
                "mock": None
                if report.mock is None
                else {
                    "drill": report.mock.code,
                    "started_at": report.mock.started_at.isoformat(),
                    "finished_at": report.mock.finished_at.isoformat(),
                    "run_by": report.mock.run_by,
                },
                "lots": [
                    {
                        "code": x.code,
                        "item": x.item,
                        "status": x.status,
                        "balance": format_quantity(x.balance),
                        "unit": x.unit,
                        "location": x.location,
                        "plant": x.plant,
                        "where": x.where,
                        "consumed": [[o, format_quantity(q)] for o, q in x.consumed],
                        "shipped": [[c, format_quantity(q)] for c, q in x.shipped],
                    }
                    for x in report.lots
                ],
                "stock_by_location": [
                    {"plant": p, "location": loc, "item": i, "quantity": str(q), "unit": u}
                    for p, loc, i, q, u in report.stock_by_location
                ],
                "stock_by_plant": [
                    {"plant": p, "item": i, "quantity": str(q), "unit": u} for p, i, q, u in report.stock_by_plant
                ],
                "scrapped": [
                    {
                        "lot": x.lot,
                        "item": x.item,
                        "quantity": str(x.quantity),
                        "unit": x.unit,
                        "destroyed": x.destroyed,
                        "reason": x.reason,
                        "at": x.at.isoformat(),
                        "witness": x.witness,
                        "location": x.location,
                    }
                    for x in report.scrapped
                ],
                "orders": [{"number": o.number, "product": o.product, "status": o.status} for o in report.orders],
                "customers": [
                    {
                        "code": c.code,
                        "name": c.name,
                        "shipments": [
                            {
                                "lot": s.lot,
                                "quantity": format_quantity(s.quantity),
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
