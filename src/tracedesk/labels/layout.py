"""Place a template's fields for one label: fit text to its box, snap barcodes to printer dots.

Both renderers (PDF and ZPL) draw exactly what this module decides, and tests check the
decisions: every text line inside its box, no text over a barcode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import barcodes, fonts
from tracedesk.labels.barcodes import Symbol
from tracedesk.labels.data import LabelData
from tracedesk.labels.templates import BarcodeField, Box, LabelTemplate, Line

MM_PER_PT = 25.4 / 72
ELLIPSIS = "…"
HRI_SIZE_PT = 8.0
HRI_GAP_MM = 0.5
SIZE_STEP_PT = 0.25


@dataclass(frozen=True)
class PlacedText:
    """Lines of text at one size; `ink` is the rectangle they actually cover (mm)."""

    box: Box
    lines: tuple[str, ...]
    size: float
    align: str
    ink: Box
    truncated: bool = False

    @property
    def line_pitch_mm(self) -> float:
        return self.size * fonts.LINE_SPACING * MM_PER_PT

    def line_x(self, index: int) -> float:
        """Left edge (mm) of line `index` after alignment."""
        slack = self.box.w - fonts.text_width(self.lines[index], self.size) * MM_PER_PT
        return self.box.x + {"left": 0.0, "center": slack / 2, "right": slack}[self.align]


@dataclass(frozen=True)
class PlacedBarcode:
    """A symbol drawn from (x, y) in whole printer dots; `area` includes the quiet zones (mm)."""

    field: BarcodeField
    symbol: Symbol
    dpi: int
    x_dots: int
    y_dots: int
    module_dots: int
    bar_height_dots: int  # linear symbols only
    hri: PlacedText | None

    def mm(self, dots: float) -> float:
        return dots * 25.4 / self.dpi

    @property
    def area(self) -> Box:
        """The symbol with its quiet zones: nothing else may be drawn here."""
        quiet = self.symbol.quiet_zone * self.module_dots
        height = self.bar_height_dots if self.symbol.is_linear else self.symbol.height_modules * self.module_dots
        top = self.y_dots if self.symbol.is_linear else self.y_dots - quiet
        return Box(
            self.mm(self.x_dots - quiet), self.mm(top), self.mm(self.symbol.width_modules * self.module_dots), self.mm(height)
        )


@dataclass(frozen=True)
class LabelLayout:
    """Everything one label shows, placed on a page of the template's size."""

    template: LabelTemplate
    texts: tuple[PlacedText, ...]
    barcodes: tuple[PlacedBarcode, ...]
    lines: tuple[Line, ...]


def is_shown(condition: str, values: dict[str, str]) -> bool:
    """`only_if`: "name" shows the element when the field has a value, "!name" when it has none."""
    if not condition:
        return True
    if condition.startswith("!"):
        return not values.get(condition[1:])
    return bool(values.get(condition))


def layout_label(template: LabelTemplate, label: LabelData, dpi: int) -> LabelLayout:
    """Decide where and how big everything on this label is, for a printer of `dpi` dots/inch."""
    values = label.fields()
    texts = []
    for field in template.texts:
        if not is_shown(field.only_if, values):
            continue
        text = barcodes.fill(field.text_in(label.language), values).strip()
        if text:
            texts.append(fit_text(text, field.box, field.size, field.min_size, field.align, field.max_lines))
    placed = []
    for barcode in template.barcodes:
        if not is_shown(barcode.only_if, values):
            continue
        symbol = barcodes.encode(barcode, label)
        if symbol is not None:
            placed.append(place_barcode(barcode, symbol, dpi))
    return LabelLayout(template, tuple(texts), tuple(placed), template.lines)


