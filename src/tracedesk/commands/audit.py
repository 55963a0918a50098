"""`tracedesk audit verify`: the hash chain is intact and replaying the log gives the same state."""

from __future__ import annotations

import argparse
import sys

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.services.audit import verify_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="check the event log")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="verify the hash chain and the state against a replay")
    verify.add_argument("--no-replay", action="store_true", help="check the hash chain only (faster)")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace, ctx: CommandContext) -> int:
    # A snapshot: the check reads one consistent state, and works on a read-only or damaged file.
    with ctx.runtime().reading() as session:
        report = verify_log(session, replay=not args.no_replay)
    if args.json:
        print_json(
            {
                "ok": report.is_intact,
                "checked": report.chain.checked,
                "first_bad_event": report.chain.first_bad_id,
                "first_bad_seq": report.chain.first_bad_seq,
                "problem": report.chain.problem,
                "replay_differences": list(report.replay_differences),
            }
        )
    if report.is_intact:
        if not args.json:
            replay = " and replaying them gives the same state" if report.replay_checked else ""
            print(f"OK: {report.chain.checked} events checked; the hash chain is intact{replay}.")
        return 0
    if not args.json:
        if report.chain.problem:
            print(f"FAILED after checking {report.chain.checked} events: {report.chain.problem}.", file=sys.stderr)
        for difference in report.replay_differences:
            print(f"FAILED: state differs from the event log: {difference}.", file=sys.stderr)
    return 1
