"""Conflicts between stations in the GUI: listed on the quality desk, resolved with a signed note, said by the scan banner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plant import QA_PIN
from tests.stations import Station, StepClock, exchange, join, open_station
from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.services import shipping
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def conflicted(runtime, admin, plant, tmp_path: Path) -> str:
    """The plant's sugar lot shipped in full here and, offline, at station B too: one over_issue."""
    here = Station("ST1", runtime, StepClock())
    (tmp_path / "b").mkdir()
    other = open_station(tmp_path / "b", "B", StepClock())
    try:
        exchange(here, other)
        join(other, admin)
        with other.work() as session:
            shipping.ship_lot(session, other.actor(), lot=plant.sugar, customer="SHOP", document="DN-B", quantity="60")
        with runtime.unit_of_work() as session:
            shipping.ship_lot(session, admin, lot=plant.sugar, customer="SHOP", document="DN-1", quantity="60")
        assert exchange(other, here).conflicts == 1
    finally:
        other.close()
    return plant.sugar


def test_open_conflicts_are_listed_on_the_quality_desk_and_resolved_with_a_signed_note(shell, conflicted, qtmodeltester):
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.conflicts)
    wait_idle(shell)
    [conflict] = desk.conflicts.model.records()
    assert conflict.kind == "over_issue" and conflict.lots == (conflicted,) and conflict.stations == ("B", "ST1")
    qtmodeltester.check(desk.conflicts.model)
    desk.conflicts.resolve(conflict.id, "Shipment DN-B was 20 kg; corrected by count", QA_PIN)
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and conflict.id in shell.ctx.banner.text()
    assert desk.conflicts.model.records() == []
    desk.conflicts.show_resolved.setChecked(True)
    wait_idle(shell)
    assert [c.status for c in desk.conflicts.model.records()] == ["resolved"]


def test_a_scan_of_a_lot_in_an_open_conflict_says_so_in_the_banner(shell, conflicted, plant):
    sign_in_as(shell, "qa")
    shell.window.show_workspace(QaWorkspace)
    scan(shell, conflicted)
    assert shell.ctx.banner.kind == "warning"
    assert "open conflict between stations" in shell.ctx.banner.text()
    scan(shell, plant.salt)
    assert "conflict" not in shell.ctx.banner.text()
