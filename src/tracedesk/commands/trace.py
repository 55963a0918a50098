"""`tracedesk trace LOT`: where a lot came from and where it went."""

from __future__ import annotations

from datetime import UTC

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import Message, msg
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import word
from tracedesk.db.driver import driver
from tracedesk.db.genealogy import has_warehouse_steps
from tracedesk.services.trace import lot_edges, trace_lot
from tracedesk.services.trace_dto import ShipmentInfo, TraceNode, TraceResult

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    import argparse
    from typing import Any

    from tracedesk.services.warehouse import LotStep


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trace", help=str(msg("trace a lot upstream and downstream")))
    parser.add_argument("lot", help=str(msg("our lot code")))
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


def step_json(step: LotStep) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "lot": step.lot,
        "at": step.at.astimezone(UTC).isoformat(),
        "quantity": format_quantity(step.quantity),
        "unit": step.unit,
        "from": step.source,
        "to": step.target,
        "document": step.document,
        "party": step.party,
        "note": step.note,
    }


def trace_json(result: TraceResult, steps: list[LotStep] | None = None) -> dict[str, Any]:
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
        # Where the lot lies now, and its balance there (the lot's own fields above stay as they were).
        "location": lot.location,
        "balance": format_quantity(lot.balance),
        "upstream": [node(n) for n in result.upstream],
        "downstream": [node(n) for n in result.downstream],
        "shipments": [shipment_json(s) for s in result.shipments],
        "warehouse": [step_json(s) for s in steps or ()],
    }


def _status(code: str, status: str, suspects: dict[str, Message]) -> Message | str:
    """The status people must see: a released lot under a hold upstream is not usable."""
    if code in suspects and status == "released":
        return msg("SUSPECT")  # why is printed once, under the tree
    return word(status)


def _print_tree(
    title: Message, root: str, nodes: tuple[TraceNode, ...], edges: dict[str, list[str]], suspects: dict[str, Message]
) -> None:
    """Each lot under the lot it was reached from, once, at its smallest depth."""
    first = sum(1 for n in nodes if n.depth == 1)
    if first == len(nodes):
        print(msg("{title} ({count} {count|lot|lots})", title=title, count=len(nodes)))
    else:
        # The first level is what the tree starts with; every level is what a recall reaches.
        print(
            msg("{title} ({first} {first|lot|lots} directly, {count} at all levels)", title=title, first=first, count=len(nodes))
        )
    by_code = {n.code: n for n in nodes}
    placed: set[str] = set()

    def walk(code: str, depth: int) -> None:
        for child in edges.get(code, ()):
            node = by_code.get(child)
            if node is None or node.depth != depth or child in placed:
                continue
            placed.add(child)
            line = msg(
                "{lot}  {item} {name}  {quantity} {unit}  [{status}]  via {via}",
                lot=node.code,
                item=node.item,
                name=node.item_name,
                quantity=node.quantity,
                unit=node.unit,
                status=_status(node.code, node.status, suspects),
                via=node.via,
            )
            print("  " * depth + str(line))
            walk(child, depth + 1)

    walk(root, 1)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.refuse_missing_database()
    if args.json:
        # What scripts call, once per lot: a quick read when the database allows (db.reader).
        with ctx.quick_reading() as reading:
            result = trace_lot(reading, args.lot, args.direction)
            codes = [result.lot.code, *(n.code for n in result.downstream)]
            # Where the lot and what was made from it went in the warehouse and after sales: a
            # plain look first, so a plant without such steps pays for no session.
            moved = args.direction != "up" and has_warehouse_steps(driver(reading), codes)
        steps: list[LotStep] = []
        if moved:
            from tracedesk.services.warehouse import lot_steps

            # Traced again with the steps in one read: the answer is one snapshot of the file,
            # even if a station records something between the quick look and this read.
            with ctx.runtime().reading() as session:
                result = trace_lot(session, args.lot, args.direction)
                steps = lot_steps(session, [result.lot.code, *(n.code for n in result.downstream)])
        print_json(trace_json(result, steps))
        return 0
    from tracedesk.services.quality import suspect_reasons
    from tracedesk.services.warehouse import lot_steps

    with ctx.runtime().reading() as session:
        result = trace_lot(session, args.lot, args.direction)
        steps = lot_steps(session, [result.lot.code, *(n.code for n in result.downstream)]) if args.direction != "up" else []
        edges = {
            "up": lot_edges(session, [result.lot.code, *(n.code for n in result.upstream)], "up"),
            "down": lot_edges(session, [result.lot.code, *(n.code for n in result.downstream)], "down"),
        }
        suspects = suspect_reasons(session, [result.lot.code, *(n.code for n in (*result.upstream, *result.downstream))])
    lot = result.lot
    print(
        msg(
            "{lot}  {item} {name}  {balance} {unit} left  [{status}]",
            lot=lot.code,
            item=lot.item,
            name=lot.item_name,
            balance=lot.balance,
            unit=lot.unit,
            status=_status(lot.code, lot.status, suspects),
        )
    )
    if lot.location:
        print(msg("  at {location}", location=lot.location))
    if args.direction in ("up", "both"):
        _print_tree(msg("Made from"), lot.code, result.upstream, edges["up"], suspects)
    if args.direction in ("down", "both"):
        _print_tree(msg("Used in"), lot.code, result.downstream, edges["down"], suspects)
        print(msg("Shipped ({count} {count|shipment|shipments})", count=len(result.shipments)))
        for s in result.shipments:
            print(
                msg(
                    "  {day}  {lot} -> {customer} {name}  {quantity} {unit}  doc {document}",
                    day=s.shipped_at.date(),
                    lot=s.lot,
                    customer=s.customer,
                    name=s.customer_name,
                    quantity=s.quantity,
                    unit=s.unit,
                    document=s.document,
                )
            )
    if steps:
        print(msg("Warehouse and after sales ({count} {count|step|steps})", count=len(steps)))
        for step in steps:
            print("  " + str(step.describe()))
    for reason in sorted(set(suspects.values()), key=str):
        print(msg("SUSPECT: {reason}: not to be issued or shipped until the hold is lifted.", reason=reason))
    return 0
