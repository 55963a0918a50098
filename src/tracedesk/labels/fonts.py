"""The label fonts, registered once with reportlab, and which one draws each character.

Droid Sans Fallback (resources/fonts) has the CJK glyphs but none for Latin letters or
digits, so Latin text is drawn in Bitstream Vera Sans, which ships inside reportlab. Each
character goes to the first font that has a glyph for it; both are subset-embedded.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tracedesk.core.errors import TraceDeskError
from tracedesk.labels.resources import font_path

LATIN_FONT = "TraceDeskLatin"
CJK_FONT = "TraceDeskCJK"
LATIN_FONT_FILE = "Vera.ttf"  # found on reportlab's own font search path
# Line pitch as a multiple of the font size; each font's ascent + descent is about 1.0.
LINE_SPACING = 1.18
# Where the baseline sits below the top of a line, as a multiple of the font size: the
# tallest glyphs (0.93) and deepest descenders (0.24) of both fonts stay inside the pitch.
BASELINE = 0.92


@lru_cache(maxsize=1)
def _cmaps() -> tuple[frozenset[int], frozenset[int]]:
    """Register both fonts; return the code points each one has a glyph for."""
    path = font_path()
    if not path.is_file():
        raise TraceDeskError("The label font {name} is missing; reinstall TraceDesk.", name=path.name)
    latin = TTFont(LATIN_FONT, LATIN_FONT_FILE)
    cjk = TTFont(CJK_FONT, str(path))
    pdfmetrics.registerFont(latin)
    pdfmetrics.registerFont(cjk)
    return frozenset(latin.face.charToGlyph), frozenset(cjk.face.charToGlyph)


def register_fonts() -> None:
    """Make both label fonts known to reportlab (idempotent)."""
    _cmaps()


def font_for(char: str) -> str:
    """The font that draws `char`: Latin first, then CJK (which shows a box if it lacks it too)."""
    latin, cjk = _cmaps()
    code = ord(char)
    if code in latin or code not in cjk:
        return LATIN_FONT if code in latin else CJK_FONT
    return CJK_FONT


def runs(text: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, substring) runs, in order."""
    result: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


@lru_cache(maxsize=65536)
def _char_width(char: str) -> float:
    return pdfmetrics.stringWidth(char, font_for(char), 1.0)


def text_width(text: str, size: float) -> float:
    """Width in points of `text` at `size` points (reportlab does not kern, so widths add up)."""
    return size * sum(_char_width(char) for char in text)


def is_plain_ascii(text: str) -> bool:
    """True when a printer's built-in Latin font can print `text` as it is."""
    return all(" " <= char <= "~" for char in text)
