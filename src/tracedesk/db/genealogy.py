"""Genealogy queries: whole families in a few set-based statements, never a query per lot.

A trace is one recursive CTE over the covering link indexes; `via` (the order or split that
reached a lot at its smallest depth) is resolved in the same statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

Direction = Literal["up", "down"]
MAX_DEPTH = 200

_TRACE_SQL = {
    direction: text(f"""
WITH RECURSIVE walk(id, depth) AS (
    SELECT :start, 0
    UNION
    SELECT l.{to_col}, w.depth + 1
    FROM walk w JOIN lot_links l ON l.{from_col} = w.id
    WHERE w.depth < :max_depth
),
best(id, depth) AS (SELECT id, MIN(depth) FROM walk GROUP BY id)
SELECT b.id, b.depth, MIN(COALESCE(o.number, 'split')) AS via
FROM best b
JOIN lot_links l ON l.{to_col} = b.id
JOIN best prev ON prev.id = l.{from_col} AND prev.depth = b.depth - 1
LEFT JOIN work_orders o ON o.id = l.order_id
WHERE b.depth > 0
GROUP BY b.id, b.depth
""")
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


@dataclass(frozen=True)
class Reached:
    """A lot reached by a trace: at its smallest depth, and the link kind/order that reached it."""

    lot_id: int
    depth: int
    via: str


def trace(session: Session, lot_id: int, direction: Direction) -> list[Reached]:
    """Every lot upstream or downstream of `lot_id` (not itself), each once at its smallest depth."""
    rows = session.execute(_TRACE_SQL[direction], {"start": lot_id, "max_depth": MAX_DEPTH})
    return [Reached(lot, depth, via) for lot, depth, via in rows]


def with_descendants(session: Session, lot_ids: list[int]) -> list[int]:
    """The given lots and everything made from them, as one set (recall scope)."""
    import json

    return [row[0] for row in session.execute(_DESCENDANTS_SQL, {"starts": json.dumps(lot_ids)})]


def children_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level down for many lots at once (the lazy tree view's batch)."""
    return _one_level(session, lot_ids, "parent_id", "child_id")


def parents_of(session: Session, lot_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """One level up for many lots at once."""
    return _one_level(session, lot_ids, "child_id", "parent_id")


def _one_level(session: Session, lot_ids: list[int], from_col: str, to_col: str) -> dict[int, list[tuple[int, str]]]:
    import json

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
