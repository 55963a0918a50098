"""Every report PDF numbers its pages "page n of m" and never leaves a heading alone at a page foot."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2
import pytest
from reportlab.platypus import Flowable, Spacer

from tests.qa_helpers import build_plant
from tracedesk.core.messages import msg
from tracedesk.services.reports import exports
from tracedesk.services.reports.pdf import BODY, build, para, section


def page_texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def assert_numbered(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text, (number, text[-200:])


@pytest.mark.parametrize("gap", [0, 90, 180, 270, 360, 450, 540, 630])
def test_headings_stay_with_their_first_rows_and_pages_say_n_of_m(tmp_path: Path, gap: int) -> None:
    # Shift the sections by a different gap in each run, so that some heading lands at a page foot.
    story: list[Flowable] = [para("Report", BODY), Spacer(1, gap)]
    for index in range(12):
        rows = [(f"S{index}-row{n}", "value") for n in range(4 + index % 5)]
        story += section(f"Heading{index}", ("Code", "Value"), rows, (60, 60))
    build(tmp_path / "r.pdf", story, title="Report")
    pages = page_texts(tmp_path / "r.pdf")
    assert len(pages) > 1
    assert_numbered(pages)
    for index in range(12):
        on = [n for n, text in enumerate(pages) if re.search(rf"\bHeading{index}\b", text)]
        assert len(on) == 1 and f"S{index}-row0" in pages[on[0]], index


def test_page_numbers_in_chinese(tmp_path: Path) -> None:
    build(tmp_path / "zh.pdf", [para(msg("none"), BODY, "zh_CN")], title="报告", language="zh_CN")
    assert "第 1 页，共 1 页" in page_texts(tmp_path / "zh.pdf")[0]


def test_dossier_and_recall_report_number_every_page(runtime, admin, tmp_path: Path) -> None:
    plant = build_plant(runtime, admin)
    with runtime.unit_of_work() as s:
        exports.export_dossier(s, admin, lot=plant.dough, path=tmp_path / "dossier.pdf")
        exports.export_recall(s, admin, path=tmp_path / "recall.pdf", supplier_lot="S-1")
    for name in ("dossier.pdf", "recall.pdf"):
        assert_numbered(page_texts(tmp_path / name))
