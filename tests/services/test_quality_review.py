"""The quality review's key figures and pages from a dashboard built by hand (no database needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pypdfium2

from tracedesk.core.messages import text_of
from tracedesk.services.analytics import ExpiryExposure, LeadTime, OrderYield, Period
from tracedesk.services.dashboard import Dashboard, Filters
from tracedesk.services.reports.quality_review import MAX_TABLE_ROWS, key_figures, write_quality_review

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


def test_a_year_of_outliers_is_cut_to_the_furthest_with_the_rest_left_to_the_csv(tmp_path):
    # 100 usual orders at -90 %, 60 outliers from -70 % to -11 %: the furthest from -90 come first.
    usual = [OrderYield(f"WO{i:03}", "P", date(2026, 12, 7), 10**6, 10**5, 10**6, False, -90.0) for i in range(100)]
    odd = [OrderYield(f"WX{i:03}", "P", date(2026, 12, 7), 10**6, 10**5, 10**6, True, -70.0 + i) for i in range(60)]
    d = Dashboard(Period(date(2026, 12, 1), date(2026, 12, 7)), NOW, Filters(), yields=(*usual, *odd))
    out = tmp_path / "review.pdf"
    write_quality_review(d, out, station="ST1", language="en")
    with pypdfium2.PdfDocument(str(out)) as document:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert f"{60 - MAX_TABLE_ROWS} more in the CSV export; the furthest from the usual yield are listed." in text
    assert "WX059" in text and "WX020" in text and "WX019" not in text and "WX000" not in text
    assert "160 orders with output; 60 outside the usual yield." in text


def test_expired_stock_too_small_to_see_in_the_chart_is_listed(tmp_path):
    expiry = (
        ExpiryExposure("FLOUR", "kg", "later", 40, Decimal("2400")),
        ExpiryExposure("VANILLA", "kg", "expired", 1, Decimal("5")),
        ExpiryExposure("DOUGH", "kg", "expired", 2, Decimal("0.1")),
    )
    d = Dashboard(Period(date(2026, 12, 1), date(2026, 12, 7)), NOW, Filters(), expiry=expiry)
    out = tmp_path / "review.pdf"
    write_quality_review(d, out, station="ST1", language="en")
    with pypdfium2.PdfDocument(str(out)) as document:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    assert "Stock expired: 3 lots; expiring within 30 days: 0." in text
    assert "Expired stock on hand" in text and "DOUGH 2 0.1 kg" in text and "VANILLA 1 5 kg" in text
    assert "FLOUR 40" not in text
