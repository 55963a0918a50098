"""Restoring a backup: checked first, the replaced database kept aside, attachments put back.

`restore_backup` never trusts the file it is given. It copies the backup into a scratch file
and checks the copy: SQLite's full integrity check, a schema this version can read, and
`audit verify` (the hash chain, and a replay of the log against the state). Only then, holding
the exclusive in-use lock (no other TraceDesk has the database open), it moves the current
database (with its WAL and any damage marker) into `backups/tracedesk-<time>-replaced/`,
installs the checked copy in its place and copies the backup's attachments back.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from tracedesk.core.errors import DatabaseError, InvalidInput
from tracedesk.core.files import write_json_atomically
from tracedesk.core.parsing import check_regular_file
from tracedesk.db.engine import create_db_engine, head_revision, known_revisions, make_read_sessionmaker, stored_revision
from tracedesk.db.health import MANIFEST, DatabaseHealth, check_file, damage_marker, integrity_problem
from tracedesk.db.inuse import InUseLock
from tracedesk.paths import AppPaths
from tracedesk.services.audit import verify_log
from tracedesk.services.backups import ATTACHMENTS, BACKUP_DB, copy_database, safe_relative


@dataclass(frozen=True)
class RestoreReport:
    """What was restored, and where the database it replaced was kept."""

    source: Path
    events: int
    attachments: int
    replaced_kept_in: Path | None
    revision: str


def check_backup(database: Path, *, replay: bool = True) -> tuple[int, str]:
    """Refuse a backup copy that is damaged, from a newer version, or whose log does not verify.

    Returns the number of events and the schema revision of a sound copy.
    """
    problem = check_file(database) or integrity_problem(database)
    if problem is not None:
        raise InvalidInput(
            "The backup {path} is damaged ({problem}); choose another backup.", path=str(database), problem=problem
        )
    revision = stored_revision(database)
    if revision is None:
        raise InvalidInput("The backup {path} holds no TraceDesk database.", path=str(database))
    if revision not in known_revisions():
        raise InvalidInput(
            "The backup {path} was made by a newer version of TraceDesk (schema {revision}); install that version to restore it.",
            path=str(database),
            revision=revision,
        )
    engine = create_db_engine(f"sqlite:///{database}", DatabaseHealth(database), f"file:{quote(str(database))}?mode=ro")
    try:
        with make_read_sessionmaker(engine)() as session:
            report = verify_log(session, replay=replay and revision == head_revision())
    finally:
        engine.dispose()
    if not report.is_intact:
        raise InvalidInput(
            "The backup {path} fails the audit check ({problem}); it was not restored.",
            path=str(database),
            problem=report.chain.problem or "; ".join(str(d) for d in report.replay_differences),
        )
    return report.chain.checked, revision


def restore_backup(
    database: Path,
    paths: AppPaths,
    source: Path,
    *,
    authorise: Callable[[Path], object] | None = None,
    replay: bool = True,
    now: datetime | None = None,
) -> RestoreReport:
    """Replace `database` with the backup `source` (a backup folder or a database file), checked first.

    `authorise(copy)` runs on the checked copy before anything is replaced: the person restoring
    signs in against the user store of the record that is about to become the database (the
    current one may be too damaged to ask), and refuses by raising.
    """
    now = now or datetime.now(UTC)
    folder = source if source.is_dir() else None
    if folder is not None and not ((folder / MANIFEST).is_file() and (folder / BACKUP_DB).exists()):
        raise InvalidInput(
            "{folder} is not a TraceDesk backup (a backup folder holds {database} and {manifest}).",
            folder=str(folder),
            database=BACKUP_DB,
            manifest=MANIFEST,
        )
    backup_db = check_regular_file(source / BACKUP_DB if folder else source, what="backup")
    lock = InUseLock(database)
    if not lock.take():
        raise DatabaseError(
            "Another TraceDesk has the database {path} open (a window or a command); close it, then restore again.",
            path=str(database),
        )
    try:
        paths.backup_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="restore-", dir=paths.backup_dir) as scratch:
            checked = Path(scratch) / BACKUP_DB
            try:
                copy_database(f"file:{quote(str(backup_db))}?mode=ro", checked)
            except DatabaseError as error:
                raise InvalidInput(
                    "The backup {path} is damaged ({problem}); choose another backup.", path=str(backup_db), problem=error.message
                ) from None
            events, revision = check_backup(checked, replay=replay)
            if authorise is not None:
                authorise(checked)
            aside = _keep_aside(database, paths.backup_dir, now)
            installing = database.with_name(database.name + ".restoring")
            shutil.copyfile(checked, installing)
            with installing.open("rb") as handle:
                os.fsync(handle.fileno())
            os.replace(installing, database)
        restored = _restore_attachments(folder / ATTACHMENTS, paths.attachments_dir) if folder else 0
    finally:
        lock.release()
    return RestoreReport(source, events, restored, aside, revision)


def _keep_aside(database: Path, root: Path, now: datetime) -> Path | None:
    """Move the current database, its WAL files and its damage marker into a backup folder."""
    companions = [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm")] + [damage_marker(database)]
    present = [path for path in companions if path.exists()]
    if not present:
        return None
    aside = root / f"tracedesk-{now:%Y%m%dT%H%M%S}{now.microsecond // 1000:03d}Z-replaced"
    aside.mkdir(parents=True)
    for path in present:
        target = aside / (BACKUP_DB + path.name[len(database.name) :] if path.name.startswith(database.name) else path.name)
        shutil.move(path, target)
    write_json_atomically(
        aside / MANIFEST,
        {
            "created_at": now.isoformat(),
            "label": "replaced",
            "source": str(database),
            # Moved as it was, WAL beside it: never checked, so never offered as a good backup.
            "integrity": "unchecked",
            "events": 0,
            "attachments": [],
            "missing_attachments": [],
        },
    )
    return aside


def _restore_attachments(source: Path, target: Path) -> int:
    """Copy the backup's attachment files back (files of later complaints stay where they are)."""
    if not source.is_dir():
        return 0
    count = 0
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        relative = safe_relative(path.relative_to(source).as_posix())
        if relative is None:
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        count += 1
    return count
