"""1366 x 768, the most common shop-floor screen, with and without large text: Trace & QA shows ten
rows of the lot list and of the tree, the panes keep their sizes, and nothing cuts its text."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QCursor, QFontMetricsF
from PySide6.QtWidgets import QTableView

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.services import masterdata, production, quality, shipping
from tracedesk.services.family import FamilyGraph
from tracedesk.ui import banner as banner_module
from tracedesk.ui.genealogy_graph import PAD, box_font
from tracedesk.ui.genealogy_model import CODE_ROLE
from tracedesk.ui.i18n import register_fonts
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def family(runtime, admin, plant):
    """Sugar in three dough lots, one of them held with a long reason (graph boxes must not cut it)."""
    with runtime.unit_of_work() as s:
        production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.sugar, quantity="15")
        made = [production.record_output(s, admin, order=plant.order, quantity="5", confirm_unissued=True).code for _ in range(3)]
        # The dough lots become suspect: their boxes say which hold and why, a long line.
        quality.hold_lot(s, admin, lot=plant.sugar, reason="foreign matter found by the metal detector on line 2", spread=False)
    return made


def _qa(shell, large: bool):  # noqa: ANN001, ANN202
    register_fonts(shell.app)  # as the app does at start: the CJK fallback font makes lines a little taller
    shell.apply_settings(replace(shell.settings, large_text=large))
    shell.window.resize(1366, 768)
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    QCoreApplication.processEvents()  # the remembered (or first) pane sizes are given once the tab is laid out
    shell.ctx.banner.collapse()  # what it does by itself a few seconds after each message
    QCoreApplication.processEvents()
    return qa


def _rows_visible(view, row_height: int) -> float:  # noqa: ANN001
    return view.viewport().height() / row_height


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_trace_shows_ten_rows_of_the_lot_list_and_of_the_tree(shell, plant, family, large):
    qa = _qa(shell, large)
    scan(shell, f"TD:{plant.sugar}")
    shell.ctx.banner.collapse()  # a few seconds after the scan's answer
    QCoreApplication.processEvents()
    assert qa.results.rowCount() > 0
    list_row = qa.results_view.rowHeight(0)
    assert _rows_visible(qa.results_view, list_row) >= 10, (qa.results_view.viewport().height(), list_row)
    tree_row = qa.tree.sizeHintForRow(0)
    assert tree_row > 0 and _rows_visible(qa.tree, tree_row) >= 10, (qa.tree.viewport().height(), tree_row)


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_no_column_and_no_graph_box_cuts_its_text(shell, plant, family, large):
    qa = _qa(shell, large)
    scan(shell, f"TD:{plant.sugar}")
    for view in (qa.results_view, qa.tree):
        header = view.header() if hasattr(view, "header") else view.horizontalHeader()
        for column in range(header.count() - 1):  # the last column stretches to the edge
            assert header.sectionSize(column) >= view.sizeHintForColumn(column), (view, column)
    # A lot made from held material says which hold and why: a long line that must wrap, not be cut.
    node = next(iter(qa.graph.boxes))
    centre = replace(
        qa.graph.boxes[node].node,
        status="released",
        suspect=(("L2612-002", "foreign matter found by the metal detector on line 2"),),
    )
    qa.graph.show_graph(FamilyGraph(centre.code, {0: (centre,)}, (), {}))
    width, height = qa.graph.box_size
    for box in qa.graph.boxes.values():
        assert len(box.lines) * 19 + 2 * PAD <= height
        for number, line in enumerate(box.lines):
            fits = QFontMetricsF(box_font(number < box.bold_lines)).horizontalAdvance(line)
            assert fits <= width - 2 * PAD, line
    assert "metal detector on line 2" in " ".join(qa.graph.boxes[centre.code].lines)


def test_the_panes_remember_their_sizes(shell, plant, qapp, runtime, clock):
    qa = _qa(shell, False)
    qa.column_splitter.setSizes([500, 840])
    qa.list_splitter.setSizes([300, 200])
    qa._save_panes()
    saved = (qa.column_splitter.sizes(), qa.list_splitter.sizes())
    from tracedesk.ui.shell import build_shell

    again = build_shell(qapp, runtime, clock=clock, wedge=False)
    try:
        again.ctx.banner.sound = False
        again.window.setWindowState(Qt.WindowState.WindowNoState)
        again.window.resize(1366, 768)
        again.window.show()
        sign_in_as(again, "qa")
        other = again.window.show_workspace(QaWorkspace)
        wait_idle(again)
        QCoreApplication.processEvents()
        # The list keeps its height; the details below take whatever the banner leaves.
        assert (other.column_splitter.sizes(), other.list_splitter.sizes()[0]) == (saved[0], saved[1][0])
    finally:
        again.close()


def test_the_banner_folds_to_one_line_after_a_few_seconds_and_unfolds_for_the_next_message(shell, qtbot):
    banner = shell.ctx.banner
    banner.collapse_timer.setInterval(50)
    banner.ok("Saved.")
    two = banner.height()
    banner.collapse_timer.start(50)
    qtbot.waitUntil(lambda: banner.collapsed, timeout=3000)
    assert banner.height() < two and banner.toolTip() == "Saved."
    banner.refused("Nope.")
    assert not banner.collapsed and banner.height() == two


def test_the_banner_waits_to_fold_while_the_pointer_is_on_the_page_below_it(shell, qtbot, monkeypatch):
    """Folding moves the page up by a line: not under a pointer about to click a row or a button."""
    monkeypatch.setattr(banner_module, "FOLD_RETRY_MS", 50)
    window, banner = shell.window, shell.ctx.banner
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    banner.ok("Saved.")
    page = window.stack
    QCursor.setPos(page.mapToGlobal(page.rect().center()))
    banner.collapse_timer.start(50)
    qtbot.wait(400)
    assert not banner.collapsed and banner.collapse_timer.isActive()  # still waiting, looking again
    # The pointer goes up to the scan field's row: nothing under it would move.
    QCursor.setPos(window.mapToGlobal(QPoint(window.width() // 2, banner.geometry().top() - 4)))
    qtbot.waitUntil(lambda: banner.collapsed, timeout=3000)
    # Away from the window altogether, the fold does not wait either.
    banner.ok("Saved again.")
    QCursor.setPos(window.mapToGlobal(QPoint(window.width() + 200, window.height() + 200)))
    banner.collapse_timer.start(50)
    qtbot.waitUntil(lambda: banner.collapsed, timeout=3000)


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_the_recall_page_gives_its_room_to_what_the_recall_reaches(shell, plant, large):
    """At 1366 x 768 the list of affected lots was two rows high, its hint cut in half, under the past drills."""
    _qa(shell, large)
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.recall)
    wait_idle(shell)
    QCoreApplication.processEvents()
    tab = desk.recall
    [reached] = [v for v in tab.findChildren(QTableView) if v.model() is tab.model]
    [drills] = [v for v in tab.findChildren(QTableView) if v.model() is tab.drills]
    row = reached.verticalHeader().defaultSectionSize()
    # With large text the form above takes most of the page; the reach still gets the most of what is left.
    assert _rows_visible(reached, row) >= (2 if large else 5), (reached.viewport().height(), row)
    assert reached.viewport().height() > 2 * drills.viewport().height()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large-text"])
def test_the_tree_shows_each_lots_status_without_scrolling_sideways(shell, plant, family, large, runtime, admin):
    # A customer with a long name, under a lot of the family: its row must not push the status out.
    with runtime.unit_of_work() as s:
        masterdata.create_party(
            s, admin, kind="customer", code="LONGNAME", name="Distribuidora de Alimentos del Norte y del Sur S.A."
        )
        shipping.ship_lot(s, admin, lot=family[0], customer="LONGNAME", quantity="1", document="DN-LONG-0001")
    qa = _qa(shell, large)
    scan(shell, f"TD:{plant.sugar}")
    wait_idle(shell)
    down = qa.tree_model.index(1, 0)
    shipped = next(
        qa.tree_model.index(r, 0, down)
        for r in range(qa.tree_model.rowCount(down))
        if qa.tree_model.index(r, 0, down).data(CODE_ROLE) == family[0]
    )
    qa.tree.expand(shipped)
    wait_idle(shell)
    assert qa.tree_model.rowCount(shipped) == 1
    status = 3
    assert qa.tree.columnViewportPosition(status) + qa.tree.columnWidth(status) <= qa.tree.viewport().width(), [
        qa.tree.columnWidth(c) for c in range(4)
    ]
