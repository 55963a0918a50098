"""The quality review's key figures and pages from a dashboard built by hand (no database needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pypdfium2

from tracedesk.core.messages import text_of
from tracedesk.services.analytics import LeadTime, Period
from tracedesk.services.dashboard import Dashboard, Filters
from tracedesk.services.reports.quality_review import key_figures, write_quality_review

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def _released_after(hours: float, lot: str) -> LeadTime:
    received = NOW - timedelta(days=3)
    return LeadTime(lot, "FLOUR", "MILL", received, received + timedelta(hours=hours))


def _figures(*lead_times: LeadTime) -> list[str]:
    d = Dashboard(Period(date(2026, 12, 1), date(2026, 12, 7)), NOW, Filters(), lead_times=lead_times)
    return [text_of(line, "en") for line in key_figures(d)]


def test_a_release_within_the_shift_is_counted_in_hours_not_zero_days():
    figures = _figures(_released_after(0.5, "L1"), _released_after(0.4, "L2"), _released_after(0.6, "L3"))
    assert "Median time from receipt to release: 0.5 hours; 0 lots waiting in quarantine now." in figures
    figures = _figures(_released_after(72, "L1"))
    assert "Median time from receipt to release: 3.0 days; 0 lots waiting in quarantine now." in figures
    assert "Median time from receipt to release: -; 0 lots waiting in quarantine now." in _figures()


def test_a_review_with_nothing_to_draw_fits_on_one_page_in_chinese(tmp_path):
    d = Dashboard(Period(date(2026, 12, 1), date(2026, 12, 7)), NOW, Filters())
    out = tmp_path / "review.pdf"
    write_quality_review(d, out, station="ST1", language="zh_CN")
    with pypdfium2.PdfDocument(str(out)) as document:
        pages = [page.get_textpage().get_text_range() for page in document]
    assert len(pages) == 1
    assert "本期没有登记投诉。" in pages[0] and "第 1 页，共 1 页" in pages[0]
    assert "No " not in pages[0]
