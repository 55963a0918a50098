"""Material flow (supplier -> item -> product -> customer) and the seed's yardsticks, measured from the log.

The flow of a period sums receipts, issues to orders and shipments made in it; the flow of a
lot's family sums the same facts for the lots up and down from it only. The yardsticks are
how long QA took from a complaint to holding its lot and to its first action, and how big
each recall and each mock-recall drill was (and how long a drill took).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracedesk.db.event_types import sql_of_type
from tracedesk.db.genealogy import trace
from tracedesk.services.analytics import Period, _rows, _time, quantity
from tracedesk.services.lookup import lot_by_code


@dataclass(frozen=True)
class FlowLink:
    """One band of the flow diagram: so much went from `source` to `target` (each "kind:code")."""

    source: str
    target: str
    quantity: Decimal
    unit: str


_LOT_FILTER = " AND l.id IN (SELECT value FROM json_each(:lots))"

_RECEIVED_SQL = """
SELECT 'supplier:' || p.code, 'item:' || it.code, sum(l.quantity), l.unit
FROM lots l JOIN parties p ON p.id = l.supplier_id JOIN items it ON it.id = l.item_id
WHERE l.origin = 'received' AND l.received_at >= :first AND l.received_at < :after{lots}
GROUP BY p.code, it.code, l.unit
"""

_ISSUED_SQL = """
SELECT 'item:' || it.code, 'item:' || pr.code, sum(i.quantity), l.unit
FROM order_inputs i JOIN lots l ON l.id = i.lot_id JOIN items it ON it.id = l.item_id
JOIN work_orders w ON w.id = i.order_id JOIN items pr ON pr.id = w.product_id
WHERE i.issued_at >= :first AND i.issued_at < :after{lots}
GROUP BY it.code, pr.code, l.unit
"""

_SHIPPED_SQL = """
SELECT 'item:' || it.code, 'customer:' || c.code, sum(s.quantity), s.unit
FROM shipments s JOIN lots l ON l.id = s.lot_id JOIN items it ON it.id = l.item_id JOIN parties c ON c.id = s.customer_id
WHERE s.shipped_at >= :first AND s.shipped_at < :after{lots}
GROUP BY it.code, c.code, s.unit
"""


_MONTHS_SQL = """
SELECT 'item:' || it.code, {target_code}, sum(f.quantity), f.unit
FROM flow_totals f JOIN items it ON it.id = f.source_id JOIN {target_table} t ON t.id = f.target_id
WHERE f.kind = :kind AND f.month >= :first_month AND f.month < :after_month
GROUP BY it.code, t.code, f.unit
"""
_ISSUED_MONTHS_SQL = _MONTHS_SQL.format(target_code="'item:' || t.code", target_table="items")
_SHIPPED_MONTHS_SQL = _MONTHS_SQL.format(target_code="'customer:' || t.code", target_table="parties")


def _whole_months(period: Period) -> tuple[date, date]:
    """[first, after) of the whole calendar months inside the period (first == after when none)."""
    first = period.start if period.start.day == 1 else (period.start.replace(day=28) + timedelta(days=4)).replace(day=1)
    after = (period.end + timedelta(days=1)).replace(day=1)
    return first, max(first, after)


def material_flow(session: Session, period: Period, *, lot: str | None = None) -> list[FlowLink]:
    """Quantities from suppliers through items to customers in the period, or within one lot's family.

    For a period, issues and shipments of its whole months come from the projection's monthly
    totals (flow_totals) and only the days before and after them from the issues and shipments
    themselves: a year sums a few thousand rows, not every issue and shipment.
    """
    first, after = period.between()
    params: dict[str, Any] = {"first": first, "after": after}
    if lot is not None:
        start = lot_by_code(session, lot)
        family = {start.id} | {r.lot_id for r in [*trace(session, start.id, "up"), *trace(session, start.id, "down")]}
        params["lots"] = json.dumps(sorted(family))
        found = [
            row
            for sql in (_RECEIVED_SQL, _ISSUED_SQL, _SHIPPED_SQL)
            for row in _rows(session, sql.format(lots=_LOT_FILTER), **params)
        ]
    else:
        found = list(_rows(session, _RECEIVED_SQL.format(lots=""), **params))
        month_from, month_after = _whole_months(period)
        parts = [(period.start, period.end + timedelta(days=1))]
        if month_from < month_after:
            parts = [(period.start, month_from), (month_after, period.end + timedelta(days=1))]
            months = {"first_month": f"{month_from:%Y-%m}", "after_month": f"{month_after:%Y-%m}"}
            found += _rows(session, _ISSUED_MONTHS_SQL, kind="issued", **months)
            found += _rows(session, _SHIPPED_MONTHS_SQL, kind="shipped", **months)
        for day, day_after in parts:
            if day < day_after:
                edge = Period(day, day_after - timedelta(days=1)).between()
                for sql in (_ISSUED_SQL, _SHIPPED_SQL):
                    found += _rows(session, sql.format(lots=""), first=edge[0], after=edge[1])
    sums: dict[tuple[str, str, str], int] = {}
    for source, target, amount, unit in found:
        key = (source, target, unit)
        sums[key] = sums.get(key, 0) + int(amount)
    return [FlowLink(source, target, quantity(amount), unit) for (source, target, unit), amount in sorted(sums.items())]


# --- the seed's yardsticks ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintTimes:
    """How fast QA answered one complaint: to its lot held, and to its first recorded action."""

    complaint: str
    lot: str
    registered_at: datetime
    held_at: datetime | None
    first_action_at: datetime | None

    @property
    def hours_to_hold(self) -> float | None:
        return _hours(self.registered_at, self.held_at)

    @property
    def hours_to_first_action(self) -> float | None:
        return _hours(self.registered_at, self.first_action_at)


def _hours(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds() / 3600


_COMPLAINT_TIMES_SQL = """
SELECT c.code, l.code, c.received_at,
       (SELECT min(h.placed_at) FROM holds h WHERE h.lot_id = c.lot_id AND h.placed_at >= c.received_at)
