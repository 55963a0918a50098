"""The GUI syncs in the background: the status bar says the hub's state; a new hub is kept only once tested."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.sync.conftest import empty_pg, hub, pg_server  # noqa: F401 - fixtures
from tests.sync.test_push import hub_rows
from tracedesk.ui.hub_sync import SyncStatusLabel
from tracedesk.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


def label(shell) -> SyncStatusLabel:  # noqa: ANN001
    return shell.window.sync_label


def test_a_station_without_a_hub_says_so(shell):  # noqa: ANN001
    shell.start_sync()
    assert label(shell).text() == "No hub"


def test_background_sync_pushes_and_the_status_bar_says_reachable(shell, qtbot, hub):  # noqa: ANN001, F811
    shell.runtime.station = replace(shell.runtime.station, hub_url=hub, sync_interval=1)
    shell.start_sync()
    qtbot.waitUntil(lambda: label(shell).text().startswith("Hub reachable"), timeout=30_000)
    assert hub_rows(hub, "SELECT count(*) FROM tracedesk.events WHERE station = 'ST1'")[0][0] > 0


def test_an_unreachable_hub_leaves_the_station_working_offline(shell, qtbot):  # noqa: ANN001
    shell.runtime.station = replace(shell.runtime.station, hub_url="postgresql://postgres@127.0.0.1:1/hub", sync_interval=1)
    shell.start_sync()
    qtbot.waitUntil(lambda: label(shell).text().startswith("Hub unreachable, working offline"), timeout=30_000)
    assert "waiting" in label(shell).text() and "cannot be reached" in label(shell).toolTip()


def test_a_new_hub_address_is_kept_only_after_a_test(shell, qtbot):  # noqa: ANN001
    seen: list[str] = []

    def look() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible())
        dialog.hub.url.setText("postgresql://station@127.0.0.1:1/hub")
        dialog.accept()
        seen.append(dialog.hub.result.text())
        assert dialog.isVisible()
        dialog.reject()

    QTimer.singleShot(0, look)
    shell.window.settings_button.click()
    assert seen == ["Test the connection to the new hub before saving."]
    assert shell.runtime.station.hub_url == ""


def test_a_hub_password_is_never_shown_or_logged(shell, qtbot, caplog):  # noqa: ANN001
    secret = "S3cret-hub-pw"
    url = f"postgresql://postgres:{secret}@127.0.0.1:1/hub"
    shell.runtime.station = replace(shell.runtime.station, hub_url=url, sync_interval=1)
    with caplog.at_level("DEBUG"):
        shell.start_sync()
        qtbot.waitUntil(lambda: label(shell).text().startswith("Hub unreachable"), timeout=30_000)
    assert secret not in label(shell).text() + label(shell).toolTip()
    assert "postgres:***@127.0.0.1:1" in label(shell).toolTip()
    assert not any(secret in record.getMessage() or secret in (record.exc_text or "") for record in caplog.records)
    seen: list[tuple[str, str]] = []

    def look() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible())
        seen.append((dialog.hub.url.text(), dialog.hub.address()))
        dialog.reject()

    QTimer.singleShot(0, look)
    shell.window.settings_button.click()
    # The field shows the address without its password; left as it is, the saved one (with it) stays.
    assert seen == [("postgresql://postgres@127.0.0.1:1/hub", url)]
