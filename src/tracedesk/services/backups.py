"""Backups: a folder with a consistent copy of the database, its attachments and a checked manifest.

A backup is `backups/tracedesk-<UTC time>-<label>/` holding `tracedesk.sqlite3` (SQLite's online
backup, safe while others record), `attachments/` (every file a complaint or an inspection
refers to) and `manifest.json`. The copy gets a full `PRAGMA integrity_check` before the backup
counts as good: a backup of a damaged file says so, and the live database is marked damaged
(the copy holds the very same pages). The folder is written under a `.partial` name and renamed
when complete, so a backup killed half-way never looks like one.

Automatic backups (label `auto`, made at most once a day by the window or `tracedesk backup
--auto`) are pruned to the newest N (default 14); the newest good backup is never pruned, and
backups made by hand never are.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from tracedesk import __version__
from tracedesk.core.errors import DatabaseError, InvalidInput
from tracedesk.core.files import write_json_atomically
from tracedesk.core.parsing import parse_count
from tracedesk.db.health import MANIFEST, integrity_problem
from tracedesk.paths import AppPaths
from tracedesk.services.runtime import Runtime

BACKUP_DB = "tracedesk.sqlite3"
ATTACHMENTS = "attachments"
PARTIAL = ".partial"
AUTO = "auto"
DEFAULT_KEEP = 14
AUTO_EVERY = timedelta(days=1)
SETTINGS_FILE = "backup.json"


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder as its manifest describes it."""

    folder: Path
    created_at: datetime
    label: str
    integrity: str  # "ok", "unchecked", or what the check found
    events: int
    attachments: int
    missing_attachments: tuple[str, ...] = ()

    @property
    def is_good(self) -> bool:
        return self.integrity == "ok"

    @property
    def database(self) -> Path:
        return self.folder / BACKUP_DB


@dataclass(frozen=True)
class BackupSettings:
    """How many automatic backups to keep (config `backup.json`, shared by the window and the CLI)."""

    keep: int = DEFAULT_KEEP

    @classmethod
    def load(cls, config_dir: Path) -> BackupSettings:
        path = config_dir / SETTINGS_FILE
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text("utf-8"))
            return cls(keep=parse_count(data.get("keep", DEFAULT_KEEP), what="number of backups kept", minimum=1, maximum=3650))
        except (OSError, ValueError, AttributeError, InvalidInput):
            return cls()

    def save(self, config_dir: Path) -> None:
        write_json_atomically(config_dir / SETTINGS_FILE, {"keep": self.keep})


