"""`tracedesk recall LOT`: every lot, order, shipment and customer a recall of LOT touches."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.commands.trace import shipment_json
from tracedesk.core.quantity import format_quantity
from tracedesk.services.trace import recall_lot


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("recall", help="the scope of a recall of a lot")
    parser.add_argument("lot", help="our lot code")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    with ctx.runtime().unit_of_work() as session:
        result = recall_lot(session, args.lot)
    if args.json:
        print_json({
            "lot": result.lot,
            "affected_lots": list(result.affected_lots),
            "orders": list(result.orders),
            "shipments": [shipment_json(s) for s in result.shipments],
            "customers": list(result.customers),
            "on_hand": [{"code": o.code, "quantity": format_quantity(o.quantity), "unit": o.unit} for o in result.on_hand],
        })
        return 0
    print(f"Recall of {result.lot}: {len(result.affected_lots)} lots, {len(result.orders)} orders, "
          f"{len(result.shipments)} shipments to {len(result.customers)} customers")
    print("Still in stock:")
    for o in result.on_hand:
        print(f"  {o.code}  {format_quantity(o.quantity)} {o.unit}")
    print("Customers to contact:")
    for customer in result.customers:
        rows = [s for s in result.shipments if s.customer == customer]
        print(f"  {customer} {rows[0].customer_name}")
        for s in rows:
            print(f"    {s.shipped_at:%Y-%m-%d}  {s.lot}  {format_quantity(s.quantity)} {s.unit}  doc {s.document}")
    return 0
