"""The warehouse workspace: scan a lot and a location in either order; picking and returns; both languages."""

from __future__ import annotations

import pytest

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.services import masterdata
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.shipping import ship_lot
from tracedesk.ui.workspaces.warehouse import WarehouseWorkspace

pytestmark = pytest.mark.gui


def _locations(runtime, admin) -> None:
    with runtime.unit_of_work() as s:
        masterdata.create_location(s, admin, code="SZ", name="Suzhou plant", gln="4012345000009", kind="plant")
        masterdata.create_location(s, admin, code="B-04", name="Bin B-04", kind="bin", parent="SZ")
        masterdata.create_location(s, admin, code="B-05", name="Bin B-05", kind="bin", parent="SZ")
        masterdata.create_location(s, admin, code="QC", name="Quarantine cage", parent="SZ", blocked=True)


def _where(runtime, code: str) -> tuple[str | None, str]:
    with runtime.reading() as s:
        info = lot_info(s, lot_by_code(s, code))
    return info.location, str(info.balance)


def test_a_lot_and_a_location_scanned_in_either_order_move_the_lot(shell, runtime, admin, plant):
    _locations(runtime, admin)
    sign_in_as(shell, "anna")
    warehouse = shell.window.show_workspace(WarehouseWorkspace)
    wait_idle(shell)
    # Lot first, then the location label (its GS1-128 with the plant's GLN and the bin).
    scan(shell, f"TD:{plant.sugar}")
    assert shell.ctx.banner.kind == "info" and "now scan the location" in shell.ctx.banner.text()
    scan(shell, "]C14144012345000009254B-04")
    wait_idle(shell)
    assert _where(runtime, plant.sugar)[0] == "B-04"
    assert shell.ctx.banner.kind == "ok" and "now in B-04" in shell.ctx.banner.text()
    # Location first, then lots: a quantity splits off.
    scan(shell, "B-05")
    assert warehouse.target.text() == "B-05"
    warehouse.move_quantity.setText("5")
    scan(shell, f"TD:{plant.flour}")
    wait_idle(shell)
    assert "split off" in shell.ctx.banner.text()
    assert _where(runtime, plant.flour) == (None, "95")
    # A quarantined lot is refused anywhere but the cage, with the reason.
    warehouse.move_quantity.clear()
    scan(shell, f"TD:{plant.quarantined}")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "quarantine" in shell.ctx.banner.text()
    scan(shell, "QC")
    scan(shell, f"TD:{plant.quarantined}")
    wait_idle(shell)
    assert _where(runtime, plant.quarantined)[0] == "QC"
    assert [d.lot for d in warehouse.journal.records()][0] == plant.quarantined
    # The location scanned last shows what lies in it.
    wait_idle(shell)
    assert [x.lot for x in warehouse.stock.records()] == [plant.quarantined]


def test_picking_ships_from_the_picked_locations_and_a_return_arrives_in_the_cage(shell, runtime, admin, plant):
    _locations(runtime, admin)
    with runtime.unit_of_work() as s:
        from tracedesk.services.warehouse import move_lot

        move_lot(s, admin, lot=plant.flour_old, to="B-04")
        move_lot(s, admin, lot=plant.flour, to="B-05")
    sign_in_as(shell, "anna")
    warehouse = shell.window.show_workspace(WarehouseWorkspace)
    wait_idle(shell)
    warehouse.pick_item.setText("FLOUR")
    warehouse.pick_quantity.setText("50")
    warehouse.make_pick.click()
    wait_idle(shell)
    assert [(p.lot, p.location, str(p.quantity)) for p in warehouse.picks.records()] == [
        (plant.flour_old, "B-04", "40"),
        (plant.flour, "B-05", "10"),
    ]
    warehouse.ship_pick_list()
    assert shell.ctx.banner.kind == "refused" and "customer" in shell.ctx.banner.text()
    warehouse.customer.setCurrentIndex(warehouse.customer.findData("SHOP"))
    warehouse.document.setText("DN-9")
    warehouse.ship_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "2 lots shipped" in shell.ctx.banner.text()
    warehouse.return_lot.setText(plant.flour_old)
    warehouse.return_document.setText("DN-9")
    warehouse.return_quantity.setText("4")
    warehouse.return_reason.setText("bag torn")
    warehouse.return_location.setText("B-05")
    warehouse.receive_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "not a quarantine" in shell.ctx.banner.text()
    warehouse.return_location.setText("QC")
    warehouse.receive_button.click()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "in quarantine" in shell.ctx.banner.text()
    assert warehouse.journal.records()[0].where == "QC"
    assert ship_lot  # the service the pick list ships through


