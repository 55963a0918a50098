"""The dashboard's charts are built ahead only on a station where someone who may use them signed in."""

from __future__ import annotations

import pytest

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.services.permissions import Action
from tracedesk.ui.workspaces.quality import dashboard
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui


def test_charts_are_built_ahead_for_a_quality_user_only(shell, qtbot, monkeypatch):
    monkeypatch.setattr(dashboard, "PRELOAD_AFTER_MS", 10)
    [desk] = [w for w in shell.window.workspaces if isinstance(w, QualityDeskWorkspace)]
    tab = desk.dashboard

    sign_in_as(shell, "anna")  # a clerk: no quality desk
    assert not shell.ctx.may(Action.INVESTIGATE)
    qtbot.wait(400)
    assert tab.charts == {}

    shell.window.sign_out()
    wait_idle(shell)
    sign_in_as(shell, "qa")
    qtbot.waitUntil(lambda: len(tab.charts) == 10, timeout=20_000)
    assert tab.dashboard is None  # built, not loaded: the data waits for the tab to open
