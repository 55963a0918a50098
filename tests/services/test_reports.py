"""Reports and exports: the dossier PDF, recall Excel, and every export through the command line.

EPCIS and FSMA 204 have their own tests (test_epcis_export.py, test_fsma_export.py)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from tests.conftest import ADMIN_PIN
from tests.qa_helpers import QA_PIN, build_plant
from tracedesk.cli import main
from tracedesk.services import quality
from tracedesk.services.reports import exports


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


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
    # An export of everything needs no filter; a bad filter is refused in one line.
    assert main([*signed_in, "export", "epcis", "--out", str(tmp_path / "x.jsonld"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 8
    assert main([*signed_in, "export", "epcis", "--product", "NOPE", "--out", str(tmp_path / "z.jsonld")]) == 2
    assert "NOPE" in capsys.readouterr().err
    assert main(["--db", db, "export", "epcis", "--lot", plant.flour, "--out", str(tmp_path / "y.jsonld")]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err and not (tmp_path / "y.jsonld").exists()