def test_the_warehouse_speaks_chinese(shell, runtime, admin, plant):
    from tracedesk.core.messages import set_language

    _locations(runtime, admin)
    sign_in_as(shell, "anna")
    shell.switch_language("zh_CN")
    try:
        warehouse = shell.window.show_workspace(WarehouseWorkspace)
        wait_idle(shell)
        assert warehouse.title() == "仓储"
        scan(shell, f"TD:{plant.quarantined}")
        scan(shell, "B-04")
        wait_idle(shell)
        assert shell.ctx.banner.kind == "refused" and "隔离" in shell.ctx.banner.text()
    finally:
        shell.switch_language("en")
        set_language("en")


def test_qa_scraps_destroys_with_a_witness_and_reworks_a_returned_lot(shell, runtime, admin, plant):
    from tests.ui.conftest import PINS
    from tracedesk.services.aftersales import receive_return
    from tracedesk.ui.warehouse_dialogs import ReworkDialog, ScrapDialog
    from tracedesk.ui.workspaces.qa import QaWorkspace

    _locations(runtime, admin)
    with runtime.unit_of_work() as s:
        ship_lot(s, admin, lot=plant.sugar, customer="SHOP", document="DN-3", quantity="30")
        back = receive_return(s, admin, lot=plant.sugar, document="DN-3", reason="wet cartons", to="QC").lot.code
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.quiet_reports = True
    wait_idle(shell)
    scan(shell, f"TD:{back}")
    assert qa.lot is not None and qa.lot.code == back and qa.scrap_button.isEnabled() and qa.rework_button.isEnabled()
    qa.rework("10", "9", "dried")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "reworked into lot" in shell.ctx.banner.text()
    qa.open_lot(back)
    wait_idle(shell)
    qa.scrap("mould", "5")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "5 kg of lot" in shell.ctx.banner.text() and "scrapped" in shell.ctx.banner.text()
    qa.open_lot(back)
    wait_idle(shell)
    qa.scrap("recall", None, destroy=True, witness="anna", witness_pin="0000")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "wrong PIN" in shell.ctx.banner.text()
    qa.scrap("recall", None, destroy=True, witness="anna", witness_pin=PINS["anna"])
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "destroyed, witnessed by anna" in shell.ctx.banner.text()
    assert _where(runtime, back)[1] == "0"
    # The dialogs ask for what the decisions need (in the reader's language).
    assert ScrapDialog(qa.lot, qa).witness_pin.echoMode().name == "Password"
    assert ReworkDialog(qa.lot, qa).output is not None


def test_a_location_label_prints_from_the_warehouse_like_a_lot_label(shell, runtime, admin, plant):
    import pypdfium2
    import zxingcpp

    _locations(runtime, admin)
    sign_in_as(shell, "anna")
    warehouse = shell.window.show_workspace(WarehouseWorkspace)
    wait_idle(shell)
    warehouse.print_location_label()
    assert shell.ctx.banner.kind == "refused"
    scan(shell, "B-04")
    warehouse.print_location_label()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    document = pypdfium2.PdfDocument(shell.ctx.printer.last_file.read_bytes())
    try:
        image = document[0].render(scale=400 / 72, grayscale=True, no_smoothpath=True).to_pil()
    finally:
        document.close()
    found = sorted(r.symbology_identifier + r.bytes.decode("ascii") for r in zxingcpp.read_barcodes(image))
    assert found == ["]C0B-04", "]C14144012345000009254B-04"]


def test_at_1366_by_768_no_field_or_button_is_squeezed_below_its_height(shell, plant):  # noqa: ANN001
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

    sign_in_as(shell, "admin")
    warehouse = shell.window.show_workspace(WarehouseWorkspace)
    wait_idle(shell)
    assert shell.window.width() <= 1366 and shell.window.height() <= 768
    squeezed = [
        (type(w).__name__, w.text() if isinstance(w, QPushButton) else w.objectName(), w.height(), w.minimumSizeHint().height())
        for kind in (QPushButton, QLineEdit, QComboBox)
        for w in warehouse.findChildren(kind)
        if w.isVisibleTo(warehouse) and w.height() < w.minimumSizeHint().height()
    ]
    assert squeezed == []
