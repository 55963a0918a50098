"""`tracedesk backup [PATH]`: a consistent copy of the live database (safe while others work)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext
from tracedesk.core.errors import InvalidInput
from tracedesk.db.engine import backup_sqlite, sqlite_file
from tracedesk.services.permissions import Action


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help="copy the database consistently, e.g. to a USB stick or a share")
    parser.add_argument("folder", nargs="?", type=Path, help="where to put the copy (default: the backups folder)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    path = sqlite_file(ctx.db_url)
    if path is None or not path.exists():
        raise InvalidInput("There is no database file to back up at {url}.", url=ctx.db_url)
    # A backup is the whole record (and the credentials table): a person with the right stands behind it.
    ctx.authorised("Backing up the database", Action.BACKUP)
    target = backup_sqlite(path, args.folder or ctx.paths.ensure().backup_dir, "backup")
    print(f"Backed up to {target}")
    return 0
