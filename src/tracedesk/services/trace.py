"""Tracing a lot up and down its family, and the scope of a recall."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from collections.abc import Iterable, Sequence
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from tracedesk.db.genealogy import Reached, driver_rows, trace, with_descendants
from tracedesk.db.types import from_scaled
from tracedesk.services.dto import OnHand, RecallResult, ShipmentInfo, TraceNode, TraceResult
from tracedesk.services.lookup import lot_by_code, lot_info

TraceDirection = Literal["up", "down", "both"]

_LOT_ROWS = """
    SELECT l.id, l.code, i.code, i.name, l.status, l.quantity, l.unit
    FROM lots l JOIN items i ON i.id = l.item_id
    WHERE l.id IN (SELECT value FROM json_each(:ids))
"""

_SHIPMENT_ROWS = text("""
    SELECT l.code, p.code, p.name, s.quantity, s.unit, s.shipped_at, s.document
    FROM shipments s JOIN lots l ON l.id = s.lot_id JOIN parties p ON p.id = s.customer_id
    WHERE s.lot_id IN (SELECT value FROM json_each(:ids))
    ORDER BY s.shipped_at, l.code, s.id
""")


def _nodes(session: Session, reached: Sequence[Reached]) -> tuple[TraceNode, ...]:
    details = {
        row[0]: row[1:]
        for row in driver_rows(session, _LOT_ROWS, {"ids": json.dumps([r.lot_id for r in reached])})
    }
    # A family of thousands of lots has a handful of distinct quantities: convert each once.
    quantities: dict[int, Decimal] = {}
    nodes = []
    for r in reached:
        code, item, item_name, status, scaled, unit = details[r.lot_id]
        quantity = quantities.get(scaled)
        if quantity is None:
            quantity = quantities[scaled] = from_scaled(scaled)
        nodes.append(TraceNode(code, item, item_name, r.depth, status, r.via, quantity, unit))
    return tuple(sorted(nodes, key=lambda n: (n.depth, n.code)))


def shipments_of(session: Session, lot_ids: Iterable[int]) -> tuple[ShipmentInfo, ...]:
    """Shipments of the given lots, oldest first."""
    rows = session.execute(_SHIPMENT_ROWS, {"ids": json.dumps(list(lot_ids))})
    return tuple(
        ShipmentInfo(lot, customer, from_scaled(quantity), unit, _utc(shipped_at), document, name)
        for lot, customer, name, quantity, unit, shipped_at, document in rows
    )


def _utc(stored: str) -> datetime:
    # Text SQL bypasses the column type: SQLite holds naive UTC text.
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def trace_lot(session: Session, code: str, direction: TraceDirection = "both") -> TraceResult:
    """The lot, what it was made from (up), what was made from it (down), and where that went."""
    lot = lot_by_code(session, code)
    upstream = trace(session, lot.id, "up") if direction in ("up", "both") else []
    downstream = trace(session, lot.id, "down") if direction in ("down", "both") else []
    shipments = shipments_of(session, [lot.id, *(r.lot_id for r in downstream)]) if direction != "up" else ()
    return TraceResult(lot_info(session, lot), _nodes(session, upstream), _nodes(session, downstream), shipments)


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
    starts = [lot_by_code(session, code) for code in codes]
    affected = with_descendants(session, [lot.id for lot in starts])
    ids = json.dumps(affected)
    lots = session.execute(
        text("SELECT code, balance, unit FROM lots WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY code"),
        {"ids": ids},
    ).all()
    orders = session.scalars(text("""
        SELECT DISTINCT o.number FROM order_inputs i JOIN work_orders o ON o.id = i.order_id
        WHERE i.lot_id IN (SELECT value FROM json_each(:ids)) ORDER BY o.number
    """), {"ids": ids}).all()
    shipments = tuple(sorted(shipments_of(session, affected), key=lambda s: (s.lot, s.customer, s.shipped_at, s.document)))
    return RecallResult(
        lot=label or ", ".join(lot.code for lot in starts),
        affected_lots=tuple(code for code, _, _ in lots),
        orders=tuple(orders),
        shipments=shipments,
        customers=tuple(sorted({s.customer for s in shipments})),
        on_hand=tuple(OnHand(code, from_scaled(balance), unit) for code, balance, unit in lots if balance > 0),
        sources=tuple(lot.code for lot in starts),
    )


def recall_lot(session: Session, code: str) -> RecallResult:
    return recall_scope(session, [code], label=lot_by_code(session, code).code)
