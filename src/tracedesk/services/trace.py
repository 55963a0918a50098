"""Tracing a lot up and down its family, and the scope of a recall.

Traces and recalls read through the session's own driver connection: their results are
thousands of plain ints and strings, and SQLAlchemy's statement and Row machinery would cost
more per call and per row than SQLite takes to find them. They also take a bare sqlite3
connection in place of the session (the command line's quick reads, db.reader): this module
then loads neither SQLAlchemy nor the mapped classes. Values are converted here exactly
as the column types would (scaled integers, naive UTC text).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from itertools import compress
from operator import itemgetter

from tracedesk.core.errors import NotFound
from tracedesk.core.memory import collector_paused
from tracedesk.db.driver import driver as _driver
from tracedesk.db.genealogy import MAX_DEPTH, family
from tracedesk.db.hold_queries import Suspicion, describe, suspicions_of
from tracedesk.db.reader import SCOPE_INDEX, SCOPE_TABLE
from tracedesk.db.scaled import from_scaled
from tracedesk.services.trace_dto import LotInfo, OnHand, RecallResult, RecallSummary, ShipmentInfo, TraceNode, TraceResult

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import Any, Literal

    from sqlalchemy.orm import Session

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
_SHIPMENT_ROWS = (
    _SHIPMENT_COLUMNS
    + """
    WHERE {plus}s.lot_id IN (SELECT value FROM json_each(?))
    ORDER BY s.shipped_at, l.code, s.id
"""
)

# Open spreading holds on any of the given lots, as hold_queries.suspicions_of lists them.
_HOLDS_ON = """
    SELECT h.id, s.code, h.reason FROM holds h JOIN lots s ON s.id = h.lot_id
    WHERE h.lot_id IN (SELECT value FROM json_each(?)) AND h.closed_at IS NULL AND h.spreads = 1
    ORDER BY h.id
"""

# A recall's scope can be a third of the plant: kept in a temporary table of the connection
# (db.reader.SCOPE_TABLE, made when the connection opens) and joined, instead of passing its
# ids to every statement. It is filled level by level: INSERT OR IGNORE on the primary key is
# the visited set, and SQLite does less per link than a recursive CTE's UNION does.
_SCOPE_STARTS = "INSERT OR IGNORE INTO temp.recall_scope (id, level) SELECT value, 0 FROM json_each(?)"
_SCOPE_LEVEL = """
    INSERT OR IGNORE INTO temp.recall_scope (id, level)
    SELECT l.child_id, ? FROM temp.recall_scope r JOIN lot_links l ON l.parent_id = r.id WHERE r.level = ?
"""
# Sorted by code in Python: for a third of the plant that is about half of what SQLite's
# sorter takes, and the order is the same (UTF-8 bytes and code points sort alike).
_SCOPE_LOTS = "SELECT l.code, l.balance, l.unit FROM temp.recall_scope r JOIN lots l ON l.id = r.id"
# Orders and shipments of a big scope: reading every order input or shipment once and looking
# each up in the scope is cheaper than one index probe per lot of the scope (the unary + keeps
# SQLite from choosing the probes); a small scope probes.
_SCOPE_ORDERS = """
    SELECT DISTINCT o.number FROM order_inputs i JOIN work_orders o ON o.id = i.order_id
    WHERE {plus}i.lot_id IN (SELECT id FROM temp.recall_scope) ORDER BY o.number
"""
_SCOPE_SHIPMENTS = (
    _SHIPMENT_COLUMNS
    + """
    WHERE {plus}s.lot_id IN (SELECT id FROM temp.recall_scope)
    ORDER BY l.code, p.code, s.shipped_at, s.document, s.id
