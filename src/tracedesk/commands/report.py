"""`tracedesk report quality`: the monthly quality review as PDF, and each chart's data as CSV."""

from __future__ import annotations

import argparse
import csv
from datetime import timedelta
from pathlib import Path

from tracedesk.commands._context import CommandContext, iso_date, print_json
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help=str(msg("the quality review and the dashboard's figures")))
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    quality = kinds.add_parser("quality", help=str(msg("the quality review of a period as PDF (default: last month)")))
    quality.add_argument("--from", dest="start", type=iso_date("--from"), metavar="DATE", help=str(msg("first day (YYYY-MM-DD)")))
    quality.add_argument("--to", dest="end", type=iso_date("--to"), metavar="DATE", help=str(msg("last day (YYYY-MM-DD)")))
    quality.add_argument("--out", type=Path, help=str(msg("the PDF to write")))
    quality.add_argument("--csv", type=Path, metavar="DIR", help=str(msg("also write each chart's data as CSV into this folder")))
    for name in ("product", "supplier", "customer"):
        quality.add_argument(f"--{name}", metavar="CODE", help=str(msg("only this {what}", what=name)))
    quality.add_argument("--json", action="store_true", help=str(msg("print the key figures as JSON")))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.services.analytics import Period
    from tracedesk.services.dashboard import Filters, chart_tables
    from tracedesk.services.reports.quality_review import drifting_in_period, key_figures, load_review, write_quality_review

    if not (args.out or args.csv or args.json):
        raise InvalidInput("Say where the review goes: --out FILE.pdf, --csv FOLDER or --json.")
    if args.out and args.out.suffix.lower() != ".pdf":
        raise InvalidInput("The quality review is written as PDF: give --out a name ending in .pdf.")
    actor = ctx.station_actor()
    this_month = actor.today.replace(day=1)
    start = args.start or (this_month - timedelta(days=1)).replace(day=1)
    end = args.end or (this_month - timedelta(days=1) if args.start is None else actor.today)
    period = Period(start, end)
    filters = Filters(product=args.product, supplier=args.supplier, customer=args.customer)
    with ctx.runtime().reading() as session:
        dashboard = load_review(session, period, actor.now(), filters)
    if args.out:
        write_quality_review(dashboard, args.out, station=actor.station, language=ctx.document_language)
        print(msg("Quality review written to {path}.", path=str(args.out)))
    if args.csv:
        args.csv.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in chart_tables(dashboard).items():
            with (args.csv / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(rows)
        print(msg("Chart data written to {path}.", path=str(args.csv)))
    if args.json:
        print_json(
            {
                "from": period.start.isoformat(),
                "to": period.end.isoformat(),
                "figures": key_figures(dashboard),
                "drifting": [
                    {"supplier": p.supplier, "month": p.month, "rate": round(p.rate, 4)} for p in drifting_in_period(dashboard)
                ],
            }
        )
    return 0