def make_backup(
    database: Path,
    paths: AppPaths,
    *,
    label: str,
    root: Path | None = None,
    read_uri: str | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Copy the database and its attachments into a new backup folder and check the copy.

    The caller decides what a failed check means; `backup_database` marks the live file damaged.
    """
    now = now or datetime.now(UTC)
    root = root or paths.backup_dir
    name = f"tracedesk-{now:%Y%m%dT%H%M%S}{now.microsecond // 1000:03d}Z-{label}"
    final = root / name
    partial = root / (name + PARTIAL)
    try:
        partial.mkdir(parents=True)
    except OSError as error:
        raise DatabaseError(
            "The backup folder {folder} cannot be written ({reason}).", folder=str(root), reason=error.strerror or str(error)
        ) from None
    try:
        copy = partial / BACKUP_DB
        copy_database(read_uri or f"file:{quote(str(database))}?mode=ro", copy)
        integrity = integrity_problem(copy) or "ok"
        events, files = _contents(copy) if integrity == "ok" else (0, [])
        stored, missing = _copy_attachments(files, paths, partial / ATTACHMENTS)
        manifest = {
            "created_at": now.isoformat(),
            "label": label,
            "source": str(database),
            "integrity": integrity,
            "events": events,
            "attachments": stored,
            "missing_attachments": missing,
            "tracedesk": __version__,
        }
        write_json_atomically(partial / MANIFEST, manifest)
        _fsync_tree(partial)
        os.replace(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return read_backup(final)


def copy_database(source_uri: str, target: Path) -> None:
    """SQLite's online backup: a consistent copy, the WAL's recorded changes included."""
    try:
        source = sqlite3.connect(source_uri, uri=True, timeout=10)
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except sqlite3.Error as error:
        raise DatabaseError("The database could not be copied ({reason}).", reason=str(error)) from None


def _contents(copy: Path) -> tuple[int, list[str]]:
    """How many events the copy holds, and the attachment paths its complaints and inspections name."""
    connection = sqlite3.connect(f"file:{quote(str(copy))}?mode=ro", uri=True)
    try:
        events = connection.execute("SELECT count(*) FROM events").fetchone()[0]
        files: list[str] = []
        for table in ("complaints", "inspections"):
            for (text,) in connection.execute(f"SELECT attachments FROM {table} WHERE attachments != ''"):
                files.extend(line for line in text.split("\n") if line)
        return int(events), sorted(set(files))
    except sqlite3.Error:
        return 0, []  # not a TraceDesk database: restore refuses it
    finally:
        connection.close()


def attachment_roots(paths: AppPaths) -> tuple[Path, ...]:
    """Where attachment paths are resolved: the attachments folder, then the data folder
    (where the command line kept them before both used the attachments folder)."""
    return (paths.attachments_dir, paths.data_dir)


def safe_relative(name: str) -> PurePosixPath | None:
    """An attachment path as stored ("complaints/CP-1/ab12-photo.jpg"); None when it could leave
    the folder it is resolved in (absolute, `..`): the database might have been edited."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name or ":" in name:
        return None
    return path


def _copy_attachments(files: list[str], paths: AppPaths, target: Path) -> tuple[list[dict[str, object]], list[str]]:
    stored: list[dict[str, object]] = []
    missing: list[str] = []
    for name in files:
        relative = safe_relative(name)
        found = next((root / relative for root in attachment_roots(paths) if relative and (root / relative).is_file()), None)
        if relative is None or found is None:
            missing.append(name)
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(found, destination)
        digest = hashlib.sha256(destination.read_bytes()).hexdigest()
        stored.append({"path": name, "sha256": digest, "bytes": destination.stat().st_size})
    return stored, missing


def _fsync_tree(folder: Path) -> None:
    """The copy is on disk before the folder gets its final name (a power cut keeps it whole)."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_backup(folder: Path) -> BackupInfo:
    """The backup in `folder`, from its manifest."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
        return BackupInfo(
            folder,
            datetime.fromisoformat(data["created_at"]),
            str(data.get("label", "")),
            str(data.get("integrity", "unchecked")),
            int(data.get("events", 0)),
            len(data.get("attachments", [])),
            tuple(data.get("missing_attachments", [])),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InvalidInput(
            "{folder} is not a TraceDesk backup (its manifest cannot be read: {reason}).", folder=str(folder), reason=str(error)
        ) from None


def list_backups(root: Path) -> list[BackupInfo]:
    """Every complete backup folder under `root`, oldest first."""
    if not root.is_dir():
        return []
    found = []
    for manifest in root.glob(f"*/{MANIFEST}"):
        if manifest.parent.name.endswith(PARTIAL):
            continue
        try:
            found.append(read_backup(manifest.parent))
        except InvalidInput:
            continue
    return sorted(found, key=lambda b: b.created_at)


def prune_backups(root: Path, keep: int, *, now: datetime | None = None) -> list[Path]:
    """Remove automatic backups beyond the newest `keep`, never the newest good backup.

    Leftovers of a backup killed half-way (`.partial`, older than a day) go too.
    """
    backups = list_backups(root)
    good = [b for b in backups if b.is_good]
    newest_good = good[-1].folder if good else None
    automatic = [b for b in backups if b.label == AUTO]
    removed = []
    for backup in automatic[: max(0, len(automatic) - keep)]:
        if backup.folder == newest_good:
            continue
        shutil.rmtree(backup.folder, ignore_errors=True)
        removed.append(backup.folder)
    limit = (now or datetime.now(UTC)) - timedelta(days=1)
    for leftover in root.glob(f"*{PARTIAL}") if root.is_dir() else []:
        if datetime.fromtimestamp(leftover.stat().st_mtime, UTC) < limit:
            shutil.rmtree(leftover, ignore_errors=True)
    return removed


def is_due(root: Path, now: datetime) -> bool:
    """Whether the daily automatic backup is due (none made in the last day)."""
    automatic = [b for b in list_backups(root) if b.label == AUTO]
    return not automatic or now - automatic[-1].created_at >= AUTO_EVERY


def backup_database(
    runtime: Runtime, *, root: Path | None = None, label: str = "manual", now: datetime | None = None
) -> BackupInfo:
    """Back up the open database; a copy that fails its check marks the live file damaged."""
    database = runtime.database_file
    if database is None or not database.exists():
        raise InvalidInput("There is no database file to back up at {url}.", url=str(runtime.engine.url))
    backup = make_backup(database, runtime.paths, label=label, root=root, read_uri=runtime.health.read_uri, now=now)
    if not backup.is_good:
        runtime.health.mark_damaged(backup.integrity)
    return backup


def auto_backup(runtime: Runtime, *, keep: int | None = None, now: datetime | None = None) -> BackupInfo | None:
    """The daily automatic backup, when due, then pruning; None when one was made within a day."""
    now = now or datetime.now(UTC)
    root = runtime.paths.backup_dir
    if not is_due(root, now):
        return None
    backup = backup_database(runtime, label=AUTO, now=now)
    prune_backups(root, keep or BackupSettings.load(runtime.paths.config_dir).keep, now=now)
    return backup
