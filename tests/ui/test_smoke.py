"""The main window starts, signs in by PIN, and routes a scan to the active workspace."""

from __future__ import annotations

import pytest

from tests.ui.conftest import scan, sign_in_as

pytestmark = pytest.mark.gui


def test_clerk_signs_in_and_sees_only_the_clerks_workspaces(shell):
    sign_in_as(shell, "anna")
    titles = [shell.window.tabs.tabText(i).replace("&&", "&") for i in range(shell.window.tabs.count())]
    assert titles == ["Receiving", "Inspection", "Shipping", "Warehouse", "Trace & QA"]
    assert "Anna Clerk" in shell.window.user_label.text()


def test_scan_in_qa_opens_the_lot(shell, plant):
    sign_in_as(shell, "qa")
    from tracedesk.ui.workspaces.qa import QaWorkspace

    qa = shell.window.show_workspace(QaWorkspace)
    scan(shell, f"TD:{plant.held}")
    assert qa.lot is not None and qa.lot.code == plant.held
    assert shell.ctx.banner.kind == "warning" and "supplier complaint" in shell.ctx.banner.text()
