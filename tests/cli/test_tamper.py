"""Every kind of edit behind the application's back, made with sqlite3, is caught by `audit verify`,
which names the first bad event (or the state row and the event behind it)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import main
from tracedesk.db.eventlog import event_hash


@pytest.fixture(scope="module")
def plant_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tamper")
    generate(folder / "csv", 41, orders=10)
    path = folder / "plant.sqlite3"
    assert main([*first_admin(str(path)), "import", str(folder / "csv")]) == 0
    return path


@pytest.fixture
def copy(plant_db, tmp_path) -> Path:
    target = tmp_path / "copy.sqlite3"
    shutil.copy(plant_db, target)
    return target


def _verify(path: Path, capsys) -> dict:  # noqa: ANN001
    capsys.readouterr()
    code = main(["--db", str(path), "audit", "verify", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == (0 if report["ok"] else 1)
    return report


def _middle(connection: sqlite3.Connection, kind: str = "lot_received") -> int:
    seqs = [row[0] for row in connection.execute("SELECT seq FROM events WHERE type = ? ORDER BY seq", (kind,))]
    return seqs[len(seqs) // 2]


def _rehash(connection: sqlite3.Connection, seq: int) -> None:
    """What a careful attacker does after an edit: recompute the edited event's own hash."""
    row = connection.execute(
        "SELECT id, station, station_seq, user, recorded_at, utc_offset_minutes, type, payload, prev_hash FROM events WHERE seq = ?",
        (seq,),
    ).fetchone()
    from datetime import UTC, datetime

    recorded = datetime.fromisoformat(row[4]).replace(tzinfo=UTC)
    digest = event_hash(
        id=row[0],
        station=row[1],
        station_seq=row[2],
        user=row[3],
        recorded_at=recorded,
        utc_offset_minutes=row[5],
        type=row[6],
        payload=row[7],
        prev_hash=row[8],
    )
    connection.execute("UPDATE events SET hash = ? WHERE seq = ?", (digest, seq))


def test_an_untouched_copy_verifies(copy, capsys):
    assert _verify(copy, capsys)["ok"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ('UPDATE events SET payload = replace(payload, \'"quantity":"\', \'"quantity":"1\') WHERE seq = {n}', "edited"),
        ("UPDATE events SET recorded_at = '2020-01-01 00:00:00.000000' WHERE seq = {n}", "edited"),
        ("UPDATE events SET type = 'lot_adjusted' WHERE seq = {n}", "edited"),
        ("UPDATE events SET user = 'mallory' WHERE seq = {n}", "edited"),
    ],
    ids=["payload", "time", "type", "user"],
)
def test_an_edited_event_is_named(copy, capsys, edit, expected):
    with sqlite3.connect(copy) as connection:
        n = _middle(connection)
        connection.execute(edit.format(n=n))
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == n and expected in report["problem"]


def test_an_edited_event_with_its_hash_recomputed_breaks_the_next_link(copy, capsys):
    with sqlite3.connect(copy) as connection:
        n = _middle(connection)
        connection.execute("UPDATE events SET payload = replace(payload, 'SUP', 'SOP') WHERE seq = ?", (n,))
        _rehash(connection, n)
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == n + 1 and "does not follow the event before it" in report["problem"]


def test_a_deleted_event_is_named_by_the_one_after_the_gap(copy, capsys):
    with sqlite3.connect(copy) as connection:
        n = _middle(connection)
        connection.execute("DELETE FROM event_lots WHERE event_seq = ?", (n,))
        connection.execute("DELETE FROM events WHERE seq = ?", (n,))
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == n + 1 and "an event before it was deleted" in report["problem"]


def test_two_events_swapped_in_the_log_are_caught_at_the_first(copy, capsys):
    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        n = _middle(connection)
        connection.execute("UPDATE events SET seq = -1 WHERE seq = ?", (n,))
        connection.execute("UPDATE events SET seq = ? WHERE seq = ?", (n, n + 1))
        connection.execute("UPDATE events SET seq = ? WHERE seq = -1", (n + 1,))
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == n and not report["ok"]


