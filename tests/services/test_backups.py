"""Backups hold the database and its attachments, checked; automatic ones are pruned without ever
losing the newest good one; a restore checks first, keeps what it replaces and puts the files back."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.plant import master_data, received
from tracedesk.core.errors import DatabaseError, InvalidInput
from tracedesk.services import complaints
from tracedesk.services.backups import (
    BackupSettings,
    auto_backup,
    backup_database,
    list_backups,
    make_backup,
    prune_backups,
)
from tracedesk.services.restore import restore_backup
from tracedesk.services.runtime import Runtime, StationSettings

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def with_complaint(runtime, admin, tmp_path) -> tuple[str, Path]:
    """A lot with a complaint carrying a photo; returns the lot and the photo's stored path."""
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a cracked biscuit \xff\xd9")
    with runtime.unit_of_work() as session:
        master_data(session, admin)
        lot = received(session, admin, "FLOUR")
        found = complaints.register_complaint(
            session, admin, lot=lot, text="crack", store=runtime.paths.attachments_dir, attachments=[photo]
        )
    return lot, runtime.paths.attachments_dir / found.attachments[0]


def test_a_backup_holds_the_database_the_attachments_and_a_good_check(runtime, with_complaint):
    _, stored = with_complaint
    backup = backup_database(runtime, now=NOW)
    assert backup.is_good and backup.events > 0 and backup.attachments == 1
    assert (backup.folder / "attachments" / stored.relative_to(runtime.paths.attachments_dir)).read_bytes() == stored.read_bytes()
    manifest = json.loads((backup.folder / "manifest.json").read_text("utf-8"))
    assert manifest["integrity"] == "ok" and manifest["attachments"][0]["sha256"]
    with sqlite3.connect(backup.database) as copy:
        assert copy.execute("SELECT count(*) FROM complaints").fetchone() == (1,)
    assert not list(runtime.paths.backup_dir.glob("*.partial"))


def test_a_missing_attachment_is_named_and_a_path_leaving_the_folder_is_never_followed(runtime, with_complaint, tmp_path):
    _, stored = with_complaint
    stored.unlink()
    secret = tmp_path / "secret.txt"
    secret.write_text("not an attachment")
    with runtime.unit_of_work() as session:  # an edited database pointing outside the attachments folder
        for bad in (f"../../{secret.name}", str(secret)):
            session.connection().exec_driver_sql(
                "INSERT INTO inspections (lot_id, result, inspector, notes, attachments, inspected_at, created_event) "
                "SELECT id, 'pass', 'x', '', ?, '2026-01-01', (SELECT max(seq) FROM events) FROM lots LIMIT 1",
                (bad,),
            )
    backup = backup_database(runtime, now=NOW)
    assert backup.attachments == 0
    assert str(stored.relative_to(runtime.paths.attachments_dir)) in backup.missing_attachments
    assert str(secret) in backup.missing_attachments
    assert not any(p.name == "secret.txt" for p in backup.folder.rglob("*"))


def test_automatic_backups_are_daily_and_pruned_but_the_newest_good_one_stays(runtime, with_complaint):
    root = runtime.paths.backup_dir
    first = auto_backup(runtime, keep=2, now=NOW)
    assert first is not None
    assert auto_backup(runtime, keep=2, now=NOW + timedelta(hours=20)) is None  # not due yet
    manual = backup_database(runtime, now=NOW + timedelta(hours=21))
    for day in range(1, 5):
        assert auto_backup(runtime, keep=2, now=NOW + timedelta(days=day)) is not None
    kept = list_backups(root)
    assert [b.label for b in kept].count("auto") == 2
    assert manual.folder in [b.folder for b in kept]  # made by hand: never pruned
    assert first.folder not in [b.folder for b in kept]


def test_the_newest_good_backup_survives_pruning_even_past_the_count(runtime, with_complaint):
    root = runtime.paths.backup_dir
    good = auto_backup(runtime, keep=1, now=NOW)
    for day in (1, 2):  # two later automatic backups whose check failed
        bad = auto_backup(runtime, keep=5, now=NOW + timedelta(days=day))
        manifest = json.loads((bad.folder / "manifest.json").read_text("utf-8"))
        (bad.folder / "manifest.json").write_text(json.dumps({**manifest, "integrity": "row 3 missing from index"}))
    removed = prune_backups(root, keep=1, now=NOW + timedelta(days=3))
    assert good.folder.exists() and len(removed) == 1


def test_the_number_kept_is_a_setting_shared_by_the_window_and_the_command_line(tmp_path):
    assert BackupSettings.load(tmp_path).keep == 14
    BackupSettings(keep=30).save(tmp_path)
    assert BackupSettings.load(tmp_path).keep == 30
    (tmp_path / "backup.json").write_text('{"keep": "1e3"}')
    assert BackupSettings.load(tmp_path).keep == 14


def test_restore_checks_keeps_the_replaced_file_and_puts_attachments_back(runtime, admin, with_complaint):
    lot, stored = with_complaint
    backup = backup_database(runtime, now=NOW)
    with runtime.unit_of_work() as session:
        received(session, admin, "SUGAR")
    database, paths = runtime.database_file, runtime.paths
    with pytest.raises(DatabaseError, match="Another TraceDesk has the database .* open"):
        restore_backup(database, paths, backup.folder)
    runtime.close()
    stored.unlink()
    report = restore_backup(database, paths, backup.folder, now=NOW + timedelta(hours=1))
    assert report.events == backup.events and report.attachments == 1
    assert stored.exists()
    assert report.replaced_kept_in is not None
    with sqlite3.connect(report.replaced_kept_in / "tracedesk.sqlite3") as kept:
        assert kept.execute("SELECT count(*) FROM lots").fetchone() == (2,)  # the later receipt is kept aside
    reopened = Runtime.open(f"sqlite:///{database}", paths, StationSettings(code="ST1", name="Test station", lot_prefix="T"))
    try:
        with reopened.reading() as session:
            assert session.connection().exec_driver_sql("SELECT count(*) FROM lots").scalar() == 1
    finally:
        reopened.close()


def test_restore_refuses_a_backup_that_is_damaged_or_tampered_with(runtime, with_complaint, tmp_path):
    backup = backup_database(runtime, now=NOW)
    database, paths = runtime.database_file, runtime.paths
    runtime.close()
    tampered = make_backup(database, paths, label="copy", now=NOW + timedelta(minutes=1))
    with sqlite3.connect(tampered.database) as copy:
        copy.execute("UPDATE events SET payload = replace(payload, 'crack', 'fine') WHERE type = 'complaint_registered'")
    with pytest.raises(InvalidInput, match="fails the audit check .*edited behind the application's back"):
        restore_backup(database, paths, tampered.folder)
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(backup.database.read_bytes()[: 3 * 4096 + 10])
    with pytest.raises(InvalidInput, match="The backup .* is damaged"):
        restore_backup(database, paths, broken)
    with pytest.raises(InvalidInput, match="is a folder, not a file|not a TraceDesk backup"):
        restore_backup(database, paths, tmp_path)
    assert [p.name for p in paths.backup_dir.iterdir() if "replaced" in p.name] == []


def test_a_bare_database_file_can_be_restored_too(runtime, with_complaint, tmp_path):
    backup = backup_database(runtime, now=NOW)
    database, paths = runtime.database_file, runtime.paths
    runtime.close()
    report = restore_backup(database, paths, backup.database)
    assert report.events == backup.events and report.attachments == 0
