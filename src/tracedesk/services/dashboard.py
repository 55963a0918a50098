"""The QA dashboard's whole content for one period and filters, and each chart's data as a table.

One call gathers what the screen and the monthly quality review draw; `chart_tables` gives
each chart's numbers as rows for its CSV. Filters narrow the charts they make sense for:
product or item (yield, complaints, lead times, expiry), supplier (supplier quality, lead
times), customer (complaints).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from tracedesk.services.analytics import (
    EXPIRY_BUCKETS,
    ComplaintFact,
    ExpiryExposure,
    LeadTime,
    OrderYield,
    Period,
    SupplierMonth,
    complaint_facts,
    expiry_buckets,
    in_period,
    lead_times,
    order_yields,
    supplier_quality,
    waiting_lots,
    weekly_yields,
)
from tracedesk.services.analytics_flow import ComplaintTimes, FlowLink, RecallSize, complaint_times, material_flow, recall_sizes

# Cheapest first: the dashboard loads them one by one on the database thread, in this order.
CHARTS = ("suppliers", "expiry", "complaints", "yardsticks", "lead_times", "yield", "flow")


@dataclass(frozen=True)
class Filters:
    product: str | None = None
    supplier: str | None = None
    customer: str | None = None
    lot: str | None = None  # the material flow of one lot's family instead of the whole period


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard and the quality review show for one period."""

    period: Period
    now: datetime
    filters: Filters
    # Each supplier's p-chart over `supplier_window(period)`: the year up to the period's end.
    suppliers: tuple[SupplierMonth, ...] = ()
    yields: Sequence[OrderYield] = ()  # a year has 50,000: see analytics.OrderYields
    lead_times: tuple[LeadTime, ...] = ()
    waiting: tuple[LeadTime, ...] = ()
    expiry: tuple[ExpiryExposure, ...] = ()
    flow: tuple[FlowLink, ...] = ()
    complaints: tuple[ComplaintFact, ...] = ()
    complaint_times: tuple[ComplaintTimes, ...] = ()
    recalls: tuple[RecallSize, ...] = ()

    @property
    def drifting(self) -> list[SupplierMonth]:
        """The drifting supplier-months inside the period (the points before it are the p-charts' history)."""
        return [p for p in in_period(self.suppliers, self.period) if p.is_drifting]


def load_chart(session: Session, chart: str, period: Period, now: datetime, filters: Filters = Filters()) -> Dashboard:
    """One chart's part of the dashboard (the screen loads each on its own, so the first shows soon)."""
    f = filters
    if chart == "suppliers":
        points = supplier_quality(session, period)
        return Dashboard(period, now, f, suppliers=tuple(p for p in points if not f.supplier or p.supplier == f.supplier))
    if chart == "yield":
        return Dashboard(period, now, f, yields=order_yields(session, period, product=f.product))
    if chart == "lead_times":

        def wanted(t: LeadTime) -> bool:
            return (not f.supplier or t.supplier == f.supplier) and (not f.product or t.item == f.product)

        keep = [t for t in lead_times(session, period) if wanted(t)]
        waiting = [t for t in waiting_lots(session) if wanted(t)]
        return Dashboard(period, now, f, lead_times=tuple(keep), waiting=tuple(waiting))
    if chart == "expiry":
        exposure = [e for e in expiry_buckets(session, now.date()) if not f.product or e.item == f.product]
        return Dashboard(period, now, f, expiry=tuple(exposure))
    if chart == "flow":
        return Dashboard(period, now, f, flow=tuple(material_flow(session, period, lot=f.lot)))
    if chart == "complaints":
        facts = [
            c
            for c in complaint_facts(session, period)
            if (not f.product or c.product == f.product) and (not f.customer or c.customer == f.customer)
        ]
        return Dashboard(period, now, f, complaints=tuple(facts))
    if chart == "yardsticks":
        return Dashboard(
            period, now, f, complaint_times=tuple(complaint_times(session, period)), recalls=tuple(recall_sizes(session, period))
        )
    raise ValueError(chart)  # a programming slip: the chart names are CHARTS


