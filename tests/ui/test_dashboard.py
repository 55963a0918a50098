"""The QA dashboard on screen: the planted drift is named, clicks list the lots behind, charts export."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyqtgraph as pg
import pytest
from PIL import Image
from PySide6.QtCore import QDate, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTransform
from PySide6.QtTest import QTest

from tests import analytics_plant
from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.ui.flow_item import FlowItem
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def runtime(analytics_template, tmp_path, clock):
    """A half year of the planted plant instead of the GUI tests' usual one."""
    rt, plan = analytics_plant.open_copy(analytics_template, tmp_path, clock)
    rt.plan = plan
    clock.now = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    yield rt
    rt.close()


@pytest.fixture
def plant(runtime):
    return runtime.plan


def _click(chart, x: float, y: float) -> None:
    """A real left click at the data point (x, y) of a chart."""
    view = chart.widget
    scene_point = chart.plot.getViewBox().mapViewToScene(QPointF(x, y))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_point))


def test_dashboard_names_the_drift_lists_what_is_behind_and_exports(shell, plant, tmp_path):
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.dashboard)
    wait_idle(shell)
    tab = desk.dashboard
    assert tab.drift_label.text() == "Supplier drifting: FARM 2026-04 (70%)" and tab.drift_label.isVisible()
    charts = tab.charts
    assert charts["suppliers"].supplier == "FARM"
    assert set(charts["yield"].keys) == set(plant.orders)
    assert [k for k in charts["yield"].keys if k in plant.outliers] == sorted(plant.outliers, key=list(plant.orders).index)

    # A real click on FARM's April point lists that month's ten lots, seven of them rejected.
    april = tab.period().months.index("2026-04")
    _click(charts["suppliers"], april, 70.0)
    wait_idle(shell)
    rows = tab.behind.records()
    assert len(rows) == 10 and sum(r.what == "rejected" for r in rows) == 7
    assert tab.behind_title.text() == "Behind Supplier quality: rejection rate per month (p-chart): FARM 2026-04"

    # A click on an outlier order lists its inputs and output; one of them opens in Trace & QA.
    outlier = sorted(plant.outliers)[0]
    charts["yield"].pick(outlier)
    wait_idle(shell)
    assert {r.what for r in tab.behind.records()} == {"input", "output"}
    output = next(r.lot for r in tab.behind.records() if r.what == "output")
    tab.open_in_qa(output)
    wait_idle(shell)
    qa = shell.window.current_workspace()
    assert isinstance(qa, QaWorkspace) and qa.lot.code == output

    # The recall started from a complaint lists the lot it held.
    [recall_key] = [k for k in charts["recalls"].keys if k[0] == "recall"]
    charts["recalls"].pick(recall_key)
    wait_idle(shell)
    assert [r.what for r in tab.behind.records()] == ["on_hold"]

    # The flow is one item: a real click on a band lists the lots behind it; hovering says what it is.
    [flow] = [item for item in charts["flow"].plot.items if isinstance(item, FlowItem)]
    path, (source, target), tip = next(band for band in flow.bands if band[1] == ("supplier:FARM", "item:FLOUR"))
    box = path.boundingRect()
    inside = next(
        QPointF(box.left() + box.width() * i / 20, box.top() + box.height() * j / 20)
        for i in range(1, 20)
        for j in range(1, 20)
        if flow.element_at(QPointF(box.left() + box.width() * i / 20, box.top() + box.height() * j / 20))
        == ((source, target), tip)
    )
    _click(charts["flow"], inside.x(), inside.y())
    wait_idle(shell)
    assert tab.behind_title.text().endswith(": FARM → FLOUR")
    assert tab.behind.records() and {r.item for r in tab.behind.records()} == {"FLOUR"}
    flow.hoverEvent(type("Move", (), {"isExit": lambda self: False, "pos": lambda self: inside})())
    assert tab.hover_label.text() == tip and tip.startswith("FARM → FLOUR: ")

    # A chart's bars hang under one item; a real click on March's complaints bar still lists its complaint.
    _click(charts["complaints"], tab.period().months.index("2026-03"), 0.5)
    wait_idle(shell)
    assert tab.behind_title.text().endswith(": month 2026-03")
    assert len(tab.behind.records()) == 1

    # Hovering an expiry band says what it is.
    band = charts["expiry"].boxes[0]
    band.hoverEvent(type("Enter", (), {"isExit": lambda self: False})())
    assert tab.hover_label.text() == band.tip

    # The spread centres its bands on 0: the usual orders (a couple of percent either way) sit at
    # 0, the planted +43 % ones at 40; counts start at 0 in whole numbers.
    tips = {item.tip.split(":")[0] for item in charts["yield_spread"].boxes}
    assert tips == {"0%", "40%"}
    for name in ("yield_spread", "complaints", "causes", "lead_times", "recalls"):
        assert charts[name].plot.getViewBox().viewRange()[1][0] == 0

    keep = os.environ.get("TRACEDESK_KEEP_CHARTS")
    if keep:  # how docs/screenshots/dashboard-*.png are made; the tab before the export's banner names its folder
        desk.tabs.setCurrentWidget(desk.dashboard)
        shell.window.show_workspace(QualityDeskWorkspace)
        wait_idle(shell)
        shell.window.grab().save(str(Path(keep) / "dashboard-tab.png"))

    written = tab.export_to(tmp_path / "export")
    names = {p.name for p in written}
    assert {"chart-suppliers.png", "chart-suppliers.svg", "chart-flow.png", "data-suppliers.csv", "data-yield.csv"} <= names
    drift_png = Image.open(tmp_path / "export" / "chart-suppliers.png").convert("RGB")
    red = drift_png.getcolors(maxcolors=1 << 20) or []
    assert any(colour == (197, 48, 48) for _count, colour in red), "the drifting month is drawn red"
    if keep:
        for path in written:
            if path.suffix == ".png":
                shutil.copy(path, Path(keep) / f"dashboard-{path.name.removeprefix('chart-')}")


