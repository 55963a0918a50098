"""Turn a template's barcode field and a label into a symbol: its modules and what it reads as.

Module matrices come from well-kept encoders: zxing-cpp's writer (zint inside) for Code 128,
GS1-128 and Data Matrix, because it puts FNC1 in first position (GS1 mode) and the separators
where they belong; segno for QR codes. The renderers only draw the modules.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

import segno
import zxingcpp

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import gs1_encode
from tracedesk.labels.data import LabelData
from tracedesk.labels.gs1_encode import Element
from tracedesk.labels.templates import BarcodeField

# Quiet zones in modules on each side: ISO/IEC 15417 (Code 128) asks 10, ISO/IEC 16022 (Data
# Matrix) 1 (we give 2: label edges and handling marks are close), ISO/IEC 18004 (QR) 4.
QUIET_ZONE = {"code128": 10, "gs1-128": 10, "datamatrix": 2, "gs1-datamatrix": 2, "qr": 4}
# GS1-128 may hold at most 48 data characters (GS1 General Specifications 5.4.1).
GS1_128_MAX_CHARS = 48
_FORMATS = {
    "code128": zxingcpp.BarcodeFormat.Code128,
    "gs1-128": zxingcpp.BarcodeFormat.Code128,
    "datamatrix": zxingcpp.BarcodeFormat.DataMatrix,
    "gs1-datamatrix": zxingcpp.BarcodeFormat.DataMatrix,
}
_AIM_IDS = {"code128": "]C0", "gs1-128": "]C1", "datamatrix": "]d1", "gs1-datamatrix": "]d2", "qr": "]Q1"}


@dataclass(frozen=True)
class Symbol:
    """An encoded barcode: dark modules by row (a linear symbol has one row) and its meaning."""

    symbology: str
    rows: tuple[tuple[bool, ...], ...]
    payload: str  # what a scanner transmits after the AIM symbology identifier
    elements: tuple[Element, ...] = ()  # for GS1 symbols
    hri: str = ""  # human-readable interpretation printed under a linear symbol

    @property
    def is_linear(self) -> bool:
        return len(self.rows) == 1

    @property
    def aim_id(self) -> str:
        """The symbology identifier a scanner prefixes: ]C1 and ]d2 mean FNC1 first (GS1)."""
        return _AIM_IDS[self.symbology]

    @property
    def quiet_zone(self) -> int:
        return QUIET_ZONE[self.symbology]

    @property
    def width_modules(self) -> int:
        return len(self.rows[0]) + 2 * self.quiet_zone

    @property
    def height_modules(self) -> int:
        return len(self.rows) + 2 * self.quiet_zone


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(pattern: str, values: Mapping[str, str]) -> str:
    """Put field values into a `{field}` pattern; unknown or empty fields become ""."""
    return string.Formatter().vformat(pattern, (), _Blank(values))


def encode(field: BarcodeField, label: LabelData) -> Symbol | None:
    """The symbol this field shows for this label, or None when the label has nothing for it."""
    if field.ais:
        elements = tuple(gs1_encode.elements_for(label, field.ais))
        if field.symbology == "qr":
            url = gs1_encode.digital_link(label, field.ais)
            return _qr(url) if url else None
        if not elements:
            return None
        return _gs1(field.symbology, elements)
    text = fill(field.data, label.fields())
    if not text:
        return None
    if field.symbology == "qr":
        return _qr(text)
    return Symbol(field.symbology, _zxing_rows(text, field.symbology, gs1=False), payload=text, hri=text)


def _gs1(symbology: str, elements: tuple[Element, ...]) -> Symbol:
    payload = gs1_encode.element_string(elements)
    if symbology == "gs1-128" and len(payload) > GS1_128_MAX_CHARS:
        raise InvalidInput(
            "The GS1-128 barcode {barcode} has {count} characters, more than the {limit} GS1 allows; "
            "move some AIs to another barcode in the template.",
            barcode=gs1_encode.hri(elements),
            count=len(payload),
            limit=GS1_128_MAX_CHARS,
        )
    # zint's bracketed input form: square brackets cannot occur in AI values (character set 82).
    bracketed = "".join(f"[{e.ai}]{e.value}" for e in elements)
    rows = _zxing_rows(bracketed, symbology, gs1=True)
    return Symbol(symbology, rows, payload=payload, elements=elements, hri=gs1_encode.hri(elements))


def _zxing_rows(content: str, symbology: str, *, gs1: bool) -> tuple[tuple[bool, ...], ...]:
    try:
        # Square Data Matrix: the ZPL side asks the printer for the same rows x columns.
        options = {"force_square": True} if "datamatrix" in symbology else {}
        barcode = zxingcpp.create_barcode(content, _FORMATS[symbology], gs1=gs1, **options)
    except (RuntimeError, ValueError) as exc:
        raise InvalidInput(
            "The {symbology} barcode cannot hold '{content}': {error}", symbology=symbology, content=content, error=exc
        ) from None
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    # zxingcpp.Image has the buffer protocol (one byte per pixel); its stub does not declare it.
    pixels = memoryview(image).tobytes()  # type: ignore[arg-type]
    rows = tuple(tuple(pixels[r * width + c] < 128 for c in range(width)) for r in range(height))
    # The writer draws a linear symbol as a tall image of identical rows.
    return rows[:1] if symbology in ("code128", "gs1-128") else rows


def _qr(text: str) -> Symbol:
    # Level M survives a scuffed label; boost_error would raise it whenever the size allows.
    qr = segno.make_qr(text, error="m", boost_error=True)
    rows = tuple(tuple(bool(v) for v in row) for row in qr.matrix)
    return Symbol("qr", rows, payload=text)
