"""Shipping: scanning lots onto a shipment; held, quarantined or expired lots refused."""

from __future__ import annotations

import pytest

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.ui.workspaces.shipping import ShippingWorkspace

pytestmark = pytest.mark.gui


def test_lots_are_shipped_by_scanning_and_refusals_are_said(shell, plant):
    sign_in_as(shell, "anna")
    shipping = shell.window.show_workspace(ShippingWorkspace)
    wait_idle(shell)
    scan(shell, f"TD:{plant.sugar}")
    assert shell.ctx.banner.kind == "refused" and "customer" in shell.ctx.banner.text()
    shipping.customer.setCurrentIndex(shipping.customer.findData("SHOP"))
    shipping.document.setText("DN-100")
    shipping.quantity.setText("5")
    scan(shell, f"TD:{plant.sugar}")
    assert shell.ctx.banner.kind == "ok" and "5 kg shipped to Shop" in shell.ctx.banner.text()
    assert shipping.lines.records()[0].document == "DN-100"
    scan(shell, f"TD:{plant.held}")
    assert shell.ctx.banner.kind == "refused" and "on hold" in shell.ctx.banner.text()
    scan(shell, f"TD:{plant.quarantined}")
    assert shell.ctx.banner.kind == "refused" and "quarantine" in shell.ctx.banner.text()
