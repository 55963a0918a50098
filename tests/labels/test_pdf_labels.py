"""Every shipped template, rendered to PDF for a lot with a long Chinese name, reads back exactly."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pypdfium2
import pytest

from tracedesk.core.codes import parse_scan
from tracedesk.labels import LabelData, LabelTemplate, for_containers, render_pdf
from tracedesk.labels.pdf import layout_job

from .conftest import decode_pdf

MM = 72 / 25.4
GS = "\x1d"
EXPECTED = {
    "incoming-lot": {
        "]d2" + "0109501101530003" + "17260531" + "3101000255" + "10RCV-A-000123",
        "]C0" + "TD:RCV-A-000123",
    },
    "output-lot": {
        "]d2" + "0109501101530003" + "11251101" + "17260531" + "3101000255" + "10RCV-A-000123",
        "]C0" + "TD:RCV-A-000123",
    },
    "serial": {"]d2" + "0109501101530003" + "21SN0001234"},
    "carton": {
        "]Q1" + "https://id.gs1.org/01/09501101530003/10/RCV-A-000123?17=260531",
        "]C1" + "0109501101530003" + "17260531" + "10RCV-A-000123",
        "]C1" + "0109501101530003" + "3101000255",
        "]C1" + "00095011010000000018",
    },
}
SIZES_MM = {"incoming-lot": (100, 50), "output-lot": (100, 50), "serial": (50, 25), "carton": (100, 150)}


def scanned(page_barcodes: list) -> set[str]:
    """What a scanner would transmit: AIM symbology identifier, then the data (GS as sent)."""
    return {b.symbology_identifier + b.bytes.decode("ascii") for b in page_barcodes}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_barcode_on_the_label_decodes_to_the_intended_data_and_symbology(
    name: str, templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    (page,) = decode_pdf(render_pdf(templates[name], [lot]))
    assert scanned(page.barcodes) == EXPECTED[name]
    width, height = SIZES_MM[name]
    assert page.width_pt == pytest.approx(width * MM, abs=0.01)
    assert page.height_pt == pytest.approx(height * MM, abs=0.01)


@pytest.mark.parametrize(("name", "with_gtin"), list(itertools.product(sorted(EXPECTED), (True, False))))
def test_every_barcode_parses_strictly_on_its_own_back_to_the_lot(
    name: str, with_gtin: bool, templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    from dataclasses import replace

    label = lot if with_gtin else replace(lot, gtin=None)
    (page,) = decode_pdf(render_pdf(templates[name], [label]))
    named = set()
    for text in scanned(page.barcodes):
        # What a scanner sends for one symbol, checked as `tracedesk parse` does: strictly.
        code = parse_scan(text)
        assert code.fields.get("01", label.gtin) == label.gtin
        named |= {code.lot, code.serial} - {None}
    # Every label names its lot (a serial label with a GTIN names the serial).
    assert named in ({label.lot_code}, {label.serial} if name == "serial" and with_gtin else {label.lot_code})


@pytest.mark.parametrize(("name", "dpi"), list(itertools.product(sorted(EXPECTED), (203, 300))))
def test_text_stays_in_its_box_and_never_touches_a_barcode(
    name: str, dpi: int, templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    (layout,) = layout_job(templates[name], [lot], dpi)
    template_boxes = [t.box for t in templates[name].texts]
    for first, second in itertools.combinations(template_boxes, 2):
        assert not first.intersects(second)
    for text in layout.texts:
        assert text.box.contains(text.ink), text.lines
    for barcode in layout.barcodes:
        assert barcode.field.box.contains(barcode.area)
        assert barcode.module_dots >= 1
        for text in layout.texts:
            assert not text.box.intersects(barcode.area), text.lines
        if barcode.hri is not None:
            assert barcode.field.box.contains(barcode.hri.ink)
            assert not barcode.hri.box.intersects(barcode.area)


def test_a_long_chinese_name_shrinks_and_wraps_inside_its_box(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    (layout,) = layout_job(templates["incoming-lot"], [lot], 300)
    name = next(t for t in layout.texts if "高筋" in "".join(t.lines))
    assert len(name.lines) == 2
    assert name.size < templates["incoming-lot"].texts[0].size
    assert name.lines[-1].endswith("…")  # four repetitions cannot fit 100 x 50 mm


def test_chinese_and_latin_text_is_embedded_and_extractable(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    data = render_pdf(templates["carton"], [lot])
    assert data.count(b"/FontFile2") == 2  # both fonts embedded (as subsets)
    document = pypdfium2.PdfDocument(data)
    try:
        text = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    assert "高筋小麦粉" in text
    assert "RCV-A-000123" in text


def test_one_job_holds_a_page_per_copy_and_per_container(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    containers = for_containers(lot, [Decimal("10"), Decimal("10"), Decimal("5.5")])
    pages = decode_pdf(render_pdf(templates["carton"], containers, copies=2), dpi=200)
    assert len(pages) == 6
    assert all(p.width_pt == pytest.approx(100 * MM, abs=0.01) for p in pages)
    assert all(p.height_pt == pytest.approx(150 * MM, abs=0.01) for p in pages)
    quantities = [next(b.text for b in p.barcodes if "(310" in b.text) for p in pages]
    assert quantities == ["(01)09501101530003(3100)000010"] * 4 + ["(01)09501101530003(3101)000055"] * 2


def test_a_lot_without_gtin_still_gets_its_lot_barcode(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    from dataclasses import replace

    plain = replace(lot, gtin=None, expiry=None, unit="bag")
    (page,) = decode_pdf(render_pdf(templates["incoming-lot"], [plain]))
    # No GTIN: no GS1 symbol (a batch without its GTIN is not valid GS1 read on its own).
    assert scanned(page.barcodes) == {"]C0TD:RCV-A-000123"}
