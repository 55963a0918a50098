"""A locked, read-only, truncated, damaged or full database: one sentence each, nothing lost,
nothing half-recorded, writes refused on a damaged file, and a restore that brings it back."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import event

from tests.cli.faults import event_count, one_sentence, overwrite_pages, pages_of, run_child, run_cli, without_override
from tests.cli.random_plant import generate
from tests.plant import QA_PIN, mini_plant, qa_signer
from tracedesk.db import engine as db_engine
from tracedesk.db.health import DiskFull, damage_marker
from tracedesk.services.importer import import_path


@pytest.fixture
def plant_db(runtime, admin) -> tuple[Path, str]:
    """A small plant's database, closed, with a QA user (PIN QA_PIN): its file and a lot code."""
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        qa_signer(session, admin)
    path = runtime.database_file
    runtime.close()
    return path, plant.flour


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _as_qa(path: Path) -> list[str]:
    return ["--db", str(path), "--user", "qa", "--pin", QA_PIN]


def _hold(path: Path, lot: str) -> list[str]:
    return ["--db", str(path), "--user", "qa", "--pin", QA_PIN, "hold", lot, "--reason", "test hold"]


def test_a_database_locked_past_the_busy_timeout_is_one_sentence_exit_2_nothing_recorded(plant_db, capsys, monkeypatch):
    path, lot = plant_db
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 300)
    before = event_count(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than the busy timeout
    try:
        code, _, err = run_cli(capsys, *_hold(path, lot))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2
    assert "Another program is writing to the database" in one_sentence(err) and "try again" in err.lower()
    assert event_count(path) == before
    code, _, _ = run_cli(capsys, *_hold(path, lot))
    assert code == 0 and event_count(path) > before


def test_a_read_only_database_reads_and_refuses_writes_with_a_sentence(plant_db, tmp_path):
    path, lot = plant_db
    folder = tmp_path / "readonly"
    folder.mkdir()
    shutil.move(path, folder / path.name)
    path = folder / path.name
    before = _digest(path)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        wrap = without_override()
        traced = run_child(["--db", str(path), "trace", lot, "--json"], tmp_path / "home", wrap=wrap)
        assert traced.returncode == 0, traced.stderr
        assert json.loads(traced.stdout)["lot"]["code"] == lot
        verified = run_child(["--db", str(path), "audit", "verify"], tmp_path / "home", wrap=wrap)
        assert verified.returncode == 0, verified.stderr
        held = run_child(_hold(path, lot), tmp_path / "home", wrap=wrap)
        assert held.returncode == 2
        assert "is read-only" in one_sentence(held.stderr) and "nothing can be recorded" in held.stderr
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert _digest(path) == before
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


def test_a_database_on_a_read_only_mount_reads_and_refuses_writes(plant_db, tmp_path):
    path, lot = plant_db
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a read-only bind mount needs root and unshare")
    folder = tmp_path / "media"
    folder.mkdir()
    path = Path(shutil.move(path, folder / path.name))
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}" || exit 99; '
        f'"$0" -m tracedesk --db "{path}" trace {lot} --json > "{tmp_path}/trace.out" 2> "{tmp_path}/trace.err"; echo $? > "{tmp_path}/trace.rc"; '
        f'"$0" -m tracedesk --db "{path}" --user qa --pin {QA_PIN} hold {lot} --reason x 2> "{tmp_path}/hold.err"; echo $? > "{tmp_path}/hold.rc"'
    )
    import sys

    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, sys.executable],
        env={**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode == 99 or not (tmp_path / "trace.rc").exists():
        pytest.skip(f"no read-only bind mount here: {done.stderr.strip()}")
    assert (tmp_path / "trace.rc").read_text().strip() == "0", (tmp_path / "trace.err").read_text()
    assert json.loads((tmp_path / "trace.out").read_text())["lot"]["code"] == lot
    assert (tmp_path / "hold.rc").read_text().strip() == "2"
    assert "is read-only" in one_sentence((tmp_path / "hold.err").read_text())


def test_a_truncated_file_is_damaged_reads_go_on_where_they_can_writes_are_refused(plant_db, capsys, tmp_path):
    path, lot = plant_db
    code, out, _ = run_cli(capsys, *_as_qa(path), "backup")
    assert code == 0
    good = out.split("Backed up to ")[1].split(" (")[0]
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2 + 100)  # half the pages, and a page cut in two
    code, _, err = run_cli(capsys, *_hold(path, lot))
    assert code == 2
    sentence = one_sentence(err)
    assert "is damaged" in sentence and "cut short" in sentence and f"tracedesk restore {good}" in sentence
    assert damage_marker(path).exists()
    code, _, err = run_cli(capsys, "--db", str(path), "trace", lot)
    assert code == 0 or "is damaged" in one_sentence(err)


