"""The numbers behind the QA dashboard and the quality review: aggregated in SQL, returned as DTOs.

Supplier quality as a p-chart, yield against the BOM per order and week, time in quarantine,
expiry exposure and complaints. Material flow and the seed's yardsticks live in
`services.analytics_flow`. Every function reads one period, [start, end] in UTC dates (the
supplier p-chart the year up to its end), and never writes; each chart's rows carry the keys
the click-through (`lots_behind`) needs.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, NamedTuple, overload

from sqlalchemy import text
from sqlalchemy.orm import Session

from tracedesk.core.errors import InvalidInput
from tracedesk.db.driver import driver

# The drift rule, stated once: a month above the 3-sigma upper limit, or a rate that rose
# month on month RISING_RUN times in a row (RISING_RUN + 1 points each higher than the last).
SIGMAS = 3
RISING_RUN = 4
# One rejected lot is never a drift, however few lots came that month (with rare rejections a
# single one lies above the limit of a small month).
MIN_REJECTED = 2
# A supplier's p-chart reaches back this many calendar months up to the period's end (see
# `supplier_window`): its baseline, and the earlier months drawn as context.
HISTORY_MONTHS = 12
# A yield outlier is further than OUTLIER_MADS robust standard deviations (1.4826 x MAD) from
# the period's median deviation, and at least OUTLIER_FLOOR percentage points from it.
OUTLIER_MADS = 3
OUTLIER_FLOOR = 5.0
EXPIRY_BUCKETS = ("expired", "lt7", "lt30", "lt90", "later")
UNSTATED_CAUSE = ""


@dataclass(frozen=True)
class Period:
    """A closed range of UTC dates; `between` turns it into the half-open range of times SQL compares."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput("The period ends ({end}) before it starts ({start}).", start=self.start, end=self.end)

    def between(self) -> tuple[str, str]:
        first = datetime.combine(self.start, time(), UTC)
        after = datetime.combine(self.end + timedelta(days=1), time(), UTC)
        return _stored(first), _stored(after)

    @property
    def months(self) -> list[str]:
        found, day = [], self.start.replace(day=1)
        while day <= self.end:
            found.append(f"{day:%Y-%m}")
            day = (day + timedelta(days=32)).replace(day=1)
        return found


def _stored(value: datetime) -> str:
    # SQLite keeps UtcDateTime as naive text; comparing text to text keeps the column's index usable.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _time(value: str | datetime | None) -> datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC)


_MILLION = Decimal(10**6)
_SCALED = 10**6


def quantity(scaled: object) -> Decimal:
    """A summed Quantity column (integer millionths) as its exact Decimal.

    Division gives the shortest exact form (100, 1.5) at a fraction of the cost of
    `from_scaled`, which matters for the tens of thousands of sums of a year's dashboard.
    """
    return Decimal(int(scaled)) / _MILLION  # type: ignore[call-overload]


def _rows(session: Session, sql: str, **params: Any) -> list[Any]:
    return list(session.execute(text(sql), params).all())


# --- supplier quality: a p-chart per supplier -------------------------------------------------


@dataclass(frozen=True)
class SupplierMonth:
    """One point of a supplier's p-chart: lots received in a month and how many were rejected."""

    supplier: str
    name: str
    month: str
    received: int
    rejected: int
    center: float
    upper: float
    lower: float
    above_limit: bool
    rising: bool

    @property
    def rate(self) -> float:
        return self.rejected / self.received if self.received else 0.0

    @property
    def is_drifting(self) -> bool:
        return self.above_limit or self.rising


_SUPPLIER_SQL = """
SELECT p.code, p.name, strftime('%Y-%m', l.received_at) AS month,
       count(*), sum(CASE WHEN l.status = 'rejected' THEN 1 ELSE 0 END)
FROM lots l JOIN parties p ON p.id = l.supplier_id
WHERE l.origin = 'received' AND l.received_at >= :first AND l.received_at < :after
GROUP BY p.code, p.name, month
ORDER BY p.code, month
"""


