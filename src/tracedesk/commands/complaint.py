"""`tracedesk complaint`: register, update (investigate, hold, recall, close) and list complaints."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg
from tracedesk.core.words import word
from tracedesk.services import complaints


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("complaint", help=str(msg("customer complaints")))
    actions = parser.add_subparsers(dest="complaint_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=str(msg("register a complaint against a lot or serial")))
    add.add_argument("lot")
    add.add_argument("--text", required=True)
    add.add_argument("--customer")
    add.add_argument("--attach", action="append", default=[], type=Path, help=str(msg("a file to keep with it (repeatable)")))
    add.set_defaults(handler=run, action="add")
    update = actions.add_parser("update", help=str(msg("investigate, hold or recall the lot, close with a conclusion")))
    update.add_argument("code")
    update.add_argument("--status", required=True, choices=complaints.STATUSES)
    update.add_argument("--conclusion", default="")
    update.add_argument(
        "--cause", default="", help=str(msg("what the complaint came from, in a few words (grouped in the Pareto of causes)"))
    )
    update.add_argument("--action", default="none", choices=complaints.ACTIONS, dest="act")
    update.add_argument("--reason", default="")
    update.add_argument("--attach", action="append", default=[], type=Path)
    update.set_defaults(handler=run, action="update")
    listing = actions.add_parser("list", help=str(msg("complaints, newest last")))
    listing.add_argument("--status", choices=complaints.STATUSES)
    listing.set_defaults(handler=run, action="list")
    for sub in (add, update, listing):
        sub.add_argument("--json", action="store_true")


def _json(c: complaints.ComplaintInfo) -> dict:
    return {
        "code": c.code,
        "lot": c.lot,
        "customer": c.customer,
        "status": c.status,
        "text": c.text,
        "conclusion": c.conclusion,
        "attachments": list(c.attachments),
        "action": c.action,
        "cause": c.cause,
    }


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.action == "list":
        with ctx.runtime().reading() as session:
            found = complaints.list_complaints(session, status=args.status)
    else:
        actor = ctx.signed_in_actor("Registering or updating a complaint")
        store = ctx.paths.ensure().attachments_dir
        with ctx.runtime().unit_of_work() as session:
            if args.action == "add":
                found = [
                    complaints.register_complaint(
                        session, actor, lot=args.lot, text=args.text, customer=args.customer, attachments=args.attach, store=store
                    )
                ]
            else:
                found = [
                    complaints.update_complaint(
                        session,
                        actor,
                        code=args.code,
                        status=args.status,
                        conclusion=args.conclusion,
                        cause=args.cause,
                        action=args.act,
                        reason=args.reason,
                        attachments=args.attach,
                        store=store,
                    )
                ]
    if args.json:
        print_json([_json(c) for c in found] if args.action == "list" else _json(found[0]))
    elif not found and args.action == "list":
        if args.status:
            print(msg("No complaints with the status {status}.", status=word(args.status)))
        else:
            print(msg("No complaints are recorded."))
    else:
        for c in found:
            print(msg("{code}  {status}  lot {lot}  {text}", code=c.code, status=word(c.status), lot=c.lot, text=c.text[:60]))
    return 0
