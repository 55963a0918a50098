"""`tracedesk report quality`: the review PDF in the station's language, the charts' CSVs, the key figures."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pypdfium2
import pytest

from tests import analytics_plant
from tracedesk.cli import main


def _pdf_text(path) -> str:  # noqa: ANN001
    with pypdfium2.PdfDocument(str(path)) as document:
        return "\n".join(page.get_textpage().get_text_range() for page in document)


@pytest.fixture
def planted_url(analytics_template, tmp_path) -> str:
    """A copy of the half-year analytics plant (built once per run)."""
    return analytics_plant.copy_database(analytics_template, tmp_path / "analytics.sqlite3")


def test_quality_review_pdf_csv_and_figures(planted_url, tmp_path, capsys):
    db_url = planted_url
    period = ["--from", "2026-01-01", "--to", "2026-06-30"]
    out, folder = tmp_path / "review.pdf", tmp_path / "charts"
    assert main(["--db", db_url, "report", "quality", *period, "--out", str(out), "--csv", str(folder), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["drifting"] == [{"supplier": "FARM", "month": "2026-04", "rate": 0.7}]
    text = _pdf_text(out)
    assert "Quality review" in text and "FARM 2026-04" in text and "Supplier quality" in text
    with (folder / "suppliers.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(int(r["received"]) for r in rows) == 3 * analytics_plant.MONTHS * analytics_plant.LOTS_PER_MONTH
    assert {f"{name}.csv" for name in ("yield", "lead_times", "expiry", "flow", "complaints", "yardsticks", "recalls")} <= {
        p.name for p in folder.iterdir()
    }

    chinese = tmp_path / "review-zh.pdf"
    assert main(["--db", db_url, "--lang", "zh_CN", "report", "quality", *period, "--out", str(chinese)]) == 0
    text = _pdf_text(chinese)
    assert "质量回顾" in text and "供应商质量" in text


def test_alerts_name_the_drifting_supplier_and_month_and_no_other(planted_url, capsys):
    db_url = planted_url
    today = datetime.now(UTC).date()
    months = (today.year - 2026) * 12 + today.month  # back to January 2026, the plant's first month
    assert main(["--db", db_url, "alerts", "--json", "--drift-months", str(months)]) == 0
    drifting = [a for a in json.loads(capsys.readouterr().out) if a["kind"] == "supplier_drifting"]
    assert [a["subject"] for a in drifting] == ["FARM"]
    assert "2026-04" in drifting[0]["message"] and "7 of 10 lots rejected" in drifting[0]["message"]


def test_quality_review_refuses_what_it_cannot_write(runtime, admin, db_url, tmp_path, capsys):
    assert main(["--db", db_url, "report", "quality", "--out", str(tmp_path / "review.txt")]) == 2
    assert "ending in .pdf" in capsys.readouterr().err
    assert main(["--db", db_url, "report", "quality", "--from", "2026-05-01", "--to", "2026-04-01", "--json"]) == 2
    assert "before it starts" in capsys.readouterr().err
    assert main(["--db", db_url, "report", "quality"]) == 2
    assert "--out" in capsys.readouterr().err
