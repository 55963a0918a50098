"""The look: drop-down entries readable when highlighted, arrows drawn, the banner's height steady."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.devices.scan import Scan
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace

pytestmark = pytest.mark.gui


def test_the_highlighted_drop_down_entry_is_white_on_blue(shell, qtbot):
    sign_in_as(shell, "anna")
    receiving = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    combo = receiving.item
    assert combo.count() > 2
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=2000)
    view.setCurrentIndex(combo.model().index(1, 0))
    rect = view.visualRect(combo.model().index(1, 0))
    image = view.viewport().grab().toImage()
    colours = {QColor(image.pixel(x, rect.center().y())).name() for x in range(rect.left() + 2, rect.right() - 2)}
    combo.hidePopup()
    assert "#1e66c1" in colours and "#ffffff" in colours  # blue background with white text on it


def test_every_combo_in_every_workspace_uses_the_styled_delegate(shell):
    sign_in_as(shell, "admin")
    for index in range(shell.window.tabs.count()):
        shell.window.tabs.setCurrentIndex(index)
        wait_idle(shell)
    combos = shell.window.findChildren(QComboBox)
    assert combos and all(isinstance(c.itemDelegate(), QStyledItemDelegate) for c in combos)


def test_first_start_fills_the_screen_and_a_saved_layout_is_kept(qapp, runtime, clock, plant):
    from PySide6.QtCore import Qt

    from tracedesk.ui.shell import build_shell

    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    try:
        assert shell.window.windowState() & Qt.WindowState.WindowMaximized
        shell.window.setWindowState(Qt.WindowState.WindowNoState)
        shell.window.resize(1100, 700)
        shell.window.restore_layout(*shell.window.layout_hex())
        assert not shell.window.windowState() & Qt.WindowState.WindowMaximized
    finally:
        shell.close()


def test_the_banner_keeps_its_height_from_one_line_to_two(shell):
    banner = shell.ctx.banner
    banner.ok("Short.")
    shell.app.processEvents()
    one = banner.height()
    banner.refused("A much longer sentence that has to wrap onto a second line " * 3)
    shell.app.processEvents()
    assert banner.height() == one and one >= 2 * banner.fontMetrics().lineSpacing()


def test_a_scan_on_a_tab_that_takes_none_says_so(shell):
    from tracedesk.ui.workspaces.masterdata import MasterDataWorkspace

    sign_in_as(shell, "admin")
    shell.window.show_workspace(MasterDataWorkspace)
    wait_idle(shell)
    shell.bridge.on_scan(Scan("TD:X", "test"))
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and "not used" in shell.ctx.banner.text()


def test_sign_in_list_names_the_role_once_and_never_scrolls_sideways(shell):
    from PySide6.QtCore import Qt

    wait_idle(shell)
    users = shell.window.sign_in_page.users
    texts = [users.item(row).text() for row in range(users.count())]
    assert "Anna Clerk — Receiving / shipping clerk" in texts
    assert users.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def test_release_dialog_names_the_lot_and_wants_reason_and_pin(qapp, plant, shell):
    from decimal import Decimal

    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from tracedesk.services.dto import LotInfo
    from tracedesk.ui.dialogs import ReasonDialog

    lot = LotInfo(plant.sugar, "SUGAR", "Sugar", Decimal(1), Decimal(1), "kg", "on_hold", "received")
    dialog = ReasonDialog("Release", "Why may the lot be used again?", shell.window, signed=True, lot=lot)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert any(plant.sugar in label.text() for label in dialog.findChildren(QLabel))
    assert dialog.minimumWidth() >= 560 and not ok.isEnabled()
    dialog.reason.setText("checked")
    assert not ok.isEnabled()
    dialog.pin.setText("3333")
    assert ok.isEnabled()


def test_no_open_orders_gives_a_hint(shell, runtime, admin, plant):
    from tracedesk.services import production
    from tracedesk.ui.workspaces.production import ProductionWorkspace

    with runtime.unit_of_work() as s:
        production.close_order(s, admin, order=plant.order)
    sign_in_as(shell, "li")
    workspace = shell.window.show_workspace(ProductionWorkspace)
    wait_idle(shell)
    assert "No open work orders" in workspace.summary.text()


def test_lot_panel_shows_supplier_lot_on_its_own_row_and_the_tree_spans_direction_rows(shell, plant):
    from tracedesk.ui.workspaces.qa import QaWorkspace

    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.open_lot(plant.flour)
    wait_idle(shell)
    assert qa.detail_labels["supplier_lot"].text() == "F-NEW"
    assert qa.detail_labels["item"].toolTip().startswith("FLOUR")
    assert qa.tree.isFirstColumnSpanned(0, qa.tree_model.index(0, 0).parent())


def test_file_choosers_start_in_documents():
    from pathlib import Path

    from tracedesk.ui.filedialogs import documents_folder

    assert documents_folder().is_dir() and documents_folder() != Path.cwd()
