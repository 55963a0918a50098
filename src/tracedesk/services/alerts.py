"""Alerts for QA and planning: expiring lots, long quarantine, BOM deviations, outputs without
inputs, held or suspect lots still in open orders, suppliers with repeated rejections, suppliers
whose monthly rejection rate drifts (the p-chart rule of services.analytics), and a serial shipped
to two customers (a copied label)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.messages import Message, msg
from tracedesk.db.hold_queries import open_orders_using, suspect_lots
from tracedesk.db.models import BomLine, Item, Lot, OrderInput, OrderOutput, Party, Shipment, WorkOrder
from tracedesk.services.analytics import RISING_RUN, Period, drifting_suppliers


@dataclass(frozen=True)
class AlertSettings:
    expiry_days: int = 14
    quarantine_days: int = 3
    bom_tolerance_percent: Decimal = Decimal(10)
    supplier_rejections: int = 2
    # How many months back (this month included) are searched for drift; each is judged against
    # the p-chart of the year up to today (analytics.supplier_window), as on the dashboard.
    drift_months: int = 12


# What each kind of alert is called, for a list's first column.
ALERT_KINDS: dict[str, Message] = {
    "expiring": msg("expiring"),
    "quarantine": msg("long in quarantine"),
    "bom_deviation": msg("BOM deviation"),
    "no_inputs": msg("no inputs"),
    "held_in_open_order": msg("held in open order"),
    "supplier_rejections": msg("supplier rejections"),
    "serial_two_customers": msg("serial at two customers"),
    "supplier_drifting": msg("supplier drifting"),
}


@dataclass(frozen=True)
class Alert:
    kind: str
    subject: str
    message: Message

    @property
    def kind_name(self) -> Message | str:
        return ALERT_KINDS.get(self.kind, self.kind)


def alerts(session: Session, *, now: datetime, settings: AlertSettings = AlertSettings()) -> list[Alert]:
    """Every alert that holds now, grouped by kind in a fixed order."""
    return [
        *_expiring(session, now, settings),
        *_long_quarantine(session, now, settings),
        *_bom_deviation(session, settings),
        *_outputs_without_inputs(session),
        *_held_in_open_orders(session),
        *_supplier_rejections(session, settings),
        *_serials_at_two_customers(session),
        *_supplier_drifting(session, now, settings),
    ]


def _expiring(session: Session, now: datetime, s: AlertSettings) -> list[Alert]:
    limit = (now + timedelta(days=s.expiry_days)).date()
    rows = session.execute(
        select(Lot.code, Lot.expiry, Lot.balance, Lot.unit)
        .where(Lot.expiry.is_not(None), Lot.expiry <= limit, Lot.balance > 0, Lot.status != "rejected")
        .order_by(Lot.expiry, Lot.code)
    )
    return [
        Alert(
            "expiring",
            code,
            msg("expired {expiry}, {balance} {unit} left", expiry=expiry, balance=balance, unit=unit)
            if expiry < now.date()
            else msg("expires {expiry}, {balance} {unit} left", expiry=expiry, balance=balance, unit=unit),
        )
        for code, expiry, balance, unit in rows
        if expiry is not None  # the query excludes them; this tells the type checker
    ]


def _long_quarantine(session: Session, now: datetime, s: AlertSettings) -> list[Alert]:
    cutoff = now - timedelta(days=s.quarantine_days)
    rows = session.execute(
        select(Lot.code, func.coalesce(Lot.received_at, Lot.produced_at))
        .where(Lot.status == "quarantine", func.coalesce(Lot.received_at, Lot.produced_at) < cutoff)
        .order_by(Lot.code)
    )
    return [Alert("quarantine", code, msg("in quarantine since {since}", since=since.date())) for code, since in rows]


def _bom_deviation(session: Session, s: AlertSettings) -> list[Alert]:
    """Issued quantity per component vs BOM quantity for what the order produced."""
    found = []
    orders = session.execute(select(WorkOrder.id, WorkOrder.number, WorkOrder.bom_id).where(WorkOrder.bom_id.is_not(None))).all()
    produced = dict(
        session.execute(select(OrderOutput.order_id, func.sum(OrderOutput.quantity)).group_by(OrderOutput.order_id)).all()
    )
    issued: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for order, item, quantity in session.execute(
        select(OrderInput.order_id, Lot.item_id, OrderInput.quantity).join(Lot, Lot.id == OrderInput.lot_id)
    ):
        issued[(order, item)] += quantity
    lines = defaultdict(list)
    for bom_id, component, per in session.execute(select(BomLine.bom_id, BomLine.component_id, BomLine.quantity_per)):
        lines[bom_id].append((component, per))
    codes = dict(session.execute(select(Item.id, Item.code)).all())
    for order, number, bom in orders:
        total = produced.get(order)
        if not total or bom is None:  # (the query leaves out orders without a BOM already)
            continue
        made = total if isinstance(total, Decimal) else Decimal(total) / Decimal(10**6)
        for component, per in lines[bom]:
            expected = per * made
            actual = issued.get((order, component), Decimal(0))
            if expected and abs(actual - expected) / expected * 100 > s.bom_tolerance_percent:
                found.append(
                    Alert(
                        "bom_deviation",
                        number,
                        msg(
                            "{component}: issued {issued}, BOM says {expected} ({deviation}%)",
                            component=codes[component],
                            issued=actual,
                            expected=expected,
                            deviation=f"{(actual - expected) / expected * 100:+.0f}",
                        ),
                    )
                )
    return found


def _outputs_without_inputs(session: Session) -> list[Alert]:
    rows = session.execute(
        select(Lot.code, WorkOrder.number)
        .join(OrderOutput, OrderOutput.lot_id == Lot.id)
        .join(WorkOrder, WorkOrder.id == OrderOutput.order_id)
        .where(~select(OrderInput.id).where(OrderInput.order_id == OrderOutput.order_id).exists())
        .order_by(Lot.code)
    )
    return [
        Alert("no_inputs", code, msg("output of {order} with no recorded inputs: its origin cannot be traced", order=order))
        for code, order in rows
    ]


def _held_in_open_orders(session: Session) -> list[Alert]:
    held = set(session.scalars(select(Lot.id).where(Lot.status == "on_hold"))) | set(suspect_lots(session))
    return [
        Alert("held_in_open_order", order, msg("open order uses lot {lot}, which is on hold or suspect", lot=lot))
        for order, lot in open_orders_using(session, held)
    ]


def _supplier_rejections(session: Session, s: AlertSettings) -> list[Alert]:
    rows = session.execute(
        select(Party.code, Party.name, func.count(Lot.id))
        .join(Lot, Lot.supplier_id == Party.id)
        .where(Lot.status == "rejected", Lot.origin == "received")
        .group_by(Party.code, Party.name)
        .having(func.count(Lot.id) >= s.supplier_rejections)
        .order_by(Party.code)
    )
    return [
        Alert("supplier_rejections", code, msg("{name}: {count} {count|lot|lots} rejected", name=name, count=count))
        for code, name, count in rows
    ]


def _serials_at_two_customers(session: Session) -> list[Alert]:
    """One unit cannot be sold twice: a serial shipped to two customers means a copied label (or a mistake)."""
    rows = session.execute(
        select(Lot.code, Party.code)
        .join(Item, Item.id == Lot.item_id)
        .join(Shipment, Shipment.lot_id == Lot.id)
        .join(Party, Party.id == Shipment.customer_id)
        .where(Item.tracking == "serial")
        .distinct()
        .order_by(Lot.code, Party.code)
    ).all()
    customers: dict[str, list[str]] = defaultdict(list)
    for serial, customer in rows:
        customers[serial].append(customer)
    return [
        Alert(
            "serial_two_customers",
            serial,
            msg("one unit shipped to {count} customers ({customers}): check for copied labels", count=len(c), customers=c),
        )
        for serial, c in customers.items()
        if len(c) > 1
    ]


def _supplier_drifting(session: Session, now: datetime, s: AlertSettings) -> list[Alert]:
    if s.drift_months <= 0:
        return []
    start = now.date().replace(day=1)
    for _ in range(s.drift_months - 1):
        start = (start - timedelta(days=1)).replace(day=1)
    found = []
    for point in drifting_suppliers(session, Period(start, now.date())):
        common = {"name": point.name, "month": point.month, "rejected": point.rejected, "count": point.received}
        rate = f"{point.rate * 100:.0f}"
        found.append(
            Alert(
                "supplier_drifting",
                point.supplier,
                msg(
                    "{name}: {rejected} of {count} {count|lot|lots} rejected in {month} ({rate}%), above the 3-sigma limit of {limit}%",
                    rate=rate,
                    limit=f"{point.upper * 100:.0f}",
                    **common,
                )
                if point.above_limit
                else msg(
                    "{name}: {rejected} of {count} {count|lot|lots} rejected in {month} ({rate}%), the rate rose {run} months in a row",
                    rate=rate,
                    run=RISING_RUN,
                    **common,
                ),
            )
        )
    return found