def _show_period(shell, tab, start: QDate, end: QDate) -> None:
    tab.start.setDate(start)
    tab.end.setDate(end)
    QTest.mouseClick(tab.show_button, Qt.MouseButton.LeftButton)
    wait_idle(shell)


def test_a_one_month_dashboard_judges_the_month_against_the_months_before_it(shell, plant, tmp_path):
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.dashboard)
    wait_idle(shell)
    tab = desk.dashboard
    _show_period(shell, tab, QDate(2026, 4, 1), QDate(2026, 4, 30))
    assert tab.drift_label.text() == "Supplier drifting: FARM 2026-04 (70%)"
    chart = tab.charts["suppliers"]
    assert chart.supplier == "FARM"
    # January to March are drawn before April on a shaded ground: the baseline, as context.
    assert chart.months == ["2026-01", "2026-02", "2026-03", "2026-04"]
    shades = [item for item in chart.plot.items if isinstance(item, pg.LinearRegionItem)]
    assert [shade.getRegion() for shade in shades] == [(-0.5, 2.5)]
    _click(chart, chart.months.index("2026-04"), 70.0)
    wait_idle(shell)
    assert len(tab.behind.records()) == 10
    written = tab.export_to(tmp_path / "export")
    assert tmp_path / "export" / "chart-suppliers.png" in written
    image = Image.open(tmp_path / "export" / "chart-suppliers.png").convert("RGB")
    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 20) or []}
    assert (237, 240, 244) in colours, "the months before the period are shaded"
    assert (197, 48, 48) in colours, "April is drawn red"
    keep = os.environ.get("TRACEDESK_KEEP_CHARTS")
    if keep:  # docs/screenshots/dashboard-suppliers-one-month.png
        shutil.copy(tmp_path / "export" / "chart-suppliers.png", Path(keep) / "dashboard-suppliers-one-month.png")

    # May: April is still on the chart, above its limit, but lies before the period: no drift named.
    _show_period(shell, tab, QDate(2026, 5, 1), QDate(2026, 5, 31))
    assert tab.drift_label.text() == ""
    assert not tab.drift_label.isVisible()  # no empty line between the filters and the charts
    assert tab.charts["suppliers"].months[-1] == "2026-05"


