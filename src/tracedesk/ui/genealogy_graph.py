"""The family as a picture: lots as boxes by level (made-from on the left, used-in on the right), arrows between."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from tracedesk.services.family import FamilyGraph, FamilyNode
from tracedesk.ui.formatting import lot_status_colour, lot_status_text, qty

BOX_W, BOX_H = 220.0, 64.0
COLUMN_GAP, ROW_GAP = 90.0, 18.0


class _LotBox(QGraphicsRectItem):
    """One lot: code, item and quantity, status; held and rejected lots in red."""

    def __init__(self, node: FamilyNode, centre: bool) -> None:
        super().__init__(0, 0, BOX_W, BOX_H)
        self.code = node.code
        # Held, rejected and suspect lots (made from held material) all stand out in red.
        self.held = node.status in ("on_hold", "rejected") or bool(node.suspect)
        colour = lot_status_colour(node.status, node.suspect) or QColor("#607080")
        self.setBrush(QBrush(QColor("#fdecea") if self.held else QColor("#e8f0fb") if centre else QColor("#ffffff")))
        self.setPen(QPen(colour, 3.5 if centre or self.held else 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        status = lot_status_text(node.status, node.suspect)
        self.lines = (node.code, f"{node.item} · {qty(node.quantity, node.unit)}", status)
        self.setToolTip(f"{node.code}\n{node.item} — {node.item_name}\n{qty(node.quantity, node.unit)}\n{status}")

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        font = QFont(painter.font())
        font.setPixelSize(14)
        painter.setPen(QColor("#b71c1c") if self.held else QColor("#1d2b3a"))
        for number, line in enumerate(self.lines):
            font.setBold(number == 0)
            painter.setFont(font)
            painter.drawText(
                QRectF(8, 4 + number * 19, BOX_W - 16, 19), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line
            )


class FamilyGraphView(QGraphicsView):
    """Wheel zooms, drag pans, a click on a lot emits `lot_clicked` (the QA screen re-centres on it)."""

    lot_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.boxes: dict[str, _LotBox] = {}

    def show_graph(self, graph: FamilyGraph) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        for level, nodes in graph.levels.items():
            x = level * (BOX_W + COLUMN_GAP)
            total_h = len(nodes) * (BOX_H + ROW_GAP)
            for i, node in enumerate(nodes):
                box = _LotBox(node, node.code == graph.centre)
                box.setPos(x, i * (BOX_H + ROW_GAP) - total_h / 2)
                scene.addItem(box)
                self.boxes[node.code] = box
            if graph.hidden.get(level):
                more = scene.addText(self.tr("+ {0} more").format(graph.hidden[level]))
                more.setPos(x, total_h / 2)
        pen = QPen(QColor("#7b8a99"), 1.5)
        for parent, child in graph.edges:
            a, b = self.boxes.get(parent), self.boxes.get(child)
            if a is None or b is None:
                continue
            start = a.pos() + QPointF(BOX_W, BOX_H / 2)
            end = b.pos() + QPointF(0, BOX_H / 2)
            scene.addLine(start.x(), start.y(), end.x(), end.y(), pen).setZValue(-1)
            head = QPolygonF([end, end + QPointF(-10, -5), end + QPointF(-10, 5)])
            scene.addPolygon(head, pen, QBrush(QColor("#7b8a99"))).setZValue(-1)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        self.resetTransform()
        self.centerOn(self.boxes[graph.centre] if graph.centre in self.boxes else QPointF(0, 0))

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().mouseReleaseEvent(event)
        pressed = getattr(self, "_pressed_at", None)
        if pressed is not None and (event.position().toPoint() - pressed).manhattanLength() > 6:
            return  # a pan, not a click
        item: QGraphicsItem | None = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, _LotBox):
            item = item.parentItem()
        if isinstance(item, _LotBox):
            self.lot_clicked.emit(item.code)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
