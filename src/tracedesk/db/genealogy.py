"""Genealogy queries: whole families in a few set-based statements, never a query per lot.

A small family (nearly every lot) is one recursive statement per direction with the lots'
details joined in; a big one (a silo lot in thousands of orders) is walked level by level
over the covering link indexes with a visited set, then its details read in one statement.
`via` is the order or split that reached a lot at its smallest depth.
"""

from __future__ import annotations

import json
from operator import itemgetter

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple

    from sqlalchemy.orm import Session

    Direction = Literal["up", "down"]
else:
    from tracedesk.core.records import NamedTuple

MAX_DEPTH = 200

# A family walk carries (lot, depth, the order of the link that reached it). UNION keeps
# those triples apart, so a lot reached along paths of different lengths (flour goes into a
# premix and straight into the dough) or through several orders is walked more than once;
# for a family of a few hundred lots that costs nothing, and one statement per direction is
# the whole trace. The LIMIT stops the recursion of a big family early: it is then walked
# level by level instead, where a visited set touches each link once.
SMALL_FAMILY_ROWS = 400
_SMALL_FAMILY_SQL = {
    direction: f"""
WITH RECURSIVE walk(id, depth, order_id) AS (
    SELECT ?, 0, NULL
    UNION
    SELECT l.{to_col}, w.depth + 1, l.order_id FROM walk w JOIN lot_links l ON l.{from_col} = w.id
    WHERE w.depth < {MAX_DEPTH}
    LIMIT ?
)
SELECT w.id, w.depth, COALESCE(o.number, 'split'), t.code, i.code, i.name, t.status, t.quantity, t.unit
FROM walk w JOIN lots t ON t.id = w.id JOIN items i ON i.id = t.item_id
LEFT JOIN work_orders o ON o.id = w.order_id
WHERE w.depth > 0
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}

# One level of the walk of a big family: the links leaving the frontier, nothing joined, so
# SQLite does no more per link than the recursive CTE itself would.
_LEVEL_SQL = {
    direction: f"SELECT l.{to_col}, l.order_id FROM lot_links l WHERE l.{from_col} IN (SELECT value FROM json_each(?))"
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}
_DEPTH_AND_CODE = itemgetter(3, 0)
_ORDER_NUMBERS_SQL = "SELECT id, number FROM work_orders WHERE id IN (SELECT value FROM json_each(?))"
_DETAILS_SQL = """
SELECT t.id, t.code, i.code, i.name, t.status, t.quantity, t.unit
FROM json_each(?) j JOIN lots t ON t.id = j.value JOIN items i ON i.id = t.item_id
"""

_DESCENDANTS_SQL = """
WITH RECURSIVE walk(id) AS (
    SELECT id FROM lots WHERE id IN (SELECT value FROM json_each(:starts))
    UNION
    SELECT l.child_id FROM walk w JOIN lot_links l ON l.parent_id = w.id
)
SELECT id FROM walk
"""

# How many lots a family holds at every level, each counted once: UNION on the lot id alone
# keeps each lot once however many paths reach it, so the walk ends after every link once.
_FAMILY_SIZE_SQL = {
    direction: f"""
WITH RECURSIVE walk(id) AS (
    SELECT ?
    UNION
    SELECT l.{to_col} FROM walk w JOIN lot_links l ON l.{from_col} = w.id
)
SELECT COUNT(*) - 1 FROM walk
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}


def family_size(session: Session, lot_id: int, direction: Direction) -> int:
    """How many lots are upstream or downstream of `lot_id` at every level (not itself)."""
    driver: Any = session.connection().connection.driver_connection
    return int(driver.execute(_FAMILY_SIZE_SQL[direction], (lot_id,)).fetchone()[0])


class Reached(NamedTuple):
    """A lot reached by a trace: at its smallest depth, and the link kind/order that reached it."""

    lot_id: int
    depth: int
    via: str


def trace(session: Session, lot_id: int, direction: Direction) -> list[Reached]:
    """Every lot upstream or downstream of `lot_id` (not itself), each once at its smallest depth.

    `via` is the smallest order number (or 'split') among the links that reach the lot from
    the level above it.
    """
    driver = session.connection().connection.driver_connection
    rows = family(driver, lot_id, direction)
    return sorted((Reached(row[8], row[3], row[5]) for row in rows), key=lambda r: r.lot_id)