def test_an_event_inserted_mid_chain_is_named(copy, capsys):
    with sqlite3.connect(copy) as connection:
        n = _middle(connection)
        connection.execute("PRAGMA foreign_keys = OFF")
        # Make room after event n, then put a copy of it there.
        connection.execute("UPDATE events SET seq = seq + 1000000 WHERE seq > ?", (n,))
        connection.execute("UPDATE events SET seq = seq - 999999 WHERE seq > 1000000")
        station, number = connection.execute("SELECT station, station_seq FROM events WHERE seq = ?", (n,)).fetchone()
        connection.execute(
            "UPDATE events SET station_seq = station_seq + 1000000 WHERE station = ? AND station_seq > ?", (station, number)
        )
        connection.execute("UPDATE events SET station_seq = station_seq - 999999 WHERE station_seq > 1000000")
        connection.execute(
            "INSERT INTO events (seq, id, station, station_seq, user, recorded_at, utc_offset_minutes, type, payload, prev_hash, hash) "
            "SELECT seq + 1, id || '-forged', station, station_seq + 1, user, recorded_at, utc_offset_minutes, type, payload, "
            "hash, hash FROM events WHERE seq = ?",
            (n,),
        )
        forged = connection.execute("SELECT seq FROM events WHERE id LIKE '%-forged'").fetchone()[0]
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == forged and not report["ok"]


def test_an_event_appended_after_the_last_one_is_named(copy, capsys):
    with sqlite3.connect(copy) as connection:
        connection.execute(
            "INSERT INTO events (seq, id, station, station_seq, user, recorded_at, utc_offset_minutes, type, payload, prev_hash, hash) "
            "SELECT seq + 1, 'appended', station, station_seq + 1, user, recorded_at, 0, type, payload, hash, hash FROM events "
            "ORDER BY seq DESC LIMIT 1"
        )
        last = connection.execute("SELECT max(seq) FROM events").fetchone()[0]
    report = _verify(copy, capsys)
    assert report["first_bad_seq"] == last and not report["ok"]


def test_the_last_event_deleted_or_the_station_head_edited_is_noticed(copy, capsys, tmp_path):
    other = tmp_path / "head.sqlite3"
    shutil.copy(copy, other)
    with sqlite3.connect(copy) as connection:
        last = connection.execute("SELECT max(seq) FROM events").fetchone()[0]
        connection.execute("DELETE FROM event_lots WHERE event_seq = ?", (last,))
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM events WHERE seq = ?", (last,))
    assert "is missing" in _verify(copy, capsys)["problem"]
    with sqlite3.connect(other) as connection:
        connection.execute(
            "UPDATE stations SET last_hash = (CASE WHEN substr(last_hash, 1, 1) = 'f' THEN 'e' ELSE 'f' END) "
            "|| substr(last_hash, 2) WHERE last_seq > 0"
        )
    assert "missing or was changed" in _verify(other, capsys)["problem"]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("UPDATE lots SET balance = balance + 1000000 WHERE id = 3", "lots: .* row id=3 was changed \\(balance\\)"),
        ("UPDATE lots SET status = 'quarantine' WHERE status = 'released' AND id = 3", "row id=3 was changed \\(status\\)"),
        ("UPDATE order_inputs SET quantity = quantity * 2 WHERE id = 1", "order_inputs: .* row id=1 was changed \\(quantity\\)"),
        ("DELETE FROM shipments WHERE id = 1", "shipments: .* row id=1 was deleted"),
        (
            "INSERT INTO lot_links (parent_id, child_id, kind, quantity, created_event) "
            "SELECT 1, 2, 'order', 1, (SELECT max(seq) FROM events)",
            "lot_links: .* was inserted and no event made it",
        ),
    ],
    ids=["balance", "status", "issue-quantity", "shipment-deleted", "link-inserted"],
)
def test_an_edited_state_row_is_named_with_the_event_behind_it(copy, capsys, edit, expected):
    import re

    with sqlite3.connect(copy) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(edit)
        assert connection.total_changes == 1, "the edit changed nothing: pick another row"
    report = _verify(copy, capsys)
    assert report["problem"] is None  # the log itself is intact
    assert any(re.search(expected, difference) for difference in report["replay_differences"]), report["replay_differences"]
