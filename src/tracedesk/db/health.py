"""What state the database file is in (writable, read-only, damaged) and a sentence for each fault.

SQLite reports a locked, damaged, full or read-only database as an exception with a code; every
place that runs SQL turns it into a `DatabaseError` through `DatabaseHealth.fault`, so the user
reads one sentence and never a traceback. Damage, once seen, is remembered in a marker file
beside the database (`<name>.damaged`): the file cannot be trusted to record it in itself, and
every later process (the window, a command) must refuse to write until a backup is restored.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import threading
from datetime import UTC, datetime
from pathlib import Path

from tracedesk.core.errors import DatabaseError
from tracedesk.core.messages import Message, msg

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 3, 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
# Small tables checked completely at every open: the schema version and the station heads.
ANCHOR_TABLES = ("alembic_version", "stations")


class DatabaseLocked(DatabaseError):
    """Another program held the write lock past the busy timeout; nothing was recorded."""


class DatabaseDamaged(DatabaseError):
    """The file is damaged: reads may go on where they still work, writes are refused."""


class DatabaseReadOnly(DatabaseError):
    """The file or its folder cannot be written: reads work, writes are refused."""


class DiskFull(DatabaseError):
    """The disk (or the database's size limit) is full; nothing was recorded."""


def damage_marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


class DatabaseHealth:
    """The state of one database file, shared by every connection of its engine.

    A plain class rather than a dataclass: a script's quick read (db.reader) builds one, and
    should not pay for the dataclasses module at its start.
    """

    __slots__ = ("path", "backup_dir", "read_only_reason", "damage", "read_uri", "_lock")

    def __init__(
        self,
        path: Path | None,
        backup_dir: Path | None = None,
        read_only_reason: str | None = None,
        damage: str | None = None,
        read_uri: str | None = None,
    ) -> None:
        self.path = path
        self.backup_dir = backup_dir
        self.read_only_reason = read_only_reason
        self.damage = damage
        # How a read-only file is opened (mode=ro or immutable): copies read it the same way.
        self.read_uri = read_uri
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"DatabaseHealth(path={self.path!r}, backup_dir={self.backup_dir!r}, read_only_reason={self.read_only_reason!r}, "
            f"damage={self.damage!r}, read_uri={self.read_uri!r})"
        )

    @classmethod
    def of(cls, path: Path | None, backup_dir: Path | None = None) -> DatabaseHealth:
        """The health of `path`, with damage found earlier (its marker file) already known."""
        health = cls(path, backup_dir)
        if path is not None:
            marker = damage_marker(path)
            if marker.exists():
                try:
                    health.damage = str(json.loads(marker.read_text("utf-8"))["problem"])
                except (OSError, ValueError, KeyError, TypeError):
                    health.damage = "damage was found earlier"
        return health

    @property
    def is_read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def is_damaged(self) -> bool:
        return self.damage is not None

    @property
    def may_write(self) -> bool:
        return not self.is_read_only and not self.is_damaged

    def mark_damaged(self, problem: str) -> None:
        """Remember the damage, in this process and in the marker file for the others."""
        with self._lock:
            if self.damage is None:
                self.damage = problem
                import logging  # only here: a healthy open (a script's quick read) loads no logging

                logging.getLogger(__name__).error("database %s is damaged: %s", self.path, problem)
            if self.path is None:
                return
            marker = damage_marker(self.path)
            if marker.exists():
                return
            try:
                marker.write_text(
                    json.dumps({"problem": problem, "found_at": datetime.now(UTC).isoformat()}, ensure_ascii=False) + "\n",
                    "utf-8",
                )
            except OSError:
                pass  # a read-only folder: this process refuses writes all the same

    def clear_damage(self) -> None:
        """After a restore (or a full check that passed): the file is trusted again."""
        with self._lock:
            self.damage = None
            if self.path is not None:
                damage_marker(self.path).unlink(missing_ok=True)

    def check_writable(self) -> None:
        """The one check before every write transaction: refuse a damaged or read-only database."""
        if self.damage is not None:
            raise DatabaseDamaged(self.damaged_message())
        if self.read_only_reason is not None:
            raise DatabaseReadOnly(
                "The database {path} is read-only ({reason}); it was opened for reading only, and nothing can be "
                "recorded in it. Copy it to a folder you may write to, or fix its permissions, to record again.",
                path=str(self.path),
                reason=self.read_only_reason,
            )

    def damaged_message(self) -> Message:
        good = newest_good_backup(self.backup_dir) if self.backup_dir else None
        if good is not None:
            return msg(
                "The database {path} is damaged ({problem}). TraceDesk records nothing more in it; what can still be "
                "read stays readable. Restore the newest good backup: tracedesk restore {backup}",
                path=str(self.path),
                problem=self.damage,
                backup=str(good),
            )
        return msg(
            "The database {path} is damaged ({problem}). TraceDesk records nothing more in it; what can still be "
            "read stays readable. No checked backup was found in {folder}: restore one with tracedesk restore FILE.",
            path=str(self.path),
            problem=self.damage,
            folder=str(self.backup_dir),
        )

    def fault(self, error: BaseException) -> DatabaseError | None:
        """The sentence for an SQLite error (marking the file damaged when it is), or None."""
        if isinstance(error, DatabaseError):
            return error
        code = _sqlite_code(error)
        if code is None:
            return None
        detail = str(error)
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return DatabaseLocked(
                "Another program is writing to the database {path}; nothing was recorded. Try again in a moment.",
                path=str(self.path),
            )
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            self.mark_damaged(detail)
            return DatabaseDamaged(self.damaged_message())
        if code == SQLITE_FULL:
            return DiskFull(
                "The disk holding the database {path} is full; nothing was recorded. Free some space and try again.",
                path=str(self.path),
            )
        if code in (SQLITE_READONLY, SQLITE_PERM):
            return DatabaseReadOnly(
                "The database {path} cannot be written ({detail}); nothing was recorded.", path=str(self.path), detail=detail
            )
        if code == SQLITE_IOERR:
            return DatabaseError(
                "The disk could not read or write the database {path} ({detail}); nothing was recorded. "
                "Check the disk or the network share, then try again.",
                path=str(self.path),
                detail=detail,
            )
        if code == SQLITE_CANTOPEN:
            return DatabaseError("The database {path} cannot be opened ({detail}).", path=str(self.path), detail=detail)
        return None


