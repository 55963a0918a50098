"""The dashboard's charts drawn with reportlab's own graphics, for the monthly quality review PDF.

Each function takes the dashboard's data and returns a Drawing. Text inside a chart is
written in runs (Latin and CJK fonts, as in every report), so item names and Chinese words draw.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from typing import Any, cast

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from tracedesk.core.messages import Message, msg, text_of
from tracedesk.labels.fonts import LATIN_FONT, register_fonts, runs
from tracedesk.services.analytics import EXPIRY_BUCKETS, SupplierMonth, pareto
from tracedesk.services.dashboard import Dashboard
from tracedesk.services.flow_layout import layout, simplified

WIDTH = 182 * mm
BLUE = colors.HexColor("#2b6cb0")
RED = colors.HexColor("#c53030")
GREY = colors.HexColor("#718096")
BUCKET_COLOURS = ("#9b2c2c", "#dd6b20", "#d69e2e", "#68d391", "#2f855a")
KIND_COLOURS = {"supplier": "#2b6cb0", "item": "#718096", "customer": "#2f855a"}
LEAD_BINS = ((0, 1), (1, 2), (2, 3), (3, 5), (5, 7), (7, 14), (14, None))


# reportlab's charts take their settings as attributes the stubs type narrowly (ints for
# positions, untyped marker factory): charts are handled as Any here.
marker = cast(Callable[..., Any], makeMarker)


def box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    shape: Any = Rect(x, y, width, height)
    shape.fillColor, shape.strokeColor = fill, None
    return cast(Rect, shape)


def text(x: float, y: float, value: object, size: float = 7, anchor: str = "start", colour: colors.Color = colors.black) -> Group:
    """A line of text whose characters each use a font that has them (Chinese included)."""
    register_fonts()
    plain = text_of(value) if isinstance(value, Message) else str(value)
    parts = runs(plain)
    total = sum(stringWidth(chunk, font, size) for font, chunk in parts)
    left = x - (total if anchor == "end" else total / 2 if anchor == "middle" else 0)
    group = Group()
    for font, chunk in parts:
        group.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=colour))
        left += stringWidth(chunk, font, size)
    return group


def _axes_font(chart: object) -> None:
    for axis in ("xValueAxis", "yValueAxis", "categoryAxis", "valueAxis"):
        found = getattr(chart, axis, None)
        if found is not None:
            found.labels.fontName = LATIN_FONT
            found.labels.fontSize = 6.5


def supplier_chart(points: list[SupplierMonth], months: list[str]) -> Drawing:
    """One supplier's p-chart: monthly rejection rate, centre line and 3-sigma upper limit; drift in red."""
    d = Drawing(WIDTH, 40 * mm)
    index = {m: i for i, m in enumerate(months)}
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 12 * mm, 8 * mm, WIDTH - 60 * mm, 28 * mm
    rate = [(index[p.month], p.rate * 100) for p in points]
    upper = [(index[p.month], p.upper * 100) for p in points]
    center = [(index[p.month], p.center * 100) for p in points]
    drift = [(index[p.month], p.rate * 100) for p in points if p.is_drifting] or [(index[points[0].month], -1000)]
    plot.data = [rate, upper, center, drift]
    plot.lines[0].strokeColor, plot.lines[0].symbol = BLUE, marker("FilledCircle", size=3)
    plot.lines[1].strokeColor, plot.lines[1].strokeDashArray = RED, (2, 2)
    plot.lines[2].strokeColor = GREY
    plot.lines[3].strokeColor, plot.lines[3].strokeWidth = None, 0
    plot.lines[3].symbol = marker("FilledSquare", size=6, fillColor=RED)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(months) - 0.5, 0.5)
    plot.xValueAxis.valueSteps = list(range(len(months)))
    plot.xValueAxis.labelTextFormat = lambda v: months[int(v)] if 0 <= int(v) < len(months) else ""
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(10.0, *(y for _x, y in rate + upper)) * 1.1
    _axes_font(plot)
    d.add(plot)
    first = points[0]
    d.add(text(WIDTH - 46 * mm, 30 * mm, f"{first.supplier}", 8))
    d.add(text(WIDTH - 46 * mm, 25 * mm, first.name, 7, colour=GREY))
    received, rejected = sum(p.received for p in points), sum(p.rejected for p in points)
    d.add(text(WIDTH - 46 * mm, 20 * mm, f"{rejected}/{received} = {first.center * 100:.1f}%", 7))
    return d


