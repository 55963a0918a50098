"""Disabled actions say why (tooltip and status line); empty lists say what would appear in them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.ui.workspaces.inspection import InspectionWorkspace
from tracedesk.ui.workspaces.production import ProductionWorkspace
from tracedesk.ui.workspaces.qa import QaWorkspace

pytestmark = pytest.mark.gui


def _hover(widget) -> None:  # noqa: ANN001
    QApplication.sendEvent(widget, QEnterEvent(QPointF(2, 2), QPointF(2, 2), QPointF(2, 2)))


def test_a_clerk_sees_why_release_is_greyed_out(shell):
    sign_in_as(shell, "anna")
    workspace = shell.window.show_workspace(InspectionWorkspace)
    wait_idle(shell)
    button = workspace.release_button
    assert not button.isEnabled()
    assert "may not release lots" in button.toolTip() and "QA" in button.toolTip()
    _hover(button)
    assert "may not release lots" in shell.window.statusBar().currentMessage()


def test_qa_actions_wait_for_a_lot_and_say_so(shell, plant):
    sign_in_as(shell, "qa")
    workspace = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    assert not workspace.hold_button.isEnabled() and "Open a lot first" in workspace.hold_button.toolTip()
    scan(shell, f"TD:{plant.sugar}")
    assert workspace.hold_button.isEnabled() and workspace.hold_button.toolTip() == ""


def test_closing_needs_an_order_and_the_tables_say_what_would_appear(shell, plant):
    sign_in_as(shell, "li")
    workspace = shell.window.show_workspace(ProductionWorkspace)
    wait_idle(shell)
    assert not workspace.close_button.isEnabled() and "work order first" in workspace.close_button.toolTip()
    assert workspace.bom_view.is_showing_empty_text() and "Choose or scan a work order" in workspace.bom_view.empty_text
    scan(shell, plant.order)
    assert workspace.close_button.isEnabled() and workspace.new_button.isEnabled()
    assert not workspace.bom_view.is_showing_empty_text()


def test_signed_out_the_sign_out_button_says_nobody_is_signed_in(shell):
    wait_idle(shell)
    assert not shell.window.sign_out_button.isEnabled()
    assert shell.window.sign_out_button.toolTip() == "Nobody is signed in."
