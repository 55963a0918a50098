"""A lot's family, one level and one page at a time: what the lazy tree and the family graph load.

Every call is a few set-based statements whatever the family's size, so a tree over 100,000
lots opens at once and grows only as far as someone expands it. Going downstream, a lot's
shipments follow its lots: where the family leaves the plant, and for which customers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, TraceDeskError
from tracedesk.core.quantity import format_quantity
from tracedesk.db.genealogy import children_of, family_size, parents_of
from tracedesk.db.hold_queries import suspect_lots
from tracedesk.db.scaled import from_scaled
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.permissions import Action, require

Direction = Literal["up", "down"]
PAGE_SIZE = 200

# Which column leads from a lot to its neighbours in each direction.
_COLUMNS = {"down": ("parent_id", "child_id"), "up": ("child_id", "parent_id")}


@dataclass(frozen=True, slots=True)  # a tree opened all the way down holds thousands
class FamilyShipment:
    """A shipment of a lot: the customer who received it ends that branch of the family."""

    shipment_id: int
    customer: str
    customer_name: str
    document: str
    quantity: Decimal
    unit: str
    shipped_at: datetime  # UTC


@dataclass(frozen=True)
class FamilyNode:
    """One lot in the tree: what it is, how it was reached, and whether it leads further."""

    lot_id: int
    code: str
    item: str
    item_name: str
    quantity: Decimal
    unit: str
    status: str
    order: str  # the order (or "split") of the link that reached this lot
    date: datetime | None
    branches: int  # links onward in the same direction (0: a leaf)
    suspect: tuple[tuple[str, str], ...] = ()  # (held ancestor, hold reason): blocked though not held itself
    station: str = ""  # the station that recorded the lot (received, produced or split off there)
    shipments: int = 0  # shipments of the lot, counted going downstream only: leaves after its lots
    # Its first shipments (up to a page), read with the page that holds the lot: a shipped
    # finished lot opens to its customers without asking the database again.
    shipped: tuple[FamilyShipment, ...] = ()


@dataclass(frozen=True)
class FamilyPage:
    """A page of a lot's neighbours: lots first, then (going downstream) the lot's own shipments."""

    nodes: tuple[FamilyNode, ...]
    total: int  # lots and shipments in all, so the view knows whether more pages follow
    shipments: tuple[FamilyShipment, ...] = ()


def root_node(session: Session, code: str) -> tuple[FamilyNode, int, int]:
    """The lot itself, with how many parents and children it has."""
    lot = lot_by_code(session, code)
    nodes = _details(session, [(lot.id, "")])
    counts_up = _branch_counts(session, [lot.id], "up")
    counts_down = _branch_counts(session, [lot.id], "down")
    shipped = session.execute(text("SELECT COUNT(*) FROM shipments WHERE lot_id = :id"), {"id": lot.id}).scalar_one()
    return replace(nodes[0], shipments=shipped), counts_up.get(lot.id, 0), counts_down.get(lot.id, 0)


def family_totals(session: Session, lot_id: int) -> tuple[int, int]:
    """How many lots are upstream and downstream of a lot at every level (the first level is `root_node`'s)."""
    return family_size(session, lot_id, "up"), family_size(session, lot_id, "down")


def family_page(session: Session, lot_id: int, direction: Direction, *, offset: int = 0, limit: int = PAGE_SIZE) -> FamilyPage:
    """Neighbours of one lot in `direction` (parents when up), `limit` of them from `offset`.

    Going down, the lot's shipments come after its child lots in the same numbering: a page
    may end with lots and begin with shipments, and `total` counts both. Each lot of the page
    comes with its own shipment count and first shipments, all read in one statement.
    """
    if direction not in _COLUMNS:
        raise InvalidInput("A family direction is 'up' or 'down', not '{direction}'.", direction=direction)
    source, target = _COLUMNS[direction]
    links, shipped = session.execute(
        text(f"""
        SELECT (SELECT COUNT(*) FROM lot_links WHERE {source} = :id),
               {"(SELECT COUNT(*) FROM shipments WHERE lot_id = :id)" if direction == "down" else "0"}
    """),
        {"id": lot_id},
    ).one()
    rows = (
        session.execute(
            text(f"""
        SELECT l.{target}, COALESCE(o.number, 'split')
        FROM lot_links l LEFT JOIN work_orders o ON o.id = l.order_id
        WHERE l.{source} = :id ORDER BY l.{target}, l.id LIMIT :limit OFFSET :offset
    """),
            {"id": lot_id, "limit": limit, "offset": offset},
        ).all()
        if offset < links
        else []
    )
    nodes = _details(session, [(target_id, via) for target_id, via in rows])
    ids = [n.lot_id for n in nodes]
    counts = _branch_counts(session, ids, direction)
    first = _first_shipments(session, ids, limit) if direction == "down" else {}
    page = []
    for node in nodes:
        shipment_count, first_shipments = first.get(node.lot_id, (0, ()))
        page.append(replace(node, branches=counts.get(node.lot_id, 0), shipments=shipment_count, shipped=first_shipments))
    room = limit - len(rows)
    shipments = _shipments(session, lot_id, max(0, offset - links), room) if shipped and room > 0 else ()
    return FamilyPage(tuple(page), links + shipped, shipments)


def _shipments(session: Session, lot_id: int, offset: int, limit: int) -> tuple[FamilyShipment, ...]:
    rows = session.execute(
        text("""
        SELECT s.id, p.code, p.name, s.document, s.quantity, s.unit, s.shipped_at
        FROM shipments s JOIN parties p ON p.id = s.customer_id
        WHERE s.lot_id = :id ORDER BY s.shipped_at, s.id LIMIT :limit OFFSET :offset
    """),
        {"id": lot_id, "limit": limit, "offset": offset},
    ).all()
    return tuple(_shipment(*row) for row in rows)


def _first_shipments(session: Session, lot_ids: list[int], limit: int) -> dict[int, tuple[int, tuple[FamilyShipment, ...]]]:
    """For each shipped lot: how many shipments it has, and the first `limit` of them (in `_shipments`' order)."""
    if not lot_ids or limit <= 0:
        return {}
    rows = session.execute(
        text("""
        SELECT lot_id, shipments, id, code, name, document, quantity, unit, shipped_at FROM (
            SELECT s.lot_id, COUNT(*) OVER (PARTITION BY s.lot_id) AS shipments,
                   ROW_NUMBER() OVER (PARTITION BY s.lot_id ORDER BY s.shipped_at, s.id) AS n,
                   s.id, p.code, p.name, s.document, s.quantity, s.unit, s.shipped_at
            FROM shipments s JOIN parties p ON p.id = s.customer_id
            WHERE s.lot_id IN (SELECT value FROM json_each(:ids))
        ) WHERE n <= :limit ORDER BY lot_id, n
    """),
        {"ids": json.dumps(lot_ids), "limit": limit},
    ).all()
    found: dict[int, tuple[int, list[FamilyShipment]]] = {}
    for lot_id, count, *shipment in rows:
        found.setdefault(lot_id, (count, []))[1].append(_shipment(*shipment))
    return {lot_id: (count, tuple(first)) for lot_id, (count, first) in found.items()}


def _shipment(
    shipment_id: int, customer: str, name: str, document: str, quantity: int, unit: str, shipped_at: object
) -> FamilyShipment:
    return FamilyShipment(shipment_id, customer, name, document, from_scaled(quantity), unit, _utc_time(shipped_at))


def _details(session: Session, reached: list[tuple[int, str]]) -> list[FamilyNode]:
    if not reached:
        return []
    rows = session.execute(
        text("""
        SELECT l.id, l.code, i.code, i.name, l.quantity, l.unit, l.status, o.number,
               COALESCE(l.produced_at, l.received_at), COALESCE(NULLIF(st.name, ''), e.station)
        FROM lots l JOIN items i ON i.id = l.item_id LEFT JOIN work_orders o ON o.id = l.order_id
        LEFT JOIN events e ON e.seq = l.created_event LEFT JOIN stations st ON st.code = e.station
        WHERE l.id IN (SELECT value FROM json_each(:ids))
    """),
        {"ids": json.dumps([lot for lot, _ in reached])},
    ).all()
    details = {row[0]: row for row in rows}
    suspects = suspect_lots(session, details)
    nodes = []
    for lot_id, via in reached:
        _, code, item, name, quantity, unit, status, order, when, station = details[lot_id]
        nodes.append(
            FamilyNode(
                lot_id,
                code,
                item,
                name,
                from_scaled(quantity),
                unit,
                status,
                via or (order or ""),
                _parse_time(when),
                0,
                tuple((s.source, s.reason) for s in suspects.get(lot_id, ())),
                station or "",
            )
        )
    return nodes


def _parse_time(stored: object) -> datetime | None:
    return None if stored is None else _utc_time(stored)


def _utc_time(stored: object) -> datetime:
    # Text SQL bypasses the column type: SQLite returns naive UTC text.
    value = stored if isinstance(stored, datetime) else datetime.fromisoformat(str(stored))
    return value.replace(tzinfo=UTC)


def _branch_counts(session: Session, lot_ids: list[int], direction: Direction) -> dict[int, int]:
    if not lot_ids:
        return {}
    source, _ = _COLUMNS[direction]
    rows = session.execute(
        text(f"""
        SELECT {source}, COUNT(*) FROM lot_links
        WHERE {source} IN (SELECT value FROM json_each(:ids)) GROUP BY {source}
    """),
        {"ids": json.dumps(lot_ids)},
    )
    return dict(rows.all())


@dataclass(frozen=True)
class FamilyGraph:
    """A window of the family around one lot: nodes by level (negative = upstream) and edges."""

    centre: str
    levels: dict[int, tuple[FamilyNode, ...]]
    edges: tuple[tuple[str, str], ...]  # (parent code, child code)
    hidden: dict[int, int]  # lots left out per level when a level is wider than the window


def family_graph(session: Session, code: str, *, depth: int = 3, width: int = 24) -> FamilyGraph:
    """Up to `depth` levels each way and `width` lots per level, for the graphical view."""
    centre, _, _ = root_node(session, code)
    levels: dict[int, tuple[FamilyNode, ...]] = {0: (centre,)}
    edges: set[tuple[str, str]] = set()
    hidden: dict[int, int] = {}
    for direction, sign, step in (("up", -1, parents_of), ("down", 1, children_of)):
        frontier = [centre]
        seen = {centre.lot_id}
        for level in range(1, depth + 1):
            links = step(session, [n.lot_id for n in frontier])
            by_id = {n.lot_id: n for n in frontier}
            next_ids: list[tuple[int, str]] = []
            pairs: list[tuple[int, int]] = []
            for source, targets in links.items():
                for target, via in targets:
                    pairs.append((source, target))
                    if target not in seen:
                        seen.add(target)
                        next_ids.append((target, via))
            if not next_ids:
                break
            hidden[sign * level] = max(0, len(next_ids) - width)
            shown = _details(session, next_ids[:width])
            codes = {n.lot_id: n.code for n in shown} | {i: n.code for i, n in by_id.items()}
            for source, target in pairs:
                if source in codes and target in codes:
                    edges.add((codes[target], codes[source]) if direction == "up" else (codes[source], codes[target]))
            levels[sign * level] = tuple(shown)
            frontier = shown
    return FamilyGraph(centre.code, levels, tuple(sorted(edges)), hidden)


ProgressCallback = Callable[[int], None]


class Cancelled(TraceDeskError):
    """The person stopped a long export; nothing was written."""


def export_trace_csv(
    session: Session,
    actor: Actor,
    code: str,
    *,
    on_progress: ProgressCallback | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> str:
    """The whole family as CSV (direction, level, lot, item, quantity, status, order, date, suspect), level by level.

    `suspect` names the held ancestors that block a lot ("hold on LOT: reason"), empty when none; such a lot's
    `status` reads "suspect" (unless it is held or rejected itself), since "released" would invite using it.

        Walks in batched levels so a long trace reports progress and can stop between levels.
    """
    require(session, actor, Action.EXPORT)
    centre, _, _ = root_node(session, code)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["direction", "level", "lot", "item", "item_name", "quantity", "unit", "status", "via", "date", "suspect"])
    writer.writerow(_csv_row("self", 0, centre))
    done = 1
    for direction, step in (("up", parents_of), ("down", children_of)):
        frontier, seen, level = [centre.lot_id], {centre.lot_id}, 0
        while frontier:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled("The export of lot {lot} was cancelled; nothing was written.", lot=centre.code)
            level += 1
            reached: list[tuple[int, str]] = []
            for start in range(0, len(frontier), 5000):
                for targets in step(session, frontier[start : start + 5000]).values():
                    for target, via in targets:
                        if target not in seen:
                            seen.add(target)
                            reached.append((target, via))
            for node in sorted(_details(session, reached), key=lambda n: n.code):
                writer.writerow(_csv_row(direction, level, node))
            done += len(reached)
            if on_progress is not None:
                on_progress(done)
            frontier = [lot for lot, _ in reached]
    return out.getvalue()


def _csv_row(direction: str, level: int, node: FamilyNode) -> list[str]:
    return [
        direction,
        str(level),
        node.code,
        node.item,
        node.item_name,
        format_quantity(node.quantity),
        node.unit,
        "suspect" if node.suspect and node.status not in ("on_hold", "rejected") else node.status,
        node.order,
        node.date.isoformat() if node.date else "",
        "; ".join(f"hold on {source}: {reason}" for source, reason in node.suspect),
    ]
