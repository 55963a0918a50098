"""The family as a picture: lots as boxes by level (made-from on the left, used-in on the right), arrows between."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF, QWheelEvent
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsTextItem, QGraphicsView, QWidget

from tracedesk.services.family import FamilyGraph, FamilyNode
from tracedesk.ui.formatting import qty, status_text
from tracedesk.ui.style import STATUS_COLOURS
from tracedesk.ui.qtcompat import emit

BOX_W, BOX_H = 220.0, 64.0
COLUMN_GAP, ROW_GAP = 90.0, 18.0


class _LotBox(QGraphicsRectItem):
    def __init__(self, node: FamilyNode, centre: bool) -> None:
        super().__init__(0, 0, BOX_W, BOX_H)
        self.code = node.code
        held = node.status in ("on_hold", "rejected")
        colour = STATUS_COLOURS.get(node.status, QColor("#607080"))
        self.setBrush(QBrush(QColor("#fdecea") if held else QColor("#e8f0fb") if centre else QColor("#ffffff")))
        self.setPen(QPen(colour, 3.5 if centre or held else 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(f"{node.code}\n{node.item} — {node.item_name}\n{qty(node.quantity, node.unit)}\n{status_text(node.status)}")
        text = QGraphicsTextItem(f"{node.code}\n{node.item} · {qty(node.quantity, node.unit)}\n{status_text(node.status)}", self)
        font = QFont()
        font.setPointSizeF(9)
        text.setFont(font)
        text.setDefaultTextColor(QColor("#b71c1c") if held else QColor("#1d2b3a"))
        text.setPos(6, 2)


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

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().mouseReleaseEvent(event)
        item: QGraphicsItem | None = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, _LotBox):
            item = item.parentItem()
        if isinstance(item, _LotBox):
            emit(self.lot_clicked, item.code)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


