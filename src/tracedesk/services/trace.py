"""Tracing a lot up and down its family, and the scope of a recall.

Traces and recalls read through the session's own driver connection: their results are
thousands of plain ints and strings, and SQLAlchemy's statement and Row machinery would cost
more per call and per row than SQLite takes to find them. Values are converted here exactly
as the column types would (scaled integers, naive UTC text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from tracedesk.db.genealogy import trace_levels
from tracedesk.db.hold_queries import describe, suspicions_of
from tracedesk.db.types import from_scaled
from tracedesk.services.dto import LotInfo, OnHand, RecallResult, ShipmentInfo, TraceNode, TraceResult
from tracedesk.services.lookup import no_lot

TraceDirection = Literal["up", "down", "both"]

_LOT_INFO = """
    SELECT l.id, l.code, i.code, i.name, l.quantity, l.balance, l.unit, l.status, l.origin, s.code, s.name,
           l.supplier_lot, l.manufacturer_lot, l.po, o.number, l.received_at, l.produced_at, l.expiry,
           l.hold_reason, i.gtin, loc.code
    FROM lots l JOIN items i ON i.id = l.item_id
    LEFT JOIN parties s ON s.id = l.supplier_id
    LEFT JOIN work_orders o ON o.id = l.order_id
    LEFT JOIN locations loc ON loc.id = l.location_id
    WHERE l.code = ?
"""

_SHIPMENT_COLUMNS = """
    SELECT l.code, p.code, p.name, s.quantity, s.unit, s.shipped_at, s.document
    FROM shipments s JOIN lots l ON l.id = s.lot_id JOIN parties p ON p.id = s.customer_id
"""
_SHIPMENT_ROWS = _SHIPMENT_COLUMNS + """
    WHERE s.lot_id IN (SELECT value FROM json_each(?))
    ORDER BY s.shipped_at, l.code, s.id
"""

# A recall's scope can be a third of the plant: kept in a temporary table of the connection
# (memory, see the temp_store pragma) and joined, instead of passing its ids to every statement.
_SCOPE_TABLE = "CREATE TEMP TABLE IF NOT EXISTS recall_scope (id INTEGER PRIMARY KEY)"
_FILL_SCOPE = """
    INSERT INTO temp.recall_scope (id)
    WITH RECURSIVE walk(id) AS (
        SELECT value FROM json_each(?)
        UNION
        SELECT l.child_id FROM walk w JOIN lot_links l ON l.parent_id = w.id
    )
    SELECT id FROM walk
"""
# Sorted by code in Python: for a third of the plant that is about half of what SQLite's
# sorter takes, and the order is the same (UTF-8 bytes and code points sort alike).
_SCOPE_LOTS = "SELECT l.code, l.balance, l.unit FROM temp.recall_scope r JOIN lots l ON l.id = r.id"
_SCOPE_ORDERS = """
    SELECT DISTINCT o.number FROM order_inputs i JOIN work_orders o ON o.id = i.order_id
    WHERE i.lot_id IN (SELECT id FROM temp.recall_scope) ORDER BY o.number
"""
_SCOPE_SHIPMENTS = _SHIPMENT_COLUMNS + """
    WHERE s.lot_id IN (SELECT id FROM temp.recall_scope)
    ORDER BY s.shipped_at, l.code, s.id
"""


def _driver(session: Session) -> Any:
    """The session's own DB-API connection, inside its transaction."""
    session.flush()
    return session.connection().connection.driver_connection


def _utc(stored: str | None) -> datetime | None:
    # Driver rows bypass the column type: SQLite holds naive UTC text.
    return datetime.fromisoformat(stored).replace(tzinfo=UTC) if stored is not None else None


class _Quantities(dict[int, Decimal]):
    """Scaled integer -> Decimal, each distinct value converted once (families share a few)."""

    def __missing__(self, scaled: int) -> Decimal:
        value = self[scaled] = from_scaled(scaled)
        return value


def _lot_row(driver: Any, code: str) -> tuple[Any, ...]:
    row = driver.execute(_LOT_INFO, (code.strip(),)).fetchone()
    if row is None:
        raise no_lot(code)
    return row


