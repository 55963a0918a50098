"""The dashboard's charts on screen, drawn with pyqtgraph: every bar, point and band hovers and clicks.

Imported only when the dashboard first opens (pyqtgraph and numpy cost start-up time the rest
of the app does not need). Each chart shows one part of a `Dashboard`; an element under the
mouse tells what it is (`hovered`), a click asks for what lies behind it (`picked`, with the
chart's name and the element's key). Exports write the chart as PNG and SVG.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from tracedesk.services.analytics import EXPIRY_BUCKETS, OrderYield, SupplierMonth, pareto, supplier_months
from tracedesk.services.dashboard import Dashboard
from tracedesk.services.flow_layout import layout, simplified
from tracedesk.ui.flow_item import FlowItem

pg.setConfigOptions(antialias=True, background="w", foreground="#333333")

BLUE, RED, GREY, ORANGE = QColor("#2b6cb0"), QColor("#c53030"), QColor("#718096"), QColor("#dd6b20")
HISTORY = QColor("#edf0f4")  # the ground of a p-chart's months before the period (as in the review)
BUCKET_COLOURS = tuple(QColor(c) for c in ("#9b2c2c", "#dd6b20", "#d69e2e", "#68d391", "#2f855a"))
KIND_COLOURS = {"supplier": QColor("#2b6cb0"), "item": QColor("#718096"), "customer": QColor("#2f855a")}
_RING = 10_000_000  # a point's data: its scatter's number x _RING + its position in it
# Hours from receipt to release (the quality review PDF counts the same bars): a plant that
# releases within the shift and one that waits a week for the lab both spread over several.
LEAD_BINS = ((0, 1), (1, 4), (4, 24), (24, 48), (48, 72), (72, 168), (168, 336), (336, None))
LEAD_LABELS = ("0-1 h", "1-4 h", "4-24 h", "1-2 d", "2-3 d", "3-7 d", "7-14 d", ">14 d")
# Bands of 10 points centred on 0, ±10, ...: an order 0.1 % short sits in the 0 band, not in "-10".
YIELD_EDGES = tuple(range(-55, 65, 10))


class _Element:
    """A chart element that knows its description and its key: hover tells, a click picks."""

    chart: Chart
    key: object
    tip: str

    def hoverEvent(self, event: Any) -> None:  # noqa: N802 - pyqtgraph's name
        if not event.isExit():
            self.chart.hovered.emit(self.tip)

    def mouseClickEvent(self, event: Any) -> None:  # noqa: N802 - pyqtgraph's name
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self.chart.pick(self.key)


class Box(_Element, QGraphicsRectItem):
    def __init__(self, chart: Chart, rect: QRectF, colour: QColor, key: object, tip: str) -> None:
        QGraphicsRectItem.__init__(self, rect)
        self.chart, self.key, self.tip = chart, key, tip
        self.setBrush(QBrush(colour))
        pen = QPen(colour.darker(130))
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setToolTip(tip)
        self.setAcceptHoverEvents(True)


class Boxes(QGraphicsObject):
    """The parent of a chart's bars: added to the plot once, not once per bar.

    pyqtgraph's work per item added to a plot (a millisecond or more) held the window for
    tens of milliseconds for a year's weekly bands; the bars themselves are plain Qt items.
    Its bounds are its bars', so the plot's automatic range still fits them.
    """

    def add(self, item: QGraphicsItem) -> None:
        self.prepareGeometryChange()
        item.setParentItem(self)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.childrenBoundingRect()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass  # the bars paint themselves


class Chart(QObject):
    """One chart: a pyqtgraph plot and the keys of what it shows."""

    hovered = Signal(str)
    picked = Signal(str, object)  # chart name, element key

    name = ""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.widget = pg.PlotWidget(parent, title=title)
        self.widget.setMinimumHeight(200)  # a row of them, axes included, fits the dashboard at 1366 x 768
        self.plot: Any = self.widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):  # "% (x0.001)" reads as a unit of its own: show the values as they are
            self.plot.getAxis(side).enableAutoSIPrefix(False)
        self.keys: list[object] = []
        self._spots: dict[int, tuple[list[object], Callable[[object], str]]] = {}
        self._boxes: Boxes | None = None

    def pick(self, key: object) -> None:
        if key is not None:
            self.picked.emit(self.name, key)

    def clear(self) -> None:
        self.plot.clear()
        self.keys = []
        self._spots = {}
        self._boxes = None

    @staticmethod
    def prepare(dashboard: Dashboard) -> Any:
        """What `draw` needs, worked out without Qt: the dashboard runs it on the database thread,
        so a year of 50,000 orders is sorted and binned there, not on the GUI thread."""
        return dashboard

    def show(self, dashboard: Dashboard) -> None:
        self.draw(self.prepare(dashboard))

    def draw(self, prepared: Any) -> None:
        raise NotImplementedError

    def box(self, x: float, y: float, width: float, height: float, colour: QColor, key: object, tip: str) -> Box:
        if self._boxes is None:
            self._boxes = Boxes()
            self.plot.addItem(self._boxes)
        item = Box(self, QRectF(x, y, width, height), colour, key, tip)
        self._boxes.add(item)
        self.keys.append(key)
        return item

    @property
    def boxes(self) -> list[Box]:
        """The bars and bands drawn now."""
        return [] if self._boxes is None else [item for item in self._boxes.childItems() if isinstance(item, Box)]

    def points(
        self,
        xs: list[float],
        ys: list[float],
        keys: list[object],
        tip: Callable[[object], str],
        colour: QColor,
        size: int = 8,
    ) -> None:
        """Clickable, hoverable points (arrays, not one item per point: a year has 50,000 orders);
        `tip` writes a point's description when the mouse reaches it."""
        if not xs:
            return
        # A point's data is its index (numpy would take tuples and strings apart); keys stay here.
        self._spots[len(self._spots)] = (list(keys), tip)
        ring = len(self._spots) - 1
        data = np.arange(len(keys)) + ring * _RING
        scatter = pg.ScatterPlotItem(
            x=np.asarray(xs, dtype=float),
            y=np.asarray(ys, dtype=float),
            data=data,
            size=size,
            brush=pg.mkBrush(colour),
            pen=pg.mkPen(colour.darker(130)),
            hoverable=True,
            tip=None,
        )
        scatter.sigClicked.connect(self._spot_clicked)
        scatter.sigHovered.connect(self._spot_hovered)
        self.plot.addItem(scatter)
        self.keys += keys

    def _spot(self, spots: Any) -> tuple[object, Callable[[object], str]] | None:
        if not len(spots):
            return None
        ring, position = divmod(int(spots[0].data()), _RING)
        keys, tip = self._spots[ring]
        return keys[position], tip

    def _spot_clicked(self, _item: object, spots: Any, _event: object = None) -> None:
        found = self._spot(spots)
        if found is not None:
            self.pick(found[0])

    def _spot_hovered(self, _item: object, spots: Any, _event: object = None) -> None:
        found = self._spot(spots)
        if found is not None:
            self.hovered.emit(found[1](found[0]))

    def ticks(self, axis: str, labels: list[str], every: int = 1) -> None:
        self.plot.getAxis(axis).setTicks([[(i, label) for i, label in enumerate(labels) if i % every == 0]])

    def counts_axis(self, largest: float) -> None:
        """A value axis of counts: from 0 (not -0.5), whole-number ticks (no half complaints)."""
        top = max(largest, 1.0)
        rough = top / 5
        scale = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
        step = next(m * scale for m in (1, 2, 5, 10) if m * scale >= rough)
        self.plot.setYRange(0, top * 1.08, padding=0)
        self.plot.getAxis("left").setTickSpacing(major=step, minor=step)

    def export(self, folder: Path, stem: str) -> list[Path]:
        """The chart as PNG and SVG in `folder`."""
        png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
        exporters.ImageExporter(self.plot).export(str(png))
        # Qt's own SVG writer: pyqtgraph's SVG exporter cannot re-read the curved paths of the flow.
        view = self.widget
        generator = QSvgGenerator()
        generator.setFileName(str(svg))
        generator.setSize(view.viewport().size())
        generator.setViewBox(view.viewport().rect())
        generator.setTitle(self.plot.titleLabel.text)
        painter = QPainter(generator)
        try:
            view.render(painter, QRectF(view.viewport().rect()), view.viewport().rect())
        finally:
            painter.end()
        return [png, svg]


