"""The dashboard's summary tables, added to as issues, outputs and shipments are projected.

Monthly flow totals (models.FlowTotal): each batch's quantities are summed per month and lot
here, then joined in SQL to the lots' items and units (and the orders' products) and added to
the totals in one statement. Order totals (models.OrderTotal): each order's inputs and
outputs summed, with its first and last output time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from tracedesk.db.driver import driver
from tracedesk.db.scaled import FACTOR

_ADD = """
INSERT INTO flow_totals (kind, month, source_id, target_id, unit, quantity)
SELECT ?, j.month, l.item_id, {target}, {unit}, sum(j.quantity)
FROM (SELECT json_extract(value, '$[0]') AS month, json_extract(value, '$[1]') AS lot_id,
             json_extract(value, '$[2]') AS other, json_extract(value, '$[3]') AS unit,
             json_extract(value, '$[4]') AS quantity FROM json_each(?)) j
JOIN lots l ON l.id = j.lot_id{join}
WHERE true
GROUP BY j.month, l.item_id, {target}, {unit}
ON CONFLICT (kind, month, source_id, target_id, unit) DO UPDATE SET quantity = quantity + excluded.quantity
"""

_ISSUED = _ADD.format(target="w.product_id", unit="l.unit", join=" JOIN work_orders w ON w.id = j.other")
_SHIPPED = _ADD.format(target="j.other", unit="j.unit", join="")


def month_of(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m")


def add_flow(session: Session, kind: str, rows: Iterable[tuple[datetime, int, int, str, Decimal]]) -> None:
    """Add (time, lot id, order id or customer id, unit, quantity) rows to the month's totals.

    For "issued" the unit given is ignored (an issue is in its lot's unit, as order_inputs has it).
    """
    sums: dict[tuple[str, int, int, str], int] = defaultdict(int)
    for at, lot, other, unit, amount in rows:
        sums[(month_of(at), lot, other, unit)] += int(amount * FACTOR)
    if not sums:
        return
    payload = json.dumps([[*key, scaled] for key, scaled in sums.items()])
    sql = _ISSUED if kind == "issued" else _SHIPPED
    driver(session).execute(sql, (kind, payload))


_ADD_ISSUED = """
INSERT INTO order_totals (order_id, issued, produced) VALUES (?, ?, 0)
ON CONFLICT (order_id) DO UPDATE SET issued = issued + excluded.issued
"""

_ADD_PRODUCED = """
INSERT INTO order_totals (order_id, issued, produced, first_output, last_output) VALUES (?, 0, ?, ?, ?)
ON CONFLICT (order_id) DO UPDATE SET produced = produced + excluded.produced,
    first_output = min(coalesce(first_output, excluded.first_output), excluded.first_output),
    last_output = max(coalesce(last_output, excluded.last_output), excluded.last_output)
"""


def add_order_inputs(session: Session, rows: Iterable[tuple[int, Decimal]]) -> None:
    """Add (order id, quantity issued) rows to the orders' totals."""
    sums: dict[int, int] = defaultdict(int)
    for order, amount in rows:
        sums[order] += int(amount * FACTOR)
    driver(session).executemany(_ADD_ISSUED, sorted(sums.items()))


def add_order_outputs(session: Session, rows: Iterable[tuple[int, Decimal, str]]) -> None:
    """Add (order id, quantity produced, produced at as stored text) rows to the orders' totals."""
    sums: dict[int, list[Any]] = {}
    for order, amount, at in rows:
        entry = sums.get(order)
        if entry is None:
            sums[order] = [int(amount * FACTOR), at, at]
        else:
            entry[0] += int(amount * FACTOR)
            entry[1], entry[2] = min(entry[1], at), max(entry[2], at)
    driver(session).executemany(_ADD_PRODUCED, [(order, *values) for order, values in sorted(sums.items())])