def _sqlite_code(error: BaseException) -> int | None:
    """The primary SQLite result code of a driver error (wrapped by SQLAlchemy or not)."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if isinstance(original, sqlite3.DatabaseError):
        text = str(original).lower()
        if "locked" in text or "busy" in text:
            return SQLITE_BUSY
        if "malformed" in text or "not a database" in text:
            return SQLITE_CORRUPT
    return None


# --- the cheap check at open --------------------------------------------------------------------


def check_file(path: Path) -> str | None:
    """What is wrong with the file's structure, found at a small fixed cost, or None.

    Reads the 100-byte header and the last page: the magic string, a valid page size, a size
    that is whole pages and not shorter than the header says (a file cut short by a copy or a
    full disk). The b-trees themselves are checked by `check_anchor_tables` and, in full, by
    `integrity_check` on every backup.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None  # a new database
    except OSError as error:
        return f"the file cannot be read ({error.strerror or error})"
    if size == 0:
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
                return "the file does not start like an SQLite database"
            (page_size,) = struct.unpack(">H", header[16:18])
            page_size = 65536 if page_size == 1 else page_size
            if page_size < 512 or page_size & (page_size - 1):
                return f"the header gives an impossible page size ({page_size})"
            pages, change, valid_for = struct.unpack(">I", header[28:32])[0], header[24:28], header[92:96]
            wal = path.with_name(path.name + "-wal")
            settled = not wal.exists() or wal.stat().st_size == 0
            # With changes still in the WAL the file may be shorter for a moment (SQLite
            # finishes a checkpoint interrupted by a crash); only a settled file is judged.
            if settled and size % page_size:
                return f"the file ends in the middle of a page ({size} bytes, pages of {page_size}): it was cut short"
            if settled and change == valid_for and pages * page_size > size:
                return f"the file has {size // page_size} of its {pages} pages: it was cut short"
            handle.seek(max(0, size - page_size))
            if len(handle.read(page_size)) < min(size, page_size):
                return "the end of the file cannot be read"
    except OSError as error:
        return f"the file cannot be read ({error.strerror or error})"
    return None


def check_anchor_tables(connection: Any) -> str | None:
    """`quick_check` of the schema and the small tables every open relies on (milliseconds)."""
    try:
        for table in ANCHOR_TABLES:
            rows = connection.execute(f"PRAGMA quick_check({table})").fetchall()
            if rows != [("ok",)]:
                return f"{table}: {rows[0][0]}"
    except sqlite3.DatabaseError as error:
        if "no such table" in str(error):
            return None  # a new or foreign file: open_database says what it is
        return str(error)
    return None


def integrity_problem(path: Path, *, limit: int = 20) -> str | None:
    """A full `PRAGMA integrity_check` of a file nobody writes to (a backup copy), or None if sound."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        rows = [row[0] for row in connection.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    if rows == ["ok"]:
        return None
    return "; ".join(rows[:3]) + (f" (and {len(rows) - 3} more)" if len(rows) > 3 else "")


# --- where the good backups are -----------------------------------------------------------------

MANIFEST = "manifest.json"


def newest_good_backup(folder: Path | None) -> Path | None:
    """The newest backup in `folder` whose copy passed the integrity check when it was made."""
    if folder is None or not folder.is_dir():
        return None
    good: list[tuple[str, Path]] = []
    for manifest in folder.glob(f"*/{MANIFEST}"):
        try:
            data = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("integrity") == "ok" and isinstance(data.get("created_at"), str):
            good.append((data["created_at"], manifest.parent))
    return max(good)[1] if good else None


def unreadable(path: Path) -> str | None:
    """Why this account may not open the file at all (its permissions), or None.

    Not damage: the file may be whole, and marking it damaged would outlive the fix of its
    permissions. Anything else that stops a read is check_file's to judge.
    """
    try:
        with path.open("rb"):
            return None
    except PermissionError as error:
        return error.strerror or str(error)
    except OSError:
        return None


def is_writable(path: Path) -> str | None:
    """Why TraceDesk may not write the database at `path` (file or folder), or None."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is not writable"
    if not os.access(folder, os.W_OK):
        return "its folder is not writable"
    return None
