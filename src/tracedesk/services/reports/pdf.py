"""Shared PDF pieces for reports: fonts that draw Chinese and Latin text, styles, tables.

Droid Sans Fallback has the CJK glyphs but no Latin ones, so each paragraph is marked up in
runs: every character goes to the font that has it (the label fonts, registered once).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tracedesk.core.messages import Message, msg
from tracedesk.labels.fonts import LATIN_FONT, register_fonts, runs

BODY = ParagraphStyle("body", fontName=LATIN_FONT, fontSize=8.5, leading=11)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=9.5)
HEADING = ParagraphStyle("heading", parent=BODY, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=16, leading=20, spaceAfter=6)


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


def build(path: object, story: list[Flowable], *, title: str) -> None:
    register_fonts()
    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm, bottomMargin=14 * mm, title=title
    )
    doc.build(story)
