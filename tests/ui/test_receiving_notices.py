"""Receiving against a supplier's advance notice: import the EPCIS file, scan the pallet, confirm, differences kept."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.notice_doc import SSCC, write_notice
from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.db.models import Lot, NoticeReceipt
from tracedesk.ui.workspaces import receiving_notices
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def receiving(shell, monkeypatch, tmp_path):
    sign_in_as(shell, "anna")
    workspace = shell.window.show_workspace(ReceivingWorkspace)
    wait_idle(shell)
    path = write_notice(tmp_path / "mill-asn.jsonld")
    monkeypatch.setattr(receiving_notices, "ask_notice_path", lambda parent, title: str(path))
    return workspace


def test_an_imported_notice_fills_the_form_from_the_pallet_scan_and_the_receipt_keeps_the_shortfall(shell, receiving, runtime):
    # The mill's GLN is not on file here: the supplier chosen in the form names the sender.
    receiving._select(receiving.supplier, "MILL")
    receiving.import_notice_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "2 expected receipts" in shell.ctx.banner.text()
    assert [line.supplier_lot for line in receiving.expected.records()] == ["MILL-LOT-7", "OAT-3"]

    scan(shell, f"]C100{SSCC}")
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    assert receiving.item.currentData() == "FLOUR" and receiving.supplier.currentData() == "MILL"
    assert (receiving.supplier_lot.text(), receiving.quantity.text(), receiving.expiry.text()) == (
        "MILL-LOT-7",
        "250",
        "2027-05-01",
    )
    assert receiving.po.text() == "PO-77" and receiving.notice_label.isVisible() and "ASN-881" in receiving.notice_label.text()

    receiving.quantity.setText("240")
    receiving.save_button.click()
    wait_idle(shell)
    assert "Short: 240 kg received, 250 kg expected." in shell.ctx.banner.text(), shell.ctx.banner.text()
    assert not receiving.notice_label.isVisible()
    with runtime.unit_of_work() as s:
        receipt = s.scalars(select(NoticeReceipt)).one()
        lot = s.get(Lot, receipt.lot_id)
        assert (lot.supplier_lot, lot.po, str(lot.expiry)) == ("MILL-LOT-7", "PO-77", "2027-05-01")
        assert [d["kind"] for d in json.loads(receipt.differences)] == ["quantity_short"]
    flour = next(line for line in receiving.expected.records() if line.supplier_lot == "MILL-LOT-7")
    assert str(flour.remaining) == "10"


def test_a_carton_of_another_lot_is_received_against_the_notice_with_the_lot_flagged(shell, receiving):
    receiving._select(receiving.supplier, "MILL")
    receiving.import_notice_button.click()
    wait_idle(shell)
    scan(shell, "(01)09501101530003(10)MILL-LOT-9")
    assert shell.ctx.banner.kind == "warning" and "MILL-LOT-9 is not in the notice" in shell.ctx.banner.text()
    assert receiving.supplier_lot.text() == "MILL-LOT-9" and receiving.notice_line is not None
    receiving.leave_notice_button.click()
    assert receiving.notice_line is None and not receiving.notice_label.isVisible()
