"""`tracedesk import PATH`: a folder of CSV files or one .xlsx workbook, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg
from tracedesk.services.importer import import_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help=str(msg("import items, parties, BOMs, receipts, orders, issues, outputs, shipments"))
    )
    parser.add_argument("path", type=Path, help=str(msg("folder of CSV files, or an .xlsx workbook")))
    parser.add_argument("--json", action="store_true", help=str(msg("machine-readable summary")))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    runtime = ctx.runtime()
    actor = ctx.signed_in_actor("Importing")
    with runtime.unit_of_work() as session:
        report = import_path(session, actor, args.path)
    if args.json:
        print_json({"added": report.added, "skipped": report.skipped, "events": report.events})
        return 0
    tables = sorted(set(report.added) | set(report.skipped))
    for table in tables:
        print(
            msg(
                "{table} {added} added {skipped} already recorded",
                table=f"{table:10}",
                added=f"{report.added.get(table, 0):>8}",
                skipped=f"{report.skipped.get(table, 0):>8}",
            )
        )
    if report.events:
        print(msg("{count} {count|event|events} recorded.", count=report.events))
    else:
        print(msg("Nothing new: everything was already recorded."))
    return 0
