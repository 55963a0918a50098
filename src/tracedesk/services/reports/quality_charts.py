"""The dashboard's charts drawn with reportlab's own graphics, for the monthly quality review PDF.

Each function takes the dashboard's data and the report's language and returns a Drawing. Text
inside a chart is written in runs (Latin and CJK fonts, as in every report), so item names and
Chinese words draw; every axis says what it counts and in which unit.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from typing import Any, cast

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Group, Path, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from tracedesk.core.messages import Message, msg, text_of
from tracedesk.labels.fonts import LATIN_FONT, register_fonts, runs, text_width
from tracedesk.services.analytics import EXPIRY_BUCKETS, UNSTATED_CAUSE, SupplierMonth, pareto
from tracedesk.services.dashboard import Dashboard
from tracedesk.services.flow_layout import layout, simplified

WIDTH = 182 * mm
BLUE = colors.HexColor("#2b6cb0")
RED = colors.HexColor("#c53030")
GREY = colors.HexColor("#718096")
BUCKET_COLOURS = ("#9b2c2c", "#dd6b20", "#d69e2e", "#68d391", "#2f855a")
KIND_COLOURS = {"supplier": "#2b6cb0", "item": "#718096", "customer": "#2f855a"}
# Hours from receipt to release: a plant that releases within the shift and one that waits
# for a lab result a week later both spread over several bars.
LEAD_BINS = ((0, 1), (1, 4), (4, 24), (24, 48), (48, 72), (72, 168), (168, 336), (336, None))
# Deviation bars 10 points wide centred on 0, -10, +10, ... (an order 0.1 % short sits at 0).
DEVIATION_CENTRES = tuple(range(-50, 51, 10))
AXIS_SIZE = 6.5


# reportlab's charts take their settings as attributes the stubs type narrowly (ints for
# positions, untyped marker factory): charts are handled as Any here.
marker = cast(Callable[..., Any], makeMarker)


def box(x: float, y: float, width: float, height: float, fill: colors.Color) -> Rect:
    shape: Any = Rect(x, y, width, height)
    shape.fillColor, shape.strokeColor = fill, None
    return cast(Rect, shape)


def text(
    x: float,
    y: float,
    value: object,
    size: float = 7,
    anchor: str = "start",
    colour: colors.Color = colors.black,
    language: str | None = None,
) -> Group:
    """A line of text whose characters each use a font that has them (Chinese included)."""
    register_fonts()
    plain = text_of(value, language) if isinstance(value, Message) else str(value)
    parts = runs(plain)
    total = sum(stringWidth(chunk, font, size) for font, chunk in parts)
    left = x - (total if anchor == "end" else total / 2 if anchor == "middle" else 0)
    group = Group()
    for font, chunk in parts:
        group.add(String(left, y, chunk, fontName=font, fontSize=size, fillColor=colour))
        left += stringWidth(chunk, font, size)
    return group


def fitted(value: str, width: float, size: float) -> str:
    """`value` cut with an ellipsis so it fits `width` points (a long cause under a narrow bar)."""
    if text_width(value, size) <= width:
        return value
    while value and text_width(value + "…", size) > width:
        value = value[:-1]
    return value + "…"


def _axes_font(chart: object) -> None:
    for axis in ("xValueAxis", "yValueAxis", "categoryAxis", "valueAxis"):
        found = getattr(chart, axis, None)
        if found is not None:
            found.labels.fontName = LATIN_FONT
            found.labels.fontSize = AXIS_SIZE


def _y_title(d: Drawing, chart: Any, title: Message, language: str | None) -> None:
    """What the value axis counts, written above its top end (never rotated, so Chinese reads)."""
    d.add(text(chart.x - 8 * mm, chart.y + chart.height + 2.5 * mm, title, AXIS_SIZE, colour=GREY, language=language))


def _x_title(d: Drawing, chart: Any, title: Message, language: str | None, below: float = 7 * mm) -> None:
    d.add(text(chart.x + chart.width / 2, chart.y - below, title, AXIS_SIZE, "middle", GREY, language))


def _count_step(largest: float) -> int:
    """A whole-number step for an axis of counts (no half complaints), about five ticks."""
    rough = max(largest / 5, 1.0)
    scale = 10 ** math.floor(math.log10(rough))
    return int(next(m * scale for m in (1, 2, 5, 10) if m * scale >= rough))


def supplier_chart(points: list[SupplierMonth], months: list[str], language: str | None = None, shaded: int = 0) -> Drawing:
    """One supplier's p-chart: monthly rejection rate, centre line and 3-sigma upper limit; drift in red.

    The first `shaded` months are history before the review period (drawn on a grey ground),
    the months the centre line and the limits are learned from.
    """
    d = Drawing(WIDTH, 44 * mm)
    index = {m: i for i, m in enumerate(months)}
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 10 * mm, WIDTH - 64 * mm, 28 * mm
    if shaded:
        d.add(box(plot.x, plot.y, plot.width * shaded / len(months), plot.height, colors.HexColor("#edf0f4")))
    rate = [(index[p.month], p.rate * 100) for p in points]
    upper = [(index[p.month], p.upper * 100) for p in points]
    center = [(index[p.month], p.center * 100) for p in points]
    drift = [(index[p.month], p.rate * 100) for p in points if p.is_drifting]
    plot.data = [rate, upper, center, *([drift] if drift else [])]
    plot.lines[0].strokeColor, plot.lines[0].symbol = BLUE, marker("FilledCircle", size=3)
    plot.lines[1].strokeColor, plot.lines[1].strokeDashArray = RED, (2, 2)
    plot.lines[2].strokeColor = GREY
    plot.lines[3].strokeColor, plot.lines[3].strokeWidth = None, 0
    plot.lines[3].symbol = marker("FilledSquare", size=6, fillColor=RED)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(months) - 0.5, 0.5)
    plot.xValueAxis.valueSteps = list(range(len(months)))
    plot.xValueAxis.labelTextFormat = lambda v: months[int(v)] if 0 <= int(v) < len(months) else ""
    if len(months) > 6:
        plot.xValueAxis.labels.angle, plot.xValueAxis.labels.boxAnchor = 30, "ne"
    plot.yValueAxis.valueMin = 0
    plot.yValueAxis.valueMax = max(10.0, *(y for _x, y in rate + upper)) * 1.1
    _axes_font(plot)
    d.add(plot)
    _y_title(d, plot, msg("rejected, % of lots"), language)
    first = points[0]
    column = WIDTH - 48 * mm
    d.add(text(column, 34 * mm, first.supplier, 8))
    d.add(text(column, 29.5 * mm, fitted(first.name, 48 * mm, 7), 7, colour=GREY))
    received, rejected = sum(p.received for p in points), sum(p.rejected for p in points)
    d.add(
        text(
            column, 25 * mm, msg("{rejected} of {received} rejected", rejected=rejected, received=received), 7, language=language
        )
    )
    d.add(text(column, 21 * mm, msg("average {rate}%", rate=f"{first.center * 100:.1f}"), 7, colour=GREY, language=language))
    for row, p in enumerate(p for p in points if p.is_drifting):
        if row == 3:
            break
        line = f"{p.month}: {p.rejected}/{p.received} = {p.rate * 100:.0f}%"
        d.add(text(column, (16.5 - 4 * row) * mm, line, 7, colour=RED))
    return d


def yield_chart(dash: Dashboard, language: str | None = None) -> Drawing:
    """Deviation of each order from its BOM by week (outliers red), beside the distribution of deviations."""
    d = Drawing(WIDTH, 62 * mm)
    weeks = sorted({y.week for y in dash.yields})
    index = {w: i for i, w in enumerate(weeks)}
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 12 * mm, 98 * mm, 44 * mm
    normal = [(index[y.week], y.deviation) for y in dash.yields if not y.outlier]
    odd = [(index[y.week], y.deviation) for y in dash.yields if y.outlier]
    series = [(points, colour, size) for points, colour, size in ((normal, BLUE, 3), (odd, RED, 5)) if points]
    plot.data = [points for points, _c, _s in series]
    for i, (_points, colour, size) in enumerate(series):
        plot.lines[i].strokeColor, plot.lines[i].strokeWidth = None, 0
        plot.lines[i].symbol = marker("FilledCircle", size=size, fillColor=colour)
    deviations = [y.deviation for y in dash.yields]
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = min(-10.0, *deviations) * 1.1, max(10.0, *deviations) * 1.1
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(weeks) - 0.5, 0.5)
    step = max(1, math.ceil(len(weeks) / 7))
    plot.xValueAxis.valueSteps = list(range(0, len(weeks), step))
    plot.xValueAxis.labelTextFormat = lambda v: f"{weeks[int(v)]:%m-%d}" if 0 <= int(v) < len(weeks) else ""
    _axes_font(plot)
    d.add(plot)
    _y_title(d, plot, msg("deviation from the BOM, %"), language)
    _x_title(d, plot, msg("week"), language)
    counts = [0] * (len(DEVIATION_CENTRES) + 2)
    for value in deviations:
        if value < DEVIATION_CENTRES[0] - 5:
            counts[0] += 1
        elif value >= DEVIATION_CENTRES[-1] + 5:
            counts[-1] += 1
        else:
            counts[1 + math.floor((value - DEVIATION_CENTRES[0] + 5) / 10)] += 1
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 126 * mm, 12 * mm, 54 * mm, 44 * mm
    bars.data = [counts]
    bars.categoryAxis.categoryNames = [
        f"<{DEVIATION_CENTRES[0] - 5}",
        *map(str, DEVIATION_CENTRES),
        f">{DEVIATION_CENTRES[-1] + 5}",
    ]
    bars.categoryAxis.labels.angle = 90
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueStep = _count_step(max(counts))
    _axes_font(bars)
    d.add(bars)
    _y_title(d, bars, msg("orders"), language)
    _x_title(d, bars, msg("deviation, % (bars 10 points wide)"), language, below=10.5 * mm)
    return d


def _lead_label(low: int, high: int | None) -> Message:
    if high is None:
        return msg("> {days} days", days=low // 24)
    if high <= 24:
        return msg("{low}–{high} h", low=low, high=high)
    return msg("{low}–{high} days", low=low // 24, high=high // 24)


def lead_chart(dash: Dashboard, language: str | None = None) -> Drawing:
    """Time from receipt to release, as a histogram (hours within a day, then days)."""
    d = Drawing(WIDTH, 48 * mm)
    counts = [0] * len(LEAD_BINS)
    for t in dash.lead_times:
        if t.released_at is None:
            continue
        hours = t.days(dash.now) * 24
        counts[next(i for i, (_low, high) in enumerate(LEAD_BINS) if high is None or hours < high)] += 1
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 14 * mm, 12 * mm, 130 * mm, 30 * mm
    bars.data = [counts]
    bars.categoryAxis.categoryNames = ["" for _ in LEAD_BINS]
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueStep = _count_step(max(counts))
    _axes_font(bars)
    d.add(bars)
    step = bars.width / len(LEAD_BINS)
    for i, (low, high) in enumerate(LEAD_BINS):  # drawn in runs: "1–4 小时" needs two fonts
        d.add(text(bars.x + step * (i + 0.5), bars.y - 3.5 * mm, _lead_label(low, high), AXIS_SIZE, "middle", language=language))
    _y_title(d, bars, msg("lots"), language)
    _x_title(d, bars, msg("time from receipt to release"), language)
    return d


EXPIRY_LEGEND = {
    "expired": msg("expired"),
    "lt7": msg("within 7 days"),
    "lt30": msg("within 30 days"),
    "lt90": msg("within 90 days"),
    "later": msg("90 days or more"),
}


def expiry_chart(dash: Dashboard, limit: int = 12, language: str | None = None) -> Drawing:
    """Stock per item by days to expiry, stacked: expired, < 7, < 30, < 90, later (largest items first)."""
    per_item: dict[str, dict[str, float]] = defaultdict(dict)
    units: dict[str, str] = {}
    for e in dash.expiry:
        per_item[e.item][e.bucket] = per_item[e.item].get(e.bucket, 0.0) + float(e.quantity)
        units[e.item] = e.unit
    items = sorted(per_item, key=lambda i: (-sum(per_item[i].values()), i))[:limit]
    rows = max(len(items), len(EXPIRY_BUCKETS))
    d = Drawing(WIDTH, (18 + 6 * rows) * mm)
    bars: Any = HorizontalBarChart()
    bars.x, bars.y, bars.width, bars.height = 34 * mm, 12 * mm, 110 * mm, (6 * rows) * mm
    bars.data = [[per_item[i].get(b, 0.0) for i in items] for b in EXPIRY_BUCKETS]
    bars.categoryAxis.categoryNames = [f"{i} ({units[i]})" for i in items]
    bars.categoryAxis.style = "stacked"
    for i, colour in enumerate(BUCKET_COLOURS):
        bars.bars[i].fillColor = colors.HexColor(colour)
    bars.valueAxis.valueMin = 0
    _axes_font(bars)
    d.add(bars)
    _x_title(d, bars, msg("quantity on hand, in each item's unit"), language)
    top = bars.y + bars.height
    for i, (bucket, colour) in enumerate(zip(EXPIRY_BUCKETS, BUCKET_COLOURS, strict=True)):
        d.add(box(148 * mm, top - (4 + 5 * i) * mm, 3 * mm, 3 * mm, colors.HexColor(colour)))
        d.add(text(152 * mm, top - (3.5 + 5 * i) * mm, EXPIRY_LEGEND[bucket], 7, language=language))
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


def complaints_chart(dash: Dashboard, language: str | None = None) -> Drawing:
    """Complaints per month (left) and the Pareto of causes: bars by count, the cumulative share under each."""
    d = Drawing(WIDTH, 62 * mm)
    months = dash.period.months
    per_month = [sum(1 for c in dash.complaints if c.month == m) for m in months]
    bars: Any = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 12 * mm, 16 * mm, 68 * mm, 38 * mm
    bars.data = [per_month]
    bars.categoryAxis.categoryNames = months
    bars.categoryAxis.labels.angle = 90
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.bars[0].fillColor = BLUE
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueStep = _count_step(max(per_month))
    _axes_font(bars)
    d.add(bars)
    _y_title(d, bars, msg("complaints"), language)
    causes = pareto([c.cause for c in dash.complaints])[:8]
    chart: Any = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 100 * mm, 16 * mm, 78 * mm, 38 * mm
    chart.data = [[count for _c, count, _s in causes]]
    chart.categoryAxis.categoryNames = ["" for _ in causes]
    chart.bars[0].fillColor = colors.HexColor("#dd6b20")
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = _count_step(max(count for _c, count, _s in causes))
    _axes_font(chart)
    d.add(chart)
    _y_title(d, chart, msg("complaints per cause; cumulative share in red"), language)
    step = chart.width / len(causes)
    for i, (cause, _count, share) in enumerate(causes):
        x = chart.x + step * (i + 0.5)
        name = text_of(msg("not stated"), language) if cause == UNSTATED_CAUSE else cause
        d.add(text(x, chart.y - 4 * mm, fitted(name, step - 1, 6), 6, "middle"))
        d.add(text(x, chart.y - 7.5 * mm, f"{share:.0f}%", 6, "middle", RED))
    return d


def yardstick_chart(dash: Dashboard, language: str | None = None) -> Drawing:
    """Hours from each complaint to its lot held (red squares) and to its first action (blue dots), in time order."""
    d = Drawing(WIDTH, 50 * mm)
    times = sorted(dash.complaint_times, key=lambda t: t.registered_at)
    plot: Any = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 12 * mm, 150 * mm, 32 * mm
    action = [(i, t.hours_to_first_action) for i, t in enumerate(times) if t.hours_to_first_action is not None]
    held = [(i, t.hours_to_hold) for i, t in enumerate(times) if t.hours_to_hold is not None]
    series = [
        (points, colour, shape) for points, colour, shape in ((action, BLUE, "FilledCircle"), (held, RED, "Square")) if points
    ]
    plot.data = [points for points, _c, _s in series]
    for i, (_points, colour, shape) in enumerate(series):
        plot.lines[i].strokeColor = colour
        plot.lines[i].symbol = marker(shape, size=4, fillColor=colour, strokeColor=colour)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = -0.5, max(len(times) - 0.5, 0.5)
    plot.xValueAxis.valueSteps = list(range(0, len(times), max(1, math.ceil(len(times) / 10))))
    plot.xValueAxis.labelTextFormat = lambda v: f"{times[int(v)].registered_at:%m-%d}" if 0 <= int(v) < len(times) else ""
    plot.yValueAxis.valueMin = 0
    _axes_font(plot)
    d.add(plot)
    _y_title(d, plot, msg("hours"), language)
    _x_title(d, plot, msg("complaints in the order they came in (day registered)"), language)
    return d


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
