"""A lot's label, rendered and decoded, resolves back to the same lot through the scan path."""

from __future__ import annotations

import pypdfium2
import zxingcpp

from tests.plant import mini_plant
from tracedesk.services import masterdata, production
from tracedesk.services.labels import prepare_labels
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.scan_resolution import Resolution, resolve_scan


def _scans(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=400 / 72, grayscale=True, no_smoothpath=True).to_pil()
    finally:
        document.close()
    return [r.symbology_identifier + r.bytes.decode("ascii") for r in zxingcpp.read_barcodes(image)]


def test_every_barcode_of_every_kind_of_label_resolves_to_its_lot(runtime, admin):
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        masterdata.create_item(
            session,
            admin,
            code="SCALE",
            name="Dosing scale 配料秤",
            unit="pcs",
            kind="finished",
            tracking="serial",
            gtin="09501101530010",
        )
        serial = register_received_lot(
            session, ReceiveRequest(item="SCALE", quantity="1", supplier="MILL", supplier_lot="SN-77"), admin
        ).code
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="10")
        dough = production.record_output(session, admin, order=plant.order, quantity="12", confirm_unissued=True).code
        for lot, template in ((plant.flour, "incoming-lot"), (dough, "output-lot"), (serial, "serial")):
            job = prepare_labels(session, [lot], template=None, copies=1, zpl=False)
            assert job.template == template
            scans = _scans(job.data)
            assert scans, template
            for text in scans:
                result = resolve_scan(session, text, today=admin.today)
                assert result.resolution is Resolution.LOT and result.lot.code == lot, (template, text)


def test_containers_share_the_lot_quantity_and_whole_units_stay_whole(runtime, admin):
    from decimal import Decimal

    from tracedesk.services.labels import container_shares

    assert container_shares(Decimal("100"), 3) == [Decimal("33"), Decimal("33"), Decimal("34")]
    assert container_shares(Decimal("10.5"), 2) == [Decimal("5.25"), Decimal("5.25")]
    assert container_shares(Decimal("1"), 3) == [Decimal("0.333"), Decimal("0.333"), Decimal("0.334")]
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        job = prepare_labels(session, [plant.flour], template=None, copies=1, zpl=False, containers=4)
    assert [(label.quantity, label.container_index, label.container_count) for label in job.labels] == [
        (Decimal(25), n, 4) for n in range(1, 5)
    ]


def test_lots_that_take_different_labels_are_not_mixed_in_one_job(runtime, admin):
    import pytest

    from tracedesk.core.errors import InvalidInput

    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="10")
        dough = production.record_output(session, admin, order=plant.order, quantity="12", confirm_unissued=True).code
        with pytest.raises(InvalidInput, match="different labels"):
            prepare_labels(session, [plant.flour, dough], template=None, copies=1, zpl=False)
        job = prepare_labels(session, [plant.flour, dough], template="incoming-lot", copies=1, zpl=False)
        assert job.lots == (plant.flour, dough) and len(job.labels) == 2
