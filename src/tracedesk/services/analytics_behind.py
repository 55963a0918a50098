"""What lies behind a point of a dashboard chart: the lots (with what happened to them) it sums.

A click on a supplier's month lists that month's receipts from the supplier; on an order, its
inputs and outputs; on an expiry band, the lots in it; on a flow band, the receipts, issues or
shipments it adds up. Every row names a lot, so any of them opens in Trace & QA.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from tracedesk.services.analytics import ComplaintFact, LeadTime, Period, _rows, _time, expiry_bounds, quantity
from tracedesk.services.analytics_flow import ComplaintTimes, RecallSize

LIMIT = 2000  # rows listed under a chart; the CSV export has them all


@dataclass(frozen=True)
class BehindRow:
    """One lot behind a chart point and what it contributed."""

    lot: str
    item: str
    what: str  # a status, "input"/"output", "received"/"issued"/"shipped", a complaint code
    when: datetime | date | None
    quantity: str
    detail: str = ""


_SUPPLIER_MONTH_SQL = """
SELECT l.code, it.code, l.status, l.received_at, l.quantity, l.unit, l.supplier_lot
FROM lots l JOIN items it ON it.id = l.item_id JOIN parties p ON p.id = l.supplier_id
WHERE l.origin = 'received' AND p.code = :supplier AND l.received_at >= :first AND l.received_at < :after
ORDER BY l.received_at, l.code LIMIT :limit
"""

_ORDER_SQL = """
SELECT l.code, it.code, 'input', i.issued_at, i.quantity, l.unit FROM order_inputs i
JOIN lots l ON l.id = i.lot_id JOIN items it ON it.id = l.item_id JOIN work_orders w ON w.id = i.order_id
WHERE w.number = :order
UNION ALL
SELECT l.code, it.code, 'output', o.produced_at, o.quantity, l.unit FROM order_outputs o
JOIN lots l ON l.id = o.lot_id JOIN items it ON it.id = l.item_id JOIN work_orders w ON w.id = o.order_id
WHERE w.number = :order
ORDER BY 3, 1
"""

_EXPIRY_SQL = """
SELECT l.code, it.code, l.status, l.expiry, l.balance, l.unit
FROM lots l JOIN items it ON it.id = l.item_id
WHERE it.code = :item AND l.balance > 0 AND l.expiry IS NOT NULL AND l.status != 'rejected'
  AND (:low IS NULL OR l.expiry >= :low) AND (:high IS NULL OR l.expiry < :high)
ORDER BY l.expiry, l.code LIMIT :limit
"""

_FLOW_SQL = {
    "received": """
SELECT l.code, it.code, 'received', l.received_at, l.quantity, l.unit FROM lots l
JOIN items it ON it.id = l.item_id JOIN parties p ON p.id = l.supplier_id
WHERE l.origin = 'received' AND p.code = :source AND it.code = :target AND l.received_at >= :first AND l.received_at < :after
ORDER BY l.received_at, l.code LIMIT :limit""",
    "issued": """
SELECT l.code, it.code, 'issued', i.issued_at, i.quantity, l.unit FROM order_inputs i
JOIN lots l ON l.id = i.lot_id JOIN items it ON it.id = l.item_id
JOIN work_orders w ON w.id = i.order_id JOIN items pr ON pr.id = w.product_id
WHERE it.code = :source AND pr.code = :target AND i.issued_at >= :first AND i.issued_at < :after
ORDER BY i.issued_at, l.code LIMIT :limit""",
    "shipped": """
