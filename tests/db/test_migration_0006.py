"""The warehouse upgrade on a plant's real database: locations referenced by lots are rebuilt in place, nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from tests.plant import master_data, received
from tracedesk.db.engine import _alembic_config, head_revision, open_database
from tracedesk.services.masterdata import create_location

BELOW = str(ScriptDirectory.from_config(_alembic_config()).get_revision("0006_warehouse").down_revision)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def test_an_older_database_whose_lots_point_at_locations_upgrades_and_keeps_every_row(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        master_data(session, admin)
        create_location(session, admin, code="DOCK", name="Receiving dock")
        for _ in range(3):
            received(session, admin, "FLOUR")
    path = Path(str(runtime.engine.url.database))
    runtime.close()
    engine = create_engine(f"sqlite:///{path}")
    command.downgrade(_alembic_config(engine), BELOW)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE lots SET location_id = (SELECT MIN(id) FROM locations)")
    lots = _rows(path, "SELECT code, location_id, balance FROM lots ORDER BY code")
    locations = _rows(path, "SELECT id, code FROM locations ORDER BY id")
    assert lots and locations and all(row[1] is not None for row in lots)

    # Opened as the app opens it: foreign keys on, as every connection of TraceDesk has them.
    engine = open_database(f"sqlite:///{path}", backup_dir=tmp_path / "backups")
    with engine.connect() as connection:  # the connection that ran the upgrade has its foreign keys back
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()

    assert _rows(path, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert _rows(path, "SELECT code, location_id, balance FROM lots ORDER BY code") == lots
    assert _rows(path, "SELECT id, code FROM locations ORDER BY id") == locations
    assert _rows(path, "PRAGMA foreign_key_check") == []
