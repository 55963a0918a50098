"""`tracedesk label LOT`: a lot's labels as PDF or ZPL, to a file or straight to a printer."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, whole_number
from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.core.messages import msg
from tracedesk.labels.printers import load_printers
from tracedesk.services.labels import prepare_labels, record_print, send_to_printer, user_template_dir
from tracedesk.services.locations import prepare_location_labels, record_location_print
from tracedesk.services.permissions import Action


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("label", help=str(msg("print or save a lot's labels")))
    parser.add_argument("lots", nargs="+", metavar="LOT", help=str(msg("our lot code(s)")))
    parser.add_argument("--locations", action="store_true", help=str(msg("the codes are locations: print their location labels")))
    parser.add_argument("--template", help=str(msg("template name (default: the lot's usual label)")))
    parser.add_argument("--copies", type=whole_number("--copies", 1, 999), default=1)
    parser.add_argument(
        "--containers",
        type=whole_number("--containers", 1, 999),
        default=1,
        help=str(msg("one label per container, numbered 1/N ...")),
    )
    parser.add_argument(
        "--dpi", type=whole_number("--dpi", 100, 600), default=203, help=str(msg("ZPL printer resolution (203 or 300)"))
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help=str(msg("write a .pdf, or ZPL for a .zpl name")))
    target.add_argument("--printer", help=str(msg("a configured printer (see `tracedesk printers`)")))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    printer = None
    if args.printer:
        printers = load_printers(ctx.paths.config_dir / "printers.json")
        if args.printer not in printers:
            if not printers:
                raise NotFound("There is no printer '{printer}'; none is configured.", printer=args.printer)
            raise NotFound(
                "There is no printer '{printer}'; configured: {printers}.", printer=args.printer, printers=list(printers)
            )
        printer = printers[args.printer]
        zpl, dpi = printer.is_zpl, printer.dpi
    else:
        suffix = args.out.suffix.lower()
        if suffix not in (".pdf", ".zpl"):
            raise InvalidInput("{name}: the output file must end in .pdf or .zpl.", name=args.out.name)
        zpl, dpi = suffix == ".zpl", args.dpi
    runtime = ctx.runtime()
    # Refused before anything is sent or saved, not only when the print is recorded.
    actor = ctx.authorised("Printing or saving labels", Action.PRINT_LABELS)
    with runtime.unit_of_work() as session:
        if args.locations:
            job = prepare_location_labels(
                session,
                args.lots,
                template=args.template,
                copies=args.copies,
                zpl=zpl,
                dpi=dpi,
                user_templates=user_template_dir(ctx.paths.config_dir),
                language=ctx.document_language,
            )
            if printer is not None:
                send_to_printer(job, printer)
            else:
                args.out.write_bytes(job.data)
            record_location_print(session, actor, job, printer=printer.name if printer else f"file:{args.out.name}")
            print(
                msg(
                    "{count} {count|location|locations}, template {template}, {copies} {copies|copy|copies} -> {where}",
                    count=len(job.lots),
                    template=job.template,
                    copies=job.copies,
                    where=printer.name if printer else str(args.out),
                )
            )
            return 0
        job = prepare_labels(
            session,
            args.lots,
            template=args.template,
            copies=args.copies,
            zpl=zpl,
            dpi=dpi,
            user_templates=user_template_dir(ctx.paths.config_dir),
            containers=args.containers,
            language=ctx.document_language,
            signing_keys=ctx.paths.config_dir,
        )
        if printer is not None:
            send_to_printer(job, printer)
        else:
            args.out.write_bytes(job.data)
        # Recorded in the same transaction: a job that failed to print leaves no trace of printing.
        record_print(session, actor, job, printer=printer.name if printer else f"file:{args.out.name}")
    where = printer.name if printer else str(args.out)
    print(
        msg(
            "{lots} {lots|lot|lots}, template {template}, {copies} {copies|copy|copies} -> {where}",
            lots=len(job.lots),
            template=job.template,
            copies=job.copies,
            where=where,
        )
    )
    return 0
