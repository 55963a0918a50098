"""Opening the database: pragmas, and migrations at start-up (create, back up and upgrade, or refuse)."""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.errors import DatabaseError
from tracedesk.core.messages import msg
from tracedesk.db.health import DatabaseHealth, check_file, is_writable, unreadable
from tracedesk.db.reader import create_scratch_tables, set_pragmas
from tracedesk.db.reader import stored_revision as stored_revision

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000
# Execution option of engines whose transactions only read (see make_read_sessionmaker).
READ_ONLY = "tracedesk_read_only"
_HEALTH: weakref.WeakKeyDictionary[Engine, DatabaseHealth] = weakref.WeakKeyDictionary()


def _alembic_config(engine: Engine | None = None, station: str | None = None) -> Config:
    # Alembic finds its scripts by file path, so a frozen build ships this folder as data.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    if station is not None:
        # The station whose chain an upgrade appends its own record to (0002 records a redaction).
        config.attributes["station"] = station
    return config


def head_revision() -> str:
    """The schema revision this version of TraceDesk writes."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        # Only a broken installation (the migration scripts not shipped) has no head.
        raise DatabaseError("This installation of TraceDesk has no database migrations; reinstall TraceDesk.")
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, read_only: bool) -> None:
    set_pragmas(dbapi_connection, read_only, BUSY_TIMEOUT_MS)


def health_of(engine: Engine) -> DatabaseHealth:
    """The health of the engine's database (a fresh, healthy one for engines made elsewhere)."""
    health = _HEALTH.get(engine)
    if health is None:
        health = _HEALTH[engine] = DatabaseHealth(sqlite_file(str(engine.url)))
    return health


def create_db_engine(url: str, health: DatabaseHealth | None = None, read_uri: str | None = None) -> Engine:
    """An engine with TraceDesk's connection settings; no schema work.

    `health` is the file's state, checked before every write transaction; `read_uri` opens
    every connection read-only through that SQLite URI (a file on read-only media).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    health = health or DatabaseHealth(sqlite_file(url))
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_uri is not None:
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(read_uri, uri=True, timeout=timeout, check_same_thread=False)
        )
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout})
    _HEALTH[engine] = health
    read_only = read_uri is not None

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN; take the write lock at the start
        # instead, so two stations' writers queue on busy_timeout rather than fail mid-way.
        dbapi_connection.isolation_level = None
        try:
            _set_sqlite_pragmas(dbapi_connection, read_only)
            create_scratch_tables(dbapi_connection)
        except sqlite3.Error as error:
            raise (health.fault(error) or error) from None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A read takes no lock at all: in WAL mode it sees a snapshot while writers go on, so a
        # recall over a third of the plant never makes a scan at the line wait.
        # Straight to the driver: SQLAlchemy's statement machinery would cost more than the
        # BEGIN itself, on every unit of work.
        reading = connection.get_execution_options().get(READ_ONLY, False)
        if not reading:
            health.check_writable()  # a damaged or read-only file takes no write at all
        try:
            connection.connection.driver_connection.execute("BEGIN" if reading else "BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise (health.fault(error) or error) from None

    @event.listens_for(engine, "handle_error")
    def _translate(context: Any) -> None:
        # A locked, damaged, full or read-only file: one sentence instead of a driver error.
        fault = health.fault(context.original_exception)
        if fault is not None:
            raise fault from None

    return engine


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def reader_uri(path: Path) -> str:
    """The SQLite URI that reads `path` without writing a byte (read-only media included).

    `mode=ro` still needs the WAL index beside the file; in a folder nobody may write to,
    where SQLite cannot create it, the file is opened `immutable` - unless its WAL holds
    changes, which only a writable copy can read.
    """
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        probe = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return uri
        finally:
            probe.close()
    except sqlite3.OperationalError:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise DatabaseError(
                "The database {path} is on read-only media and its latest changes are still in {wal}; "
                "copy both files to a folder you may write to, and open the copy.",
                path=str(path),
                wal=str(wal),
            ) from None
        return f"file:{quote(str(path))}?mode=ro&immutable=1"
    except sqlite3.DatabaseError:
        return uri  # a damaged file: stored_revision says so


def backup_sqlite(path: Path, backup_dir: Path, label: str) -> Path:
    """Copy a live SQLite database consistently (the backup API, WAL included)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-{stamp}-{label}.sqlite3"
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


