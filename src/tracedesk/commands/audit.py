"""`tracedesk audit verify`: the hash chain is intact and replaying the log gives the same state."""

from __future__ import annotations

import argparse
import sys

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import Message, msg
from tracedesk.services.audit import verify_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help=str(msg("check the event log")))
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help=str(msg("verify the hash chain and the state against a replay")))
    verify.add_argument("--no-replay", action="store_true", help=str(msg("check the hash chain only (faster)")))
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace, ctx: CommandContext) -> int:
    # A snapshot: the check reads one consistent state, and works on a read-only or damaged file.
    runtime = ctx.runtime()
    with runtime.reading() as session:
        report = verify_log(session, replay=not args.no_replay)
    hub_problem, hub_note = _compare_with_hub(ctx)
    if args.json:
        print_json(
            {
                "ok": report.is_intact,
                "checked": report.chain.checked,
                "first_bad_event": report.chain.first_bad_id,
                "first_bad_seq": report.chain.first_bad_seq,
                "problem": report.chain.problem,
                "replay_differences": list(report.replay_differences),
                "credential_problems": [str(problem) for problem in report.credential_problems],
                "hub_problem": hub_problem,
                "hub_note": hub_note,
            }
        )
    if hub_note is not None and not args.json:
        print(hub_note, file=sys.stderr)
    if report.is_intact and hub_problem is None:
        if not args.json:
            if report.replay_checked:
                print(
                    msg(
                        "OK: {count} {count|event|events} checked; the hash chain is intact and replaying them gives the same state.",
                        count=report.chain.checked,
                    )
                )
            else:
                print(msg("OK: {count} {count|event|events} checked; the hash chain is intact.", count=report.chain.checked))
        return 0
    if not args.json:
        if report.chain.problem:
            print(
                msg(
                    "FAILED after checking {count} {count|event|events}: {problem}.",
                    count=report.chain.checked,
                    problem=report.chain.problem,
                ),
                file=sys.stderr,
            )
        for difference in report.replay_differences:
            print(msg("FAILED: state differs from the event log: {difference}.", difference=difference), file=sys.stderr)
        for problem in report.credential_problems:
            print(msg("FAILED: {problem}.", problem=problem), file=sys.stderr)
        if hub_problem is not None:
            print(
                msg("FAILED: the local log is not the history the hub witnessed: {problem}.", problem=hub_problem),
                file=sys.stderr,
            )
    return 1


def _compare_with_hub(ctx: CommandContext) -> tuple[Message | None, Message | None]:
    """(first difference with the hub's copy, a note when the hub could not be asked)."""
    runtime = ctx.runtime()
    url = runtime.station.hub_url
    if not url:
        return None, None
    from tracedesk.core.errors import TraceDeskError
    from tracedesk.sync.push import compare_with_hub

    try:
        return compare_with_hub(url, runtime.read_sessions, runtime.station.code), None
    except TraceDeskError as error:
        return None, msg("The local log was not compared with the hub's copy: {error}", error=error.message)
