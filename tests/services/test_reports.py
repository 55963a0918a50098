"""Reports and exports: EPCIS 2.0 against GS1's schema, FSMA 204 rows, the dossier PDF, recall Excel."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ADMIN_PIN
from tests.qa_helpers import QA_PIN, build_plant
from tracedesk.cli import main
from tracedesk.services import quality
from tracedesk.services.reports import exports

SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec"


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def test_epcis_export_of_a_lot_validates_against_gs1_schema(runtime, admin, plant, tmp_path):
    schema_file = SPEC / "gs1" / "EPCIS-JSON-Schema.json"
    if not schema_file.is_file():
        pytest.skip("GS1's EPCIS schema (../shared/spec) is not available in this checkout")
    jsonschema = pytest.importorskip("jsonschema")
    out = tmp_path / "lot.jsonld"
    with runtime.unit_of_work() as s:
        result = exports.export_epcis(s, admin, lot=plant.dough, path=out)
    document = json.loads(out.read_text("utf-8"))
    schema = json.loads(schema_file.read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    events = document["epcisBody"]["eventList"]
    assert result.count == len(events) == 8  # 2 receipts, 3 issues, 2 outputs, 1 shipment
    kinds = [(e["type"], e.get("bizStep")) for e in events]
    assert kinds.count(("ObjectEvent", "receiving")) == 2 and kinds.count(("ObjectEvent", "shipping")) == 1
    flour_receipt = next(e for e in events if e.get("bizStep") == "receiving")
    assert flour_receipt["quantityList"][0] == {
        "epcClass": f"urn:epc:class:lgtin:9501101.053000.{plant.flour}",
        "quantity": 100,
        "uom": "KGM",
    }
    dough_output = next(e for e in events if "outputQuantityList" in e and plant.dough in e["outputQuantityList"][0]["epcClass"])
    assert dough_output["outputQuantityList"][0]["epcClass"].startswith("urn:tracedesk:class:DOUGH:")
    issues = [e for e in events if "inputQuantityList" in e and e["transformationID"] == dough_output["transformationID"]]
    assert sorted(i["inputQuantityList"][0]["quantity"] for i in issues) == [15, 30]


def test_epcis_by_date_range_validates_too(runtime, admin, plant, tmp_path, clock):
    schema_file = SPEC / "gs1" / "EPCIS-JSON-Schema.json"
    if not schema_file.is_file():
        pytest.skip("GS1's EPCIS schema (../shared/spec) is not available in this checkout")
    jsonschema = pytest.importorskip("jsonschema")
    day = clock.now.date()
    with runtime.unit_of_work() as s:
        assert exports.export_epcis(s, admin, start=day, end=day, path=tmp_path / "d.jsonld").count == 8
        assert (
            exports.export_epcis(
                s, admin, start=day.replace(year=2020), end=day.replace(year=2020), path=tmp_path / "e.jsonld"
            ).count
            == 0
        )
    schema = json.loads(schema_file.read_text("utf-8"))
    jsonschema.validate(json.loads((tmp_path / "d.jsonld").read_text("utf-8")), schema)


def test_fsma_rows_one_per_event_and_per_input_lot(runtime, admin, plant, tmp_path):
    with runtime.unit_of_work() as s:
        result = exports.export_fsma(s, admin, path=tmp_path / "fsma.csv", site="Biscuit plant")
        exports.export_fsma(s, admin, path=tmp_path / "fsma.xlsx", product="BISCUIT")
        only = exports.export_fsma(s, admin, path=tmp_path / "lot.csv", lot=plant.biscuit)
    with (tmp_path / "fsma.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert result.count == len(rows) == 6  # 2 receipts, 3 transformation inputs, 1 shipment
    assert [r["Critical tracking event"] for r in rows].count("Transformation") == 3
    flour = next(r for r in rows if r["Traceability lot code"] == plant.flour and r["Critical tracking event"] == "Receiving")
    assert (flour["Product description"], flour["Quantity"], flour["Unit of measure"], flour["Reference document number"]) == (
        "Flour 面粉",
        "100",
        "kg",
        "PO-1",
    )
    assert flour["Traceability lot code source"] == "Mill (MILL)" and flour["Ship-to / receiving location"] == "Biscuit plant"
    into_dough = next(
        r for r in rows if r["Traceability lot code"] == plant.flour and r["Critical tracking event"] == "Transformation"
    )
    assert into_dough["New traceability lot code (transformation)"] == plant.dough and into_dough["Quantity"] == "30"
    ship = rows[-1]
    assert (ship["Critical tracking event"], ship["Traceability lot code"], ship["Reference document number"]) == (
        "Shipping",
        plant.biscuit,
        "DN-1",
    )
    sheet = load_workbook(tmp_path / "fsma.xlsx").active
    assert [c.value for c in sheet[2]][0] == "Transformation" and sheet.max_row == 3  # dough -> biscuit, shipment
    assert only.count == 2


def test_dossier_pdf_shows_the_lot_with_its_chinese_name(runtime, admin, plant, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.dough, reason="水分偏高 moisture high")
        quality.lift_hold(s, plant.qa, lot=plant.dough, reason="re-tested", pin=QA_PIN)
        exports.export_dossier(s, admin, lot=plant.dough, path=tmp_path / "dossier.pdf")
    pdf = pdfium.PdfDocument(str(tmp_path / "dossier.pdf"))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        bitmap = pdf[0].render(scale=1).to_pil()
    finally:
        pdf.close()
    assert bitmap.size[0] > 500
    for expected in (
        f"Trace dossier — lot {plant.dough}",
        "Dough 面团",
        "Flour 面粉",
        "饼干",
        "水分偏高",
        plant.biscuit,
        "DN-1",
        "hold lifted",
    ):
        assert expected in text, expected


def test_recall_report_workbook_and_export_commands(runtime, admin, plant, tmp_path, capsys):
    from sqlalchemy.engine import make_url

    with runtime.unit_of_work() as s:
        exports.export_recall(s, admin, path=tmp_path / "r.xlsx", supplier_lot="S-1")
    book = load_workbook(tmp_path / "r.xlsx")
    assert {row[0].value for row in book["Lots"].iter_rows(min_row=2)} == {plant.flour, plant.dough, plant.biscuit}
    assert [c.value for c in book["Customers"][2]][:5] == ["SHOP", "Shop 商店", None, plant.biscuit, 5]
    db = make_url(str(runtime.engine.url)).database
    for args in (
        ["dossier", plant.biscuit, "--out", str(tmp_path / "d.pdf")],
        ["recall", plant.flour, "--out", str(tmp_path / "r.pdf")],
        ["epcis", "--lot", plant.flour, "--out", str(tmp_path / "e.jsonld")],
        ["fsma", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(tmp_path / "f.xlsx")],
        ["audit", "--lot", plant.flour, "--out", str(tmp_path / "a.csv")],
    ):
        assert main(["--db", db, "--user", "admin", "--pin", ADMIN_PIN, "export", *args, "--json"]) == 0, args
        assert json.loads(capsys.readouterr().out)["count"] > 0, args
    signed_in = ["--db", db, "--user", "admin", "--pin", ADMIN_PIN]
    assert main([*signed_in, "export", "epcis", "--out", str(tmp_path / "x.jsonld")]) == 2
    assert "Name a lot" in capsys.readouterr().err
    assert main(["--db", db, "export", "epcis", "--lot", plant.flour, "--out", str(tmp_path / "y.jsonld")]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err and not (tmp_path / "y.jsonld").exists()