def test_a_file_damaged_mid_way_is_noticed_refuses_writes_and_a_restore_brings_it_back(plant_db, capsys, tmp_path):
    path, lot = plant_db
    assert run_cli(capsys, *_as_qa(path), "backup")[0] == 0
    code, out, _ = run_cli(capsys, "--db", str(path), "backup", "--list", "--json")
    [good] = json.loads(out)
    events = event_count(path)
    overwrite_pages(path, pages_of(path, "lots") + pages_of(path, "lot_links"))
    # A trace reads the damaged pages: one sentence, and the file is marked damaged for everyone.
    code, _, err = run_cli(capsys, "--db", str(path), "trace", lot)
    assert code == 2 and "is damaged" in one_sentence(err) and f"tracedesk restore {good['folder']}" in err
    code, _, err = run_cli(capsys, *_hold(path, lot))
    assert code == 2 and "records nothing more" in one_sentence(err)
    # Nobody can even sign in to record in it (a sign-in may record), and the restore is checked
    # against the user store of the backup it installs.
    code, _, err = run_cli(capsys, *_as_qa(path), "backup")
    assert code == 2 and "is damaged" in one_sentence(err) and good["folder"] in err
    code, _, err = run_cli(capsys, "--db", str(path), "restore", good["folder"])
    assert code == 2 and "needs a signed-in user" in one_sentence(err)
    code, _, err = run_cli(capsys, "--db", str(path), "--user", "qa", "--pin", "0000", "restore", good["folder"])
    assert code == 2 and "wrong PIN" in one_sentence(err)
    assert damage_marker(path).exists()
    code, out, err = run_cli(capsys, *_as_qa(path), "restore", good["folder"])
    assert code == 0, err
    assert "kept in" in out
    assert not damage_marker(path).exists()
    assert event_count(path) == events
    code, out, _ = run_cli(capsys, "--db", str(path), "trace", lot, "--json")
    assert code == 0 and json.loads(out)["lot"]["code"] == lot
    assert run_cli(capsys, "--db", str(path), "audit", "verify")[0] == 0
    assert run_cli(capsys, *_hold(path, lot))[0] == 0


def test_a_full_disk_refuses_the_whole_import_and_loses_nothing(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        mini_plant(session, admin)
    path = runtime.database_file
    before = event_count(path)
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(runtime.engine, "connect")
    def _small_disk(dbapi_connection, _record):  # noqa: ANN001 - SQLite's own limit stands in for a full disk
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 3}")

    runtime.engine.dispose()
    generate(tmp_path / "csv", 31)
    with pytest.raises(DiskFull, match="disk holding the database .* is full; nothing was recorded"):
        with runtime.unit_of_work() as session:
            import_path(session, admin, tmp_path / "csv")
    assert event_count(path) == before
    from tracedesk.services.audit import verify_log

    with runtime.reading() as session:
        assert verify_log(session).is_intact