def yield_chart(dash: Dashboard) -> Drawing:
    """Deviation of each order from its BOM by week (outliers red), beside the distribution of deviations."""
    d = Drawing(WIDTH, 55 * mm)
    weeks = sorted({y.week for y in dash.yields})
    index = {w: i for i, w in enumerate(weeks)}
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 12 * mm, 8 * mm, 100 * mm, 42 * mm
    normal = [(index[y.week], y.deviation) for y in dash.yields if not y.outlier] or [(0, 0)]
    odd = [(index[y.week], y.deviation) for y in dash.yields if y.outlier] or [(0, -1e9)]
    plot.data = [normal, odd]
    for i, colour in enumerate((BLUE, RED)):
        plot.lines[i].strokeColor, plot.lines[i].strokeWidth = None, 0
        plot.lines[i].symbol = marker("FilledCircle", size=3 if i == 0 else 5, fillColor=colour)
    deviations = [y.deviation for y in dash.yields] or [0.0]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = min(-10.0, *deviations) * 1.1, max(10.0, *deviations) * 1.1
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(weeks) - 0.5, 0.5)
    step = max(1, len(weeks) // 6)
    plot.xValueAxis.valueSteps = list(range(0, len(weeks), step))
    plot.xValueAxis.labelTextFormat = lambda v: f"{weeks[int(v)]:%m-%d}" if 0 <= int(v) < len(weeks) else ""
    _axes_font(plot)
    d.add(plot)
    edges = list(range(-50, 55, 10))
    counts = [0] * (len(edges) + 1)
    for value in deviations if dash.yields else []:
        counts[sum(1 for e in edges if value >= e)] += 1
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 125 * mm, 8 * mm, 55 * mm, 42 * mm
    bars.data = [counts]
    bars.categoryAxis.categoryNames = ["<-50", *[f"{e}" for e in edges[:-1]], ">50"]
    bars.categoryAxis.labels.angle = 90
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    _axes_font(bars)
    d.add(bars)
    return d


def lead_chart(dash: Dashboard) -> Drawing:
    """Days from receipt to release, as a histogram."""
    d = Drawing(WIDTH, 45 * mm)
    counts = [0] * len(LEAD_BINS)
    for t in dash.lead_times:
        if t.released_at is None:
            continue
        days = t.days(dash.now)
        counts[next(i for i, (low, high) in enumerate(LEAD_BINS) if high is None or days < high)] += 1
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 12 * mm, 8 * mm, 120 * mm, 33 * mm
    bars.data = [counts]
    bars.categoryAxis.categoryNames = [f"{low}-{high}" if high else f">{low}" for low, high in LEAD_BINS]
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    _axes_font(bars)
    d.add(bars)
    return d


def expiry_chart(dash: Dashboard, limit: int = 12) -> Drawing:
    """Stock per item by days to expiry, stacked: expired, < 7, < 30, < 90, later (largest items first)."""
    per_item: dict[str, dict[str, float]] = defaultdict(dict)
    for e in dash.expiry:
        per_item[e.item][e.bucket] = per_item[e.item].get(e.bucket, 0.0) + float(e.quantity)
    items = sorted(per_item, key=lambda i: (-sum(per_item[i].values()), i))[:limit]
    d = Drawing(WIDTH, (14 + 7 * max(len(items), 1)) * mm)
    bars: Any = HorizontalBarChart()
    bars.x, bars.y, bars.width, bars.height = 30 * mm, 8 * mm, 120 * mm, (7 * max(len(items), 1)) * mm
    bars.data = [[per_item[i].get(b, 0.0) for i in items] or [0] for b in EXPIRY_BUCKETS]
    bars.categoryAxis.categoryNames = items or [""]
    bars.categoryAxis.style = "stacked"
    for i, colour in enumerate(BUCKET_COLOURS):
        bars.bars[i].fillColor = colors.HexColor(colour)
    bars.valueAxis.valueMin = 0
    _axes_font(bars)
    d.add(bars)
    for i, (bucket, colour) in enumerate(zip(("expired", "<7", "<30", "<90", ">=90"), BUCKET_COLOURS, strict=True)):
        d.add(box(155 * mm, (8 + 5 * i) * mm, 3 * mm, 3 * mm, colors.HexColor(colour)))
        d.add(text(160 * mm, (8.5 + 5 * i) * mm, bucket, 7))
    return d


def flow_chart(dash: Dashboard) -> Drawing:
    """The material flow as a Sankey diagram: suppliers, items, customers, bands as wide as the quantity."""
    height = 110 * mm
    d = Drawing(WIDTH, height)
    shape = layout(simplified(list(dash.flow)))
    left, right, top, usable = 2 * mm, WIDTH - 24 * mm, height - 4 * mm, height - 8 * mm
    span = right - left

    def y(fraction: float) -> float:
        return top - fraction * usable

    for band in shape.bands:
        x0, x1 = left + band.x0 * span, left + band.x1 * span
        w = band.width * usable
        a, b = y(band.top0), y(band.top1)
        middle = (x0 + x1) / 2
        p = Path(fillColor=colors.Color(0.45, 0.55, 0.7, alpha=0.35), strokeColor=None)
        p.moveTo(x0, a)
        p.curveTo(middle, a, middle, b, x1, b)
        p.lineTo(x1, b - w)
        p.curveTo(middle, b - w, middle, a - w, x0, a - w)
        p.closePath()
        d.add(p)
    for node in shape.nodes:
        x, h = left + node.x * span, max(node.height * usable, 0.6)
        d.add(box(x, y(node.y) - h, 0.025 * span, h, colors.HexColor(KIND_COLOURS[node.kind])))
        at_right = node.column == shape.columns - 1
        d.add(
            text(
                x + (0.025 * span + 1.5 if at_right else -1.5),
                y(node.y) - h / 2 - 2,
                node.code,
                6,
                "start" if at_right else "end",
            )
        )
    return d


def complaints_chart(dash: Dashboard) -> Drawing:
    """Complaints per month (left) and the Pareto of causes: bars by count and the cumulative share."""
    d = Drawing(WIDTH, 55 * mm)
    months = dash.period.months
    per_month = [sum(1 for c in dash.complaints if c.month == m) for m in months]
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 10 * mm, 12 * mm, 70 * mm, 38 * mm
    bars.data = [per_month or [0]]
    bars.categoryAxis.categoryNames = [m[2:] for m in months] or [""]
    bars.categoryAxis.labels.angle = 90
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueStep = max(1, max(per_month or [0]) // 5)
    _axes_font(bars)
    d.add(bars)
    causes = pareto([c.cause for c in dash.complaints])[:8]
    if causes:
        chart: Any = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 100 * mm, 12 * mm, 70 * mm, 38 * mm
        chart.data = [[count for _c, count, _s in causes]]
        chart.categoryAxis.categoryNames = ["" for _ in causes]
        chart.bars[0].fillColor = colors.HexColor("#dd6b20")
        chart.valueAxis.valueMin = 0
        _axes_font(chart)
        d.add(chart)
        step = chart.width / len(causes)
        previous = None
        for i, (cause, _count, share) in enumerate(causes):
            x = chart.x + step * (i + 0.5)
            d.add(text(x, chart.y - 4 * mm, cause or msg("not stated"), 6, "middle"))
            point = (x, chart.y + chart.height * share / 100)
            if previous is not None:
                d.add(Line(*previous, *point, strokeColor=RED))
            d.add(text(point[0], point[1] + 1.5, f"{share:.0f}%", 6, "middle", RED))
            previous = point
    return d


def yardstick_chart(dash: Dashboard) -> Drawing:
    """Hours from each complaint to its lot held (red) and to its first action (blue), in time order."""
    d = Drawing(WIDTH, 45 * mm)
    times = sorted(dash.complaint_times, key=lambda t: t.registered_at)
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 12 * mm, 8 * mm, 150 * mm, 33 * mm
    action = [(i, t.hours_to_first_action) for i, t in enumerate(times) if t.hours_to_first_action is not None]
    held = [(i, t.hours_to_hold) for i, t in enumerate(times) if t.hours_to_hold is not None]
    plot.data = [action or [(0, 0)], held or [(0, 0)]]
    for i, colour in enumerate((BLUE, RED)):
        plot.lines[i].strokeColor = colour
        plot.lines[i].symbol = marker("FilledCircle", size=3, fillColor=colour)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(times) - 0.5, 0.5)
    plot.xValueAxis.valueSteps = list(range(len(times)))
    plot.xValueAxis.labelTextFormat = lambda v: f"{times[int(v)].registered_at:%m-%d}" if 0 <= int(v) < len(times) else ""
    plot.yValueAxis.valueMin = 0
    _axes_font(plot)
    d.add(plot)
    return d


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
