"""Reading a database with the bare driver when opening it needs nothing done.

A script or an ERP integration that asks `tracedesk trace LOT --json` pays for the process's
start on every call, and loading SQLAlchemy, Alembic and the mapped classes costs several
times what SQLite takes to answer. When the file exists, is writable, shows no damage and is
already at this version's schema, a read needs none of them: `open_quick` gives a sqlite3
connection with the pragmas every connection gets (db.engine), inside the same shared
"in use" lock. Anything else (a new, old, damaged or read-only file, a hub URL) returns None
and the caller opens the database the ordinary way, which creates, upgrades or explains.

Only the standard library and db.health/db.inuse here: this module must stay light.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

from tracedesk.core.errors import DatabaseError
from tracedesk.db.health import DatabaseHealth, check_anchor_tables, check_file, is_writable
from tracedesk.db.inuse import InUseLock

VERSIONS_DIR = Path(__file__).with_name("migrations") / "versions"
BUSY_TIMEOUT_MS = 10_000
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=(.*)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def set_pragmas(connection: sqlite3.Connection, read_only: bool, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """The pragmas of every TraceDesk connection (db.engine sets them on each pooled one)."""
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys = ON")
    if not read_only:  # both would write to the file
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a scan the UI reports as recorded survives a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


# A recall's scope (services.trace): a temporary table of the connection, in memory (see the
# temp_store pragma). Made when the connection opens, not by the recall: made inside a read's
# transaction it is rolled back with it, so every recall made it again, and that change of the
# schema makes SQLite prepare every cached statement again (1 ms of a 1.5 ms recall).
SCOPE_TABLE = "CREATE TEMP TABLE IF NOT EXISTS recall_scope (id INTEGER PRIMARY KEY, level INTEGER NOT NULL)"
SCOPE_INDEX = "CREATE INDEX IF NOT EXISTS temp.recall_scope_level ON recall_scope (level)"


def create_scratch_tables(connection: sqlite3.Connection) -> None:
    """The temporary tables reads fill and empty again, made once when an engine's connection opens.

    Not by `open_quick`: its connection serves one command's one read, which makes the table
    itself if it needs it.
    """
    connection.execute(SCOPE_TABLE)
    connection.execute(SCOPE_INDEX)


def migration_head() -> str | None:
    """The schema revision this version writes, read from the migration scripts' own lines.

    The same answer as Alembic's script directory (a test holds them equal) without loading
    Alembic; None when the scripts do not name exactly one head.
    """
    revisions, parents = _migration_graph()
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def migration_revisions() -> set[str]:
    """Every schema revision this version knows (as db.engine.known_revisions, without Alembic)."""
    return _migration_graph()[0]


def _migration_graph() -> tuple[set[str], set[str]]:
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in VERSIONS_DIR.glob("*.py"):
        source = script.read_text("utf-8")
        revision = _REVISION.search(source)
        if revision is None:
            continue
        revisions.add(revision.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            parents.update(_QUOTED.findall(down.group(1)))
    return revisions, parents


def stored_revision(path: Path, uri: str | None = None, health: DatabaseHealth | None = None) -> str | None:
    """Read the schema revision without changing a byte of the file (read-only, no WAL switch).

    Returns None for a missing or empty file; raises DatabaseError for a file that is not a
    TraceDesk database. With `health`, the small tables every open relies on are checked too,
    and damage found there is recorded in it.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(uri or f"file:{quote(str(path))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DatabaseError("The database {path} cannot be opened: {error}.", path=str(path), error=str(error)) from None
    try:
        return _revision_of(connection, path, health)
    finally:
        connection.close()


def _revision_of(connection: sqlite3.Connection, path: Path, health: DatabaseHealth | None) -> str | None:
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise DatabaseError("{path} is not a TraceDesk database (it has other tables); choose another file.", path=str(path))
        if health is not None:
            problem = check_anchor_tables(connection)
            if problem is not None:
                health.mark_damaged(problem)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as error:
        fault = health.fault(error) if health is not None else None
        if fault is not None:
            raise fault from None  # an SQLite file, damaged: the sentence says to restore
        raise DatabaseError("The file {path} is not a readable database ({error}).", path=str(path), error=str(error)) from None


def plain_sqlite_path(url: str) -> Path | None:
    """The file of a plain `sqlite:///PATH` URL (what paths.database_url makes), else None.

    The same path SQLAlchemy's URL gives; a URL with a query or an escape (`%`) is left to it.
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or "%" in url or len(url) == len(prefix):
        return None
    return Path(url[len(prefix) :])


class QuickRead:
    """A bare connection to a healthy database at head, and the shared lock held while it is open."""

    __slots__ = ("connection", "health", "lock")

    def __init__(self, connection: sqlite3.Connection, health: DatabaseHealth, lock: InUseLock) -> None:
        self.connection = connection
        self.health = health
        self.lock = lock

    def close(self) -> None:
        try:
            self.connection.close()
        finally:
            self.lock.release()


def open_quick(url: str, backup_dir: Path | None = None) -> QuickRead | None:
    """A bare sqlite3 connection for reads, or None when the database needs the ordinary open.

    The connection is in autocommit mode: the caller wraps its reads in BEGIN ... ROLLBACK.
    """
    path = plain_sqlite_path(url)
    if path is None:
        return None
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except OSError:
        return None
    health = DatabaseHealth.of(path, backup_dir)
    if health.is_damaged or is_writable(path) is not None or check_file(path) is not None:
        return None
    lock = InUseLock(path)
    lock.share()  # refused, with its sentence, while a backup is being restored into the file
    try:
        # One connection for the look at the schema and for the reads: a second would parse the
        # schema again. Reading writes nothing, and nothing is set before the file is known to
        # be at head: a file that is not is left to the ordinary open as it was.
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        try:
            try:
                revision = _revision_of(connection, path, health)
            except DatabaseError:
                revision = None  # the ordinary open says what is wrong, in the same words
            if revision is None or health.is_damaged or revision != migration_head():
                connection.close()
                lock.release()
                return None
            set_pragmas(connection, read_only=False)
        except sqlite3.Error:
            connection.close()
            lock.release()
            return None
    except BaseException:
        lock.release()
        raise
    return QuickRead(connection, health, lock)
