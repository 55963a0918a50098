"""Lots made from held material read as suspect everywhere their status shows, never as green 'released'."""

from __future__ import annotations

import csv

import pytest

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.services import production, quality
from tracedesk.ui.style import SUSPECT_COLOUR
from tracedesk.ui.workspaces.qa import QaWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def suspect(runtime, admin, plant) -> str:  # noqa: ANN001
    """An output lot made from sugar, then sugar put on a spreading hold; returns the output's code."""
    with runtime.unit_of_work() as s:
        production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.sugar, quantity="15")
        code = production.record_output(s, admin, order=plant.order, quantity="5", confirm_unissued=True).code
        quality.hold_lot(s, admin, lot=plant.sugar, reason="glass found")
    return code


def test_a_suspect_lot_says_which_hold_blocks_it_in_the_panel_list_tree_graph_and_csv(shell, plant, suspect, tmp_path):
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.quiet_reports = True
    wait_idle(shell)
    qa.search.setText(suspect)
    qa.run_search()
    wait_idle(shell)
    expected = f"suspect — hold on {plant.sugar}: glass found"
    assert expected in qa.detail_labels["status"].text()
    row = [r.code for r in qa.results.records()].index(suspect)
    assert qa.results.index(row, 4).data() == expected
    assert qa.results.index(row, 4).data(9).color() == SUSPECT_COLOUR  # ForegroundRole
    assert qa.graph.boxes[suspect].held and qa.graph.boxes[plant.sugar].held
    assert expected in qa.graph.boxes[suspect].lines
    qa.open_lot(plant.sugar, announce=False)
    wait_idle(shell)
    down = qa.tree_model.index(1, 0)
    qa.tree_model.fetchMore(down)
    wait_idle(shell)
    assert qa.tree_model.index(0, 3, down).data() == expected
    qa.open_lot(suspect, announce=False)
    wait_idle(shell)
    target = tmp_path / "trace.csv"
    qa.export_to(target)
    wait_idle(shell)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    own = next(r for r in rows if r["lot"] == suspect)
    assert own["suspect"] == f"hold on {plant.sugar}: glass found" and own["status"] == "suspect"
    held = next(r for r in rows if r["lot"] == plant.sugar)
    assert held["suspect"] == "" and held["status"] == "on_hold"


def test_the_recall_list_shows_a_lot_made_from_a_held_lot_as_suspect(shell, plant, suspect):
    from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.lots.setText(plant.sugar)
    desk.recall.show_report()
    wait_idle(shell)
    model = desk.recall.model
    row = [r.code for r in model.records()].index(suspect)
    assert model.index(row, 2).data() == f"suspect — hold on {plant.sugar}: glass found"
    assert model.index(row, 2).data(9).color() == SUSPECT_COLOUR