"""
)
BIG_SCOPE = 20_000


def _no_lot(code: str) -> NotFound:
    from tracedesk.services.lookup import no_lot

    return no_lot(code)


def _utc(stored: str | None) -> datetime | None:
    # Driver rows bypass the column type: SQLite holds naive UTC text.
    return datetime.fromisoformat(stored).replace(tzinfo=UTC) if stored is not None else None


class _Quantities(dict[int, Decimal]):
    """Scaled integer -> Decimal, each distinct value converted once (families share a few)."""

    def __missing__(self, scaled: int) -> Decimal:
        value = self[scaled] = from_scaled(scaled)
        return value


def _lot_row(driver: Any, code: str) -> tuple[Any, ...]:
    if not code.isascii():
        try:
            code.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes that are not UTF-8 on a command line (Python keeps them as lone surrogates):
            # no lot is named so, and the driver would fail on them with a traceback.
            raise _no_lot(code) from None
    row: tuple[Any, ...] | None = driver.execute(_LOT_INFO, (code.strip(),)).fetchone()
    if row is None:
        raise _no_lot(code)
    return row


def _lot_info(row: tuple[Any, ...], suspicions: list[Suspicion]) -> LotInfo:
    """The same LotInfo as lookup.lot_info, from one joined row instead of four ORM loads."""
    (
        _lot_id,
        code,
        item,
        item_name,
        quantity,
        balance,
        unit,
        status,
        origin,
        supplier,
        supplier_name,
        supplier_lot,
        manufacturer_lot,
        po,
        order,
        received_at,
        produced_at,
        expiry,
        hold_reason,
        gtin,
        location,
    ) = row
    return LotInfo(
        code=code,
        item=item,
        item_name=item_name,
        quantity=from_scaled(quantity),
        balance=from_scaled(balance),
        unit=unit,
        status=status,
        origin=origin,
        supplier=supplier,
        supplier_name=supplier_name,
        supplier_lot=supplier_lot,
        manufacturer_lot=manufacturer_lot,
        po=po,
        order=order,
        received_at=_utc(received_at),
        produced_at=_utc(produced_at),
        expiry=date.fromisoformat(expiry) if expiry is not None else None,
        hold_reason=hold_reason,
        gtin=gtin,
        location=location,
        suspect_reason=describe(suspicions),
    )


_NODE_FIELDS = itemgetter(*range(len(TraceNode._fields)))


def _nodes(rows: list[tuple[Any, ...]]) -> tuple[TraceNode, ...]:
    # family() gives the rows in (depth, code) order, fields in TraceNode's order, then the id.
    return tuple(map(partial(tuple.__new__, TraceNode), map(_NODE_FIELDS, rows)))


def _shipments(rows: Iterable[tuple[Any, ...]]) -> tuple[ShipmentInfo, ...]:
    quantities = _Quantities()
    return tuple(
        ShipmentInfo(lot, customer, quantities[quantity], unit, _utc(shipped_at), document, name)  # type: ignore[arg-type]
        for lot, customer, name, quantity, unit, shipped_at, document in rows
    )


def shipments_of(session: Session | sqlite3.Connection, lot_ids: Iterable[int]) -> tuple[ShipmentInfo, ...]:
    """Shipments of the given lots, oldest first."""
    ids = list(lot_ids)
    sql = _SHIPMENT_ROWS.format(plus="+" if len(ids) > BIG_SCOPE else "")  # see _SCOPE_ORDERS
    return _shipments(_driver(session).execute(sql, (json.dumps(ids),)))


def trace_lot(session: Session | sqlite3.Connection, code: str, direction: TraceDirection = "both") -> TraceResult:
    """The lot, what it was made from (up), what was made from it (down), and where that went."""
    with collector_paused():
        return _trace(session, code, direction)


def _trace(session: Session | sqlite3.Connection, code: str, direction: TraceDirection) -> TraceResult:
    driver = _driver(session)
    row = _lot_row(driver, code)
    lot_id = row[0]
    upstream = family(driver, lot_id, "up") if direction in ("up", "both") else []
    downstream = family(driver, lot_id, "down") if direction in ("down", "both") else []
    shipments = shipments_of(session, [lot_id, *(r[8] for r in downstream)]) if direction != "up" else ()
    # The lot is suspect when an ancestor has an open spreading hold: with its ancestry at
    # hand that is a look at those lots' holds, not a second walk up.
    suspicions = (
        [Suspicion(h, source, reason) for h, source, reason in driver.execute(_HOLDS_ON, (json.dumps([r[8] for r in upstream]),))]
        if direction != "down"
        else suspicions_of(session, lot_id)
    )
    return TraceResult(_lot_info(row, suspicions), _nodes(upstream), _nodes(downstream), shipments)


def lot_edges(session: Session, codes: Sequence[str], direction: Literal["up", "down"]) -> dict[str, list[str]]:
    """For each lot, the lots one step up or down (one query for the whole set)."""
    from tracedesk.db.genealogy import children_of, parents_of
    from tracedesk.services.lookup import lot_ids_of

    names = lot_ids_of(session, codes)
    ids = {code: lot_id for lot_id, code in names.items()}
    step = children_of if direction == "down" else parents_of
    found = step(session, list(ids.values()))
    return {names[lot]: sorted(names[other] for other, _ in targets if other in names) for lot, targets in found.items()}


def recall_scope(session: Session | sqlite3.Connection, codes: Sequence[str], *, label: str | None = None) -> RecallResult:
    """Everything a recall of these lots touches: lots downstream, orders, shipments, customers, stock."""
    with collector_paused():
        return _recall_scope(session, codes, label)


def _recall_scope(session: Session | sqlite3.Connection, codes: Sequence[str], label: str | None) -> RecallResult:
    driver = _driver(session)
    starts = [_lot_row(driver, code) for code in codes]
    try:
        size = _fill_scope(driver, starts)
        plus = "+" if size > BIG_SCOPE else ""
        lots = driver.execute(_SCOPE_LOTS).fetchall()
        lots.sort()  # codes are unique: the rows sort by code
        orders = tuple(number for (number,) in driver.execute(_SCOPE_ORDERS.format(plus=plus)))
        shipments = _shipments(driver.execute(_SCOPE_SHIPMENTS.format(plus=plus)))
    finally:
        driver.execute("DELETE FROM temp.recall_scope")
    # Rows (code, balance, unit) become the results without a Python step per lot: balances
    # are never negative, so the lots with stock are those whose balance is not 0.
    return RecallResult(
        lot=label or ", ".join(row[1] for row in starts),
        affected_lots=tuple(map(itemgetter(0), lots)),
        orders=orders,
        shipments=shipments,
        customers=tuple(sorted({s.customer for s in shipments})),
        on_hand=tuple(map(partial(tuple.__new__, OnHand), compress(lots, map(itemgetter(1), lots)))),
        sources=tuple(row[1] for row in starts),
    )


def _fill_scope(driver: Any, starts: list[tuple[Any, ...]]) -> int:
    """The recall scope of the start lots into temp.recall_scope; returns how many lots."""
    # No-ops on the connections TraceDesk opens (db.reader.create_scratch_tables); one opened
    # elsewhere gets the table here, inside its read, and again at every read.
    driver.execute(SCOPE_TABLE)
    driver.execute(SCOPE_INDEX)
    driver.execute("DELETE FROM temp.recall_scope")
    size: int = driver.execute(_SCOPE_STARTS, (json.dumps([row[0] for row in starts]),)).rowcount
    level = 0
    while level < MAX_DEPTH:
        level += 1
        added = driver.execute(_SCOPE_LEVEL, (level, level - 1)).rowcount
        if not added:
            break
        size += added
    return size


# The same questions for a summary: counted and cut by SQLite, so a recall of a third of the
# plant is read on screen without a third of the plant in the application's memory.
_SUMMARY_LOTS = "SELECT l.code FROM temp.recall_scope r JOIN lots l ON l.id = r.id ORDER BY l.code LIMIT ?"
_SUMMARY_ON_HAND = """
    SELECT l.code, l.balance, l.unit FROM temp.recall_scope r JOIN lots l ON l.id = r.id
    WHERE l.balance > 0 ORDER BY l.code