def open_database(url: str, backup_dir: Path | None = None, station: str | None = None) -> Engine:
    """Create at head, or back up and upgrade, or refuse a database from a newer version.

    A file on read-only media opens read-only; a file found damaged (see db.health) opens for
    what can still be read. Neither is created, upgraded or written. `station` is this station's
    code: an upgrade that must record something does so on its chain.
    """
    path = sqlite_file(url)
    revision: str | None = None
    health = DatabaseHealth.of(path, backup_dir)
    uri: str | None = None
    if path is not None:
        if path.exists() and path.is_dir():
            raise DatabaseError("The database {path} is a folder, not a file; choose a database file.", path=str(path))
        if path.exists() and (denied := unreadable(path)) is not None:
            raise DatabaseError(
                "The database {path} cannot be opened ({reason}); nothing was changed. Ask whoever looks after this computer to give your account access to the file and its folder.",
                path=str(path),
                reason=denied,
            )
        health.read_only_reason = is_writable(path) if path.exists() else None
        problem = check_file(path)
        if problem == "the file does not start like an SQLite database":
            raise DatabaseError("The file {path} is not a readable database ({error}).", path=str(path), error=problem)
        if problem is not None:
            health.mark_damaged(problem)
        if health.is_read_only:
            uri = health.read_uri = reader_uri(path)
        revision = stored_revision(path, uri, health)
        if revision is not None and revision not in known_revisions():
            raise DatabaseError(
                "The database {path} was written by a newer version of TraceDesk (schema {revision}); this version cannot read it safely. Install the newer version, or open another database. The file was left untouched.",
                path=path,
                revision=revision,
            )
        if not health.may_write and revision != head_revision():
            raise DatabaseError(
                "The database {path} needs to be created or upgraded, but it is {state}; nothing was changed. {advice}",
                path=str(path),
                state=health.damage or health.read_only_reason,
                advice=health.damaged_message() if health.is_damaged else msg("Copy it to a folder you may write to."),
            )
        if health.may_write:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(
                    "The folder {folder} for the database cannot be created ({reason}).",
                    folder=str(path.parent),
                    reason=error.strerror or str(error),
                ) from None
    engine = create_db_engine(url, health, uri)
    if not health.may_write:
        return engine
    try:
        if path is None:
            revision = MigrationContext.configure(engine.connect()).get_current_revision()
        if revision is None:
            # Imported here, not at the top: `tracedesk --version` reads revisions through this
            # module, and the mapped classes are a third of its start-up.
            from tracedesk.db import models

            models.Base.metadata.create_all(engine)
            command.stamp(_alembic_config(engine), "head")
        elif revision != head_revision():
            if path is not None:
                backup_sqlite(path, backup_dir or path.parent / "backups", f"before-upgrade-from-{revision}")
            command.upgrade(_alembic_config(engine, station), "head")
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        fault = health.fault(error)
        if fault is not None:
            raise fault from None
        raise DatabaseError("The database could not be opened: {error}", error=error) from error
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_read_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reads: a deferred BEGIN (a snapshot, no write lock), always rolled back."""
    return sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)


@contextmanager
def driver_reading(engine: Engine) -> Iterator[sqlite3.Connection]:
    """A read through a pooled SQLite connection itself: deferred BEGIN, always rolled back.

    For the services that take a bare connection (services.trace): a session's unit of work
    (session, pool checkout through its events, BEGIN, ROLLBACK) costs about 0.1-0.2 ms, a
    third of a typical trace; checking the connection out of the pool alone costs a tenth
    of that. SQLite engines only (see Runtime.driver_reading).
    """
    pooled = engine.raw_connection()
    try:
        connection: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        connection.execute("BEGIN")  # deferred: a snapshot of the WAL, no lock on writers
        try:
            yield connection
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
    finally:
        pooled.close()
