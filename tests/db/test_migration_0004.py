"""Upgrading a database of the previous schema to location descriptions and advance notices loses nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from tests.plant import master_data, received
from tracedesk.db.engine import _alembic_config, head_revision, open_database


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def test_a_database_of_the_previous_schema_upgrades_keeping_every_row(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        master_data(session, admin)
        lot = received(session, admin, "FLOUR")
    path = Path(runtime.engine.url.database)
    runtime.close()
    # Take the file back to the schema before this change (as an older TraceDesk left it).
    engine = create_engine(f"sqlite:///{path}")
    command.downgrade(_alembic_config(engine), "0001")
    engine.dispose()
    assert "phone" not in {row[1] for row in _rows(path, "PRAGMA table_info(parties)")}
    before = {table: _rows(path, f"SELECT * FROM {table} ORDER BY 1") for table in ("events", "parties", "locations", "lots")}

    open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups").dispose()

    assert _rows(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _rows(path, "SELECT * FROM events ORDER BY 1") == before["events"]
    parties = _rows(path, "SELECT code, name, gln, location, phone, street, city, region, postal_code, country FROM parties")
    assert [row[:4] for row in parties] == [(r[2], r[3], r[4], r[5]) for r in before["parties"]]
    assert all(row[4:] == ("",) * 6 for row in parties)
    assert _rows(path, "SELECT code, best_before FROM lots") == [(lot, None)]
    assert _rows(path, "SELECT COUNT(*) FROM advance_notices") == [(0,)]
