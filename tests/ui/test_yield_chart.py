"""The yield chart's weekly bands: each week's usual orders by their 10th, 50th and 90th percentile."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta

import pytest

from tracedesk.services.analytics import OrderYields, Period
from tracedesk.services.dashboard import Dashboard, Filters
from tracedesk.ui.charts import YieldChart

pytestmark = pytest.mark.gui


def test_many_orders_are_drawn_as_weekly_bands_and_the_outliers_as_points(monkeypatch):
    monkeypatch.setattr(YieldChart, "MAX_POINTS", 10)
    weeks = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(3)]
    rows = []
    for number in range(60):
        week = weeks[number % 3]
        deviation = ((number * 37) % 23 - 11) / 3
        rows.append((f"WO-{number:03}", "DOUGH", week, 100_000_000, 90_000_000, 900_000, False, deviation))
    rows.append(("WO-900", "DOUGH", weeks[1], 70_000_000, 90_000_000, 900_000, True, 42.9))
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    shown = YieldChart.prepare(Dashboard(period, datetime(2026, 2, 1, tzinfo=UTC), Filters(), yields=OrderYields(rows)))

    assert shown["weeks"] == weeks
    expected = []
    for index, week in enumerate(weeks):
        values = [d for _o, _p, w, _m, _u, _b, odd, d in rows if w == week and not odd]
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        expected.append((index, deciles[0], statistics.median(values), deciles[8], len(values)))
    assert [band[0] for band in shown["bands"]] == [band[0] for band in expected]
    assert [band[4] for band in shown["bands"]] == [band[4] for band in expected]
    for found, wanted in zip(shown["bands"], expected, strict=True):
        assert found[1:4] == pytest.approx(wanted[1:4])
    assert shown["usual"] == ([], [], [])
    assert shown["odd"] == ([1.0], [42.9], ["WO-900"])
    assert list(shown["by_order"]) == ["WO-900"]
