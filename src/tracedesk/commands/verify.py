"""`tracedesk verify CODE`: is this serial label ours? Checked offline with the plant's public keys.

CODE is what a scanner reads from the label (GS1 DataMatrix element string, a Digital Link
with `?8030=`, or the bracketed text), or the bare verification code with --gtin and --serial.
Exit 0 when genuine, 1 when not issued by this plant or already reported, 2 on bad input.
"""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg
from tracedesk.services.verification import GENUINE, verify_code


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("verify", help=str(msg("check that a serial label was issued by this plant")))
    parser.add_argument("code", metavar="CODE", help=str(msg("the scanned label, or the bare code with --gtin and --serial")))
    parser.add_argument("--gtin")
    parser.add_argument("--serial")
    parser.add_argument("--customer", help=str(msg("who presents the unit: a serial shipped to another is reported")))
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.station_actor()
    with ctx.runtime().reading() as session:
        verdict = verify_code(session, args.code, gtin=args.gtin, serial=args.serial, customer=args.customer, today=actor.today)
    if args.json:
        print_json(
            {
                "outcome": verdict.outcome,
                "gtin": verdict.gtin,
                "serial": verdict.serial,
                "key": verdict.key,
                "message": verdict.message,
                "reports": list(verdict.reports),
            }
        )
    else:
        print(msg("{gtin} serial {serial}: {verdict}", gtin=verdict.gtin, serial=verdict.serial, verdict=verdict.message))
    return 0 if verdict.outcome == GENUINE else 1
