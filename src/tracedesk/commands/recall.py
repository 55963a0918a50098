"""`tracedesk recall`: the scope of a recall, starting one (holding everything), or a timed mock.

tracedesk recall LOT [--json]                         scope of one lot (lots, orders, customers, stock)
tracedesk recall [LOT ...] [--supplier-lot S [--supplier P]] --report   where each lot is now
tracedesk recall start [LOT ...] [--supplier-lot S] --reason TEXT      hold every affected lot
tracedesk recall --mock [LOT ...] [--supplier-lot S] [--out f.pdf|.xlsx]  timed exercise, no holds
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, plural, print_json
from tracedesk.commands.trace import shipment_json
from tracedesk.core.quantity import format_quantity
from tracedesk.services.recall import MockRecall, RecallReport, recall_json, recall_report, start_recall
from tracedesk.services.reports.exports import write_recall
from tracedesk.services.trace import recall_lot


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("recall", help="the scope of a recall; `recall start` holds everything affected")
    parser.add_argument("lots", nargs="*", metavar="LOT", help="our lot codes (first word `start` starts a recall)")
    parser.add_argument("--supplier-lot", help="every lot we received under this supplier lot")
    parser.add_argument("--supplier", help="the supplier of --supplier-lot, when two share a number")
    parser.add_argument("--reason", help="why (required by `recall start`)")
    parser.add_argument("--report", action="store_true", help="where every affected lot is now, per customer")
    parser.add_argument("--mock", action="store_true", help="a timed mock recall: no holds, the time is recorded")
    parser.add_argument("--out", type=Path, help="also write the report (.pdf or .xlsx)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    starting = bool(args.lots) and args.lots[0] == "start"
    lots = args.lots[1:] if starting else args.lots
    if not (starting or args.mock or args.report or args.supplier_lot or args.out or len(lots) != 1):
        return _scope(args, ctx, lots[0])
    mock = MockRecall()
    mock.first_scan()  # the command line's "scan" is the codes it was given
    if starting or args.mock or args.out:
        # Recording a recall or a mock, or writing a report out: a signed-in person stands behind it.
        actor = ctx.signed_in_actor(
            "Starting a recall" if starting else "A mock recall" if args.mock else "Writing a recall report"
        )
        with ctx.runtime().unit_of_work() as session:
            if starting:
                report = start_recall(
                    session, actor, reason=args.reason or "", lots=lots, supplier_lot=args.supplier_lot, supplier=args.supplier
                )
            else:
                report = recall_report(
                    session, lots=lots, supplier_lot=args.supplier_lot, supplier=args.supplier, now=actor.now()
                )
            if args.out:
                write_recall(session, actor, report, args.out)
            if args.mock:
                report = mock.finish(session, actor, report)
    else:
        with ctx.runtime().reading() as session:
            report = recall_report(
                session, lots=lots, supplier_lot=args.supplier_lot, supplier=args.supplier, now=ctx.station_actor().now()
            )
    if args.json:
        print_json(recall_json(report))
    else:
        _print(report)
    return 0


def _print(report: RecallReport) -> None:
    print(f"{report.title}: {len(report.lots)} lots, {len(report.orders)} orders, {len(report.customers)} customers")
    if report.recall_code:
        print(f"Every affected lot is now on hold under {report.recall_code}.")
    if report.elapsed_seconds is not None:
        print(f"Mock recall finished in {report.elapsed_seconds:.1f} s (recorded).")
    for lot in report.lots:
        print(f"  {lot.code}  {lot.item}  {lot.status}  {lot.where}")
    for customer in report.customers:
        print(f"  {customer.code} {customer.name}")
        for s in customer.shipments:
            print(f"    {s.shipped_at:%Y-%m-%d}  {s.lot}  {format_quantity(s.quantity)} {s.unit}  doc {s.document}")


def _scope(args: argparse.Namespace, ctx: CommandContext, lot: str) -> int:
    with ctx.runtime().reading() as session:
        result = recall_lot(session, lot)
    if args.json:
        print_json(
            {
                "lot": result.lot,
                "affected_lots": list(result.affected_lots),
                "orders": list(result.orders),
                "shipments": [shipment_json(s) for s in result.shipments],
                "customers": list(result.customers),
                "on_hand": [{"code": o.code, "quantity": format_quantity(o.quantity), "unit": o.unit} for o in result.on_hand],
            }
        )
        return 0
    counts = (
        plural(len(result.affected_lots), "lot"),
        plural(len(result.orders), "order"),
        plural(len(result.shipments), "shipment"),
        plural(len(result.customers), "customer"),
    )
    print("Recall of {}: {}, {}, {} to {}".format(result.lot, *counts))
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
