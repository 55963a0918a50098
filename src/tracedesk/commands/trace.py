"""`tracedesk trace LOT`: where a lot came from and where it went."""

from __future__ import annotations

import argparse
from datetime import UTC
from typing import Any

from tracedesk.commands._context import CommandContext, plural, print_json
from tracedesk.core.quantity import format_quantity
from tracedesk.services.dto import ShipmentInfo, TraceNode, TraceResult
from tracedesk.services.quality import suspect_reasons
from tracedesk.services.trace import lot_edges, trace_lot


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trace", help="trace a lot upstream and downstream")
    parser.add_argument("lot", help="our lot code")
    parser.add_argument("--direction", choices=("up", "down", "both"), default="both")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def shipment_json(s: ShipmentInfo) -> dict[str, Any]:
    return {
        "lot": s.lot,
        "customer": s.customer,
        "quantity": format_quantity(s.quantity),
        "unit": s.unit,
        # ISO 8601 in UTC with its offset, seconds unless the time has more: 2026-03-01T06:00:00+00:00
        "shipped_at": s.shipped_at.astimezone(UTC).isoformat(),
        "document": s.document,
    }


def trace_json(result: TraceResult) -> dict[str, Any]:
    def node(n: TraceNode) -> dict[str, Any]:
        return {"code": n.code, "item": n.item, "depth": n.depth, "status": n.status, "via": n.via}

    lot = result.lot
    return {
        "lot": {
            "code": lot.code,
            "item": lot.item,
            "status": lot.status,
            "quantity": format_quantity(lot.quantity),
            "unit": lot.unit,
        },
        "upstream": [node(n) for n in result.upstream],
        "downstream": [node(n) for n in result.downstream],
        "shipments": [shipment_json(s) for s in result.shipments],
    }


def _status(code: str, status: str, suspects: dict[str, str]) -> str:
    """The status people must see: a released lot under a hold upstream is not usable."""
    if code in suspects and status == "released":
        return "SUSPECT"  # why is printed once, under the tree
    return status.replace("_", " ")


def _print_tree(
    title: str, root: str, nodes: tuple[TraceNode, ...], edges: dict[str, list[str]], suspects: dict[str, str]
) -> None:
    """Each lot under the lot it was reached from, once, at its smallest depth."""
    print(f"{title} ({plural(len(nodes), 'lot')})")
    by_code = {n.code: n for n in nodes}
    placed: set[str] = set()

    def walk(code: str, depth: int) -> None:
        for child in edges.get(code, ()):
            node = by_code.get(child)
            if node is None or node.depth != depth or child in placed:
                continue
            placed.add(child)
            print(
                f"{'  ' * depth}{node.code}  {node.item} {node.item_name}  {format_quantity(node.quantity)} {node.unit}  [{_status(node.code, node.status, suspects)}]  via {node.via}"
            )
            walk(child, depth + 1)

    walk(root, 1)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    with ctx.runtime().reading() as session:
        result = trace_lot(session, args.lot, args.direction)
        edges = (
            {}
            if args.json
            else {
                "up": lot_edges(session, [result.lot.code, *(n.code for n in result.upstream)], "up"),
                "down": lot_edges(session, [result.lot.code, *(n.code for n in result.downstream)], "down"),
            }
        )
        suspects = (
            {}
            if args.json
            else suspect_reasons(session, [result.lot.code, *(n.code for n in (*result.upstream, *result.downstream))])
        )
    if args.json:
        print_json(trace_json(result))
        return 0
    lot = result.lot
    print(
        f"{lot.code}  {lot.item} {lot.item_name}  {format_quantity(lot.balance)} {lot.unit} left  [{_status(lot.code, lot.status, suspects)}]"
    )
    if args.direction in ("up", "both"):
        _print_tree("Made from", lot.code, result.upstream, edges["up"], suspects)
    if args.direction in ("down", "both"):
        _print_tree("Used in", lot.code, result.downstream, edges["down"], suspects)
        print(f"Shipped ({plural(len(result.shipments), 'shipment')})")
        for s in result.shipments:
            print(
                f"  {s.shipped_at:%Y-%m-%d}  {s.lot} -> {s.customer} {s.customer_name}  {format_quantity(s.quantity)} {s.unit}  doc {s.document}"
            )
    for reason in sorted(set(suspects.values())):
        print(f"SUSPECT: {reason}: not to be issued or shipped until the hold is lifted.")
    return 0
