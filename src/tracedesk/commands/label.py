"""`tracedesk label LOT`: a lot's labels as PDF or ZPL, to a file or straight to a printer."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, whole_number
from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.labels.printers import load_printers
from tracedesk.services.labels import prepare_labels, record_print, send_to_printer


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("label", help="print or save a lot's labels")
    parser.add_argument("lots", nargs="+", metavar="LOT", help="our lot code(s)")
    parser.add_argument("--template", help="template name (default: the lot's usual label)")
    parser.add_argument("--copies", type=whole_number("--copies", 1, 999), default=1)
    parser.add_argument(
        "--containers", type=whole_number("--containers", 1, 999), default=1, help="one label per container, numbered 1/N ..."
    )
    parser.add_argument("--dpi", type=whole_number("--dpi", 100, 600), default=203, help="ZPL printer resolution (203 or 300)")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="write a .pdf, or ZPL for a .zpl name")
    target.add_argument("--printer", help="a configured printer (see `tracedesk printers`)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    printer = None
    if args.printer:
        printers = load_printers(ctx.paths.config_dir / "printers.json")
        if args.printer not in printers:
            raise NotFound(f"There is no printer {args.printer!r}; configured: {', '.join(printers) or 'none'}.")
        printer = printers[args.printer]
        zpl, dpi = printer.is_zpl, printer.dpi
    else:
        suffix = args.out.suffix.lower()
        if suffix not in (".pdf", ".zpl"):
            raise InvalidInput(f"{args.out.name}: the output file must end in .pdf or .zpl.")
        zpl, dpi = suffix == ".zpl", args.dpi
    runtime = ctx.runtime()
    actor = ctx.signed_in_actor("Printing or saving labels")
    with runtime.unit_of_work() as session:
        job = prepare_labels(
            session,
            args.lots,
            template=args.template,
            copies=args.copies,
            zpl=zpl,
            dpi=dpi,
            user_templates=ctx.paths.config_dir / "labels",
            containers=args.containers,
        )
        if printer is not None:
            send_to_printer(job, printer)
        else:
            args.out.write_bytes(job.data)
        # Recorded in the same transaction: a job that failed to print leaves no trace of printing.
        record_print(session, actor, job, printer=printer.name if printer else f"file:{args.out.name}")
    where = printer.name if printer else str(args.out)
    print(f"{len(job.lots)} lot(s), template {job.template}, {job.copies} cop{'y' if job.copies == 1 else 'ies'} -> {where}")
    return 0