"""
_SUMMARY_ORDERS = """
    SELECT o.number FROM work_orders o
    WHERE o.id IN (SELECT i.order_id FROM order_inputs i WHERE {plus}i.lot_id IN (SELECT id FROM temp.recall_scope))
    ORDER BY o.number
"""
_SUMMARY_CUSTOMERS = """
    SELECT DISTINCT p.code FROM shipments s JOIN parties p ON p.id = s.customer_id
    WHERE {plus}s.lot_id IN (SELECT id FROM temp.recall_scope) ORDER BY p.code
"""


def recall_summary(session: Session | sqlite3.Connection, code: str, *, first: int) -> RecallSummary:
    """What recall_lot answers, for reading: all counts and customers, the first `first` of each list."""
    driver = _driver(session)
    start = _lot_row(driver, code)
    try:
        size = _fill_scope(driver, [start])
        plus = "+" if size > BIG_SCOPE else ""
        lots = tuple(c for (c,) in driver.execute(_SUMMARY_LOTS, (first,)))
        on_hand_count, on_hand = _count_and_first(driver.execute(_SUMMARY_ON_HAND), first)
        order_count, orders = _count_and_first(driver.execute(_SUMMARY_ORDERS.format(plus=plus)), first)
        shipment_count, shipment_rows = _count_and_first(driver.execute(_SCOPE_SHIPMENTS.format(plus=plus)), first)
        customers = tuple(c for (c,) in driver.execute(_SUMMARY_CUSTOMERS.format(plus=plus)))
    finally:
        driver.execute("DELETE FROM temp.recall_scope")
    recall = RecallResult(
        lot=start[1],
        affected_lots=lots,
        orders=tuple(number for (number,) in orders),
        shipments=_shipments(shipment_rows),
        customers=customers,
        on_hand=tuple(OnHand(*row) for row in on_hand),
        sources=(start[1],),
    )
    return RecallSummary(recall, size, order_count, shipment_count, on_hand_count)


def _count_and_first(cursor: Any, first: int) -> tuple[int, list[tuple[Any, ...]]]:
    # The first rows are kept, the rest only counted: no Python object outlives a row nobody sees.
    rows = cursor.fetchmany(first)
    return len(rows) + sum(1 for _ in cursor), rows


def recall_lot(session: Session | sqlite3.Connection, code: str) -> RecallResult:
    # Labelled with the stored code, as recall_scope names a scope of one lot.
    return recall_scope(session, [code])
