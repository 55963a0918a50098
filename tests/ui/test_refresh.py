"""Lists follow changes made elsewhere, and signing out leaves nothing of the previous user behind."""

from __future__ import annotations

import pytest

from tests.plant import QA_PIN
from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.services import quality
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace
from tracedesk.ui.workspaces.shipping import ShippingWorkspace

pytestmark = pytest.mark.gui


def test_the_qa_list_shows_a_hold_as_soon_as_it_is_recorded(shell, plant):
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    qa.search.setText("SUGAR")
    qa.run_search()
    wait_idle(shell)
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.hold("metal detector alarm")
    wait_idle(shell)
    listed = {lot.code: lot.status for lot in qa.results.records()}
    assert listed[plant.sugar] == "on_hold"


def test_received_at_this_station_shows_the_release(shell, runtime, admin, plant):
    sign_in_as(shell, "admin")
    receiving = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    with runtime.unit_of_work() as s:
        quarantined = quality.inspect_lot(s, admin, lot=plant.quarantined, result="pass")
    receiving.received.set_records([quarantined])
    shell.window.tabs.setCurrentWidget(receiving)
    with runtime.unit_of_work() as s:
        from tests.plant import qa_signer

        quality.release_lot(s, qa_signer(s, admin), lot=plant.quarantined, pin=QA_PIN)
    shell.ctx.data_changed.emit()
    wait_idle(shell)
    statuses = {lot.code: lot.status for lot in receiving.received.records()}
    assert statuses[plant.quarantined] == "released"


def test_sign_out_forgets_the_shipment_being_entered(shell, plant):
    sign_in_as(shell, "admin")
    shipping = shell.window.show_workspace(ShippingWorkspace)
    wait_idle(shell)
    shipping.customer.setCurrentIndex(1)
    shipping.document.setText("DN-1")
    shipping.quantity.setText("3")
    shipping.ship(next(lot for lot in [type("L", (), {"code": plant.flour_old})()]))
    wait_idle(shell)
    assert shipping.lines.records()
    qa = next(w for w in shell.window.workspaces if isinstance(w, QaWorkspace))
    qa.open_lot(plant.flour_old)
    wait_idle(shell)
    shell.window.sign_out()
    wait_idle(shell)
    assert (shipping.customer.currentData(), shipping.document.text(), shipping.quantity.text()) == (None, "", "")
    assert shipping.lines.records() == [] and qa.lot is None and qa.tree_model.rowCount() == 0
    assert qa.detail_labels["code"].text() == "—"