def place_barcode(field: BarcodeField, symbol: Symbol, dpi: int) -> PlacedBarcode:
    """The largest whole-dot module up to the template's preference that fits the box."""
    box = field.box

    def to_dots(mm: float) -> int:
        return math.floor(mm * dpi / 25.4 + 1e-9)

    hri = None
    bar_box_h = box.h
    if symbol.is_linear and field.hri and symbol.hri:
        hri_h = HRI_SIZE_PT * fonts.LINE_SPACING * MM_PER_PT
        hri_box = Box(box.x, box.y + box.h - hri_h, box.w, hri_h)
        hri = fit_text(symbol.hri, hri_box, HRI_SIZE_PT, 5.0, "center", 1)
        bar_box_h = box.h - hri_h - HRI_GAP_MM
    preferred = max(1, round(field.module_mm * dpi / 25.4))
    fit_w = to_dots(box.w) // symbol.width_modules
    fit_h = preferred if symbol.is_linear else to_dots(bar_box_h) // symbol.height_modules
    module = min(preferred, fit_w, fit_h)
    if module < 1:
        raise InvalidInput(
            "The {symbology} barcode needs {modules} modules across but its box is {w} x {h} mm; at {dpi} dpi it does not fit. "
            "Make the box larger in the template.",
            symbology=symbol.symbology,
            modules=symbol.width_modules,
            w=box.w,
            h=box.h,
            dpi=dpi,
        )
    width = symbol.width_modules * module
    left = math.ceil(box.x * dpi / 25.4 - 1e-9)
    slack = to_dots(box.x + box.w) - left - width
    left += {"left": 0, "center": slack // 2, "right": slack}[field.align]
    top = math.ceil(box.y * dpi / 25.4 - 1e-9)
    quiet = symbol.quiet_zone * module
    if symbol.is_linear:
        bar_height = to_dots(box.y + bar_box_h) - top
        return PlacedBarcode(field, symbol, dpi, left + quiet, top, module, bar_height, hri)
    return PlacedBarcode(field, symbol, dpi, left + quiet, top + quiet, module, 0, None)


def fit_text(text: str, box: Box, size: float, min_size: float, align: str, max_lines: int = 0) -> PlacedText:
    """Shrink from `size` towards `min_size`, wrapping; cut with "…" only if even that fails."""
    width_pt, height_pt = box.w / MM_PER_PT, box.h / MM_PER_PT
    current = size
    while True:
        fitting = math.floor(height_pt / (current * fonts.LINE_SPACING) + 1e-9)
        if fitting == 0 and current <= min_size:
            # A box lower than one line at min_size: the box wins over the preferred minimum.
            current, fitting = height_pt / fonts.LINE_SPACING, 1
        limit = min(fitting, max_lines) if max_lines else fitting
        lines = wrap(text, width_pt, current)
        if limit and len(lines) <= limit and _widest(lines, current) <= width_pt:
            return _placed(box, tuple(lines), current, align, truncated=False)
        if current <= min_size:
            return _placed(box, _truncate(lines, max(limit, 1), width_pt, current), current, align, truncated=True)
        current = max(min_size, current - SIZE_STEP_PT)


def wrap(text: str, width_pt: float, size: float) -> list[str]:
    """Greedy wrapping: break Latin words at spaces, CJK anywhere, an over-long word anywhere."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for char in paragraph:
            if fonts.text_width(current + char, size) <= width_pt or not current:
                current += char
                continue
            if char == " ":
                lines.append(current.rstrip())
                current = ""
                continue
            cut = current.rfind(" ")
            if cut > 0 and char.isascii() and current[-1].isascii() and current[-1] != " ":
                lines.append(current[:cut].rstrip())
                current = current[cut + 1 :] + char
            else:
                lines.append(current.rstrip())
                current = char
        lines.append(current.rstrip())
    return [line for line in lines if line] or [""]


def _truncate(lines: list[str], limit: int, width_pt: float, size: float) -> tuple[str, ...]:
    kept = lines[:limit]
    last = kept[-1]
    while last and fonts.text_width(last + ELLIPSIS, size) > width_pt:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return tuple(kept)


def _widest(lines: list[str] | tuple[str, ...], size: float) -> float:
    return max(fonts.text_width(line, size) for line in lines)


def _placed(box: Box, lines: tuple[str, ...], size: float, align: str, truncated: bool) -> PlacedText:
    width = _widest(lines, size) * MM_PER_PT
    height = len(lines) * size * fonts.LINE_SPACING * MM_PER_PT
    offset = {"left": 0.0, "center": (box.w - width) / 2, "right": box.w - width}[align]
    ink = Box(box.x + offset, box.y, width, height)
    return PlacedText(box, lines, size, align, ink, truncated)
