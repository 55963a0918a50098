"""Render labels to one PDF job: a page per label copy, each page exactly the label's size."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import fonts
from tracedesk.labels.data import LabelData
from tracedesk.labels.layout import MM_PER_PT, LabelLayout, PlacedBarcode, PlacedText, layout_label
from tracedesk.labels.templates import LabelTemplate

# Module sizes are whole dots at this resolution; 300 dpi modules are also whole dots at 600.
DEFAULT_PDF_DPI = 300


def layout_job(template: LabelTemplate, labels: Sequence[LabelData], dpi: int) -> list[LabelLayout]:
    """One layout per label (copies repeat it); the renderers and the tests share these."""
    if not labels:
        raise InvalidInput("There is nothing to print: no labels were given.")
    return [layout_label(template, label, dpi) for label in labels]


def render_pdf(template: LabelTemplate, labels: Sequence[LabelData], copies: int = 1, dpi: int = DEFAULT_PDF_DPI) -> bytes:
    """A PDF with `copies` pages for each label, in order, with the font subset embedded."""
    if copies < 1:
        raise InvalidInput("The number of copies must be at least 1, not {copies}.", copies=copies)
    layouts = layout_job(template, labels, dpi)
    buffer = io.BytesIO()
    size = (template.width_mm / MM_PER_PT, template.height_mm / MM_PER_PT)
    # invariant: the same labels give the same bytes (no timestamps or random ids in the file).
    canvas = Canvas(buffer, pagesize=size, invariant=True, pageCompression=1)
    canvas.setTitle(f"{template.title} ({len(layouts) * copies} labels)")
    canvas.setCreator("TraceDesk")
    fonts.register_fonts()
    for layout in layouts:
        for _ in range(copies):
            _draw(canvas, layout, size[1])
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write_pdf(path: Path, template: LabelTemplate, labels: Sequence[LabelData], copies: int = 1) -> Path:
    """render_pdf into a file (written whole, so a printer spooler never sees half a job)."""
    data = render_pdf(template, labels, copies)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)
    return path


def _draw(canvas: Canvas, layout: LabelLayout, page_height: float) -> None:
    def y(mm: float) -> float:
        return page_height - mm / MM_PER_PT

    canvas.setStrokeColorRGB(0, 0, 0)
    for line in layout.lines:
        canvas.setLineWidth(line.width / MM_PER_PT)
        canvas.line(line.x1 / MM_PER_PT, y(line.y1), line.x2 / MM_PER_PT, y(line.y2))
    for text in layout.texts:
        _draw_text(canvas, text, y)
    for barcode in layout.barcodes:
        _draw_barcode(canvas, barcode, y)
        if barcode.hri is not None:
            _draw_text(canvas, barcode.hri, y)


def _draw_text(canvas: Canvas, text: PlacedText, y: Callable[[float], float]) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    for index, line in enumerate(text.lines):
        baseline_mm = text.box.y + index * text.line_pitch_mm + fonts.BASELINE * text.size * MM_PER_PT
        writer = canvas.beginText(text.line_x(index) / MM_PER_PT, y(baseline_mm))
        for font, run in fonts.runs(line):
            writer.setFont(font, text.size)
            writer.textOut(run)
        canvas.drawText(writer)


def _draw_barcode(canvas: Canvas, barcode: PlacedBarcode, y: Callable[[float], float]) -> None:
    dot_pt = 72 / barcode.dpi
    module_pt = barcode.module_dots * dot_pt
    x0 = barcode.x_dots * dot_pt
    top = y(barcode.mm(barcode.y_dots))
    rows = barcode.symbol.rows
    row_height = barcode.bar_height_dots * dot_pt if barcode.symbol.is_linear else module_pt
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        for start, length in _runs(row):
            path.rect(x0 + start * module_pt, top - (r + 1) * row_height, length * module_pt, row_height)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)


def _runs(row: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark modules: one rectangle per bar, no hairline seams."""
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None
