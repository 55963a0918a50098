"""The material flow diagram as one scene item: its bands, nodes and labels painted together.

A year's flow has about a hundred bands and forty labelled nodes. As one pyqtgraph item each,
adding them to the plot held the GUI thread some 80 ms (pyqtgraph's bookkeeping per item and
per label transform); as one item the draw is a few milliseconds. Hover and click find the
element under the mouse by its shape, as the items did themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsObject, QStyleOptionGraphicsItem, QWidget

from tracedesk.services.flow_layout import NODE_WIDTH, OTHERS

if TYPE_CHECKING:
    from tracedesk.ui.charts import Chart

BAND_COLOUR = QColor(115, 140, 180, 110)
LABEL_COLOUR = QColor("#222222")
LABEL_GAP = 3  # pixels between a node and its label


class FlowItem(QGraphicsObject):
    """Every band (a curved path), node (a bar) and node label of a flow layout.

    Labels are painted in device pixels beside their node, so they keep their size whatever
    the view's scale (as pyqtgraph's TextItem does). `bounds` is the data area the chart shows,
    which the labels may reach into.
    """

    def __init__(self, chart: Chart, shape: Any, colours: dict[str, QColor], bounds: QRectF) -> None:
        super().__init__()
        self.chart = chart
        self.bounds = bounds
        self.bands: list[tuple[QPainterPath, object, str]] = []
        for band in shape.bands:
            f = band.link
            source, target = f.source.split(":", 1)[1], f.target.split(":", 1)[1]
            # A band to or from the merged smaller nodes has no single pair of codes to list.
            key = None if OTHERS in (source, target) else (f.source, f.target)
            self.bands.append((_band_path(band), key, f"{source} → {target}: {f.quantity} {f.unit}"))
        self.nodes: list[tuple[QRectF, QColor, str]] = []
        self.labels: list[tuple[QPointF, str, bool, float]] = []  # where, text, to the right of the point, node size
        for node in shape.nodes:
            rect = QRectF(node.x, node.y, NODE_WIDTH, max(node.height, 0.004))
            self.nodes.append((rect, colours[node.kind], f"{node.code}: {node.value:g}"))
            last = node.column == shape.columns - 1
            self.labels.append(
                (QPointF(node.x + (NODE_WIDTH if last else 0), node.y + node.height / 2), node.code, last, node.height)
            )
        self.setAcceptHoverEvents(True)

    @property
    def keys(self) -> list[object]:
        return [key for _path, key, _tip in self.bands]

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self.bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(BAND_COLOUR))
        for path, _key, _tip in self.bands:
            painter.drawPath(path)
        for rect, colour, _tip in self.nodes:
            painter.fillRect(rect, colour)
        to_device = painter.transform()
        painter.resetTransform()
        painter.setPen(LABEL_COLOUR)
        metrics = painter.fontMetrics()
        for rect, text in self.placed_labels(to_device, metrics):
            painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), text)
        painter.setTransform(to_device)

    def placed_labels(self, to_device: QTransform, metrics: QFontMetrics) -> list[tuple[QRectF, str]]:
        """The labels that fit, in device pixels: a label that would overlap one already placed is
        left out, the larger nodes' first (many thin customer nodes would otherwise print on top
        of each other); the node's name still shows when pointed at."""
        placed: list[tuple[QRectF, str]] = []
        for point, text, right, _size in sorted(self.labels, key=lambda label: -label[3]):
            at = to_device.map(point)
            width = metrics.horizontalAdvance(text)
            x = at.x() + LABEL_GAP if right else at.x() - LABEL_GAP - width
            rect = QRectF(x, at.y() - metrics.height() / 2, width, metrics.height())
            if not any(rect.intersects(other) for other, _text in placed):
                placed.append((rect, text))
        return placed

    def element_at(self, point: QPointF) -> tuple[object, str] | None:
        """(key, description) of the node or band at `point` (data coordinates); nodes lie on top."""
        for rect, _colour, tip in self.nodes:
            if rect.contains(point):
                return None, tip
        for path, key, tip in reversed(self.bands):
            if path.contains(point):
                return key, tip
        return None

    def hoverEvent(self, event: Any) -> None:  # noqa: N802 - pyqtgraph's name
        if event.isExit():
            return
        found = self.element_at(event.pos())
        self.setToolTip(found[1] if found else "")
        if found:
            self.chart.hovered.emit(found[1])

    def mouseClickEvent(self, event: Any) -> None:  # noqa: N802 - pyqtgraph's name
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.element_at(event.pos())
        if found is not None:
            event.accept()
            self.chart.pick(found[0])


def _band_path(band: Any) -> QPainterPath:
    path = QPainterPath(QPointF(band.x0, band.top0))
    middle = (band.x0 + band.x1) / 2
    path.cubicTo(QPointF(middle, band.top0), QPointF(middle, band.top1), QPointF(band.x1, band.top1))
    path.lineTo(QPointF(band.x1, band.top1 + band.width))
    path.cubicTo(
        QPointF(middle, band.top1 + band.width),
        QPointF(middle, band.top0 + band.width),
        QPointF(band.x0, band.top0 + band.width),
    )
    path.closeSubpath()
    return path
