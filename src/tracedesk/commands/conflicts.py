"""`tracedesk conflicts`: contradictions between stations' facts, and QA's signed resolution of one."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg
from tracedesk.core.timeparse import iso_utc
from tracedesk.core.words import word
from tracedesk.services import conflicts


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("conflicts", help=str(msg("conflicts between facts recorded at different stations")))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--open", action="store_true", help=str(msg("only the conflicts still open")))
    parser.set_defaults(handler=run, action="list")
    actions = parser.add_subparsers(dest="conflicts_command", metavar="ACTION")
    resolve = actions.add_parser("resolve", help=str(msg("resolve a conflict with a note, signed (QA)")))
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("--note", required=True, help=str(msg("how it was settled; kept with the conflict")))
    resolve.add_argument("--json", action="store_true")
    resolve.set_defaults(handler=run, action="resolve")


def as_json(c: conflicts.ConflictInfo) -> dict[str, object]:
    return {
        "id": c.id,
        "kind": c.kind,
        "lots": list(c.lots),
        "stations": list(c.stations),
        "events": list(c.events),
        "detected_at": iso_utc(c.detected_at),
        "status": c.status,
        "note": c.note,
        "resolved_by": c.resolved_by or None,
        "resolved_at": iso_utc(c.resolved_at) if c.resolved_at else None,
    }


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.action == "resolve":
        actor = ctx.signed_in_actor("Resolving a conflict (an electronic signature)")
        with ctx.runtime().unit_of_work() as session:
            found = [conflicts.resolve_conflict(session, actor, conflict=args.id, note=args.note, pin=ctx.pin_arg)]
    else:
        with ctx.runtime().reading() as session:
            found = conflicts.list_conflicts(session, open_only=args.open)
    if args.json:
        print_json(as_json(found[0]) if args.action == "resolve" else [as_json(c) for c in found])
        return 0
    if not found:
        print(msg("No conflicts."))
    for c in found:
        print(
            msg(
                "{id}  {kind}  {status}  lots {lots}  stations {stations}  {detected}",
                id=c.id,
                kind=word(c.kind),
                status=word(c.status),
                lots=", ".join(c.lots) or "—",
                stations=", ".join(c.stations),
                detected=iso_utc(c.detected_at),
            )
        )
        if c.note:
            print(msg("    resolved by {user}: {note}", user=c.resolved_by, note=c.note))
    return 0
