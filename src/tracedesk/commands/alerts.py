"""`tracedesk alerts`: what needs attention now (expiry, quarantine, BOM, holds, suppliers)."""

from __future__ import annotations

import argparse
from decimal import Decimal

from tracedesk.commands._context import CommandContext, decimal_number, print_json, whole_number
from tracedesk.core.messages import msg, text_of
from tracedesk.services.alerts import AlertSettings, alerts


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("alerts", help=str(msg("lots and orders that need attention")))
    parser.add_argument("--expiry-days", type=whole_number("--expiry-days", 0, 3650), default=14)
    parser.add_argument("--quarantine-days", type=whole_number("--quarantine-days", 0, 3650), default=3)
    parser.add_argument("--bom-tolerance", type=decimal_number("--bom-tolerance"), default=Decimal(10), help=str(msg("percent")))
    parser.add_argument("--supplier-rejections", type=whole_number("--supplier-rejections", 1, 1000), default=2)
    parser.add_argument(
        "--drift-months",
        type=whole_number("--drift-months", 0, 120),
        default=12,
        help=str(msg("months back (this one included) checked for drifting suppliers; 0: none")),
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    settings = AlertSettings(
        args.expiry_days, args.quarantine_days, args.bom_tolerance, args.supplier_rejections, drift_months=args.drift_months
    )
    actor = ctx.station_actor()
    with ctx.runtime().reading() as session:
        found = alerts(session, now=actor.now(), settings=settings)
    if args.json:
        print_json([{"kind": a.kind, "subject": a.subject, "message": a.message} for a in found])
    else:
        for a in found:
            print(f"{text_of(a.kind_name):20} {a.subject:20} {a.message}")
        if not found:
            print(msg("No alerts."))
    return 0