FROM complaints c JOIN lots l ON l.id = c.lot_id
WHERE c.received_at >= :first AND c.received_at < :after
ORDER BY c.received_at, c.code
"""

_COMPLAINT_UPDATES_SQL = """
SELECT e.payload, e.recorded_at FROM events e
WHERE {complaint_updated} AND e.recorded_at >= :first
ORDER BY e.seq
""".format(complaint_updated=sql_of_type("e", "complaint_updated"))


def complaint_times(session: Session, period: Period) -> list[ComplaintTimes]:
    """Complaints registered in the period with the time their lot was held and their first update.

    The complaint names its lot when it is registered, so the lot is located at once; the hold
    is the first hold placed on that lot from then on (by the complaint's action or by hand).
    """
    first, after = period.between()
    rows = _rows(session, _COMPLAINT_TIMES_SQL, first=first, after=after)
    first_update: dict[str, datetime] = {}
    for payload, recorded_at in _rows(session, _COMPLAINT_UPDATES_SQL, first=first):
        code = json.loads(payload)["complaint"]
        if code not in first_update:
            first_update[code] = _time(recorded_at)  # type: ignore[assignment]
    return [
        ComplaintTimes(code, lot, _time(received) or datetime.min.replace(tzinfo=UTC), _time(held), first_update.get(code))
        for code, lot, received, held in rows
    ]


@dataclass(frozen=True)
class RecallSize:
    """A recall (or a mock-recall drill): when, how many lots and customers, and a drill's time."""

    code: str
    kind: str  # "recall" or "mock"
    at: datetime
    lots: int
    customers: int
    seconds: float | None
    sources: tuple[str, ...] = ()


_RECALLS_SQL = """
SELECT r.code, r.started_at, r.lot_count,
       (SELECT count(DISTINCT s.customer_id) FROM holds h JOIN shipments s ON s.lot_id = h.lot_id WHERE h.recall = r.code)
FROM recalls r WHERE r.started_at >= :first AND r.started_at < :after ORDER BY r.started_at
"""

_MOCKS_SQL = """
SELECT e.id, e.recorded_at, e.payload FROM events e
WHERE {completed} AND e.recorded_at >= :first AND e.recorded_at < :after ORDER BY e.seq
""".format(completed=sql_of_type("e", "mock_recall_completed"))


def recall_sizes(session: Session, period: Period) -> list[RecallSize]:
    """Recalls started and mock recalls completed in the period, in time order."""
    first, after = period.between()
    found = [
        RecallSize(code, "recall", _time(at) or datetime.min.replace(tzinfo=UTC), int(lots), int(customers), None)
        for code, at, lots, customers in _rows(session, _RECALLS_SQL, first=first, after=after)
    ]
    for event_id, at, payload in _rows(session, _MOCKS_SQL, first=first, after=after):
        drill = json.loads(payload)
        found.append(
            RecallSize(
                drill.get("drill") or event_id[:8],
                "mock",
                _time(at) or datetime.min.replace(tzinfo=UTC),
                int(drill["lots"]),
                int(drill["customers"]),
                float(drill["elapsed_seconds"]),
                tuple(drill.get("sources") or ()),
            )
        )
    return sorted(found, key=lambda r: (r.at, r.code))
