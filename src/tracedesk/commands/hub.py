"""`tracedesk hub init|connect|add-station|add-reader|verify`: the plant's hub and this station's place on it."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("hub", help=str(msg("the plant's hub (PostgreSQL) that stations sync through")))
    actions = parser.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", help=str(msg("create or upgrade the hub schema (the hub's administrator)")))
    init.add_argument("url", metavar="URL", help=str(msg("the hub, e.g. postgresql://admin@server/tracedesk")))
    init.set_defaults(handler=run_init)

    connect = actions.add_parser("connect", help=str(msg("test a hub, register this station on it and keep it in the settings")))
    connect.add_argument(
        "url", metavar="URL", help=str(msg("the hub, e.g. postgresql://station@server/tracedesk?sslmode=require"))
    )
    connect.set_defaults(handler=run_connect)

    add = actions.add_parser(
        "add-station", help=str(msg("create a station's own database role and register it (the hub's administrator)"))
    )
    add.add_argument("url", metavar="URL", help=str(msg("the hub, connected to as its administrator")))
    add.add_argument("--station", required=True, metavar="CODE", help=str(msg("the station's code (its settings show it)")))
    add.add_argument("--name", metavar="NAME", help=str(msg("a name people recognise (default: the code)")))
    add.add_argument("--prefix", required=True, metavar="PREFIX", help=str(msg("the station's lot-code prefix")))
    add.add_argument("--role", metavar="ROLE", help=str(msg("the database role (default: <database>_<station>)")))
    add.add_argument("--password-env", metavar="VAR", help=str(msg("take the role's password from this environment variable")))
    add.set_defaults(handler=run_add_station)

    reader = actions.add_parser("add-reader", help=str(msg("create a role that may only read the ERP/BI views")))
    reader.add_argument("url", metavar="URL", help=str(msg("the hub, connected to as its administrator")))
    reader.add_argument("--role", required=True, metavar="ROLE", help=str(msg("the database role to create")))
    reader.add_argument("--password-env", metavar="VAR", help=str(msg("take the role's password from this environment variable")))
    reader.set_defaults(handler=run_add_reader)

    verify = actions.add_parser("verify", help=str(msg("check every station's hash chain on the hub")))
    verify.add_argument("url", metavar="URL", help=str(msg("the hub")))
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)


def run_init(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.sync.hub import init_hub, shown_url

    before, now = init_hub(args.url)
    if before is None:
        print(msg("Hub created in {url} (hub schema {revision}).", url=shown_url(args.url), revision=now))
    elif before != now:
        print(
            msg(
                "Hub {url} upgraded from hub schema {before} to {revision}.", url=shown_url(args.url), before=before, revision=now
            )
        )
    else:
        print(msg("Hub {url} is up to date (hub schema {revision}).", url=shown_url(args.url), revision=now))
    return 0


def run_connect(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.services.permissions import Action
    from tracedesk.sync.client import connect
    from tracedesk.sync.hub import hub_url, shown_url

    runtime = ctx.runtime()
    hub_url(args.url)  # a malformed address is refused before anything else
    if runtime.has_users():
        # A station with users is run by its administrator; a new one gets its users from the hub.
        ctx.authorised("Connecting this station to a hub", Action.MASTER_DATA)
    station = runtime.station
    revision = connect(args.url, station_identity(ctx))
    settings = replace(station, hub_url=args.url.strip())
    settings.save(ctx.paths.ensure().config_dir / "station.json")
    runtime.station = settings
    print(
        msg(
            "Station {code} is connected to the hub {url} (hub schema {revision}); `tracedesk sync` exchanges their events.",
            code=station.code,
            url=shown_url(args.url),
            revision=revision,
        )
    )
    return 0


def station_identity(ctx: CommandContext):  # noqa: ANN201 - the sync layer's type, imported lazily
    from tracedesk.sync.push import StationIdentity

    station = ctx.runtime().station
    return StationIdentity(code=station.code, name=station.name, lot_prefix=station.lot_prefix)


def _password(variable: str | None) -> str | None:
    from tracedesk.core.errors import InvalidInput

    if not variable:
        return None
    value = os.environ.get(variable)
    if not value:
        raise InvalidInput("The environment variable {name} holds no password.", name=variable)
    return value


def run_add_station(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.sync.roles import add_station

    role = add_station(
        args.url,
        station=args.station,
        name=args.name or args.station,
        lot_prefix=args.prefix,
        role=args.role,
        password=_password(args.password_env),
    )
    print(
        msg(
            "Station {station} is registered with the database role {role}; the station connects with "
            '`tracedesk hub connect "{address}"`.',
            station=args.station,
            role=role,
            address=_station_address(args.url, role),
        )
    )
    return 0


def _station_address(admin_url: str, role: str) -> str:
    """The hub as the new station reaches it: its own role on the administrator's server and database,
    never the administrator's password; TLS required unless the address says otherwise."""
    from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

    parts = urlsplit(admin_url)
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not parts.scheme.startswith(("postgresql", "postgres")) or not host:
        return f"postgresql://{quote(role)}@SERVER/DATABASE?sslmode=require"
    server = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
    query = [(key, value) for key, value in parse_qsl(parts.query) if key not in ("user", "password")]
    if not any(key == "sslmode" for key, _value in query):
        query.append(("sslmode", "require"))
    return urlunsplit(("postgresql", f"{quote(role)}@{server}", parts.path, urlencode(query, safe="/"), ""))


def run_add_reader(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.sync.roles import add_reader

    role = add_reader(args.url, role=args.role, password=_password(args.password_env))
    print(msg("The role {role} may read the views in the schema tracedesk_erp, and nothing else.", role=role))
    return 0


def run_verify(args: argparse.Namespace, ctx: CommandContext) -> int:
    import sys

    from tracedesk.sync.verify import verify_hub

    report = verify_hub(args.url)
    if args.json:
        print_json(
            {
                "ok": report.problem is None,
                "stations": report.stations,
                "checked": report.checked,
                "first_bad_event": report.first_bad_id,
                "problem": report.problem,
            }
        )
    if report.problem is None:
        if not args.json:
            print(
                msg(
                    "OK: {count} {count|event|events} of {stations} {stations|station|stations} checked; every chain is intact.",
                    count=report.checked,
                    stations=report.stations,
                )
            )
        return 0
    if not args.json:
        print(msg("FAILED: {problem}.", problem=report.problem), file=sys.stderr)
    return 1
