"""`tracedesk init`: create (or migrate) the database, create its first administrator, configure this station."""

from __future__ import annotations

import argparse
from dataclasses import replace

from tracedesk.commands._context import CommandContext
from tracedesk.core.messages import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init", help=str(msg("create or upgrade the database, create the first administrator, configure this station"))
    )
    parser.add_argument(
        "--admin", metavar="CODE", help=str(msg("create the first administrator (only in a database without users)"))
    )
    parser.add_argument("--admin-pin", metavar="PIN", help=str(msg("the first administrator's PIN (4 to 12 digits)")))
    parser.add_argument("--admin-name", metavar="NAME", help=str(msg("the first administrator's name (default: the code)")))
    parser.add_argument("--station-name", help=str(msg("a name people recognise, e.g. 'Receiving 1' (signed-in admin)")))
    parser.add_argument(
        "--prefix", help=str(msg("letters that start every lot code minted here, e.g. L or R1 (signed-in admin)"))
    )
    parser.add_argument(
        "--numbering", help=str(msg("lot code pattern, default {{prefix}}{{yy}}{{mm}}-{{seq:04}} (signed-in admin)"))
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.core.errors import InvalidInput, Refused

    runtime = ctx.runtime()
    changes = {
        key: value
        for key, value in (("name", args.station_name), ("lot_prefix", args.prefix), ("numbering", args.numbering))
        if value
    }
    if args.admin and not args.admin_pin:
        raise InvalidInput("The first administrator needs a PIN: add --admin-pin PIN (4 to 12 digits).")
    if args.admin and runtime.has_users():
        raise Refused("This database has users already; sign in as an administrator to add more.")
    if changes and (args.admin or not runtime.has_users()):
        # A database without users: the settings are this station's file until the first
        # administrator is created, who records them (nothing is recorded by nobody).
        settings = replace(runtime.station, **changes)
        _ = settings.rule  # a bad prefix or pattern is refused before anything is saved
        settings.save(ctx.paths.ensure().config_dir / "station.json")
        runtime.station = settings
    elif changes:
        runtime.with_station(ctx.signed_in_actor("Changing this station's settings"), **changes)
    if args.admin:
        actor = runtime.create_first_admin(code=args.admin, name=args.admin_name or args.admin, pin=args.admin_pin)
        print(msg("First administrator {user} created; sign in with --user {user} --pin PIN.", user=actor.user))
    elif ctx.user_arg and not changes:
        ctx.signed_in_actor("Recording this station's settings")  # signing in records them when the database lacks them
    station = runtime.station
    print(msg("Database ready: {url}", url=ctx.db_url))
    print(
        msg(
            "Station {code} '{name}', lot codes like {example}",
            code=station.code,
            name=station.name,
            example=station.rule.format(runtime.station_actor().today, 1),
        )
    )
    if not runtime.has_users():
        print(msg("No users yet: create the first administrator with `tracedesk init --admin CODE --admin-pin PIN`."))
    return 0
