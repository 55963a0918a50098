"""`tracedesk backup [FOLDER] [--auto]`: a checked copy of the database and its attachments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json, whole_number
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg
from tracedesk.core.parsing import check_folder
from tracedesk.db.engine import sqlite_file
from tracedesk.services.backups import BackupInfo, BackupSettings, auto_backup, backup_database, list_backups
from tracedesk.services.permissions import Action

EXIT_DAMAGED = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help=str(msg("copy the database and its attachments consistently, and check the copy")),
        description=str(
            msg(
                "Copy the database (safe while others record) and the complaint and inspection attachments into a new "
                "folder, then run SQLite's full integrity check on the copy. Exit 0 for a good backup, 1 when the check "
                "found damage (the database is then marked damaged), 2 on bad input."
            )
        ),
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, help=str(msg("where to put the backup folder (default: the backups folder)"))
    )
    parser.add_argument(
        "--auto",
        action="store_true",
        help=str(
            msg(
                "the daily automatic backup for a scheduler: made only when none was made in the last day, "
                "then older automatic backups are pruned"
            )
        ),
    )
    parser.add_argument(
        "--keep",
        type=whole_number("--keep", 1, 3650),
        help=str(
            msg("with --auto: how many automatic backups to keep, and remember it (default {keep})", keep=BackupSettings().keep)
        ),
    )
    parser.add_argument("--list", action="store_true", help=str(msg("list the backups instead of making one")))
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run)


def _json(backup: BackupInfo) -> dict[str, object]:
    return {
        "folder": str(backup.folder),
        "created_at": backup.created_at.isoformat(),
        "label": backup.label,
        "integrity": backup.integrity,
        "good": backup.is_good,
        "events": backup.events,
        "attachments": backup.attachments,
        "missing_attachments": list(backup.missing_attachments),
    }


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    paths = ctx.paths.ensure()
    if args.list:
        backups = list_backups(args.folder or paths.backup_dir)
        if args.json:
            print_json([_json(b) for b in backups])
        for b in [] if args.json else backups:
            print(f"{b.created_at:%Y-%m-%d %H:%M}  {b.label:8} {'good' if b.is_good else b.integrity:10} {b.folder}")
        return 0
    if args.folder is not None and args.folder.exists():
        check_folder(args.folder, what="backup folder")  # a file of that name is not a folder to write into
    database = sqlite_file(ctx.db_url)
    if database is None or not database.exists():
        # Opening would create an empty database only to back it up.
        raise InvalidInput("There is no database file to back up at {url}.", url=ctx.db_url)
    # A backup is the whole record (and the credentials table): a person with the right stands behind it.
    ctx.authorised("Backing up the database", Action.BACKUP)
    runtime = ctx.runtime()
    if args.keep is not None:
        BackupSettings(keep=args.keep).save(paths.config_dir)
    backup = auto_backup(runtime, keep=args.keep) if args.auto else backup_database(runtime, root=args.folder)
    if backup is None:
        if args.json:
            print_json({"made": False})
        else:
            print(msg("No backup needed: the last automatic backup is less than a day old."))
        return 0
    if args.json:
        print_json({"made": True, **_json(backup)})
    elif backup.is_good:
        print(
            msg(
                "Backed up to {path} ({events} events, {attachments} attachments); the copy checks out.",
                path=str(backup.folder),
                events=backup.events,
                attachments=backup.attachments,
            )
        )
        for name in backup.missing_attachments:
            print(msg("Attachment missing, not in the backup: {name}", name=name))
    if not backup.is_good:
        print(msg("tracedesk backup: {problem}", problem=runtime.health.damaged_message()), file=sys.stderr)
        return EXIT_DAMAGED
    return 0
