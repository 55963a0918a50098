"""`tracedesk users`: list, add, change role, reset PIN, deactivate (admin only, each an event)."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg, text_of
from tracedesk.core.words import word
from tracedesk.services import users


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("users", help=str(msg("manage users (admin)")))
    actions = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=str(msg("every user with role and state")))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run, action="list")
    add = actions.add_parser("add", help=str(msg("create a user")))
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=("clerk", "line_lead", "qa", "admin"))
    add.add_argument("--new-pin", required=True)
    add.set_defaults(handler=run, action="add")
    role = actions.add_parser("role", help=str(msg("change a user's role")))
    role.add_argument("code")
    role.add_argument("role", choices=("clerk", "line_lead", "qa", "admin"))
    role.add_argument("--reason", default="")
    role.set_defaults(handler=run, action="role")
    reset = actions.add_parser("reset-pin", help=str(msg("give a user a new PIN (clears a lock-out)")))
    reset.add_argument("code")
    reset.add_argument("--new-pin", required=True)
    reset.set_defaults(handler=run, action="reset-pin")
    for name, active, helptext in (
        ("deactivate", False, msg("deactivate a user")),
        ("activate", True, msg("activate a user")),
    ):
        sub = actions.add_parser(name, help=str(helptext))
        sub.add_argument("code")
        sub.add_argument("--reason", default="")
        sub.set_defaults(handler=run, action=name, active=active)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.action == "list":
        with ctx.runtime().reading() as session:
            listed = users.list_users(session)
        if args.json:
            print_json([{"code": u.code, "name": u.name, "role": u.role.value, "active": u.active} for u in listed])
        else:
            for u in listed:
                state = msg("active") if u.active else msg("inactive")
                print(f"{u.code:12} {text_of(word(u.role)):10} {text_of(state):8} {u.name}")
        return 0
    actor = ctx.signed_in_actor("Managing users")
    with ctx.runtime().unit_of_work() as session:
        if args.action == "add":
            info = users.create_user(session, actor, code=args.code, name=args.name, role=args.role, pin=args.new_pin)
        elif args.action == "role":
            info = users.change_role(session, actor, code=args.code, role=args.role, reason=args.reason)
        elif args.action == "reset-pin":
            info = users.reset_pin(session, actor, code=args.code, pin=args.new_pin)
        else:
            info = users.set_active(session, actor, code=args.code, active=args.active, reason=args.reason)
    state = msg("active") if info.active else msg("inactive")
    print(msg("User {code}: {role}, {state}", code=info.code, role=word(info.role), state=state))
    return 0