def _lot_info(session: Session, row: tuple[Any, ...]) -> LotInfo:
    """The same LotInfo as lookup.lot_info, from one joined row instead of four ORM loads."""
    (lot_id, code, item, item_name, quantity, balance, unit, status, origin, supplier, supplier_name,
     supplier_lot, manufacturer_lot, po, order, received_at, produced_at, expiry, hold_reason, gtin, location) = row
    return LotInfo(
        code=code, item=item, item_name=item_name, quantity=from_scaled(quantity), balance=from_scaled(balance),
        unit=unit, status=status, origin=origin, supplier=supplier, supplier_name=supplier_name,
        supplier_lot=supplier_lot, manufacturer_lot=manufacturer_lot, po=po, order=order,
        received_at=_utc(received_at), produced_at=_utc(produced_at),
        expiry=date.fromisoformat(expiry) if expiry is not None else None, hold_reason=hold_reason, gtin=gtin,
        location=location, suspect_reason=describe(suspicions_of(session, lot_id)),
    )


def _nodes(levels: list[tuple[int, list[tuple[Any, ...]]]], quantities: _Quantities) -> tuple[TraceNode, ...]:
    # Levels come in depth order and each is sorted by code: already (depth, code) order.
    return tuple(
        TraceNode(code, item, item_name, depth, status, via, quantities[scaled], unit)
        for depth, rows in levels
        for _id, via, code, item, item_name, status, scaled, unit in rows
    )


def _shipments(rows: Iterable[tuple[Any, ...]]) -> tuple[ShipmentInfo, ...]:
    quantities = _Quantities()
    return tuple(
        ShipmentInfo(lot, customer, quantities[quantity], unit, _utc(shipped_at), document, name)  # type: ignore[arg-type]
        for lot, customer, name, quantity, unit, shipped_at, document in rows
    )


def shipments_of(session: Session, lot_ids: Iterable[int]) -> tuple[ShipmentInfo, ...]:
    """Shipments of the given lots, oldest first."""
    return _shipments(_driver(session).execute(_SHIPMENT_ROWS, (json.dumps(list(lot_ids)),)))


def trace_lot(session: Session, code: str, direction: TraceDirection = "both") -> TraceResult:
    """The lot, what it was made from (up), what was made from it (down), and where that went."""
    driver = _driver(session)
    row = _lot_row(driver, code)
    lot_id = row[0]
    upstream = trace_levels(session, lot_id, "up") if direction in ("up", "both") else []
    downstream = trace_levels(session, lot_id, "down") if direction in ("down", "both") else []
    shipments = (
        shipments_of(session, [lot_id, *(r[0] for _, rows in downstream for r in rows)]) if direction != "up" else ()
    )
    quantities = _Quantities()
    return TraceResult(_lot_info(session, row), _nodes(upstream, quantities), _nodes(downstream, quantities), shipments)


def lot_edges(session: Session, codes: Sequence[str], direction: Literal["up", "down"]) -> dict[str, list[str]]:
    """For each lot, the lots one step up or down (one query for the whole set)."""
    from tracedesk.db.genealogy import children_of, parents_of

    rows = session.execute(text("SELECT code, id FROM lots WHERE code IN (SELECT value FROM json_each(:c))"), {"c": json.dumps(list(codes))})
    ids = {code: lot_id for code, lot_id in rows}
    names = {v: k for k, v in ids.items()}
    step = children_of if direction == "down" else parents_of
    found = step(session, list(ids.values()))
    return {names[lot]: sorted(names[other] for other, _ in targets if other in names) for lot, targets in found.items()}


def recall_scope(session: Session, codes: Sequence[str], *, label: str | None = None) -> RecallResult:
    """Everything a recall of these lots touches: lots downstream, orders, shipments, customers, stock."""
    driver = _driver(session)
    starts = [_lot_row(driver, code) for code in codes]
    driver.execute(_SCOPE_TABLE)
    driver.execute("DELETE FROM temp.recall_scope")
    try:
        driver.execute(_FILL_SCOPE, (json.dumps([row[0] for row in starts]),))
        lots = driver.execute(_SCOPE_LOTS).fetchall()
        lots.sort()   # codes are unique: the rows sort by code
        orders = tuple(number for (number,) in driver.execute(_SCOPE_ORDERS))
        shipments = tuple(sorted(
            _shipments(driver.execute(_SCOPE_SHIPMENTS)), key=lambda s: (s.lot, s.customer, s.shipped_at, s.document),
        ))
    finally:
        driver.execute("DELETE FROM temp.recall_scope")
    quantities = _Quantities()
    return RecallResult(
        lot=label or ", ".join(row[1] for row in starts),
        affected_lots=tuple(code for code, _, _ in lots),
        orders=orders,
        shipments=shipments,
        customers=tuple(sorted({s.customer for s in shipments})),
        on_hand=tuple(OnHand(code, quantities[balance], unit) for code, balance, unit in lots if balance > 0),
        sources=tuple(row[1] for row in starts),
    )


def recall_lot(session: Session, code: str) -> RecallResult:
    return recall_scope(session, [code], label=_lot_row(_driver(session), code)[1])
