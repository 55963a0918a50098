"""Receiving: a supplier's GS1 label fills the form; saving puts the lot in quarantine and prints labels."""

from __future__ import annotations

import pytest

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.services.queries import search_lots
from tracedesk.ui.workspaces.inspection import InspectionWorkspace
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def receiving(shell):
    sign_in_as(shell, "anna")
    workspace = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    return workspace


def test_supplier_label_fills_the_form_and_saving_quarantines_and_prints(shell, receiving, runtime):
    scan(shell, "]C10109501101530003" + "10NEW-77\x1d" + "17271130" + "3102002550")
    assert receiving.item.currentData() == "FLOUR"
    assert receiving.supplier_lot.text() == "NEW-77"
    assert receiving.quantity.text() == "25.5"
    assert receiving.expiry.text() == "2027-11-30"
    assert receiving.supplier.currentData() == "MILL"  # the only supplier FLOUR came from
    assert shell.ctx.banner.kind == "ok"
    receiving.po.setText("PO-1")
    receiving.containers.setValue(3)
    receiving.save_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    assert "in quarantine" in shell.ctx.banner.text() and "3 labels saved" in shell.ctx.banner.text()
    with runtime.unit_of_work() as session:
        lot = search_lots(session, "NEW-77")[0]
    assert lot.status == "quarantine" and lot.po == "PO-1" and str(lot.quantity) == "25.5"
    assert shell.ctx.printer.last_file is not None and shell.ctx.printer.last_file.read_bytes().startswith(b"%PDF")
    assert receiving.received.records()[0].code == lot.code
    assert lot.code in shell.ctx.banner.text()


def test_a_supplier_lot_received_before_gives_a_warning(shell, receiving, plant):
    scan(shell, "(01)09501101530003(10)F-NEW")
    assert shell.ctx.banner.kind == "warning" and plant.flour in shell.ctx.banner.text()


def test_unknown_gtin_and_broken_codes_are_refused(shell, receiving):
    scan(shell, "(01)09501101530010(10)X")
    assert shell.ctx.banner.kind == "refused" and "belongs to no item" in shell.ctx.banner.text()
    scan(shell, "(01)09501101530004(10)X")
    assert shell.ctx.banner.kind == "refused" and "check digit" in shell.ctx.banner.text().lower()


def test_missing_fields_are_said_and_nothing_is_recorded(shell, receiving):
    receiving.save_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "Choose the item" in shell.ctx.banner.text()
    scan(shell, "(01)09501101530003(10)NEW-1")
    receiving.save_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "quantity is missing" in shell.ctx.banner.text()


def test_print_errors_are_shown_after_the_lot_is_saved(shell, receiving, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    shell.ctx.printer.folder = blocker / "labels"
    scan(shell, "(01)09501101530003(10)NEW-2(30)10")
    receiving.save_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused"
    assert "received" in shell.ctx.banner.text() and "did not print" in shell.ctx.banner.text()


def test_inspection_list_shows_quarantine_and_clerk_may_inspect_but_not_release(shell, plant):
    sign_in_as(shell, "anna")
    inspection = shell.window.show_workspace(InspectionWorkspace)
    wait_idle(shell)
    assert [lot.code for lot in inspection.model.records()] == [plant.quarantined]
    assert not inspection.release_button.isEnabled()
    scan(shell, f"TD:{plant.quarantined}")
    assert shell.ctx.banner.kind == "ok"
    inspection.notes.setText("CoA ok")
    inspection.inspect_button.click()
    wait_idle(shell)
    assert "recorded" in shell.ctx.banner.text()
    inspection.release("1111")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "may not release" in shell.ctx.banner.text()


def test_qa_releases_from_the_inspection_list_with_a_signature(shell, plant):
    from tests.plant import QA_PIN

    sign_in_as(shell, "qa")
    inspection = shell.window.show_workspace(InspectionWorkspace)
    wait_idle(shell)
    inspection.select_lot(plant.quarantined)
    inspection.release("0000")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "wrong PIN" in shell.ctx.banner.text()
    inspection.release(QA_PIN)
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and inspection.model.records() == []


def test_received_at_this_station_lists_the_lots_from_the_database_after_signing_in_again(shell, receiving, plant, runtime):
    from tracedesk.services.queries import received_at_station

    codes = [lot.code for lot in receiving.received.records()]
    assert codes[0] == plant.held and plant.sugar in codes and plant.flour in codes  # newest first
    shell.window.sign_out()
    wait_idle(shell)
    assert receiving.received.records() == []
    sign_in_as(shell, "anna")
    shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    assert [lot.code for lot in receiving.received.records()] == codes
    with runtime.unit_of_work() as session:
        assert received_at_station(session, "ELSEWHERE") == []  # another station's lots are its own


def test_every_scan_starts_a_clean_form_even_when_it_is_refused(shell, receiving):
    scan(shell, "]C10109501101530003" + "10NEW-77\x1d" + "3102002550")
    receiving.po.setText("PO-1")
    assert receiving.quantity.text() == "25.5" and receiving.supplier.currentData() == "MILL"
    scan(shell, "(01)09501101530004(10)X")  # a broken check digit
    assert shell.ctx.banner.kind == "refused"
    assert (receiving.quantity.text(), receiving.po.text(), receiving.supplier_lot.text()) == ("", "", "")
    assert receiving.supplier.currentData() is None and receiving.item.currentData() is None