SELECT l.code, it.code, 'shipped', s.shipped_at, s.quantity, s.unit FROM shipments s
JOIN lots l ON l.id = s.lot_id JOIN items it ON it.id = l.item_id JOIN parties c ON c.id = s.customer_id
WHERE it.code = :source AND c.code = :target AND s.shipped_at >= :first AND s.shipped_at < :after
ORDER BY s.shipped_at, l.code LIMIT :limit""",
}


def _quantity(scaled: int, unit: str) -> str:
    return f"{quantity(scaled)} {unit}"


def _month_period(month: str) -> Period:
    year, number = (int(part) for part in month.split("-"))
    start = date(year, number, 1)
    after = date(year + number // 12, number % 12 + 1, 1)
    return Period(start, date.fromordinal(after.toordinal() - 1))


def supplier_month_lots(session: Session, supplier: str, month: str) -> list[BehindRow]:
    """The lots received from `supplier` in `month` ("YYYY-MM"), with their status now."""
    first, after = _month_period(month).between()
    rows = _rows(session, _SUPPLIER_MONTH_SQL, supplier=supplier, first=first, after=after, limit=LIMIT)
    return [
        BehindRow(code, item, status, _time(at), _quantity(q, unit), supplier_lot or "")
        for code, item, status, at, q, unit, supplier_lot in rows
    ]


def order_lots(session: Session, order: str) -> list[BehindRow]:
    """An order's inputs and outputs."""
    return [
        BehindRow(code, item, what, _time(at), _quantity(q, unit), order)
        for code, item, what, at, q, unit in _rows(session, _ORDER_SQL, order=order)
    ]


def expiry_lots(session: Session, item: str, bucket: str, today: date) -> list[BehindRow]:
    """The lots of `item` with stock in one band of days to expiry."""
    low, high = expiry_bounds(today, bucket)
    rows = _rows(
        session,
        _EXPIRY_SQL,
        item=item,
        low=low.isoformat() if low else None,
        high=high.isoformat() if high else None,
        limit=LIMIT,
    )
    return [
        BehindRow(code, it, status, date.fromisoformat(str(expiry)), _quantity(q, unit))
        for code, it, status, expiry, q, unit in rows
    ]


def flow_lots(session: Session, source: str, target: str, period: Period) -> list[BehindRow]:
    """The receipts, issues or shipments one band of the material flow adds up."""
    kind = "received" if source.startswith("supplier:") else "shipped" if target.startswith("customer:") else "issued"
    first, after = period.between()
    rows = _rows(
        session,
        _FLOW_SQL[kind],
        source=source.split(":", 1)[1],
        target=target.split(":", 1)[1],
        first=first,
        after=after,
        limit=LIMIT,
    )
    return [BehindRow(code, item, what, _time(at), _quantity(q, unit)) for code, item, what, at, q, unit in rows]


_RECALL_SQL = """
SELECT l.code, it.code, l.status, h.placed_at, l.balance, l.unit FROM holds h
JOIN lots l ON l.id = h.lot_id JOIN items it ON it.id = l.item_id
WHERE h.recall = :recall ORDER BY l.code LIMIT :limit
"""


def recall_lots(session: Session, recall: str) -> list[BehindRow]:
    """The lots a recall held, with their status and stock now."""
    return [
        BehindRow(code, item, status, _time(at), _quantity(q, unit), recall)
        for code, item, status, at, q, unit in _rows(session, _RECALL_SQL, recall=recall, limit=LIMIT)
    ]


def drill_rows(drill: RecallSize) -> list[BehindRow]:
    """A mock recall's starting lots (the drill held nothing)."""
    return [BehindRow(code, "", drill.code, drill.at, "", f"{drill.seconds or 0:.1f} s") for code in drill.sources]


def lead_time_rows(times: list[LeadTime], now: datetime) -> list[BehindRow]:
    return [BehindRow(t.lot, t.item, t.supplier, t.received_at, f"{t.days(now):.1f} d") for t in times]


def complaint_rows(facts: list[ComplaintFact]) -> list[BehindRow]:
    return [BehindRow(f.lot, f.product, f.code, None, "", f.cause or f.customer) for f in facts]


def response_rows(times: list[ComplaintTimes]) -> list[BehindRow]:
    return [BehindRow(t.lot, "", t.complaint, t.registered_at, "", "") for t in times]
