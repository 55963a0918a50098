"""Production: scanning lots issues them to the order, with refusals on the spot and a FEFO hint."""

from __future__ import annotations

import pytest

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.ui.workspaces.production import ProductionWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def production(shell, plant):
    sign_in_as(shell, "li")
    workspace = shell.window.show_workspace(ProductionWorkspace)
    wait_idle(shell)
    workspace.quiet_reports = True
    scan(shell, plant.order)
    assert workspace.order is not None and workspace.order.number == plant.order
    return workspace


def outstanding(workspace, component):
    return next(c for c in workspace.bom.records() if c.component == component).outstanding


def test_scanning_a_lot_proposes_the_outstanding_quantity_and_enter_issues_it(shell, production, plant, qtbot):
    scan(shell, f"TD:{plant.sugar}")
    assert production.issue_box.isVisible() or production.pending is not None
    assert production.issue_quantity.text() == "15"  # 50 x 0.3 outstanding, lot has 80
    qtbot.keyClick(production.issue_quantity, "\r")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    assert "Issued 15 kg" in shell.ctx.banner.text() and "65 kg left" in shell.ctx.banner.text()
    assert outstanding(production, "SUGAR") == 0
    assert production.issued.records()[0][0] == plant.sugar


def test_a_newer_lot_gets_a_first_expired_first_out_hint(shell, production, plant):
    scan(shell, f"TD:{plant.flour}")
    assert shell.ctx.banner.kind == "warning"
    assert plant.flour_old in shell.ctx.banner.text() and "First expired" in shell.ctx.banner.text()
    production.issue_quantity.setText("5")
    production.confirm_issue()
    wait_idle(shell)
    assert "Issued 5 kg" in shell.ctx.banner.text()


@pytest.mark.parametrize(
    "which, words",
    [
        ("salt", "not a component"),
        ("quarantined", "quarantine"),
        ("held", "on hold: supplier complaint"),
    ],
)
def test_refusals_are_said_on_the_spot_and_nothing_is_issued(shell, production, plant, which, words):
    scan(shell, f"TD:{getattr(plant, which)}")
    assert shell.ctx.banner.kind == "refused" and words in shell.ctx.banner.text()
    assert production.pending is None and production.issued.records() == []


def test_quantity_over_balance_is_refused(shell, production, plant):
    scan(shell, f"TD:{plant.sugar}")
    production.issue_quantity.setText("500")
    production.confirm_issue()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "Only 80 kg" in shell.ctx.banner.text()


def test_unknown_code_is_refused(shell, production):
    scan(shell, "TD:NOPE-1")
    assert shell.ctx.banner.kind == "refused" and "no lot NOPE-1" in shell.ctx.banner.text()


def test_output_parameters_and_closing_show_the_mass_balance(shell, production, plant, monkeypatch):
    scan(shell, f"TD:{plant.sugar}")
    production.confirm_issue()
    wait_idle(shell)
    production.output_quantity.setText("20")
    asked = []
    monkeypatch.setattr(production, "confirm_unissued", lambda question: asked.append(question) or True)
    production.record_output()
    wait_idle(shell)
    assert len(asked) == 1 and "Nothing of FLOUR has been issued" in asked[0]
    assert shell.ctx.banner.kind == "ok" and "Output lot" in shell.ctx.banner.text() and "saved" in shell.ctx.banner.text()
    assert len(production.outputs.records()) == 1
    production.parameter_name.setText("temperature")
    production.parameter_value.setText("182")
    production.parameter_unit.setText("°C")
    production.record_parameter()
    wait_idle(shell)
    assert production.parameters.records()[0].value == "182"
    production.close_order()
    wait_idle(shell)
    assert "closed" in shell.ctx.banner.text()
    assert "SUGAR" in production.last_mass_balance and "produced 20 kg" in production.last_mass_balance


def test_a_new_order_can_be_created(shell, production):
    production.create_order("BISCUIT", "10", line="L1")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "opened" in shell.ctx.banner.text()


def test_a_fully_issued_component_offers_nothing_and_more_needs_a_reason(shell, production, plant, monkeypatch):
    scan(shell, f"TD:{plant.sugar}")
    production.confirm_issue()  # the 15 kg the order needs
    wait_idle(shell)
    scan(shell, f"TD:{plant.sugar}")
    assert production.issue_box.isVisible() and production.issue_quantity.text() == ""
    assert shell.ctx.banner.kind == "warning" and "needs no more SUGAR" in shell.ctx.banner.text()
    production.issue_quantity.setText("5")
    reasons = iter([None, "second batch"])
    monkeypatch.setattr(production, "ask_over_issue_reason", lambda question: next(reasons))
    production.confirm_issue()  # cancelled: nothing issued
    wait_idle(shell)
    assert "Nothing issued" in shell.ctx.banner.text() and len(production.issued.records()) == 1
    scan(shell, f"TD:{plant.sugar}")
    production.issue_quantity.setText("5")
    production.confirm_issue()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "Issued 5 kg" in shell.ctx.banner.text()
    assert len(production.issued.records()) == 2


def test_output_is_not_recorded_when_the_missing_components_are_not_confirmed(shell, production, monkeypatch):
    production.output_quantity.setText("20")
    monkeypatch.setattr(production, "confirm_unissued", lambda question: False)
    production.record_output()
    wait_idle(shell)
    assert "No output recorded" in shell.ctx.banner.text() and production.outputs.records() == []
    assert production.output_quantity.text() == "20"
