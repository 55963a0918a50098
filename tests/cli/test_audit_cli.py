"""`tracedesk audit verify` names the first event touched behind the application's back."""

from __future__ import annotations

import sqlite3

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import main


@pytest.fixture
def db(tmp_path) -> str:
    generate(tmp_path / "csv", 21, orders=10)
    path = str(tmp_path / "plant.sqlite3")
    assert main([*first_admin(path), "import", str(tmp_path / "csv")]) == 0
    return path


def test_an_intact_log_passes_and_says_how_many_events(db, capsys):
    capsys.readouterr()
    assert main(["--db", db, "audit", "verify"]) == 0
    assert "events checked" in capsys.readouterr().out


def test_edited_deleted_and_inserted_events_are_each_named(db, capsys, tmp_path):
    import shutil

    cases = {
        "edit": ("UPDATE events SET user = 'mallory' WHERE seq = 15", "event #15 "),
        "delete": ("DELETE FROM event_lots WHERE event_seq = 15; DELETE FROM events WHERE seq = 15", "event #16 "),
        "insert": (
            "INSERT INTO events (seq, id, station, station_seq, user, recorded_at, utc_offset_minutes, type, payload, prev_hash, hash) "
            "SELECT 100000, 'x', station, station_seq + 1, user, recorded_at, 0, type, payload, hash, hash FROM events "
            "ORDER BY seq DESC LIMIT 1",
            "event #100000 ",
        ),
        "state": ("UPDATE lots SET balance = balance + 1000000 WHERE id = 1", "lots"),
    }
    for name, (statement, expected) in cases.items():
        copy = str(tmp_path / f"{name}.sqlite3")
        shutil.copy(db, copy)
        with sqlite3.connect(copy) as connection:
            connection.executescript(statement)
        capsys.readouterr()
        assert main(["--db", copy, "audit", "verify"]) == 1, name
        assert expected in capsys.readouterr().err, name


def test_deleting_the_last_event_is_noticed(db, capsys):
    with sqlite3.connect(db) as connection:
        last = connection.execute("SELECT max(seq) FROM events").fetchone()[0]
        connection.execute("DELETE FROM event_lots WHERE event_seq = ?", (last,))
        connection.execute("DELETE FROM lot_links WHERE created_event = ?", (last,))
        connection.execute("DELETE FROM events WHERE seq = ?", (last,))
    capsys.readouterr()
    assert main(["--db", db, "audit", "verify", "--no-replay"]) == 1
    assert "last event" in capsys.readouterr().err
