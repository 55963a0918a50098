"""The Chinese GUI driven through the refusals each workspace can give: no English sentence appears."""

from __future__ import annotations

import pytest

from tests.plant import QA_PIN
from tests.ui.conftest import PINS, scan, sign_in_as, wait_idle
from tests.ui.test_language_switch import english_words
from tracedesk.core.messages import msg
from tracedesk.ui.workspaces.inspection import InspectionWorkspace
from tracedesk.ui.workspaces.production import ProductionWorkspace
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace
from tracedesk.ui.workspaces.shipping import ShippingWorkspace

pytestmark = pytest.mark.gui

# Data in the plant that a refusal quotes as it was typed or recorded.
TYPED = ("supplier complaint", "hello-world", "anna", "Anna Clerk", "Li Lead", "Plant QA", "Sugar", "Salt", "Flour")


@pytest.fixture
def chinese(shell):  # noqa: ANN001
    shell.switch_language("zh_CN")
    wait_idle(shell)
    yield shell
    shell.switch_language("en")
    wait_idle(shell)


def said(shell, kind: str = "refused") -> str:  # noqa: ANN001
    """The banner's sentence, checked to be of `kind` and Chinese apart from codes and typed data."""
    wait_idle(shell)
    banner = shell.ctx.banner
    text = banner.text()
    assert banner.kind == kind, text
    plain = text
    for data in TYPED:
        plain = plain.replace(data, "")
    assert english_words(plain) == [], text
    return text


def test_signing_in_refusals(chinese, plant):
    shell = chinese
    page = shell.window.sign_in_page
    page.select_user("anna")
    page.pin.setText("9999")
    page.button.click()
    assert "PIN 码错误" in said(shell)
    scan(shell, "BADGE-NOBODY")
    said(shell)
    scan(shell, f"TD:{plant.held}")  # a lot label while signed out
    said(shell)


def test_clerk_refusals_on_receiving_shipping_inspection_and_trace(chinese, plant):
    shell = chinese
    sign_in_as(shell, "anna")
    receiving = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    scan(shell, "]C101" + "00012345678905" + "10LOT-X")  # a GTIN no item has
    assert "GTIN" in said(shell)
    receiving.clear()
    receiving.save()  # nothing chosen
    said(shell)

    shipping = shell.window.show_workspace(ShippingWorkspace)
    wait_idle(shell)
    scan(shell, f"TD:{plant.held}")  # no customer yet
    said(shell)
    shipping.customer.setCurrentIndex(1)
    shipping.document.setText("DN-7")
    for lot, words in ((plant.held, "已冻结"), (plant.quarantined, "隔离"), ("TD:NOPE-1", "没有批次")):
        scan(shell, lot if lot.startswith("TD:") else f"TD:{lot}")
        assert words in said(shell)
    shipping.quantity.setText("1000")
    scan(shell, f"TD:{plant.sugar}")  # more than the lot holds
    assert "只剩" in said(shell)

    shell.window.show_workspace(InspectionWorkspace)
    wait_idle(shell)
    scan(shell, f"TD:{plant.sugar}")  # released: not waiting for inspection
    said(shell)

    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.hold("kept for a test")  # a clerk may not put lots on hold
    assert "无权冻结批次" in said(shell)
    scan(shell, "hello-world")
    said(shell)


def test_line_lead_refusals_on_production(chinese, plant):
    shell = chinese
    sign_in_as(shell, "li")
    production = shell.window.show_workspace(ProductionWorkspace)
    wait_idle(shell)
    production.quiet_reports = True
    scan(shell, f"TD:{plant.sugar}")  # no order chosen yet
    said(shell)
    scan(shell, plant.order)
    for lot, words in ((plant.held, "已冻结"), (plant.quarantined, "隔离"), (plant.salt, "不是")):
        scan(shell, f"TD:{lot}")
        assert words in said(shell)
    scan(shell, f"TD:{plant.sugar}")
    production.issue_quantity.setText("1000")
    production.confirm_issue()
    assert "只剩" in said(shell)
    production.record_output()  # no quantity typed
    said(shell)


def test_qa_refusals_and_a_device_line(chinese, plant):
    shell = chinese
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    qa.open_lot(plant.held)
    wait_idle(shell)
    qa.release("checked", "0000")  # a wrong PIN does not sign
    said(shell)
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.release("again", QA_PIN)  # released already
    assert "已放行" in said(shell)
    shell.bridge.on_status(
        "Dock",
        "connecting",
        msg("Waiting for {device} ({port}): check that it is plugged in and switched on.", device="Dock", port="COM3"),
    )
    wait_idle(shell)
    assert shell.window.device_label.text() == "正在等待 Dock（COM3）：请检查它是否已插好并开机。"
    assert PINS["qa"] == QA_PIN


def test_floor_guards_and_greyed_out_reasons_are_chinese(chinese, plant, monkeypatch):
    shell = chinese
    scan(shell, f"TD:{plant.held}")  # a lot label while signed out: sign in first
    assert "请先登录" in said(shell)
    sign_in_as(shell, "li")
    production = shell.window.show_workspace(ProductionWorkspace)
    wait_idle(shell)
    production.quiet_reports = True
    scan(shell, plant.order)
    scan(shell, f"TD:{plant.sugar}")
    production.issue_quantity.setText("40")  # the order needs 15 kg
    asked = []
    monkeypatch.setattr(production, "ask_over_issue_reason", lambda question: asked.append(question))
    production.confirm_issue()
    wait_idle(shell)
    assert asked and english_words(asked[0]) == [], asked
    said(shell, "info")
    production.output_quantity.setText("5")
    monkeypatch.setattr(production, "confirm_unissued", lambda question: asked.append(question) and False)
    production.record_output()
    wait_idle(shell)
    assert english_words(asked[-1]) == [], asked[-1]
    said(shell, "info")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    scan(shell, f"TD:{plant.sugar}")
    why = qa.hold_button.toolTip()  # a line lead may not put lots on hold: the reason, in Chinese
    assert not qa.hold_button.isEnabled() and "不能" in why and english_words(why) == [], why
