"""`tracedesk backup` writes a consistent copy that opens with the same lots."""

from __future__ import annotations

import sqlite3

from tests.cli.conftest import first_admin
from tracedesk.cli import main


def test_backup_copies_the_live_database(tmp_path, capsys):
    db = str(tmp_path / "plant.sqlite3")
    assert main(["--db", db, "init", "--prefix", "B"]) == 0
    admin = first_admin(db)
    assert main(["--db", db, "backup", str(tmp_path / "copies")]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err and not (tmp_path / "copies").exists()
    assert main([*admin, "backup", str(tmp_path / "copies")]) == 0
    [folder] = (tmp_path / "copies").iterdir()
    with sqlite3.connect(folder / "tracedesk.sqlite3") as connection:
        assert connection.execute("SELECT lot_prefix FROM stations").fetchone() == ("B",)


def test_backup_without_a_database_is_a_clear_error(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "missing.sqlite3"), "backup"]) == 2
    assert "no database file" in capsys.readouterr().err
