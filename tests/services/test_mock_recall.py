"""A mock recall an auditor accepts: timed to the complete report, which says so on every page; kept and listed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.qa_helpers import build_plant, events_count
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.db.models import Event, Lot
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.mock_recall import MockRecall, list_mock_recalls, run_mock_recall
from tracedesk.services.recall import RecallAlreadyOpen, open_recall_report, start_recall

STARTED = datetime(2026, 11, 2, 9, 0, 5, tzinfo=UTC)


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def _drill(seconds: float) -> MockRecall:
    ticks = iter([1000.0, 1000.0 + seconds])
    mock = MockRecall(clock=lambda: next(ticks), wall=lambda: STARTED)
    mock.start()
    return mock


def _pages(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_the_report_states_time_date_who_and_mock_recall_on_every_page(runtime, plant, tmp_path):
    with runtime.unit_of_work() as s:
        report, written = run_mock_recall(s, plant.qa, _drill(754.4), lots=(plant.flour,), path=tmp_path / "drill.pdf")
    assert written is not None and report.mock is not None
    assert report.mock.elapsed_seconds == 754.4 and report.mock.code == "MR-ST1-0001"
    pages = _pages(tmp_path / "drill.pdf")
    for number, page in enumerate(pages, start=1):
        assert "MOCK RECALL" in page and f"page {number} of {len(pages)}" in page
    first = pages[0].replace("\r\n", " ").replace("\n", " ")
    assert "0:12:34 (754.4 s)" in first
    assert "2026-11-02" in first and "09:00:05 UTC" in first and "09:12:39 UTC" in first
    assert "(qa1)" in first and plant.biscuit in first


def test_the_workbook_says_mock_recall_on_every_sheet_with_time_and_who(runtime, plant, tmp_path):
    with runtime.unit_of_work() as s:
        run_mock_recall(s, plant.qa, _drill(65), supplier_lot="S-1", path=tmp_path / "drill.xlsx")
    book = load_workbook(tmp_path / "drill.xlsx")
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "MOCK RECALL"
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert book.worksheets[0]["A1"].value.startswith("MOCK RECALL MR-ST1-0001")
    assert summary["Elapsed"] == "0:01:05" and summary["Started (UTC)"] == "2026-11-02 09:00:05"
    assert summary["Report complete (UTC)"] == "2026-11-02 09:01:10" and "(qa1)" in summary["Run by"]


def test_the_drill_is_an_event_that_holds_nothing_and_is_listed_with_its_time(runtime, plant, tmp_path):
    with runtime.unit_of_work() as s:
        run_mock_recall(s, plant.qa, _drill(30), lots=(plant.flour,), path=tmp_path / "one.pdf")
        run_mock_recall(s, plant.qa, _drill(12.5), lots=(plant.sugar,))
    with runtime.unit_of_work() as s:
        latest, first = list_mock_recalls(s)
        assert (latest.code, latest.elapsed_seconds, latest.sources, latest.report) == ("MR-ST1-0002", 12.5, (plant.sugar,), None)
        assert (first.code, first.elapsed_seconds, first.run_by, first.report) == ("MR-ST1-0001", 30.0, "qa1", "one.pdf")
        assert first.started_at == STARTED and first.lots >= 3
        assert not s.scalar(select(Lot.id).where(Lot.status == "on_hold", Lot.code == plant.flour))
        payload = json.loads(s.scalar(select(Event.payload).where(Event.type == "mock_recall_completed").limit(1)))
        assert payload["started_at"] == STARTED.isoformat() and payload["elapsed_seconds"] == "30.0"
        assert compare_with_replay(s) == ()


@pytest.mark.parametrize("name", ["drill.txt", "missing-folder/drill.pdf"])
def test_a_report_that_cannot_be_written_records_no_drill(runtime, plant, tmp_path, name):
    before = events_count(runtime)
    with pytest.raises((InvalidInput, OSError)), runtime.unit_of_work() as s:
        run_mock_recall(s, plant.qa, _drill(5), lots=(plant.flour,), path=tmp_path / name)
    assert events_count(runtime) == before


def test_a_drill_that_was_never_started_is_refused(runtime, plant):
    with pytest.raises(Refused, match="starts with the first scan"), runtime.unit_of_work() as s:
        run_mock_recall(s, plant.qa, MockRecall(), lots=(plant.flour,))


def test_a_second_recall_on_a_lot_in_an_open_recall_names_the_open_one(runtime, plant):
    with runtime.unit_of_work() as s:
        first = start_recall(s, plant.qa, reason="metal found", lots=(plant.flour,))
    before = events_count(runtime)
    for lots in ((plant.flour,), (plant.dough,)):
        with pytest.raises(RecallAlreadyOpen) as raised, runtime.unit_of_work() as s:
            start_recall(s, plant.qa, reason="again", lots=lots)
        assert raised.value.recall == first.recall_code and first.recall_code in str(raised.value)
        assert lots[0] in str(raised.value) and "by qa1" in str(raised.value)
    assert events_count(runtime) == before
    with runtime.unit_of_work() as s:
        shown = open_recall_report(s, first.recall_code or "", now=plant.qa.now())
    assert shown.recall_code == first.recall_code and set(shown.lot_codes) == set(first.lot_codes)