def merge(parts: list[Dashboard]) -> Dashboard:
    """The parts loaded chart by chart, as one dashboard."""
    first = parts[0]
    values = {name: getattr(first, name) for name in Dashboard.__dataclass_fields__}
    for part in parts[1:]:
        for name in (
            "suppliers",
            "yields",
            "lead_times",
            "waiting",
            "expiry",
            "flow",
            "complaints",
            "complaint_times",
            "recalls",
        ):
            values[name] = values[name] or getattr(part, name)
    return Dashboard(**values)


def load_dashboard(session: Session, period: Period, now: datetime, filters: Filters = Filters()) -> Dashboard:
    """Every chart of the dashboard for the period."""
    return merge([load_chart(session, chart, period, now, filters) for chart in CHARTS])


Table = tuple[tuple[str, ...], list[tuple[object, ...]]]


def chart_tables(d: Dashboard) -> dict[str, Table]:
    """Each chart's numbers as (header, rows): what its CSV export writes."""
    by_bucket = {(e.item, e.unit, e.bucket): e for e in d.expiry}
    rows_expiry = []
    for item, unit in sorted({(e.item, e.unit) for e in d.expiry}):
        row: list[object] = [item, unit]
        for bucket in EXPIRY_BUCKETS:
            found = by_bucket.get((item, unit, bucket))
            row += [found.lots, found.quantity] if found else [0, Decimal(0)]
        rows_expiry.append(tuple(row))
    return {
        "suppliers": (
            ("supplier", "month", "received", "rejected", "rate", "center", "upper", "lower", "above_limit", "rising"),
            [
                (p.supplier, p.month, p.received, p.rejected, f"{p.rate:.4f}", f"{p.center:.4f}", f"{p.upper:.4f}")
                + (f"{p.lower:.4f}", int(p.above_limit), int(p.rising))
                for p in d.suppliers
            ],
        ),
        "yield": (
            ("order", "product", "week", "produced", "issued", "expected", "deviation_percent", "outlier"),
            [
                (y.order, y.product, y.week.isoformat(), y.produced, y.issued, y.expected, f"{y.deviation:.2f}", int(y.outlier))
                for y in d.yields
            ],
        ),
        "weekly_yield": (
            ("product", "week", "orders", "produced", "issued", "expected", "outliers"),
            [
                (w.product, w.week.isoformat(), w.orders, w.produced, w.issued, w.expected, w.outliers)
                for w in weekly_yields(list(d.yields))
            ],
        ),
        "lead_times": (
            ("lot", "item", "supplier", "received_at", "released_at", "days"),
            [
                (t.lot, t.item, t.supplier, t.received_at.isoformat(), t.released_at.isoformat() if t.released_at else "")
                + (f"{t.days(d.now):.2f}",)
                for t in (*d.lead_times, *d.waiting)
            ],
        ),
        "expiry": (
            ("item", "unit", *(f"{b}_{what}" for b in EXPIRY_BUCKETS for what in ("lots", "quantity"))),
            rows_expiry,
        ),
        "flow": (("source", "target", "quantity", "unit"), [(f.source, f.target, f.quantity, f.unit) for f in d.flow]),
        "complaints": (
            ("complaint", "month", "product", "customer", "cause", "lot"),
            [(c.code, c.month, c.product, c.customer, c.cause, c.lot) for c in d.complaints],
        ),
        "yardsticks": (
            ("complaint", "lot", "registered_at", "held_at", "first_action_at", "hours_to_hold", "hours_to_first_action"),
            [
                (t.complaint, t.lot, t.registered_at.isoformat(), _iso(t.held_at), _iso(t.first_action_at))
                + (_hours(t.hours_to_hold), _hours(t.hours_to_first_action))
                for t in d.complaint_times
            ],
        ),
        "recalls": (
            ("code", "kind", "at", "lots", "customers", "seconds"),
            [(r.code, r.kind, r.at.isoformat(), r.lots, r.customers, "" if r.seconds is None else r.seconds) for r in d.recalls],
        ),
    }


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
