"""The shell: wedge scanners, badges, idle sign-out, table models, layout memory and start-up failures."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.devices.scan import Scan
from tracedesk.devices.wedge import WedgeDetector
from tracedesk.ui.bridge import WedgeFilter
from tracedesk.ui.tables import Column, RecordTableModel
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace

pytestmark = pytest.mark.gui


def test_a_wedge_burst_into_any_field_becomes_a_scan_and_leaves_the_field_as_it_was(shell, qtbot, plant):
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    times = iter(i * 0.005 for i in range(10_000))  # 5 ms between keys: scanner speed
    wedge = WedgeFilter(shell.bridge, clock=lambda: next(times), detector=WedgeDetector())
    shell.app.installEventFilter(wedge)
    try:
        qa.search.setText("abc")
        qa.search.setFocus()
        # Through the window, as the platform delivers a keyboard's keys.
        window = shell.window.windowHandle()
        for char in f"TD:{plant.held}":
            QTest.keyClick(window, char)
        QTest.keyClick(window, Qt.Key.Key_Return)
        wait_idle(shell)
    finally:
        shell.app.removeEventFilter(wedge)
    assert qa.search.text() == "abc"
    assert qa.lot is not None and qa.lot.code == plant.held


def test_a_person_typing_slowly_is_not_taken_for_a_scanner(qtbot, shell):
    times = iter(i * 0.3 for i in range(1000))
    wedge = WedgeFilter(shell.bridge, clock=lambda: next(times))
    received: list[Scan] = []
    shell.bridge.scanned.connect(received.append)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    shell.app.installEventFilter(wedge)
    try:
        for char in "hello world":
            QTest.keyClick(field.windowHandle(), char)
        QTest.keyClick(field.windowHandle(), Qt.Key.Key_Return)
    finally:
        shell.app.removeEventFilter(wedge)
    assert received == [] and field.text() == "hello world"


def test_signed_out_a_scanned_badge_signs_in(shell):
    wait_idle(shell)
    shell.bridge.on_scan(Scan("BADGE-ANNA", "badge reader"))
    wait_idle(shell)
    assert shell.ctx.user is not None and shell.ctx.user.code == "anna"


def test_wrong_pin_is_refused(shell):
    wait_idle(shell)
    shell.window.sign_in_page.select_user("anna")
    shell.window.sign_in_page.pin.setText("9999")
    shell.window.sign_in_page.button.click()
    wait_idle(shell)
    assert shell.ctx.user is None and "wrong PIN" in shell.ctx.banner.text()


def test_idle_time_signs_out(shell):
    sign_in_as(shell, "anna")
    assert shell.idle.is_armed
    shell.idle.timed_out.emit()
    assert shell.ctx.user is None and "without activity" in shell.ctx.banner.text()


def test_records_carry_the_signed_in_user(shell, runtime):
    sign_in_as(shell, "anna")
    receiving = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    shell.bridge.on_scan(Scan("(01)09501101530003(10)WHO-1(30)5", "test"))
    wait_idle(shell)
    receiving.save()
    wait_idle(shell)
    from tracedesk.services.history import lot_history
    from tracedesk.services.queries import search_lots

    with runtime.unit_of_work() as session:
        lot = search_lots(session, "WHO-1")[0]
        assert lot_history(session, lot.code)[0].user == "anna"


def test_record_table_model_passes_the_model_tester(qtmodeltester, plant):
    model = RecordTableModel([Column("Code", lambda r: r[0]), Column("Name", lambda r: r[1], align_right=True)])
    model.set_records([("A", "x"), ("B", "y")])
    qtmodeltester.check(model)


def test_window_layout_is_remembered(shell):
    shell.window.resize(1200, 700)
    shell.save_layout()
    from tracedesk.ui.ui_settings import UiSettings

    assert UiSettings.load(shell.settings_path).window_geometry


def test_a_database_from_a_newer_version_gives_a_dialog_not_a_traceback(tmp_path, monkeypatch, qapp):
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()
    from tracedesk.paths import AppPaths
    from tracedesk.services.runtime import StationSettings

    StationSettings(code="ST9", name="x").save(AppPaths.from_environment().ensure().config_dir / "station.json")
    shown: list[str] = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(text))
    from tracedesk.app import run_gui

    assert run_gui(db=str(path)) == 1
    assert shown and "newer version" in shown[0]
    import logging

    for handler in list(logging.getLogger().handlers):
        if handler.__class__.__name__ == "RotatingFileHandler":
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_signed_out_a_lot_label_says_sign_in_first(shell, plant):
    wait_idle(shell)
    shell.bridge.on_scan(Scan(f"TD:{plant.flour}", "serial scanner"))
    wait_idle(shell)
    assert shell.ctx.user is None
    assert shell.ctx.banner.kind == "refused" and "lot label, not a badge. Sign in first" in shell.ctx.banner.text()
