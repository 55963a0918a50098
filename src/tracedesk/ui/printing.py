"""Printing lot labels: reportlab PDF files, or the same layout painted on a Qt printer (preview or direct)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.labels import LabelData, for_containers, load_templates, write_pdf
from tracedesk.labels.layout import LabelLayout, PlacedText, layout_label
from tracedesk.labels.templates import LabelTemplate
from tracedesk.services.dto import LotInfo

log = logging.getLogger(__name__)
PAINT_DPI = 300


def label_for(lot: LotInfo, company: str = "") -> LabelData:
    """A lot's label data (GTIN only when it is a valid 14-digit one)."""
    gtin = lot.gtin if lot.gtin and len(lot.gtin) == 14 and lot.gtin.isdigit() else None
    return LabelData(
        lot_code=lot.code, item_code=lot.item, item_name=lot.item_name, quantity=lot.quantity, unit=lot.unit,
        gtin=gtin, supplier_name=lot.supplier_name or "", supplier_lot=lot.supplier_lot or "",
        received_on=lot.received_at.date() if lot.received_at else None,
        produced_on=lot.produced_at.date() if lot.produced_at else None, expiry=lot.expiry,
        status=lot.status, order_number=lot.order or "", company_name=company,
    )


def container_labels(lot: LotInfo, containers: int, company: str = "") -> list[LabelData]:
    """One label per container; each shows its share when the quantity divides evenly."""
    label = label_for(lot, company)
    if containers <= 1:
        return [label]
    share = (lot.quantity / containers).quantize(Decimal("0.000001"))
    if share * containers == lot.quantity:
        return for_containers(label, [share.normalize()] * containers)
    return for_containers(label, [lot.quantity] * containers)


class LabelPrinter:
    """Prints labels the way this station is set up: `pdf`, `preview` or `printer`."""

    def __init__(self, output: str, folder: Path, parent: QWidget | None = None) -> None:
        self.output = output
        self.folder = folder
        self.parent = parent
        self.last_file: Path | None = None

    def template(self, name: str) -> LabelTemplate:
        templates = load_templates()
        if name not in templates:
            raise TraceDeskError(f"The label template {name!r} is missing; choose another under settings.")
        return templates[name]

    def print_labels(self, template_name: str, labels: Sequence[LabelData]) -> str:
        """Print; returns a sentence for the banner or raises TraceDeskError with the cause."""
        template = self.template(template_name)
        if self.output == "pdf":
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", labels[0].lot_code)
            path = self.folder / f"{safe}-{template_name}.pdf"
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                write_pdf(path, template, list(labels))
            except OSError as error:
                raise TraceDeskError(f"The labels could not be saved to {path}: {error.strerror}.") from None
            self.last_file = path
            return f"{len(labels)} label(s) saved to {path}."
        layouts = [layout_label(template, label, PAINT_DPI) for label in labels]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(QPageLayout(
            QPageSize(QSizeF(template.width_mm, template.height_mm), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        if self.output == "preview":
            dialog = QPrintPreviewDialog(printer, self.parent)
            dialog.paintRequested.connect(lambda p: paint_layouts(p, layouts))
            dialog.exec()
            return f"{len(labels)} label(s) sent to the print preview."
        if not printer.isValid():
            raise TraceDeskError("No printer is installed on this PC; choose 'save as PDF' under settings.")
        paint_layouts(printer, layouts)
        return f"{len(labels)} label(s) sent to {printer.printerName() or 'the printer'}."


def paint_layouts(printer: QPrinter, layouts: Sequence[LabelLayout]) -> None:
    """Paint each label layout on its own page, in millimetres of the template."""
    painter = QPainter()
    if not painter.begin(printer):
        raise TraceDeskError("The printer refused the job; check that it is switched on and has labels.")
    try:
        scale = printer.resolution() / 25.4
        for number, layout in enumerate(layouts):
            if number:
                printer.newPage()
            _paint(painter, layout, scale)
    finally:
        painter.end()


def _paint(painter: QPainter, layout: LabelLayout, scale: float) -> None:
    painter.setPen(Qt.GlobalColor.black)
    for line in layout.lines:
        pen = painter.pen()
        pen.setWidthF(line.width * scale)
        painter.setPen(pen)
        painter.drawLine(QPointF(line.x1 * scale, line.y1 * scale), QPointF(line.x2 * scale, line.y2 * scale))
    for text in layout.texts:
        _paint_text(painter, text, scale)
    for barcode in layout.barcodes:
        module = barcode.mm(barcode.module_dots) * scale
        x0 = barcode.mm(barcode.x_dots) * scale
        y0 = barcode.mm(barcode.y_dots) * scale
        row_h = barcode.mm(barcode.bar_height_dots) * scale if barcode.symbol.is_linear else module
        for r, row in enumerate(barcode.symbol.rows):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(QRectF(x0 + c * module, y0 + r * row_h, module, row_h), Qt.GlobalColor.black)
        if barcode.hri is not None:
            _paint_text(painter, barcode.hri, scale)


def _paint_text(painter: QPainter, text: PlacedText, scale: float) -> None:
    font = QFont()
    font.setPointSizeF(text.size)
    painter.setFont(font)
    for index, line in enumerate(text.lines):
        top = (text.box.y + index * text.line_pitch_mm) * scale
        rect = QRectF(text.box.x * scale, top, text.box.w * scale, text.line_pitch_mm * scale)
        align = {"left": Qt.AlignmentFlag.AlignLeft, "center": Qt.AlignmentFlag.AlignHCenter,
                 "right": Qt.AlignmentFlag.AlignRight}[text.align]
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), line)

