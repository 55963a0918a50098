"""The QA dashboard on screen: the planted drift is named, clicks list the lots behind, charts export."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests import analytics_plant
from tests.ui.conftest import sign_in_as, wait_idle
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
    assert tab.drift_label.text() == "Supplier drifting: FARM 2026-04 (70%)"
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

    # Hovering an expiry band says what it is.
    band = next(item for item in charts["expiry"].plot.items if hasattr(item, "tip"))
    band.hoverEvent(type("Enter", (), {"isExit": lambda self: False})())
    assert tab.hover_label.text() == band.tip

    written = tab.export_to(tmp_path / "export")
    names = {p.name for p in written}
    assert {"chart-suppliers.png", "chart-suppliers.svg", "chart-flow.png", "data-suppliers.csv", "data-yield.csv"} <= names
    drift_png = Image.open(tmp_path / "export" / "chart-suppliers.png").convert("RGB")
    red = drift_png.getcolors(maxcolors=1 << 20) or []
    assert any(colour == (197, 48, 48) for _count, colour in red), "the drifting month is drawn red"
    keep = os.environ.get("TRACEDESK_KEEP_CHARTS")
    if keep:  # how docs/screenshots/dashboard-*.png are made
        desk.tabs.setCurrentWidget(desk.dashboard)
        shell.window.show_workspace(QualityDeskWorkspace)
        wait_idle(shell)
        shell.window.grab().save(str(Path(keep) / "dashboard-tab.png"))
        for path in written:
            if path.suffix == ".png":
                shutil.copy(path, Path(keep) / f"dashboard-{path.name.removeprefix('chart-')}")
