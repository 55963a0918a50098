"""QA decisions from the command line: hold, release, reject, lift-hold, correct.

Release, reject and lift-hold are signed: the --user must be a QA user and --pin is the
re-entered PIN of the signature. The services refuse anyone else, whatever the interface.
"""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, print_json, whole_number
from tracedesk.core.actor import Actor
from tracedesk.core.messages import msg
from tracedesk.core.words import word
from tracedesk.services import quality
from tracedesk.services.corrections import correct_lot
from tracedesk.services.dto import LotInfo


def register(subparsers: argparse._SubParsersAction) -> None:
    hold = subparsers.add_parser("hold", help=str(msg("put a lot on hold (lots made from it become suspect)")))
    hold.add_argument("lot")
    hold.add_argument("--reason", required=True)
    hold.add_argument("--no-spread", action="store_true", help=str(msg("hold this lot only, not what was made from it")))
    hold.add_argument("--json", action="store_true")
    hold.set_defaults(handler=run_hold)
    for name, helptext in (
        ("release", msg("release a lot (signed)")),
        ("reject", msg("reject a lot (signed)")),
        ("lift-hold", msg("lift a hold on a lot (signed)")),
    ):
        parser = subparsers.add_parser(name, help=str(helptext))
        parser.add_argument("lot")
        parser.add_argument("--reason", required=True)
        if name == "lift-hold":
            parser.add_argument(
                "--hold",
                type=whole_number("--hold", 1, 10**12),
                help=str(msg("the hold number (default: every open hold of the lot)")),
            )
        parser.add_argument("--json", action="store_true")
        parser.set_defaults(handler=run_signed, decision=name)
    correct = subparsers.add_parser("correct", help=str(msg("correct a lot's recorded data (kept with old and new values)")))
    correct.add_argument("lot")
    correct.add_argument("--reason", required=True)
    for field in ("supplier-lot", "manufacturer-lot", "po", "expiry", "manufactured-on"):
        correct.add_argument(f"--{field}")
    correct.add_argument("--json", action="store_true")
    correct.set_defaults(handler=run_correct)


def _show(info: LotInfo, as_json: bool) -> int:
    if as_json:
        print_json(
            {
                "lot": info.code,
                "status": info.status,
                "hold_reason": info.hold_reason,
                "suspect_reason": info.suspect_reason,
                "blocked": info.is_blocked,
            }
        )
    elif info.hold_reason:
        print(msg("Lot {lot}: {status} ({reason})", lot=info.code, status=word(info.status), reason=info.hold_reason))
    else:
        print(msg("Lot {lot}: {status}", lot=info.code, status=word(info.status)))
    return 0


def run_hold(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Putting a lot on hold")
    with ctx.runtime().unit_of_work() as session:
        info = quality.hold_lot(session, actor, lot=args.lot, reason=args.reason, spread=not args.no_spread)
    return _show(info, args.json)


def _signer(args: argparse.Namespace, ctx: CommandContext) -> Actor:
    if args.decision == "release":
        return ctx.signed_in_actor("A release (an electronic signature)")
    if args.decision == "reject":
        return ctx.signed_in_actor("A rejection (an electronic signature)")
    return ctx.signed_in_actor("Lifting a hold (an electronic signature)")


def run_signed(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = _signer(args, ctx)
    with ctx.runtime().unit_of_work() as session:
        if args.decision == "release":
            info = quality.release_lot(session, actor, lot=args.lot, reason=args.reason, pin=ctx.pin_arg)
        elif args.decision == "reject":
            info = quality.reject_lot(session, actor, lot=args.lot, reason=args.reason, pin=ctx.pin_arg)
        else:
            info = quality.lift_hold(session, actor, lot=args.lot, reason=args.reason, pin=ctx.pin_arg, hold=args.hold)
    return _show(info, args.json)


def run_correct(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Correcting a lot")
    changes = {k: getattr(args, k) for k in ("supplier_lot", "manufacturer_lot", "po", "expiry", "manufactured_on")}
    with ctx.runtime().unit_of_work() as session:
        info = correct_lot(session, actor, lot=args.lot, reason=args.reason, **changes)
    return _show(info, args.json)