def supplier_window(period: Period) -> Period:
    """The months a supplier p-chart is drawn over and takes its baseline from: the HISTORY_MONTHS
    calendar months up to the period's end (its month included), or the whole period if longer.

    The one rule of the dashboard, the quality review and `tracedesk alerts`: a period of one
    month is judged against the year before it, not against itself.
    """
    index = period.end.year * 12 + period.end.month - HISTORY_MONTHS
    return Period(min(period.start, date(index // 12, index % 12 + 1, 1)), period.end)


def supplier_months(points: list[SupplierMonth], period: Period) -> list[str]:
    """The months a p-chart's axis shows: from the first month with receipts (or the period's
    start) to the period's end, gaps included; the months before `period.months[0]` are history."""
    first = min((p.month for p in points), default=f"{period.start:%Y-%m}")
    return Period(min(period.start, date(int(first[:4]), int(first[5:7]), 1)), period.end).months


def supplier_quality(session: Session, period: Period) -> list[SupplierMonth]:
    """Receipts and rejections per supplier and month over `supplier_window(period)`, with each
    month's 3-sigma limits.

    The centre line is the supplier's rejection rate over the whole window; each month's limits
    follow its own lot count (p ± 3·sqrt(p(1-p)/n)), so a month with few lots has wide limits.
    The points before the period are its history: drawn as context, never named as drift
    (see `in_period`).
    """
    first, after = supplier_window(period).between()
    by_supplier: dict[tuple[str, str], list[tuple[str, int, int]]] = defaultdict(list)
    for code, name, month, received, rejected in _rows(session, _SUPPLIER_SQL, first=first, after=after):
        by_supplier[(code, name)].append((month, int(received), int(rejected or 0)))
    return [point for (code, name), months in by_supplier.items() for point in p_chart(code, name, months)]


def in_period(points: Iterable[SupplierMonth], period: Period) -> list[SupplierMonth]:
    """The points of the period's own months (the rest of a p-chart is its history)."""
    months = set(period.months)
    return [p for p in points if p.month in months]


def p_chart(supplier: str, name: str, months: list[tuple[str, int, int]]) -> list[SupplierMonth]:
    """One supplier's points from (month, lots received, lots rejected), months in order."""
    center = sum(r for _m, _n, r in months) / sum(n for _m, n, _r in months)
    points = []
    run = 0
    previous: float | None = None
    for month, received, rejected in months:
        rate = rejected / received
        sigma = math.sqrt(center * (1 - center) / received)
        upper, lower = min(1.0, center + SIGMAS * sigma), max(0.0, center - SIGMAS * sigma)
        run = run + 1 if previous is not None and rate > previous else 0
        previous = rate
        above = rate > upper and rejected >= MIN_REJECTED
        points.append(SupplierMonth(supplier, name, month, received, rejected, center, upper, lower, above, run >= RISING_RUN))
    return points


def drifting_suppliers(session: Session, period: Period) -> list[SupplierMonth]:
    """The supplier-months of the period that break the drift rule (see SIGMAS and RISING_RUN),
    each judged against `supplier_window(period)`."""
    return [p for p in in_period(supplier_quality(session, period), period) if p.is_drifting]


# --- yield and mass balance per order and week ------------------------------------------------


class OrderYield(NamedTuple):
    """An order's output against its inputs and what its BOM expects for that output.

    The quantities are kept as stored (integer millionths) and made Decimals when read: the
    chart of a year draws 50,000 orders by their deviation and reads the quantities of the few
    a user points at. (A named tuple: made from its row in a fraction of a frozen dataclass's
    time; a period's orders are kept as plain tuples, see OrderYields.)
    """

    order: str
    product: str
    week: date
    made: int  # produced, in millionths
    used: int  # issued, in millionths
    per_unit: int  # the BOM's inputs per unit of output, in millionths
    outlier: bool = False
    # Issued over expected, in percent (+ means more material went in than the BOM says); computed
    # once here, exactly from the integers and rounded once to a float.
    deviation: float = 0.0

    @property
    def produced(self) -> Decimal:
        return quantity(self.made)

    @property
    def issued(self) -> Decimal:
        return quantity(self.used)

    @property
    def expected(self) -> Decimal:
        return quantity(self.per_unit) * quantity(self.made)

    @property
    def yield_percent(self) -> float:
        return float(self.expected / self.issued * 100) if self.used else 0.0


# Orders with output in the period, from the projection's order totals (order_totals): an order
# whose outputs all lie in the period takes its totals as they are; one whose outputs lie partly
# outside sums those inside from its outputs (at most the orders running across the period's
# ends; one with outputs before and after the period but none in it has no sum and is left
# out). Each row also carries the order's whole output: an order is judged on all of it (what it
# was issued against everything it made), whatever part of it falls in the period. No ORDER BY:
# sorting the rows in Python afterwards costs a tenth of SQLite's sort.
_YIELD_SQL = """
WITH made AS (
    SELECT order_id, produced, issued, produced AS whole FROM order_totals
    WHERE first_output >= :first AND first_output < :after AND last_output < :after
    UNION ALL
    SELECT t.order_id, (SELECT sum(o.quantity) FROM order_outputs o
                        WHERE o.order_id = t.order_id AND o.produced_at >= :first AND o.produced_at < :after),
           t.issued, t.produced
    FROM order_totals t
    WHERE (t.first_output < :first AND t.last_output >= :first)
       OR (t.first_output >= :first AND t.first_output < :after AND t.last_output >= :after)
),
per AS (SELECT bom_id, sum(quantity_per) AS per_unit FROM bom_lines GROUP BY bom_id)
SELECT w.number, it.code, date(w.started_at, '-6 days', 'weekday 1'), made.produced, made.issued,
       coalesce(per.per_unit, 0), made.whole
FROM made JOIN work_orders w ON w.id = made.order_id
JOIN items it ON it.id = w.product_id LEFT JOIN per ON per.bom_id = w.bom_id
WHERE made.produced IS NOT NULL AND w.bom_id IS NOT NULL AND (:product IS NULL OR it.code = :product)
"""


def order_yields(session: Session, period: Period, *, product: str | None = None) -> OrderYields:
    """Each order with output in the period (and a BOM): produced, issued, BOM-expected; outliers marked.

    An order whose outputs lie partly outside the period counts with its output in the period
    and the same share of the material issued to it; its deviation is the whole order's (issued
    against what the BOM expects for all it made), so a period's edge never makes an order look
    short or long. The outlier rule: further than OUTLIER_MADS robust standard deviations from
    the median deviation of the period's orders, and at least OUTLIER_FLOOR percentage points away.
    """
    first, after = period.between()
    # Plain tuples from the driver: 50,000 rows sort and unpack several times faster than Rows.
    found = driver(session).execute(_YIELD_SQL, {"first": first, "after": after, "product": product}).fetchall()
    found.sort()  # by order number (unique)
    # (issued - expected) / expected in percent, from the stored integer millionths of the whole
    # order: exact integers, rounded once. Few objects per order: a collection of every young
    # object (which also holds the GUI thread) walks each of them.
    deviations = [
        (used * _SCALED - per * whole) * 100 / (per * whole) if per * whole else None
        for _number, _item, _week, _made, used, per, whole in found
    ]
    # The period's share of an order's issued material, in proportion to its output there.
    rows = [
        (number, item, week, made, used if made == whole else (used * made + whole // 2) // whole, per)
        for number, item, week, made, used, per, whole in found
    ]
    known = [d for d in deviations if d is not None]
    limit, middle = math.inf, 0.0
    if len(known) >= 3:
        middle = statistics.median(known)
        spread = OUTLIER_MADS * 1.4826 * statistics.median([abs(d - middle) for d in known])
        limit = max(spread, OUTLIER_FLOOR)
    weeks = {week: date.fromisoformat(week) for week in {row[2] for row in rows}}
    return OrderYields(
        [
            (number, item, weeks[week], made, used, per, d is not None and abs(d - middle) > limit, d or 0.0)
            for (number, item, week, made, used, per), d in zip(rows, deviations, strict=True)
        ]
    )


class OrderYields(Sequence[OrderYield]):
    """A period's orders kept as plain tuples, each read as an OrderYield.

    The cycle collector stops watching a plain tuple of strings and numbers once it has seen
    it, but walks every instance of a class (a named tuple's too) at each full collection: a
    year's 50,000 orders made each such collection a pause of tens of milliseconds, on
    whichever thread ran it, the GUI's included.
    """

    __slots__ = ("_rows",)

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> OrderYield: ...

    @overload
    def __getitem__(self, index: slice) -> OrderYields: ...

    def __getitem__(self, index: int | slice) -> OrderYield | OrderYields:
        if isinstance(index, slice):
            return OrderYields(self._rows[index])
        return OrderYield._make(self._rows[index])

    def __iter__(self) -> Iterator[OrderYield]:
        return map(OrderYield._make, self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # compared by content, so not hashable


@dataclass(frozen=True)
class WeeklyYield:
    product: str
    week: date
    orders: int
    produced: Decimal
    issued: Decimal
    expected: Decimal
    outliers: int


def weekly_yields(orders: list[OrderYield]) -> list[WeeklyYield]:
    """Orders summed per product and week."""
    sums: dict[tuple[str, date], list[Any]] = {}
    for y in orders:
        entry = sums.setdefault((y.product, y.week), [0, Decimal(0), Decimal(0), Decimal(0), 0])
        entry[0] += 1
        entry[1] += y.produced
        entry[2] += y.issued
        entry[3] += y.expected
        entry[4] += int(y.outlier)
    return [WeeklyYield(p, w, *values) for (p, w), values in sorted(sums.items())]


# --- lead times: receipt -> release -----------------------------------------------------------


@dataclass(frozen=True)
class LeadTime:
    """A received lot's time in quarantine; `released_at` None while it still waits."""

    lot: str
    item: str
    supplier: str
    received_at: datetime
    released_at: datetime | None

    def days(self, now: datetime) -> float:
        return ((self.released_at or now) - self.received_at).total_seconds() / 86400


_LEAD_SQL = """
SELECT l.code, it.code, p.code, l.received_at,
       (SELECT min(e.recorded_at) FROM event_lots el JOIN events e ON e.seq = el.event_seq
        WHERE el.lot_id = l.id AND e.type = 'lot_released') AS released
FROM lots l JOIN items it ON it.id = l.item_id JOIN parties p ON p.id = l.supplier_id
WHERE l.origin = 'received' AND l.received_at >= :first AND l.received_at < :after
  AND (l.status = 'quarantine' OR EXISTS (
       SELECT 1 FROM event_lots el JOIN events e ON e.seq = el.event_seq
       WHERE el.lot_id = l.id AND e.type = 'lot_released'))
ORDER BY l.received_at, l.code
"""

_WAITING_SQL = """
SELECT l.code, it.code, coalesce(p.code, ''), coalesce(l.received_at, l.produced_at)
FROM lots l JOIN items it ON it.id = l.item_id LEFT JOIN parties p ON p.id = l.supplier_id
WHERE l.status = 'quarantine'
ORDER BY coalesce(l.received_at, l.produced_at), l.code
"""


def lead_times(session: Session, period: Period) -> list[LeadTime]:
    """Lots received in the period that were released (or still wait): receipt -> first release.

    Lots that arrived released (imported with QA's decision) have no time in quarantine to show.
    """
    first, after = period.between()
    return [
        LeadTime(code, item, supplier, _time(received) or datetime.min.replace(tzinfo=UTC), _time(released))
        for code, item, supplier, received, released in _rows(session, _LEAD_SQL, first=first, after=after)
    ]


def waiting_lots(session: Session) -> list[LeadTime]:
    """Every lot in quarantine now, oldest first."""
    return [
        LeadTime(code, item, supplier, _time(since) or datetime.min.replace(tzinfo=UTC), None)
        for code, item, supplier, since in _rows(session, _WAITING_SQL)
    ]


# --- expiry exposure --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpiryExposure:
    """Stock of one item (balance > 0, not rejected) in one band of days to expiry."""

    item: str
    unit: str
    bucket: str
    lots: int
    quantity: Decimal


_EXPIRY_SQL = """
SELECT it.code, s.unit, s.bucket, s.lots, s.quantity
FROM (
    SELECT l.item_id, l.unit,
           CASE WHEN l.expiry < :today THEN 'expired' WHEN l.expiry < :d7 THEN 'lt7'
                WHEN l.expiry < :d30 THEN 'lt30' WHEN l.expiry < :d90 THEN 'lt90' ELSE 'later' END AS bucket,
           count(*) AS lots, sum(l.balance) AS quantity
    FROM lots l
    WHERE l.balance > 0 AND l.expiry IS NOT NULL AND l.status != 'rejected'
    -- "+": group after reading the stock-by-expiry index, not by walking every lot in item order.
    GROUP BY +l.item_id, l.unit, bucket
) s JOIN items it ON it.id = s.item_id
"""


def expiry_buckets(session: Session, today: date) -> list[ExpiryExposure]:
    """Stock on hand by days to expiry: expired, < 7, < 30, < 90, later; per item."""
    days = {f"d{n}": (today + timedelta(days=n)).isoformat() for n in (7, 30, 90)}
    rows = _rows(session, _EXPIRY_SQL, today=today.isoformat(), **days)
    order = {b: i for i, b in enumerate(EXPIRY_BUCKETS)}
    found = [ExpiryExposure(item, unit, bucket, int(n), quantity(q)) for item, unit, bucket, n, q in rows]
    return sorted(found, key=lambda e: (e.item, order[e.bucket]))


def expiry_bounds(today: date, bucket: str) -> tuple[date | None, date | None]:
    """The expiry dates [from, before) of a bucket, for the click-through."""
    edges = {"expired": (None, 0), "lt7": (0, 7), "lt30": (7, 30), "lt90": (30, 90), "later": (90, None)}
    low, high = edges[bucket]
    return (
        today + timedelta(days=low) if low is not None else None,
        today + timedelta(days=high) if high is not None else None,
    )


# --- complaints -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintFact:
    """One complaint with what a chart groups it by."""

    code: str
    month: str
    product: str
    customer: str
    cause: str
    lot: str


_COMPLAINTS_SQL = """
SELECT c.code, strftime('%Y-%m', c.received_at), it.code, coalesce(p.code, ''), c.cause, l.code
FROM complaints c JOIN lots l ON l.id = c.lot_id JOIN items it ON it.id = l.item_id
LEFT JOIN parties p ON p.id = c.customer_id
WHERE c.received_at >= :first AND c.received_at < :after
ORDER BY c.received_at, c.code
"""


def complaint_facts(session: Session, period: Period) -> list[ComplaintFact]:
    """Complaints received in the period, with product, customer, month and cause."""
    first, after = period.between()
    return [ComplaintFact(*row) for row in _rows(session, _COMPLAINTS_SQL, first=first, after=after)]


def pareto(values: list[str]) -> list[tuple[str, int, float]]:
    """(value, count, cumulative share in percent), largest first; ties by value."""
    counts: dict[str, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    total, running, found = len(values), 0, []
    for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        running += count
        found.append((value, count, running / total * 100))
    return found


def count_by(facts: list[ComplaintFact], field: str) -> dict[tuple[str, str], int]:
    """Complaints per (month, `field` value): the bars of a stacked monthly chart."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for fact in facts:
        counts[(fact.month, getattr(fact, field))] += 1
    return dict(sorted(counts.items()))
