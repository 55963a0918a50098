"""event_lots without a rowid: an upgrade keeps every row of a lot's timeline, a new database has it too."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from tests.plant import master_data, received
from tracedesk.db.engine import _alembic_config, head_revision, open_database

# The revision this one upgrades from, wherever the chain puts it.
BELOW = str(ScriptDirectory.from_config(_alembic_config()).get_revision("0008_speed").down_revision)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def _without_rowid(path: Path) -> bool:
    (sql,) = _rows(path, "SELECT sql FROM sqlite_master WHERE name = 'event_lots'")[0]
    return str(sql).rstrip().upper().endswith("WITHOUT ROWID")


def test_a_new_database_keeps_the_timeline_without_a_rowid(runtime, admin):
    with runtime.unit_of_work() as session:
        master_data(session, admin)
        received(session, admin, "FLOUR")
    path = Path(str(runtime.engine.url.database))
    runtime.close()
    assert _without_rowid(path)
    assert _rows(path, "SELECT name FROM sqlite_master WHERE tbl_name = 'event_lots' AND type = 'index'") == []
    assert _rows(path, "PRAGMA foreign_key_check(event_lots)") == []


def test_an_upgrade_keeps_every_row_and_a_downgrade_gives_the_rowid_table_back(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        master_data(session, admin)
        for _ in range(3):
            received(session, admin, "FLOUR")
    path = Path(str(runtime.engine.url.database))
    runtime.close()
    engine = create_engine(f"sqlite:///{path}")
    command.downgrade(_alembic_config(engine), BELOW)
    engine.dispose()
    assert not _without_rowid(path)
    before = _rows(path, "SELECT lot_id, event_seq FROM event_lots ORDER BY 1, 2")
    assert len(before) >= 3

    open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups").dispose()

    assert _rows(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _without_rowid(path)
    assert _rows(path, "SELECT lot_id, event_seq FROM event_lots ORDER BY 1, 2") == before
    assert _rows(path, "PRAGMA foreign_key_check(event_lots)") == []
    assert list((tmp_path / "backups").glob(f"*before-upgrade-from-{BELOW}*"))
