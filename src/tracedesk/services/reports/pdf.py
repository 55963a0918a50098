"""Shared PDF pieces for reports: fonts that draw Chinese and Latin text, styles, tables, pages.

Droid Sans Fallback has the CJK glyphs but no Latin ones, so each paragraph is marked up in
runs: every character goes to the font that has it (the label fonts, registered once).
Every page ends with "page n of m"; a heading never stays alone at the foot of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tracedesk.core.messages import Message, msg
from tracedesk.labels.fonts import LATIN_FONT, register_fonts, runs, text_width

BODY = ParagraphStyle("body", fontName=LATIN_FONT, fontSize=8.5, leading=11)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5)
# keepWithNext: a heading moves to the next page with the first thing under it.
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4, keepWithNext=1)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=16, leading=20, spaceAfter=6, keepWithNext=1)
MARGIN = 14 * mm
FOOTER_SIZE = 7.5
BANNER_SIZE = 11


def markup(text: object, language: str | None = None) -> str:
    """Paragraph markup with each run of characters in a font that has their glyphs.

    A Message is rendered in `language` (the station's), so one report never mixes languages.
    """
    register_fonts()
    parts = []
    plain = text.render(language) if isinstance(text, Message) else str(text if text is not None else "")
    for font, chunk in runs(plain):
        parts.append(escape(chunk) if font == LATIN_FONT else f'<font name="{font}">{escape(chunk)}</font>')
    return "".join(parts)


def para(text: object, style: ParagraphStyle = BODY, language: str | None = None) -> Paragraph:
    return Paragraph(markup(text, language), style)


def table(
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    language: str | None = None,
) -> Table:
    """A zebra-striped table whose cells wrap (long codes and Chinese names alike)."""
    data = [[para(h, SMALL, language) for h in header]] + [[para(c, SMALL, language) for c in row] for row in rows]
    t = Table(data, colWidths=[w * mm for w in widths] if widths else None, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f7fa")]),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b0b8c4")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def section(
    title: object,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    language: str | None = None,
) -> list[Flowable]:
    if not rows:
        return [para(title, HEADING, language), para(msg("none"), SMALL, language)]
    return [para(title, HEADING, language), table(header, rows, widths, language), Spacer(1, 3 * mm)]


def _draw_text(canvas: Canvas, x: float, y: float, text: str, size: float, *, right: bool = False) -> None:
    """One line in the fonts that have its glyphs, from `x` (or ending at `x` when `right`)."""
    if right:
        x -= text_width(text, size)
    for font, chunk in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += canvas.stringWidth(chunk, font, size)


def _page_canvas(footer: str, banner: str | None, language: str | None) -> type[Canvas]:
    """A canvas that holds its pages until the end, so each can say "page n of m"."""

    class PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab starts a blank page this way

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            width, height = A4
            self.saveState()
            self.setFillColor(colors.HexColor("#555555"))
            _draw_text(self, MARGIN, 7 * mm, footer, FOOTER_SIZE)
            pages = msg("page {page} of {pages}", page=number, pages=total).render(language)
            _draw_text(self, width - MARGIN, 7 * mm, pages, FOOTER_SIZE, right=True)
            if banner:
                self.setFillColor(colors.HexColor("#b00020"))
                _draw_text(self, width - MARGIN, height - 9 * mm, banner, BANNER_SIZE, right=True)
                _draw_text(self, MARGIN, 11 * mm, banner, FOOTER_SIZE)
            self.restoreState()

    return PagedCanvas


def build(path: object, story: list[Flowable], *, title: str, language: str | None = None, banner: object = None) -> None:
    """Write the PDF: the title and "page n of m" at each page foot, `banner` (e.g. MOCK RECALL) on every page."""
    register_fonts()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN, title=title
    )
    banner_text = None if banner is None else banner.render(language) if isinstance(banner, Message) else str(banner)
    doc.build(story, canvasmaker=_page_canvas(title, banner_text, language))