class SupplierChart(Chart):
    """A p-chart: one supplier's monthly rejection rate, its 3-sigma upper limit and centre line,
    over the year up to the period's end; the months before the period are shaded."""

    name = "suppliers"

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.supplier: str | None = None
        self.suppliers: list[str] = []
        self.months: list[str] = []  # the x axis: months before the period (shaded), then the period's
        self._dashboard: Dashboard | None = None

    def draw(self, dashboard: Any) -> None:
        self._dashboard = dashboard
        by_supplier: dict[str, list[SupplierMonth]] = defaultdict(list)
        for p in dashboard.suppliers:
            by_supplier[p.supplier].append(p)
        drifting = {p.supplier for p in dashboard.drifting}
        self.suppliers = sorted(by_supplier, key=lambda s: (s not in drifting, -sum(p.received for p in by_supplier[s]), s))
        if self.supplier not in by_supplier:
            self.supplier = self.suppliers[0] if self.suppliers else None
        self.redraw()

    def _tip(self, key: object) -> str:
        found = [p for p in (self._dashboard.suppliers if self._dashboard else ()) if (p.supplier, p.month) == key]
        if not found:
            return ""
        p = found[0]
        return f"{p.supplier} {p.month}: {p.rejected}/{p.received} = {p.rate * 100:.1f}% (UCL {p.upper * 100:.1f}%)"

    def choose(self, supplier: str) -> None:
        self.supplier = supplier
        self.redraw()

    def redraw(self) -> None:
        """The chosen supplier's p-chart."""
        self.clear()
        if self._dashboard is None or self.supplier is None:
            return
        period = self._dashboard.period
        # Every supplier on one axis: the months since the first receipt of the window, the
        # period's own months last; the year before them is the baseline, shown as context.
        self.months = months = supplier_months(list(self._dashboard.suppliers), period)
        points = [p for p in self._dashboard.suppliers if p.supplier == self.supplier]
        index = {m: i for i, m in enumerate(months)}
        history = months.index(period.months[0])
        if history:
            shade = pg.LinearRegionItem((-0.5, history - 0.5), movable=False, brush=pg.mkBrush(HISTORY), pen=pg.mkPen(None))
            shade.setZValue(-10)
            self.plot.addItem(shade)
        xs = [float(index[p.month]) for p in points]
        self.plot.plot(xs, [p.upper * 100 for p in points], pen=pg.mkPen(RED, style=Qt.PenStyle.DashLine, width=1.5))
        self.plot.plot(xs, [p.center * 100 for p in points], pen=pg.mkPen(GREY, width=1))
        self.plot.plot(xs, [p.rate * 100 for p in points], pen=pg.mkPen(BLUE, width=1.5))
        for drifting in (False, True):
            chosen = [p for p in points if p.is_drifting == drifting]
            self.points(
                [float(index[p.month]) for p in chosen],
                [p.rate * 100 for p in chosen],
                [(p.supplier, p.month) for p in chosen],
                self._tip,
                RED if drifting else BLUE,
                14 if drifting else 8,
            )
        # Every other month once a year of them would crowd half the screen, as under the complaints.
        self.ticks("bottom", months, max(1, math.ceil(len(months) / 7)))
        self.plot.setLabel("left", "%")
        top = max([10.0, *(p.upper * 100 for p in points), *(p.rate * 100 for p in points)]) * 1.1
        self.plot.setYRange(0, top)
        self.plot.setXRange(-0.5, len(months) - 0.5)
        if history:
            label = pg.TextItem(self.tr("before the period"), color=GREY, anchor=(0, 0))
            label.setPos(-0.45, top)
            self.plot.addItem(label)


