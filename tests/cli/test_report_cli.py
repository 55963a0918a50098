"""`tracedesk report quality`: the review PDF in the station's language, the charts' CSVs, the key figures."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pypdfium2
import pytest

from tests import analytics_plant
from tracedesk.cli import main
from tracedesk.labels.fonts import _cmaps


def _pdf_pages(path) -> list[str]:  # noqa: ANN001
    with pypdfium2.PdfDocument(str(path)) as document:
        return [page.get_textpage().get_text_range() for page in document]


def _pdf_text(path) -> str:  # noqa: ANN001
    return "\n".join(_pdf_pages(path))


def _without_glyph(text: str) -> set[str]:
    """Characters neither report font draws (they print as blanks or boxes)."""
    latin, cjk = _cmaps()
    return {c for c in text if not c.isspace() and ord(c) not in latin and ord(c) not in cjk}


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

    # Every chart says what it counts, in the report's language.
    for axis in ("rejected, % of lots", "deviation from the BOM, %", "time from receipt to release", "hours", "expired"):
        assert axis in text

    chinese = tmp_path / "review-zh.pdf"
    assert main(["--db", db_url, "--lang", "zh_CN", "report", "quality", *period, "--out", str(chinese)]) == 0
    pages = _pdf_pages(chinese)
    text = "\n".join(pages)
    assert "质量回顾" in text and "供应商质量" in text and "倍标准差上限" in text
    assert "已过期" in text and "拒收批次，%" in text and "从收货到放行的时间" in text and "未说明" in text
    assert "expired" not in text and "not stated" not in text and "hours" not in text
    assert f"第 1 页，共 {len(pages)} 页" in pages[0]
    assert _without_glyph(text) == set()


def test_a_one_month_review_names_the_drift_the_alerts_name(planted_url, tmp_path, capsys):
    # The month alone is no baseline: the review looks back a year, as the alerts do.
    db_url = planted_url
    out = tmp_path / "april.pdf"
    april = ["--from", "2026-04-01", "--to", "2026-04-30"]
    assert main(["--db", db_url, "report", "quality", *april, "--out", str(out), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["drifting"] == [{"supplier": "FARM", "month": "2026-04", "rate": 0.7}]
    received = sum(analytics_plant.LOTS_PER_MONTH for _ in analytics_plant.SUPPLIES)
    rejected = sum(analytics_plant.rejected_in(s, 4) for s in analytics_plant.SUPPLIES)
    assert figures["figures"][0] == f"{received} lots received, {rejected} rejected ({rejected / received * 100:.1f}%)."
    assert figures["figures"][1] == "Suppliers drifting: FARM 2026-04."
    text = _pdf_text(out)
    assert "FARM 2026-04" in text and "2026-04: 7/10 = 70%" in text
    assert "MILL 2026-04" not in text and "CANE 2026-04" not in text


def test_the_review_of_an_empty_period_says_why_each_chart_is_missing(runtime, admin, db_url, tmp_path):
    out = tmp_path / "empty.pdf"
    assert main(["--db", db_url, "report", "quality", "--from", "2026-01-01", "--to", "2026-01-31", "--out", str(out)]) == 0
    pages = _pdf_pages(out)
    text = "\n".join(pages)
    for sentence in (
        "No lots were received from suppliers in these months.",
        "No order recorded output in the period.",
        "No lot received in the period has been released yet.",
        "No stock on hand has an expiry date.",
        "No material was received, used or shipped in the period.",
        "No complaint was registered in the period.",
    ):
        assert sentence in text
    assert text.count("No complaint was registered in the period.") == 2  # the complaints and the response times
    assert len(pages) == 1  # nothing to draw is no reason for blank pages


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