def family(driver: Any, lot_id: int, direction: Direction, *, small: int = SMALL_FAMILY_ROWS) -> list[tuple[Any, ...]]:
    """The lots up or down from `lot_id` (not itself), each once at its smallest depth, in
    (depth, code) order.

    A row is (code, item code, item name, depth, status, via, scaled quantity, unit, lot id);
    `via` is the smallest order number (or 'split') among the links reaching the lot from the
    level above. `driver` is a DB-API connection inside the caller's transaction. A family of
    more than `small` rows of the one-statement walk is walked level by level instead.
    """
    # The limit counts the lot itself and one row more than `small`: more found means cut off.
    found = driver.execute(_SMALL_FAMILY_SQL[direction], (lot_id, small + 2)).fetchall()
    if len(found) > small:
        return _big_family(driver, lot_id, direction)
    best: dict[int, tuple[Any, ...]] = {}
    for row in found:
        known = best.get(row[0])
        if known is None or row[1] < known[1] or (row[1] == known[1] and row[2] < known[2]):
            best[row[0]] = row
    rows = [
        (code, item, item_name, depth, status, via, quantity, unit, lot)
        for lot, depth, via, code, item, item_name, status, quantity, unit in best.values()
    ]
    rows.sort(key=_DEPTH_AND_CODE)
    return rows


def _big_family(driver: Any, lot_id: int, direction: Direction) -> list[tuple[Any, ...]]:
    # Level by level: each link is read once, as (lot, order id); the order numbers and the
    # lots' details are then read once each, in two statements for the whole family.
    level_sql = _LEVEL_SQL[direction]
    seen = {lot_id}
    frontier = [lot_id]
    reached: dict[int, tuple[int, Any]] = {}  # lot -> (depth, the first order id reaching it)
    several: dict[int, set[Any]] = {}  # lots reached through more than one order
    depth = 0
    while frontier and depth < MAX_DEPTH:
        depth += 1
        level: dict[int, Any] = {}
        for target, order in driver.execute(level_sql, (json.dumps(frontier),)):
            if target in seen:
                continue
            known = level.setdefault(target, order)
            if known != order:
                several.setdefault(target, {known}).add(order)
        seen.update(level)
        for lot, order in level.items():
            reached[lot] = (depth, order)
        frontier = list(level)
    order_ids = {order for _, order in reached.values()}.union(*several.values())
    order_ids.discard(None)
    numbers: dict[Any, str] = dict(driver.execute(_ORDER_NUMBERS_SQL, (json.dumps(list(order_ids)),)))
    numbers[None] = "split"
    for lot, orders in several.items():
        # The smallest number among the orders reaching the lot (numbers, not ids, decide).
        numbers[("several", lot)] = min(numbers[o] for o in orders)
        reached[lot] = (reached[lot][0], ("several", lot))
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for lot, code, item, item_name, status, quantity, unit in driver.execute(_DETAILS_SQL, (json.dumps(list(reached)),)):
        depth, order = reached[lot]
        append((code, item, item_name, depth, status, numbers[order], quantity, unit, lot))
    rows.sort(key=_DEPTH_AND_CODE)
    return rows


def with_descendants(session: Session, lot_ids: list[int]) -> list[int]:
    """The given lots and everything made from them, as one set (recall scope)."""
    from sqlalchemy import text

    return [row[0] for row in session.execute(text(_DESCENDANTS_SQL), {"starts": json.dumps(lot_ids)})]


def children_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level down for many lots at once (the lazy tree view's batch)."""
    return _one_level(session, lot_ids, "parent_id", "child_id")


def parents_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level up for many lots at once."""
    return _one_level(session, lot_ids, "child_id", "parent_id")


def _one_level(session: Session, lot_ids: list[int], from_col: str, to_col: str) -> dict[int, list[tuple[int, str]]]:
    from sqlalchemy import text

    sql = text(f"""
        SELECT l.{from_col}, l.{to_col}, COALESCE(o.number, 'split')
        FROM lot_links l LEFT JOIN work_orders o ON o.id = l.order_id
        WHERE l.{from_col} IN (SELECT value FROM json_each(:ids))
        ORDER BY l.{from_col}, l.{to_col}
    """)
    result: dict[int, list[tuple[int, str]]] = {lot: [] for lot in lot_ids}
    for source, target, via in session.execute(sql, {"ids": json.dumps(lot_ids)}):
        result[source].append((target, via))
    return result


# Whether any of the lots (codes, as JSON) has a warehouse or after-sales step: a move, a return,
# a scrap or a transfer. A plain read for the quick paths, which then skip the steps' query.
_HAS_STEPS_SQL = """
WITH ids(id) AS (SELECT id FROM lots WHERE code IN (SELECT value FROM json_each(?1)))
SELECT EXISTS (SELECT 1 FROM lot_moves WHERE lot_id IN ids)
    OR EXISTS (SELECT 1 FROM customer_returns WHERE lot_id IN ids OR source_lot_id IN ids)
    OR EXISTS (SELECT 1 FROM scraps WHERE lot_id IN ids)
    OR EXISTS (SELECT 1 FROM transfers WHERE lot_id IN ids)
"""


def has_warehouse_steps(driver: Any, codes: list[str]) -> bool:
    """True when a move, return, scrap or transfer concerns one of the lots."""
    return bool(driver.execute(_HAS_STEPS_SQL, (json.dumps(codes),)).fetchone()[0])
