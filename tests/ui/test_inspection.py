"""Inspection: the notes typed before Release or Reject are recorded with the decision, then the fields clear."""

from __future__ import annotations

import pytest

from tests.plant import QA_PIN
from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.services.history import lot_history
from tracedesk.ui.workspaces.inspection import InspectionWorkspace

pytestmark = pytest.mark.gui


def _inspections(runtime, code: str) -> list[dict]:  # noqa: ANN001
    with runtime.unit_of_work() as s:
        return [e.payload for e in lot_history(s, code) if e.type == "lot_inspected"]


@pytest.fixture
def inspection(shell, plant) -> InspectionWorkspace:  # noqa: ANN001
    sign_in_as(shell, "qa")
    workspace = shell.window.show_workspace(InspectionWorkspace)
    wait_idle(shell)
    assert workspace.select_lot(plant.quarantined)
    return workspace


def test_release_records_a_passed_inspection_with_the_notes_and_clears_them(shell, runtime, plant, inspection):
    inspection.notes.setText("CoA checked, sacks intact")
    inspection.release(QA_PIN)
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok"
    assert [(p["result"], p["notes"]) for p in _inspections(runtime, plant.quarantined)] == [
        ("pass", "CoA checked, sacks intact")
    ]
    assert inspection.notes.text() == ""


def test_reject_records_a_failed_inspection_with_the_notes(shell, runtime, plant, inspection):
    inspection.notes.setText("wet sacks")
    inspection.reject("water damage", QA_PIN)
    wait_idle(shell)
    assert [(p["result"], p["notes"]) for p in _inspections(runtime, plant.quarantined)] == [("fail", "wet sacks")]
    assert inspection.notes.text() == ""


def test_a_refused_release_records_no_inspection_and_keeps_the_notes(shell, runtime, plant, inspection):
    inspection.notes.setText("CoA checked")
    inspection.release("0000")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused"
    assert _inspections(runtime, plant.quarantined) == [] and inspection.notes.text() == "CoA checked"
