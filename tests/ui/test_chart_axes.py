"""The dashboard's axes show the values themselves: no "(x0.001)" or "(x1000)" beside the unit."""

from __future__ import annotations

import pytest

from tracedesk.ui.charts import Chart


@pytest.mark.parametrize("values", [[-0.05, 0.0, -0.02], [12000.0, 48000.0, 3000.0]])
def test_small_and_large_values_keep_their_unit_unscaled(qtbot, values):
    chart = Chart("Yield")
    qtbot.addWidget(chart.widget)
    chart.plot.plot(list(range(len(values))), values)
    chart.plot.setLabel("left", "%")
    chart.widget.resize(400, 300)
    chart.widget.show()
    qtbot.waitExposed(chart.widget)
    axis = chart.plot.getAxis("left")
    qtbot.waitUntil(lambda: min(values) >= axis.range[0] and max(values) <= axis.range[1])
    label = axis.labelString()
    assert "%" in label
    assert "x0" not in label and "x1" not in label, label
