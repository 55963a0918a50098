"""`tracedesk init`: create (or migrate) the database and set this station's name and prefix."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext
from tracedesk.core.messages import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("init", help=str(msg("create or upgrade the database and configure this station")))
    parser.add_argument("--station-name", help=str(msg("a name people recognise, e.g. 'Receiving 1'")))
    parser.add_argument("--prefix", help=str(msg("letters that start every lot code minted here, e.g. L or R1")))
    parser.add_argument("--numbering", help=str(msg("lot code pattern, default {{prefix}}{{yy}}{{mm}}-{{seq:04}}")))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    runtime = ctx.runtime()
    changes = {
        key: value
        for key, value in (("name", args.station_name), ("lot_prefix", args.prefix), ("numbering", args.numbering))
        if value
    }
    station = runtime.with_station(**changes) if changes else runtime.station
    print(msg("Database ready: {url}", url=ctx.db_url))
    print(
        msg(
            "Station {code} '{name}', lot codes like {example}",
            code=station.code,
            name=station.name,
            example=station.rule.format(runtime.system_actor().today, 1),
        )
    )
    return 0
