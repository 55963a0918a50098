"""`tracedesk printers`: the label printers configured on this station."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, whole_number
from tracedesk.core.errors import NotFound
from tracedesk.core.messages import msg
from tracedesk.labels.printers import KINDS, PrinterConfig, load_printers, save_printers
from tracedesk.services.permissions import Action


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("printers", help=str(msg("list, add or remove label printers")))
    actions = parser.add_subparsers(dest="printers_command", metavar="ACTION")
    add = actions.add_parser("add", help=str(msg("add or replace a printer")))
    add.add_argument("name")
    add.add_argument("--kind", choices=KINDS, required=True)
    add.add_argument(
        "--address", required=True, help=str(msg("host[:port] for zpl-tcp, a port for zpl-serial, the queue for system"))
    )
    add.add_argument("--dpi", type=whole_number("--dpi", 100, 600), default=203)
    add.add_argument("--baud", type=whole_number("--baud", 0, 4_000_000), default=9600)
    remove = actions.add_parser("remove", help=str(msg("forget a printer")))
    remove.add_argument("name")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    path = ctx.paths.ensure().config_dir / "printers.json"
    printers = load_printers(path)
    if args.printers_command in ("add", "remove"):
        ctx.authorised("Configuring a printer", Action.CONFIGURE_STATION)
    if args.printers_command == "add":
        printers[args.name] = PrinterConfig(args.name, args.kind, args.address, args.dpi, args.baud)
        save_printers(path, printers)
    elif args.printers_command == "remove":
        if printers.pop(args.name, None) is None:
            raise NotFound("There is no printer '{name}'.", name=args.name)
        save_printers(path, printers)
    for printer in printers.values():
        print(f"{printer.name:20} {printer.kind:11} {printer.address:30} {printer.dpi} dpi")
    if not printers:
        print(msg("No printers configured; add one with `tracedesk printers add NAME --kind zpl-tcp --address HOST`."))
    return 0
