"""Opening databases: created at head, upgraded after a backup, refused when newer."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from tracedesk.core.errors import DatabaseError
from tracedesk.db import engine as db_engine
from tracedesk.db.engine import head_revision, open_database
from tracedesk.services.events import apply_event

EXTRA_MIGRATION = '''
"""Add a notes column to lots (a stand-in for a future schema change)."""
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("lots") as batch:
        batch.add_column(sa.Column("notes", sa.Text(), nullable=True))
'''


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_head_with_wal_and_foreign_keys(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head_revision()
    engine.dispose()


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    before = _digest(path)
    with pytest.raises(DatabaseError, match="newer version of TraceDesk"):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are not the tables you are looking for" * 50)
    with pytest.raises(DatabaseError, match="not a readable database"):
        open_database(f"sqlite:///{path}")


def test_older_database_is_backed_up_then_upgraded_keeping_its_data(tmp_path, monkeypatch, runtime, admin):
    from tests.plant import master_data, received

    with runtime.unit_of_work() as session:
        master_data(session, admin)
        lot = received(session, admin, "FLOUR")
    path = Path(runtime.engine.url.database)
    runtime.close()
    created_at = head_revision()
    migrations = tmp_path / "migrations"
    shutil.copytree(db_engine.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "9001_notes.py").write_text(EXTRA_MIGRATION.replace("{head}", head_revision()))
    monkeypatch.setattr(db_engine, "MIGRATIONS_DIR", migrations)

    backups = tmp_path / "backups"
    engine = open_database(f"sqlite:///{path}", backup_dir=backups)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "9001"
        assert connection.exec_driver_sql("SELECT notes FROM lots WHERE code = ?", (lot,)).fetchall() == [(None,)]
    engine.dispose()
    [backup] = backups.iterdir()
    with sqlite3.connect(backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == created_at
        assert old.execute("SELECT code FROM lots").fetchall() == [(lot,)]


def test_a_read_takes_no_write_lock_and_cannot_record(runtime, admin):
    """A recall running in a read-only unit of work never makes a scan at another station wait."""
    with runtime.reading() as session:
        session.execute(text("SELECT COUNT(*) FROM lots")).scalar_one()
        other = sqlite3.connect(runtime.engine.url.database, timeout=0.1, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # would time out if the read held the write lock
            other.execute("ROLLBACK")
        finally:
            other.close()
        before = session.execute(text("SELECT COUNT(*) FROM events")).scalar_one()
        with pytest.raises(RuntimeError, match="read-only"):
            apply_event(session, admin, "party_created", {"kind": "customer", "code": "C-NEW", "name": "New"})
    with runtime.unit_of_work() as session:
        assert session.execute(text("SELECT COUNT(*) FROM events")).scalar_one() == before
