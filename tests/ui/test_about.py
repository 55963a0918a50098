"""The About box: Settings → About TraceDesk shows the version lines `tracedesk --version` prints."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

import tracedesk
from tests.ui.conftest import wait_idle
from tracedesk.db.engine import head_revision
from tracedesk.ui.about_dialog import AboutDialog
from tracedesk.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def test_settings_open_the_about_box_with_the_app_database_and_hub_lines(shell, qtbot):  # noqa: ANN001
    opened: list[AboutDialog] = []

    def open_settings() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible())
        assert dialog.about_button is not None
        dialog.about_button.click()
        opened.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog) and w.isVisible())
        wait_idle(shell)
        for about in opened:
            about.copy()
            about.reject()
        dialog.reject()

    # The settings dialog runs its own event loop: look at it from inside that loop.
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, open_settings)
    shell.window.settings_button.click()
    assert len(opened) == 1
    lines = opened[0].text.text().splitlines()
    assert lines == [
        f"TraceDesk {tracedesk.__version__}",
        f"Database: {shell.runtime.engine.url.database}",
        f"Database schema: {head_revision()} (current)",
        "Hub: no hub",
    ]
    assert QGuiApplication.clipboard().text() == opened[0].text.text()


def test_the_about_box_says_reading_until_the_database_thread_answers(shell, qtbot):  # noqa: ANN001
    dialog = shell.open_about()
    qtbot.addWidget(dialog)
    assert dialog.text.text() == "Reading the database…" and not dialog.copy_button.isEnabled()
    wait_idle(shell)
    assert dialog.text.text().startswith(f"TraceDesk {tracedesk.__version__}\n") and dialog.copy_button.isEnabled()
    dialog.reject()


def test_a_silent_hub_is_asked_apart_and_never_holds_up_the_database_thread(shell, qtbot):  # noqa: ANN001
    import socket
    from dataclasses import replace

    # A "hub" that takes the connection and never says a word: the question waits for its time-out.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    try:
        shell.runtime.station = replace(shell.runtime.station, hub_url=f"postgresql://station:pw@127.0.0.1:{port}/hub")
        dialog = shell.open_about()
        qtbot.addWidget(dialog)
        wait_idle(shell)  # the database thread answered while the hub is still being asked
        assert dialog.is_asking_hub and shell.db.is_idle
        lines = dialog.text.text().splitlines()
        assert lines[0] == f"TraceDesk {tracedesk.__version__}" and lines[-1] == "Hub: asking the hub…"
        qtbot.waitUntil(lambda: not dialog.is_asking_hub, timeout=30_000)
        qtbot.waitUntil(lambda: "asking" not in dialog.text.text(), timeout=5_000)
        last = dialog.text.text().splitlines()[-1]
        assert last.startswith(f"Hub schema: postgresql://station:***@127.0.0.1:{port}/hub: ") and "cannot be reached" in last
        assert "pw@" not in dialog.text.text()
        dialog.reject()
    finally:
        silent.close()
