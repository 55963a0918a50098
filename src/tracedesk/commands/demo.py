"""`tracedesk demo`: fill the database with a few months of a biscuit factory."""

from __future__ import annotations

import argparse

from tracedesk.commands._context import CommandContext, whole_number
from tracedesk.core.messages import msg


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help=str(msg("fill an empty database with a believable biscuit factory")))
    parser.add_argument(
        "--seed", type=whole_number("--seed", 0, 2**32), default=7, help=str(msg("random seed (same seed, same plant)"))
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.services.demo import build_demo

    runtime = ctx.runtime()
    with runtime.unit_of_work() as session:
        summary = build_demo(session, runtime.station_actor(), seed=args.seed, record_station=runtime.record_station)
    print(summary)
    return 0
