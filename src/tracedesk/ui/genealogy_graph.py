"""The family as a picture: lots as boxes by level (made-from on the left, used-in on the right), arrows between."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF, QWheelEvent
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

BOX_W, BOX_H = 220.0, 64.0  # the smallest box; a graph's boxes grow to hold their longest line
MAX_BOX_W = 420.0  # wider text wraps onto more lines instead
LINE_H, PAD = 19.0, 8.0
COLUMN_GAP, ROW_GAP = 90.0, 18.0


def box_font(bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(14)
    font.setBold(bold)
    return font


def wrap_line(text: str, width: float, metrics: QFontMetricsF) -> list[str]:
    """The text in lines no wider than `width`, broken at spaces (or anywhere, for one long word)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while metrics.horizontalAdvance(current) > width and len(current) > 1:
            cut = len(current)
            while cut > 1 and metrics.horizontalAdvance(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


def box_lines(node: FamilyNode) -> tuple[str, str, str]:
    return node.code, f"{node.item} · {qty(node.quantity, node.unit)}", lot_status_text(node.status, node.suspect)


class _LotBox(QGraphicsRectItem):
    """One lot: code, item and quantity, status; held and rejected lots in red."""

    def __init__(self, node: FamilyNode, centre: bool, width: float = BOX_W, height: float = BOX_H) -> None:
        super().__init__(0, 0, width, height)
        self.width = width
        self.code = node.code
        self.node = node
        # Held, rejected and suspect lots (made from held material) all stand out in red.
        self.held = node.status in ("on_hold", "rejected") or bool(node.suspect)
        colour = lot_status_colour(node.status, node.suspect) or QColor("#607080")
        self.setBrush(QBrush(QColor("#fdecea") if self.held else QColor("#e8f0fb") if centre else QColor("#ffffff")))
        self.setPen(QPen(colour, 3.5 if centre or self.held else 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        status = lot_status_text(node.status, node.suspect)
        code, item, _status = box_lines(node)
        # Every line fits the box: a long status (a hold's reason) wraps instead of being cut.
        inner = width - 2 * PAD
        self.lines = (
            *wrap_line(code, inner, QFontMetricsF(box_font(True))),
            *(line for text in (item, status) for line in wrap_line(text, inner, QFontMetricsF(box_font()))),
        )
        self.bold_lines = len(wrap_line(code, inner, QFontMetricsF(box_font(True))))
        self.setToolTip(f"{node.code}\n{node.item} — {node.item_name}\n{qty(node.quantity, node.unit)}\n{status}")

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        painter.setPen(QColor("#b71c1c") if self.held else QColor("#1d2b3a"))
        for number, line in enumerate(self.lines):
            painter.setFont(box_font(number < self.bold_lines))
            painter.drawText(
                QRectF(PAD, 4 + number * LINE_H, self.width - 2 * PAD, LINE_H),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                line,
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
        self.box_size = (BOX_W, BOX_H)

    def show_graph(self, graph: FamilyGraph) -> None:
        scene = self.scene()
        scene.clear()
        self.boxes = {}
        # One size for every box of the picture: as wide as its longest line (up to MAX_BOX_W,
        # then lines wrap), as tall as its most lines, so no box cuts its text.
        bold, plain = QFontMetricsF(box_font(True)), QFontMetricsF(box_font())
        widest = BOX_W - 2 * PAD
        for nodes in graph.levels.values():
            for node in nodes:
                code, item, status = box_lines(node)
                widest = max(widest, bold.horizontalAdvance(code), plain.horizontalAdvance(item), plain.horizontalAdvance(status))
        box_w = min(widest + 2 * PAD + 2, MAX_BOX_W)
        boxes = [
            (level, node, _LotBox(node, node.code == graph.centre, box_w))
            for level, nodes in graph.levels.items()
            for node in nodes
        ]
        box_h = max([BOX_H, *(len(box.lines) * LINE_H + 2 * PAD for _, _, box in boxes)])
        by_level: dict[int, list[_LotBox]] = {}
        for level, _node, box in boxes:
            box.setRect(0, 0, box_w, box_h)
            by_level.setdefault(level, []).append(box)
        self.box_size = (box_w, box_h)
        for level, nodes in graph.levels.items():
            x = level * (box_w + COLUMN_GAP)
            total_h = len(nodes) * (box_h + ROW_GAP)
            for i, box in enumerate(by_level.get(level, [])):
                box.setPos(x, i * (box_h + ROW_GAP) - total_h / 2)
                scene.addItem(box)
                self.boxes[box.code] = box
            if graph.hidden.get(level):
                more = scene.addText(self.tr("+ {0} more").format(graph.hidden[level]))
                more.setPos(x, total_h / 2)
        pen = QPen(QColor("#7b8a99"), 1.5)
        for parent, child in graph.edges:
            a, b = self.boxes.get(parent), self.boxes.get(child)
            if a is None or b is None:
                continue
            start = a.pos() + QPointF(box_w, box_h / 2)
            end = b.pos() + QPointF(0, box_h / 2)
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
