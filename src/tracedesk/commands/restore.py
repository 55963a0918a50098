"""`tracedesk restore BACKUP`: check a backup, keep the current database aside, put the backup back."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg
from tracedesk.db.engine import sqlite_file
from tracedesk.services.restore import restore_backup


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a checked backup (close TraceDesk first)",
        description="Check BACKUP (a backup folder, or a database file) with SQLite's integrity check and audit verify, "
        "then replace the database with it. The replaced database is kept in the backups folder. Close every "
        "TraceDesk window and command using the database first.",
    )
    parser.add_argument("backup", type=Path, metavar="BACKUP", help="a backup folder (see `tracedesk backup --list`) or file")
    parser.add_argument("--no-replay", action="store_true", help="check the hash chain only, not a replay of the log (faster)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def _authorise(ctx: CommandContext, copy: Path) -> None:
    """The person restoring signs in, and may back up and restore, in the backup's own user store."""
    from tracedesk.services.permissions import Action, require
    from tracedesk.services.runtime import Runtime

    if not (ctx.user_arg and ctx.pin_arg):
        raise InvalidInput(
            "Restoring a backup needs a signed-in user: add --user CODE --pin PIN (or set TRACEDESK_USER and TRACEDESK_PIN)."
        )
    runtime = Runtime.open(f"sqlite:///{copy}", ctx.paths)
    try:
        actor = runtime.sign_in(ctx.user_arg, ctx.pin_arg)
        with runtime.reading() as session:
            require(session, actor, Action.BACKUP)
    finally:
        runtime.close()


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    database = sqlite_file(ctx.db_url)
    if database is None:
        raise InvalidInput("Only an SQLite database file can be restored, not {url}.", url=ctx.db_url)
    report = restore_backup(
        database, ctx.paths.ensure(), args.backup, authorise=lambda copy: _authorise(ctx, copy), replay=not args.no_replay
    )
    if args.json:
        print_json(
            {
                "restored_from": str(report.source),
                "events": report.events,
                "attachments": report.attachments,
                "replaced_kept_in": str(report.replaced_kept_in) if report.replaced_kept_in else None,
            }
        )
        return 0
    print(
        msg(
            "Restored {database} from {source}: {events} events checked, {attachments} attachments.",
            database=str(database),
            source=str(report.source),
            events=report.events,
            attachments=report.attachments,
        )
    )
    if report.replaced_kept_in is not None:
        print(msg("The database it replaced is kept in {folder}.", folder=str(report.replaced_kept_in)))
    return 0
