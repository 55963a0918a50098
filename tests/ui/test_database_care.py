"""The window and its database: a lock is retried quietly and said if it lasts, damage is shown with
the backup to restore and stops writes, and the daily checked backup runs off the GUI thread."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy import func, select

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.db import engine as db_engine
from tracedesk.db.models import Event
from tracedesk.services import quality
from tracedesk.services.backups import list_backups
from tracedesk.ui import upkeep as upkeep_module
from tracedesk.ui.settings_dialog import SettingsDialog
from tracedesk.ui.ui_settings import UiSettings


@pytest.fixture
def short_busy_timeout(monkeypatch):
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 150)


def _events(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(Event))


def _messages(shell) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    shell.ctx.banner.shown.connect(lambda kind, text: seen.append((kind, text)))
    return seen


def test_a_short_lock_is_retried_quietly_and_said_while_it_lasts(short_busy_timeout, shell, plant):
    sign_in_as(shell, "qa")
    shell.db.retry_pauses = (0.05, 0.05, 0.05)
    seen = _messages(shell)
    before = _events(shell.runtime)
    other = sqlite3.connect(shell.runtime.database_file, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    released = threading.Event()

    def release(attempt: int, attempts: int) -> None:
        if not released.is_set():
            other.execute("ROLLBACK")
            released.set()

    # Directly on the worker, as the other program would: its lock ends while the job waits.
    shell.db.waiting.connect(release, Qt.ConnectionType.DirectConnection)
    done = []
    shell.ctx.run(lambda s, a: quality.hold_lot(s, a, lot=plant.sugar, reason="lab check"), done.append)
    wait_idle(shell)
    other.close()
    assert done and done[0].status == "on_hold"
    assert ("warning", "Another program is writing to the database; trying again (1 of 3)…") in seen
    assert _events(shell.runtime) == before + 1


def test_a_lock_that_lasts_ends_in_one_sentence_and_nothing_recorded(short_busy_timeout, shell, plant):
    sign_in_as(shell, "qa")
    shell.db.retry_pauses = (0.02, 0.02)
    seen = _messages(shell)
    before = _events(shell.runtime)
    other = sqlite3.connect(shell.runtime.database_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        shell.ctx.run(lambda s, a: quality.hold_lot(s, a, lot=plant.sugar, reason="lab check"))
        wait_idle(shell)
    finally:
        other.execute("ROLLBACK")
        other.close()
    kinds = [kind for kind, _ in seen]
    assert kinds.count("warning") == 2 and kinds[-1] == "refused"
    assert "Another program is writing to the database" in seen[-1][1] and "nothing was recorded" in seen[-1][1]
    assert _events(shell.runtime) == before


def test_damage_is_shown_with_the_backup_to_restore_and_refuses_writes(shell, plant):
    backup = shell.upkeep.run_now().result(timeout=120)
    sign_in_as(shell, "qa")
    seen = _messages(shell)
    shell.runtime.health.mark_damaged("page 41 is not a b-tree page")
    shell.upkeep.report_health()
    assert seen[-1] == ("refused", "The database is damaged: TraceDesk records nothing more in it. Restore a backup.")
    told = shell.upkeep.message.text()
    assert shell.upkeep.message.isVisible() and "is damaged (page 41 is not a b-tree page)" in told
    assert f"tracedesk restore {backup.folder}" in told and told == shell.ctx.banner.toolTip()
    shell.upkeep.message.close()
    before = _events(shell.runtime)
    shell.ctx.run(lambda s, a: quality.hold_lot(s, a, lot=plant.sugar, reason="lab check"))
    wait_idle(shell)
    assert seen[-1][0] == "refused" and "records nothing more" in seen[-1][1]
    assert _events(shell.runtime) == before
    found = []
    shell.ctx.query(lambda s: s.scalar(select(func.count()).select_from(Event)), found.append)  # reads go on
    wait_idle(shell)
    assert found == [before]


def test_the_daily_backup_runs_off_the_gui_thread_and_says_where_it_went(shell, monkeypatch):
    threads = []
    real = upkeep_module.auto_backup

    def watched(runtime):  # noqa: ANN001, ANN202
        threads.append(threading.current_thread().name)
        return real(runtime)

    monkeypatch.setattr(upkeep_module, "auto_backup", watched)
    backup = shell.upkeep.run_now().result(timeout=120)
    deadline = time.monotonic() + 5
    while "Backup checked" not in shell.window.statusBar().currentMessage() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    assert threads == ["tracedesk-backup_0"]
    assert backup is not None and backup.is_good
    assert backup.folder.name in shell.window.statusBar().currentMessage()
    assert shell.upkeep.run_now().result(timeout=60) is None  # made today: not again
    assert [b.label for b in list_backups(shell.runtime.paths.backup_dir)] == ["auto"]


def test_admins_set_how_many_daily_backups_are_kept(qapp, runtime):
    dialog = SettingsDialog(
        UiSettings(),
        runtime.station,
        may_edit_station=True,
        backups_kept=21,
    )
    assert dialog.backups_kept.value() == 21 and dialog.backups_kept.isEnabled()
    clerk = SettingsDialog(dialog._settings, runtime.station, may_edit_station=False, backups_kept=21)
    assert not clerk.backups_kept.isEnabled()
