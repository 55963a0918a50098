"""Genealogy queries: whole families in a few set-based statements, never a query per lot.

A trace walks the covering link indexes level by level (one statement per level, a visited
set in between); `via` is the order or split that reached a lot at its smallest depth. A
recall's scope, which needs no depth, is one recursive CTE.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

Direction = Literal["up", "down"]
MAX_DEPTH = 200

# One level of a breadth-first walk: the links leaving a frontier of lots. A recursive CTE
# that carries the depth must keep (id, depth) pairs apart, and in a DAG where a lot is
# reached along paths of different lengths (flour goes into a premix and straight into the
# dough) that multiplies the rows; walking level by level with a visited set touches each
# link once.
_LEVEL_SQL = {
    direction: f"""
SELECT l.{to_col}, COALESCE(o.number, 'split') FROM lot_links l
LEFT JOIN work_orders o ON o.id = l.order_id
WHERE l.{from_col} IN (SELECT value FROM json_each(:ids))
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}

# The same level with the lots' details, for a trace shown to people: SQLite groups the
# links per lot (smallest `via`), joins the details and sorts by code, so Python touches each
# lot once instead of each link, and levels come out in (depth, code) order.
_LEVEL_NODES_SQL = {
    direction: f"""
SELECT g.id, g.via, t.code, i.code, i.name, t.status, t.quantity, t.unit
FROM (
    SELECT l.{to_col} AS id, MIN(COALESCE(o.number, 'split')) AS via FROM lot_links l
    LEFT JOIN work_orders o ON o.id = l.order_id
    WHERE l.{from_col} IN (SELECT value FROM json_each(?))
    GROUP BY l.{to_col}
) g JOIN lots t ON t.id = g.id JOIN items i ON i.id = t.item_id
ORDER BY t.code
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}

_DESCENDANTS_SQL = text("""
WITH RECURSIVE walk(id) AS (
    SELECT id FROM lots WHERE id IN (SELECT value FROM json_each(:starts))
    UNION
    SELECT l.child_id FROM walk w JOIN lot_links l ON l.parent_id = w.id
)
SELECT id FROM walk
""")


def driver_rows(session: Session, sql: str, params: dict[str, Any]) -> Any:
    """Plain tuples from the session's own connection and transaction.

    For statements that return tens of thousands of rows of plain ints and text: building a
    SQLAlchemy Row per result costs more than SQLite takes to find it.
    """
    return session.connection().connection.driver_connection.execute(sql, params)


@dataclass(frozen=True)
class Reached:
    """A lot reached by a trace: at its smallest depth, and the link kind/order that reached it."""

    lot_id: int
    depth: int
    via: str


def trace(session: Session, lot_id: int, direction: Direction) -> list[Reached]:
    """Every lot upstream or downstream of `lot_id` (not itself), each once at its smallest depth.

    `via` is the smallest order number (or 'split') among the links that reach the lot from
    the level above it; one query per level, never one per lot.
    """
    level_sql = _LEVEL_SQL[direction]
    driver = session.connection().connection.driver_connection
    seen = {lot_id}
    frontier = [lot_id]
    result: list[Reached] = []
    depth = 0
    while frontier and depth < MAX_DEPTH:
        depth += 1
        reached: dict[int, str] = {}
        for target, via in driver.execute(level_sql, {"ids": json.dumps(frontier)}):
            if target not in seen:
                known = reached.get(target)
                if known is None or via < known:
                    reached[target] = via
        seen.update(reached)
        result.extend(Reached(lot, depth, via) for lot, via in reached.items())
        frontier = list(reached)
    result.sort(key=lambda r: r.lot_id)
    return result


def trace_levels(session: Session, lot_id: int, direction: Direction) -> list[tuple[int, list[tuple[Any, ...]]]]:
    """The same walk as `trace`, as (depth, rows) per level, each level sorted by lot code.

    A row is (lot id, via, code, item code, item name, status, scaled quantity, unit).
    """
    level_sql = _LEVEL_NODES_SQL[direction]
    driver = session.connection().connection.driver_connection
    seen = {lot_id}
    frontier = [lot_id]
    levels: list[tuple[int, list[tuple[Any, ...]]]] = []
    depth = 0
    while frontier and depth < MAX_DEPTH:
        depth += 1
        rows = [row for row in driver.execute(level_sql, (json.dumps(frontier),)) if row[0] not in seen]
        if not rows:
            break
        frontier = [row[0] for row in rows]
        seen.update(frontier)
        levels.append((depth, rows))
    return levels


def with_descendants(session: Session, lot_ids: list[int]) -> list[int]:
    """The given lots and everything made from them, as one set (recall scope)."""
    return [row[0] for row in session.execute(_DESCENDANTS_SQL, {"starts": json.dumps(lot_ids)})]


def children_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level down for many lots at once (the lazy tree view's batch)."""
    return _one_level(session, lot_ids, "parent_id", "child_id")


def parents_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level up for many lots at once."""
    return _one_level(session, lot_ids, "child_id", "parent_id")


def _one_level(session: Session, lot_ids: list[int], from_col: str, to_col: str) -> dict[int, list[tuple[int, str]]]:
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