def test_a_really_full_disk_gives_one_sentence_and_the_database_still_verifies(tmp_path):
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("a tiny file system needs root and unshare")
    generate(tmp_path / "csv", 32)
    receipts = tmp_path / "csv" / "receipts.csv"
    header, first, *rest = receipts.read_text("utf-8").splitlines()
    more = [",".join([f"X{n:05d}", *first.split(",")[1:]]) for n in range(20_000)]  # a few MB: more than the disk holds
    receipts.write_text("\n".join([header, first, *rest, *more]) + "\n", "utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    db = disk / "plant.sqlite3"
    script = (
        f'mount -t tmpfs -o size=1m tmpfs "{disk}" || exit 99; '
        f'"$0" -m tracedesk --db "{db}" init --admin admin --admin-pin 1234 > /dev/null || exit 98; '
        f'"$0" -m tracedesk --db "{db}" --user admin --pin 1234 import "{tmp_path}/csv" 2> "{tmp_path}/import.err"; '
        f'echo $? > "{tmp_path}/import.rc"; '
        f'"$0" -m tracedesk --db "{db}" audit verify > "{tmp_path}/verify.out" 2>&1; echo $? > "{tmp_path}/verify.rc"'
    )
    import sys

    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, sys.executable],
        env={**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=180,
    )
    if done.returncode in (98, 99) or not (tmp_path / "import.rc").exists():
        pytest.skip(f"no tiny file system here: {done.stderr.strip()}")
    assert (tmp_path / "import.rc").read_text().strip() == "2"
    assert "is full; nothing was recorded" in one_sentence((tmp_path / "import.err").read_text())
    assert (tmp_path / "verify.rc").read_text().strip() == "0", (tmp_path / "verify.out").read_text()


def test_a_database_this_account_may_not_read_is_one_sentence_and_not_marked_damaged(plant_db, tmp_path):
    # Permissions are not damage: a damage marker would outlive the fix of the permissions.
    path, lot = plant_db
    before = _digest(path)
    path.chmod(0o000)
    try:
        wrap = without_override()
        for args in (["trace", lot, "--json"], ["trace", lot], ["audit", "verify"]):
            refused = run_child(["--db", str(path), *args], tmp_path / "home", wrap=wrap)
            assert refused.returncode == 2
            sentence = one_sentence(refused.stderr)
            assert "cannot be opened" in sentence and "Permission denied" in sentence and "access" in sentence
            assert "damaged" not in sentence
    finally:
        path.chmod(0o644)
    assert not damage_marker(path).exists()
    assert _digest(path) == before
    traced = run_child(["--db", str(path), "trace", lot, "--json"], tmp_path / "home")
    assert traced.returncode == 0 and json.loads(traced.stdout)["lot"]["code"] == lot


@pytest.mark.parametrize("command", [["trace", "L-1", "--json"], ["recall", "L-1", "--json"], ["trace", "L-1"]])
def test_a_read_of_a_database_that_is_not_there_creates_nothing(command, capsys, tmp_path):
    # A mistyped --db: one sentence naming the path, and no new empty database left behind.
    missing = tmp_path / "typo" / "plant.sqlite3"
    code, _out, err = run_cli(capsys, "--db", str(missing), *command)
    assert code == 2
    assert f"There is no database at {missing}" in one_sentence(err)
    assert not missing.exists() and not missing.parent.exists()


@pytest.mark.parametrize("command", [["trace", "L-1", "--json"], ["recall", "L-1"]])
def test_a_read_on_a_computer_without_a_database_creates_nothing(command, capsys, tmp_path):
    # No --db and nothing in the data folder yet: a look-up is no reason to set up a station.
    home = Path(os.environ["TRACEDESK_HOME"])
    code, _out, err = run_cli(capsys, *command)
    assert code == 2
    sentence = one_sentence(err)
    assert "There is no TraceDesk database on this computer yet" in sentence and "--db" in sentence
    assert not home.exists(), sorted(str(p) for p in home.rglob("*"))
