"""`tracedesk sync`: exchange events with the plant's hub, once or every few seconds."""

from __future__ import annotations

import argparse
import sys
import time

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg

EXIT_UNREACHABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("sync", help=str(msg("push this station's events to the hub and pull the others'")))
    parser.add_argument("--hub", metavar="URL", help=str(msg("the hub (default: the one `tracedesk hub connect` kept)")))
    parser.add_argument(
        "--once", action="store_true", help=str(msg("one round, then exit (default: every few seconds until stopped)"))
    )
    parser.add_argument(
        "--json", action="store_true", help=str(msg("print the outcome as JSON: pushed, pulled, conflicts, hub_seq"))
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    from tracedesk.commands.hub import station_identity
    from tracedesk.core.errors import InvalidInput
    from tracedesk.sync.client import sync_once
    from tracedesk.sync.hub import HubUnreachable, hub_url

    runtime = ctx.runtime()
    url = args.hub or runtime.station.hub_url
    if not url:
        raise InvalidInput("This station has no hub: connect it with `tracedesk hub connect URL`, or add --hub URL.")
    hub_url(url)
    station = station_identity(ctx)
    while True:
        try:
            result = sync_once(url, runtime.sessions, station)
        except HubUnreachable as error:
            print(msg("tracedesk sync: {error}", error=error), file=sys.stderr)
            if args.once:
                return EXIT_UNREACHABLE
            time.sleep(max(1, runtime.station.sync_interval))
            continue
        if args.json:
            print_json(
                {"pushed": result.pushed, "pulled": result.pulled, "conflicts": result.conflicts, "hub_seq": result.hub_seq}
            )
        else:
            print(
                msg(
                    "Synced: {pushed} {pushed|event|events} pushed, {pulled} pulled, {conflicts} {conflicts|conflict|conflicts}; "
                    "hub sequence {hub_seq}.",
                    pushed=result.pushed,
                    pulled=result.pulled,
                    conflicts=result.conflicts,
                    hub_seq=result.hub_seq,
                )
            )
        sys.stdout.flush()
        if args.once:
            return 0
        time.sleep(max(1, runtime.station.sync_interval))
