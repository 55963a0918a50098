"""The keyboard-wedge filter: only scanner bursts become scans; people, shortcuts, dialogs and PINs are left alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.devices.scan import Scan
from tracedesk.ui.bridge import WedgeFilter

pytestmark = pytest.mark.gui


@pytest.fixture
def wedge(shell) -> Iterator[tuple[WedgeFilter, list[Scan], list[float]]]:  # noqa: ANN001
    """A filter on a hand-driven clock (seconds); the test sets the gap before typing."""
    gap = [0.005]
    now = [100.0]

    def clock() -> float:
        now[0] += gap[0]
        return now[0]

    wedge = WedgeFilter(shell.bridge, clock=clock)
    scans: list[Scan] = []
    shell.bridge.scanned.connect(scans.append)
    shell.app.installEventFilter(wedge)
    yield wedge, scans, gap
    shell.app.removeEventFilter(wedge)
    shell.bridge.scanned.disconnect(scans.append)


def _type(window, text: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    for char in text:
        QTest.keyClick(window, char, modifier)
    QTest.keyClick(window, Qt.Key.Key_Return)


def test_quick_typing_in_a_field_stays_in_the_field(shell, wedge):
    _, scans, gap = wedge
    gap[0] = 0.060  # 60 ms per key: a quick person, not a scanner
    field = QLineEdit(shell.window)
    field.show()
    field.setFocus()
    QTest.keyClick(shell.window.windowHandle(), "a", Qt.KeyboardModifier.ControlModifier)
    _type(shell.window.windowHandle(), "99999")
    assert scans == [] and field.text() == "99999"


def test_ctrl_a_is_never_part_of_a_scan(shell, wedge):
    _, scans, _gap = wedge
    field = QLineEdit(shell.window)
    field.show()
    field.setFocus()
    QTest.keyClick(shell.window.windowHandle(), "a", Qt.KeyboardModifier.ControlModifier)
    _type(shell.window.windowHandle(), "TD:LOT-1")
    assert [s.text for s in scans] == ["TD:LOT-1"]


def test_typing_in_a_modal_dialog_is_never_a_scan(shell, wedge, qtbot):
    _, scans, _gap = wedge
    dialog = QDialog(shell.window)
    dialog.setModal(True)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=1000)
    field.setFocus()
    _type(dialog.windowHandle(), "/home/user/trace.csv")
    assert scans == [] and field.text() == "/home/user/trace.csv"
    dialog.close()


def test_a_fast_pin_at_sign_in_is_a_pin(shell, wedge):
    _, scans, _gap = wedge
    wait_idle(shell)
    page = shell.window.sign_in_page
    page.select_user("admin")
    page.pin.setFocus()
    _type(shell.window.windowHandle(), "1234")
    wait_idle(shell)
    assert scans == [] and shell.ctx.user is not None and shell.ctx.user.code == "admin"


def test_settings_choose_the_wedge_thresholds(shell):
    from dataclasses import replace

    shell.apply_settings(replace(shell.settings, wedge_max_gap_ms=12.0, wedge_min_length=9))
    assert (shell.wedge.detector.max_gap_ms, shell.wedge.detector.min_length) == (12.0, 9)


def test_signed_in_scan_burst_still_reaches_the_workspace(shell, wedge, plant):
    _, scans, _gap = wedge
    sign_in_as(shell, "qa")
    shell.window.scan_field.setFocus()
    _type(shell.window.windowHandle(), f"TD:{plant.held}")
    wait_idle(shell)
    assert [s.text for s in scans] == [f"TD:{plant.held}"] and shell.window.scan_field.text() == ""


def test_a_badge_scanned_while_the_pin_field_has_focus_signs_in(shell, wedge):
    _, scans, _gap = wedge
    wait_idle(shell)
    page = shell.window.sign_in_page
    page.pin.setFocus()
    _type(shell.window.windowHandle(), "BADGE-ANNA")
    wait_idle(shell)
    assert [s.text for s in scans] == ["BADGE-ANNA"] and page.pin.text() == ""
    assert shell.ctx.user is not None and shell.ctx.user.code == "anna"


@pytest.mark.parametrize("setup", ["cursor at start", "text selected", "number box"])
def test_a_scan_leaves_the_focused_field_exactly_as_it_was(shell, wedge, setup):
    from PySide6.QtWidgets import QSpinBox

    _, scans, _gap = wedge
    if setup == "number box":
        box = QSpinBox(shell.window)
        box.setRange(1, 999)
        box.setValue(1)
        box.show()
        box.setFocus()
        box.selectAll()
    else:
        box = QLineEdit(shell.window)
        box.setText("ABCDEF")
        box.show()
        box.setFocus()
        if setup == "cursor at start":
            box.setCursorPosition(0)
        else:
            box.selectAll()
    _type(shell.window.windowHandle(), "TD:L2611-0097")
    assert [s.text for s in scans] == ["TD:L2611-0097"]
    if setup == "number box":
        assert box.value() == 1
    else:
        assert box.text() == "ABCDEF"
        assert (box.cursorPosition() == 0) if setup == "cursor at start" else (box.selectedText() == "ABCDEF")