def test_flow_labels_that_would_overlap_are_left_out_not_printed_on_top_of_each_other(shell, plant):
    """Many thin customer nodes sit a pixel or two apart: their names printed over each other were unreadable."""
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.dashboard)
    wait_idle(shell)
    [flow] = [item for item in desk.dashboard.charts["flow"].plot.items if isinstance(item, FlowItem)]
    metrics = QFontMetrics(QFont())
    squeezed = QTransform.fromScale(400, 5)  # the whole diagram five pixels high: every column's labels collide

    placed = flow.placed_labels(squeezed, metrics)

    rects = [rect for rect, _text in placed]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    biggest = max(flow.labels, key=lambda label: label[3])[1]
    assert biggest in {text for _rect, text in placed}
    assert len(placed) < len(flow.labels)
    # With room enough every node keeps its name.
    assert len(flow.placed_labels(QTransform.fromScale(400, 100000), metrics)) == len(flow.labels)


def test_what_was_clicked_is_named_in_the_charts_words_not_by_internal_keys(shell, plant):
    """'item:BISCUIT item:CARTON-12', 'FLOUR later', 'released' were the internal keys, in English in every language."""
    sign_in_as(shell, "qa")
    shell.switch_language("zh_CN")
    wait_idle(shell)
    try:
        desk = shell.window.show_workspace(QualityDeskWorkspace)
        desk.tabs.setCurrentWidget(desk.dashboard)
        wait_idle(shell)
        tab = desk.dashboard
        titles = {}
        for name in ("flow", "expiry", "lead_times"):
            chart = tab.charts[name]
            key = next(k for k in chart.keys if k is not None)
            chart.pick(key)
            wait_idle(shell)
            titles[name] = tab.behind_title.text()
        assert "item:" not in titles["flow"] and "supplier:" not in titles["flow"] and " → " in titles["flow"]
        for name in ("expiry", "lead_times"):
            words = [w for w in re.findall(r"[A-Za-z]{3,}", titles[name]) if not w.isupper()]
            assert words == [], (name, titles[name])
    finally:
        shell.switch_language("en")
        wait_idle(shell)


def test_a_years_months_under_the_supplier_chart_do_not_print_over_each_other_at_1366(shell, plant):
    """Twelve "2026-01"-wide labels under a chart half the screen wide ran into one another."""
    shell.window.resize(1366, 768)
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.dashboard)
    wait_idle(shell)
    tab = desk.dashboard
    _show_period(shell, tab, QDate(2025, 7, 1), QDate(2026, 6, 30))
    chart = tab.charts["suppliers"]
    assert len(chart.months) >= 12
    axis = chart.plot.getAxis("bottom")
    [labelled] = axis._tickLevels  # what the chart gave pyqtgraph: (month index, text) pairs
    pixels_per_month = chart.plot.getViewBox().width() / len(chart.months)
    metrics = QFontMetrics(axis.style["tickFont"] or chart.widget.font())
    widest = max(metrics.horizontalAdvance(text) for _index, text in labelled)
    apart = min(b[0] - a[0] for a, b in zip(labelled, labelled[1:], strict=False))
    assert apart * pixels_per_month > widest + 4


def test_at_1366_by_768_a_row_of_charts_shows_whole_with_its_axes(shell, plant):
    # The most common shop-floor screen: the first row of charts, axes and month labels included,
    # fits the charts' area without scrolling; the list of lots behind a click keeps room below.
    shell.window.resize(1366, 768)
    shell.window.show()
    sign_in_as(shell, "qa")
    desk = shell.window.show_workspace(QualityDeskWorkspace)
    desk.tabs.setCurrentWidget(desk.dashboard)
    wait_idle(shell)
    tab = desk.dashboard
    first = tab.grid.itemAtPosition(0, 0).widget()
    viewport = tab.area.viewport()
    top = first.mapTo(tab.grid_host, first.rect().topLeft()).y()
    assert top + first.height() <= viewport.height(), (top, first.height(), viewport.height())
    # A click lists the lots behind it: the list then takes the room to show several of them.
    april = tab.period().months.index("2026-04")
    _click(tab.charts["suppliers"], april, 70.0)
    wait_idle(shell)
    assert len(tab.behind.records()) == 10 and tab.behind_title.isVisible()
    assert tab.behind_view.viewport().height() >= 3 * tab.behind_view.verticalHeader().defaultSectionSize()
