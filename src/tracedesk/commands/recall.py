"""`tracedesk recall`: the scope of a recall, starting one (holding everything), or a timed mock.

tracedesk recall LOT [--json]                         scope of one lot (lots, orders, customers, stock)
tracedesk recall [LOT ...] [--supplier-lot S [--supplier P]] --report   where each lot is now
tracedesk recall start [LOT ...] [--supplier-lot S] --reason TEXT      hold every affected lot
tracedesk recall [start] --mock [LOT ...] [--supplier-lot S] [--out f.pdf|.xlsx]  timed drill, no holds
tracedesk recall --drills [--json]                     past mock recalls with their times
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.commands.trace import shipment_json
from tracedesk.core.messages import Message, msg, text_of
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import word
from tracedesk.services.trace import recall_lot
from tracedesk.services.trace_dto import ShipmentInfo

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    import argparse

    from tracedesk.services.recall import RecallReport, ScrapLine


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("recall", help=str(msg("the scope of a recall; `recall start` holds everything affected")))
    parser.add_argument("lots", nargs="*", metavar="LOT", help=str(msg("our lot codes (first word `start` starts a recall)")))
    parser.add_argument("--supplier-lot", help=str(msg("every lot we received under this supplier lot")))
    parser.add_argument("--supplier", help=str(msg("the supplier of --supplier-lot, when two share a number")))
    parser.add_argument("--reason", help=str(msg("why (required by `recall start`)")))
    parser.add_argument("--report", action="store_true", help=str(msg("where every affected lot is now, per customer")))
    parser.add_argument("--mock", action="store_true", help=str(msg("a timed mock recall: no holds, the time is recorded")))
    parser.add_argument("--out", type=Path, help=str(msg("also write the report (.pdf or .xlsx)")))
    parser.add_argument("--drills", action="store_true", help=str(msg("list past mock recalls with their times")))
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.refuse_missing_database()
    requested = (time.monotonic(), datetime.now(UTC))  # a drill's clock runs from the request
    if args.drills:
        return _drills(args, ctx)
    starting = bool(args.lots) and args.lots[0] == "start"
    lots = args.lots[1:] if starting else args.lots
    if not (starting or args.mock or args.report or args.supplier_lot or args.out or len(lots) != 1):
        return _scope(args, ctx, lots[0])
    # Reports, holds and files: loaded only by the runs that make them (a scope is a quick read).
    from tracedesk.services.mock_recall import MockRecall, run_mock_recall
    from tracedesk.services.recall import recall_json, recall_report, start_recall
    from tracedesk.services.reports.exports import write_recall

    mock = MockRecall()
    mock.start(since=requested)  # the command line's request is the drill's start
    if args.mock:
        actor = ctx.signed_in_actor("A mock recall")
        with ctx.runtime().unit_of_work() as session:
            report, _written = run_mock_recall(
                session,
                actor,
                mock,
                lots=lots,
                supplier_lot=args.supplier_lot,
                supplier=args.supplier,
                path=args.out,
                language=ctx.document_language,
            )
    elif starting or args.out:
        # Recording a recall, or writing a report out: a signed-in person stands behind it.
        actor = ctx.signed_in_actor("Starting a recall" if starting else "Writing a recall report")
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
                write_recall(session, actor, report, args.out, language=ctx.document_language)
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


def _print_shipment(s: ShipmentInfo) -> None:
    print(
        msg(
            "    {day}  {lot}  {quantity} {unit}  doc {document}",
            day=s.shipped_at.date(),
            lot=s.lot,
            quantity=s.quantity,
            unit=s.unit,
            document=s.document,
        )
    )


def _print(report: RecallReport) -> None:
    print(
        msg(
            "{title}: {lots} {lots|lot|lots}, {orders} {orders|order|orders}, {customers} {customers|customer|customers}",
            title=report.title,
            lots=len(report.lots),
            orders=len(report.orders),
            customers=len(report.customers),
        )
    )
    if report.recall_code:
        print(msg("Every affected lot is now on hold under {recall}.", recall=report.recall_code))
    if report.mock is not None:
        print(
            msg(
                "Mock recall {drill} finished in {seconds} s (recorded).",
                drill=report.mock.code,
                seconds=f"{report.mock.elapsed_seconds:.1f}",
            )
        )
    for lot in report.lots:
        print(f"  {lot.code}  {lot.item}  {text_of(word(lot.status))}  {lot.where}")
    if report.stock:
        print(msg("On hand per location:"))
        for plant, location, item, quantity, unit in report.stock_by_location:
            print(f"  {plant or '—'} / {location or '—'}  {item}  {format_quantity(quantity)} {unit}")
        print(msg("On hand per plant:"))
        for plant, item, quantity, unit in report.stock_by_plant:
            print(f"  {plant or '—'}  {item}  {format_quantity(quantity)} {unit}")
    if report.scrapped:
        print(msg("Scrapped and destroyed:"))
        for x in report.scrapped:
            print("  " + str(_scrap_line(x)))
    for customer in report.customers:
        print(f"  {customer.code} {customer.name}")
        for s in customer.shipments:
            _print_shipment(s)


def _scrap_line(x: ScrapLine) -> Message:
    if x.destroyed:
        return msg(
            "{day}  {lot}  {item}  {quantity} {unit} destroyed ({reason}), witnessed by {witness}",
            day=x.at.date(),
            lot=x.lot,
            item=x.item,
            quantity=x.quantity,
            unit=x.unit,
            reason=x.reason,
            witness=x.witness,
        )
    return msg(
        "{day}  {lot}  {item}  {quantity} {unit} scrapped ({reason})",
        day=x.at.date(),
        lot=x.lot,
        item=x.item,
        quantity=x.quantity,
        unit=x.unit,
        reason=x.reason,
    )


def _scope(args: argparse.Namespace, ctx: CommandContext, lot: str) -> int:
    with ctx.quick_reading() as reading:
        result = recall_lot(reading, lot)
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
    print(
        msg(
            "Recall of {lot}: {lots} {lots|lot|lots}, {orders} {orders|order|orders}, "
            "{shipments} {shipments|shipment|shipments} to {customers} {customers|customer|customers}",
            lot=result.lot,
            lots=len(result.affected_lots),
            orders=len(result.orders),
            shipments=len(result.shipments),
            customers=len(result.customers),
        )
    )
    print(msg("Still in stock:") if result.on_hand else msg("Still in stock: none"))
    for o in result.on_hand:
        print(f"  {o.code}  {format_quantity(o.quantity)} {o.unit}")
    print(msg("Customers to contact:") if result.customers else msg("Customers to contact: none"))
    for customer in result.customers:
        rows = [s for s in result.shipments if s.customer == customer]
        print(f"  {customer} {rows[0].customer_name}")
        for s in rows:
            _print_shipment(s)
    return 0


def _drills(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.services.mock_recall import list_mock_recalls
    from tracedesk.services.reports.recall_report import format_duration

    with ctx.runtime().reading() as session:
        drills = list_mock_recalls(session)
    if args.json:
        print_json(
            [
                {
                    "drill": d.code,
                    "started_at": d.started_at.isoformat(),
                    "finished_at": d.finished_at.isoformat(),
                    "elapsed_seconds": d.elapsed_seconds,
                    "run_by": d.run_by,
                    "sources": list(d.sources),
                    "lots": d.lots,
                    "customers": d.customers,
                    "report": d.report,
                }
                for d in drills
            ]
        )
        return 0
    if not drills:
        print(msg("No mock recall has been run yet."))
    for d in drills:
        print(
            msg(
                "{drill}  {day} {time} UTC  {duration}  {user}  {lots} {lots|lot|lots}, {customers} {customers|customer|customers}  {sources}",
                drill=d.code,
                day=d.started_at.date(),
                time=f"{d.started_at:%H:%M}",
                duration=format_duration(d.elapsed_seconds),
                user=d.run_by,
                lots=d.lots,
                customers=d.customers,
                sources=list(d.sources),
            )
        )
    return 0