class YieldChart(Chart):
    """Each order's deviation from its BOM by week (outliers red); with many orders, each week's
    usual orders are drawn as the band from their 10th to 90th percentile around the median."""

    name = "yield"
    MAX_POINTS = 3000

    @staticmethod
    def prepare(dashboard: Dashboard) -> Any:
        # One pass over a year's 50,000 orders, keeping only the deviations of the usual ones
        # (each order is read as an OrderYield and let go at once); the usual orders themselves
        # are kept only when few enough to draw one by one.
        per_week: dict[date, list[float]] = defaultdict(list)
        odd: list[OrderYield] = []
        for y in dashboard.yields:
            if y.outlier:
                odd.append(y)
            else:
                per_week[y.week].append(y.deviation)
        weeks = sorted(per_week.keys() | {y.week for y in odd})
        index = {w: i for i, w in enumerate(weeks)}
        bands = []
        usual: list[OrderYield] = []
        if sum(len(values) for values in per_week.values()) > YieldChart.MAX_POINTS:
            for week, values in sorted(per_week.items()):
                low, middle, high = (float(v) for v in np.percentile(values, [10, 50, 90]))
                bands.append((index[week], low, middle, high, len(values)))
        else:
            usual = [y for y in dashboard.yields if not y.outlier]

        def points(chosen: list[OrderYield]) -> tuple[list[float], list[float], list[object]]:
            return [float(index[y.week]) for y in chosen], [y.deviation for y in chosen], [y.order for y in chosen]

        return {
            "weeks": weeks,
            "bands": bands,
            "usual": points(usual),
            "odd": points(odd),
            "by_order": {y.order: y for y in (*usual, *odd)},
        }

    def draw(self, prepared: Any) -> None:
        self.clear()
        self.weeks = prepared["weeks"]
        by_order = prepared["by_order"]

        def tip(order: object) -> str:
            y = by_order[str(order)]
            return f"{y.order} {y.product}: {y.issued} / {y.expected.normalize()} ({y.deviation:+.1f}%)"

        middles = []
        for week, low, middle, high, count in prepared["bands"]:
            text = f"{count} orders: 10% {low:+.1f}%, median {middle:+.1f}%, 90% {high:+.1f}%"
            self.box(week - 0.35, low, 0.7, max(high - low, 0.2), QColor(43, 108, 176, 90), ("week", week), text)
            middles.append((float(week), middle))
        if middles:
            self.plot.plot([w for w, _m in middles], [m for _w, m in middles], pen=pg.mkPen(BLUE, width=2))
        for (xs, ys, keys), colour, size in ((prepared["usual"], BLUE, 7), (prepared["odd"], RED, 12)):
            self.points(xs, ys, keys, tip, colour, size)
        self.ticks("bottom", [f"{w:%m-%d}" for w in self.weeks], max(1, len(self.weeks) // 10))
        self.plot.setLabel("left", "%")


class DistributionChart(Chart):
    """How the orders' deviations from the BOM spread, in bands of 10 percentage points."""

    name = "yield_spread"

    @staticmethod
    def prepare(dashboard: Dashboard) -> Any:
        counts: dict[int, list[str]] = defaultdict(list)
        for y in dashboard.yields:
            counts[bisect_right(YIELD_EDGES, y.deviation)].append(y.order)
        return counts

    def draw(self, counts: Any) -> None:
        self.clear()
        labels = [f"<{YIELD_EDGES[0]}", *[str(e + 5) for e in YIELD_EDGES[:-1]], f">={YIELD_EDGES[-1]}"]
        for band, label in enumerate(labels):
            orders = counts.get(band, [])
            if orders:
                self.box(band - 0.4, 0, 0.8, len(orders), BLUE, tuple(orders), f"{label}%: {len(orders)}")
        self.ticks("bottom", labels)
        self.counts_axis(max((len(orders) for orders in counts.values()), default=0))


class LeadChart(Chart):
    """Days from receipt to release as a histogram; the waiting lots by age beside it in the list."""

    name = "lead_times"

    def draw(self, dashboard: Any) -> None:
        self.clear()
        bins: dict[int, list[str]] = defaultdict(list)
        for t in dashboard.lead_times:
            if t.released_at is not None:
                hours = t.days(dashboard.now) * 24
                bins[next(i for i, (_low, high) in enumerate(LEAD_BINS) if high is None or hours < high)].append(t.lot)
        for index, label in enumerate(LEAD_LABELS):
            lots = bins.get(index, [])
            if lots:
                self.box(index - 0.4, 0, 0.8, len(lots), BLUE, ("released", index), f"{label}: {len(lots)}")
        waiting = len(dashboard.waiting)
        if waiting:
            self.box(
                len(LEAD_LABELS) - 0.4 + 0.5, 0, 0.8, waiting, ORANGE, ("waiting", 0), self.tr("waiting now: {0}").format(waiting)
            )
        self.ticks("bottom", [*LEAD_LABELS, "", "…"])
        self.counts_axis(max([waiting, *(len(lots) for lots in bins.values())]))


class ExpiryChart(Chart):
    """Stock per item by days to expiry, stacked horizontally: expired, < 7, < 30, < 90, later."""

    name = "expiry"
    LIMIT = 15

    def __init__(self, title: str, bucket_names: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        legend = "&nbsp;&nbsp;".join(
            f'<span style="color:{colour.name()}">■</span> {escape(name)}'
            for colour, name in zip(BUCKET_COLOURS, bucket_names, strict=True)
        )
        self.plot.setTitle(f"{escape(title)}<br><small>{legend}</small>")
        self.bucket_names = dict(zip(EXPIRY_BUCKETS, bucket_names, strict=True))
        self.plot.getAxis("left").setWidth(80)

    def draw(self, dashboard: Any) -> None:
        self.clear()
        per_item: dict[str, dict[str, float]] = defaultdict(dict)
        for e in dashboard.expiry:
            per_item[e.item][e.bucket] = per_item[e.item].get(e.bucket, 0.0) + float(e.quantity)
        items = sorted(per_item, key=lambda i: (-sum(per_item[i].values()), i))[: self.LIMIT]
        for row, item in enumerate(items):
            left = 0.0
            for bucket, colour in zip(EXPIRY_BUCKETS, BUCKET_COLOURS, strict=True):
                amount = per_item[item].get(bucket, 0.0)
                if amount:
                    self.box(
                        left, row - 0.4, amount, 0.8, colour, (item, bucket), f"{item} {self.bucket_names[bucket]}: {amount:g}"
                    )
                    left += amount
        self.ticks("left", items)


class FlowChart(Chart):
    """The material flow as a Sankey diagram; each band hovers with its quantity and clicks to its lots."""

    name = "flow"

    @staticmethod
    def prepare(dashboard: Dashboard) -> Any:
        return layout(simplified(list(dashboard.flow)))

    def draw(self, shape: Any) -> None:
        self.clear()
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.getViewBox().invertY(True)
        # One item for the whole diagram: one per band, node and label held the window ~80 ms.
        item = FlowItem(self, shape, KIND_COLOURS, QRectF(-0.12, -0.02, 1.24, 1.04))
        self.plot.addItem(item)
        self.keys = item.keys
        self.plot.setXRange(-0.12, 1.12, padding=0)
        self.plot.setYRange(0, 1, padding=0.02)


class ComplaintsChart(Chart):
    """Complaints per month."""

    name = "complaints"

    def draw(self, dashboard: Any) -> None:
        self.clear()
        months = dashboard.period.months
        for index, month in enumerate(months):
            codes = [c.code for c in dashboard.complaints if c.month == month]
            if codes:
                self.box(index - 0.4, 0, 0.8, len(codes), BLUE, ("month", month), f"{month}: {len(codes)}")
        # Whole months ("26-02" reads as a day); every other one when a year would crowd them.
        self.ticks("bottom", months, max(1, math.ceil(len(months) / 7)))
        self.counts_axis(max((sum(1 for c in dashboard.complaints if c.month == m) for m in months), default=0))


class ParetoChart(Chart):
    """The Pareto of complaint causes: bars by count, the cumulative share as a line (right-hand %)."""

    name = "causes"

    def __init__(self, title: str, unstated: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.unstated = unstated

    def draw(self, dashboard: Any) -> None:
        self.clear()
        causes = pareto([c.cause for c in dashboard.complaints])
        top = max((count for _c, count, _s in causes), default=1)
        xs, ys = [], []
        for index, (cause, count, share) in enumerate(causes):
            self.box(index - 0.4, 0, 0.8, count, ORANGE, ("cause", cause), f"{cause or self.unstated}: {count} ({share:.0f}%)")
            xs.append(float(index))
            ys.append(share / 100 * top)
        if xs:
            self.plot.plot(xs, ys, pen=pg.mkPen(RED, width=1.5), symbol="o", symbolSize=5, symbolBrush=RED)
        self.ticks("bottom", [c or self.unstated for c, _n, _s in causes])
        self.counts_axis(top)


class YardstickChart(Chart):
    """Hours from each complaint to its first action (blue) and to its lot held (red), in time order."""

    name = "yardsticks"

    def draw(self, dashboard: Any) -> None:
        self.clear()
        times = sorted(dashboard.complaint_times, key=lambda t: t.registered_at)
        by_code = {t.complaint: t for t in times}

        def tip(code: object) -> str:
            t = by_code[str(code)]
            return f"{t.complaint} ({t.lot}): {_hours(t.hours_to_first_action)} h / {_hours(t.hours_to_hold)} h"

        for colour, hours in ((BLUE, lambda t: t.hours_to_first_action), (RED, lambda t: t.hours_to_hold)):
            chosen = [(i, t, hours(t)) for i, t in enumerate(times) if hours(t) is not None]
            self.points(
                [float(i) for i, _t, _h in chosen],
                [h for _i, _t, h in chosen],
                [t.complaint for _i, t, _h in chosen],
                tip,
                colour,
            )
        self.ticks("bottom", [f"{t.registered_at:%m-%d}" for t in times], max(1, len(times) // 10))
        self.plot.setLabel("left", "h")


def _hours(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


class RecallsChart(Chart):
    """Each recall (red) and mock-recall drill (grey) in time order, as tall as the lots it reached."""

    name = "recalls"

    def draw(self, dashboard: Any) -> None:
        self.clear()
        recalls = list(dashboard.recalls)
        for index, r in enumerate(recalls):
            timed = f", {r.seconds:.1f} s" if r.seconds is not None else ""
            tip = f"{r.code} {r.at:%Y-%m-%d}: {r.lots} lots, {r.customers} customers{timed}"
            self.box(index - 0.4, 0, 0.8, max(r.lots, 0.05), RED if r.kind == "recall" else GREY, (r.kind, r.code), tip)
        self.ticks("bottom", [f"{r.at:%m-%d}" for r in recalls], max(1, len(recalls) // 10))
        self.counts_axis(max((r.lots for r in recalls), default=0))
