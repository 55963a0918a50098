"""Opening the database: pragmas, and migrations at start-up (create, back up and upgrade, or refuse)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.errors import DatabaseError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000
# Execution option of engines whose transactions only read (see make_read_sessionmaker).
READ_ONLY = "tracedesk_read_only"


def _alembic_config(engine: Engine | None = None) -> Config:
    # Alembic finds its scripts by file path, so a frozen build ships this folder as data.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
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


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a scan the UI reports as recorded survives a power cut, not only a crash.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.execute("PRAGMA cache_size = -65536")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine with TraceDesk's connection settings; no schema work."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_sqlite_pragmas)

    # pysqlite's own transaction handling defers BEGIN; take the write lock at the start
    # instead, so two stations' writers queue on busy_timeout rather than fail mid-way.
    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A read takes no lock at all: in WAL mode it sees a snapshot while writers go on, so a
        # recall over a third of the plant never makes a scan at the line wait.
        # Straight to the driver: SQLAlchemy's statement machinery would cost more than the
        # BEGIN itself, on every unit of work.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.connection.driver_connection.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def stored_revision(path: Path) -> str | None:
    """Read the schema revision without changing a byte of the file (read-only, no WAL switch).

    Returns None for a missing or empty file; raises DatabaseError for a file that is not a
    TraceDesk database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise DatabaseError(f"The database {path} cannot be opened: {error}.") from None
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise DatabaseError(f"{path} is not a TraceDesk database (it has other tables); choose another file.")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"The file {path} is not a readable database ({error}).") from None
    finally:
        connection.close()


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


def open_database(url: str, backup_dir: Path | None = None) -> Engine:
    """Create at head, or back up and upgrade, or refuse a database from a newer version."""
    path = sqlite_file(url)
    revision: str | None = None
    if path is not None:
        revision = stored_revision(path)
        if revision is not None and revision not in known_revisions():
            raise DatabaseError(
                f"The database {path} was written by a newer version of TraceDesk (schema {revision}); "
                "this version cannot read it safely. Install the newer version, or open another database. "
                "The file was left untouched."
            )
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_db_engine(url)
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
            command.upgrade(_alembic_config(engine), "head")
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as error:
        engine.dispose()
        raise DatabaseError(f"The database could not be opened: {error}") from error
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_read_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reads: a deferred BEGIN (a snapshot, no write lock), always rolled back."""
    return sessionmaker(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
