"""Render labels to ZPL II for Zebra-compatible thermal printers (203 or 300 dpi).

The layout is the one the PDF uses (same boxes, same wrapping, same module sizes in dots);
the printer draws the barcodes with its own commands: ^BC (Code 128; GS1-128 with FNC1 as
>8), ^BX (Data Matrix ECC 200; FNC1 as the escape _1) and ^BQ (QR). Plain ASCII text uses the
printer's scalable font 0. Other text (Chinese, accents, dashes) is drawn here and sent as a
^GF bitmap, because printers rarely carry a CJK font; pass `cjk_font` (e.g. "E:SIMSUN.TTF")
when the printer has one, and that text is sent as UTF-8 (^CI28) instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import fonts, gs1_encode
from tracedesk.labels.data import LabelData
from tracedesk.labels.layout import MM_PER_PT, LabelLayout, PlacedBarcode, PlacedText
from tracedesk.labels.pdf import layout_job
from tracedesk.labels.templates import LabelTemplate, Line
from tracedesk.labels.zpl_bitmap import text_bitmap

PRINTER_DPIS = (203, 300)
HEX_INDICATOR = "\\"  # ^FH\ : backslash is not in GS1 character set 82, so it never clashes
DATAMATRIX_ESCAPE = "_"  # ^BX ...,_ : "_1" is FNC1
_ALIGN = {"left": "L", "center": "C", "right": "R"}


def render_zpl(
    template: LabelTemplate,
    labels: Sequence[LabelData],
    copies: int = 1,
    dpi: int = 203,
    cjk_font: str | None = None,
) -> str:
    """One ^XA..^XZ format per label, each printed `copies` times (^PQ)."""
    if dpi not in PRINTER_DPIS:
        raise InvalidInput("Label printers here print at 203 or 300 dpi, not {dpi}.", dpi=dpi)
    if copies < 1:
        raise InvalidInput("The number of copies must be at least 1, not {copies}.", copies=copies)
    return "".join(_format(layout, dpi, copies, cjk_font) for layout in layout_job(template, labels, dpi))


def _format(layout: LabelLayout, dpi: int, copies: int, cjk_font: str | None) -> str:
    def dots(mm: float) -> int:
        return round(mm * dpi / 25.4)

    out = ["^XA", "^CI28", f"^PW{dots(layout.template.width_mm)}", f"^LL{dots(layout.template.height_mm)}", "^LH0,0"]
    out += [_line(line, dpi) for line in layout.lines]
    for text in layout.texts:
        out += _text(text, dpi, cjk_font)
    for barcode in layout.barcodes:
        out.append(_barcode(barcode))
        if barcode.hri is not None:
            out += _text(barcode.hri, dpi, cjk_font)
    out += [f"^PQ{copies}", "^XZ"]
    return "\n".join(out) + "\n"


def _line(line: Line, dpi: int) -> str:
    x1, y1, x2, y2, t = (round(v * dpi / 25.4) for v in (line.x1, line.y1, line.x2, line.y2, line.width))
    t = max(1, t)
    if y1 == y2 or x1 == x2:
        w, h = max(abs(x2 - x1), t), max(abs(y2 - y1), t)
        return f"^FO{min(x1, x2) - (t // 2 if x1 == x2 else 0)},{min(y1, y2) - (t // 2 if y1 == y2 else 0)}^GB{w},{h},{t}^FS"
    slant = "L" if (x2 - x1) * (y2 - y1) > 0 else "R"
    return f"^FO{min(x1, x2)},{min(y1, y2)}^GD{abs(x2 - x1)},{abs(y2 - y1)},{t},B,{slant}^FS"


def _text(text: PlacedText, dpi: int, cjk_font: str | None) -> list[str]:
    commands = []
    height = max(1, round(text.size * dpi / 72))
    width_dots = round(text.box.w * dpi / 25.4)
    for index, line in enumerate(text.lines):
        x = round(text.box.x * dpi / 25.4)
        y = round((text.box.y + index * text.line_pitch_mm) * dpi / 25.4)
        if fonts.is_plain_ascii(line) or cjk_font:
            font = "^A0N" if fonts.is_plain_ascii(line) else f"^A@N,{height},{height},{cjk_font}"
            size = f",{height},{height}" if font == "^A0N" else ""
            commands.append(
                f"^FO{x},{y}{font}{size}^FB{width_dots},1,0,{_ALIGN[text.align]},0^FH{HEX_INDICATOR}^FD{escape(line)}^FS"
            )
        else:
            left = round(text.line_x(index) * dpi / 25.4)
            commands.append(f"^FO{left},{y}" + text_bitmap(line, text.size, dpi, text.line_pitch_mm / MM_PER_PT) + "^FS")
    return commands


def _barcode(barcode: PlacedBarcode) -> str:
    symbol = barcode.symbol
    origin = f"^FO{barcode.x_dots},{barcode.y_dots}"
    if symbol.symbology in ("code128", "gs1-128"):
        if symbol.elements:
            # Start in subset C (>;) with FNC1 (>8); >8 again stands for each GS separator.
            data = ">;>8" + gs1_encode.element_string(symbol.elements, fnc1="\x00").replace(">", "><").replace("\x00", ">8")
        else:
            data = symbol.payload.replace(">", "><")
        return f"{origin}^BY{barcode.module_dots},3^BCN,{barcode.bar_height_dots},N,N,N,A^FH{HEX_INDICATOR}^FD{escape(data)}^FS"
    if symbol.symbology in ("datamatrix", "gs1-datamatrix"):
        size = len(symbol.rows)
        data = symbol.payload.replace(DATAMATRIX_ESCAPE, DATAMATRIX_ESCAPE + "d095")
        if symbol.elements:
            data = "_1" + gs1_encode.element_string(symbol.elements, fnc1="\x00").replace(DATAMATRIX_ESCAPE, "_d095").replace(
                "\x00", "_1"
            )
        return f"{origin}^BXN,{barcode.module_dots},200,{size},{size},6,{DATAMATRIX_ESCAPE}^FH{HEX_INDICATOR}^FD{escape(data)}^FS"
    # QR: model 2, magnification = module size in dots, error level M, automatic data mode.
    return f"{origin}^BQN,2,{barcode.module_dots},M^FH{HEX_INDICATOR}^FDMA,{escape(symbol.payload)}^FS"


def escape(text: str) -> str:
    """Field data safe after ^FH\\: ^, ~, \\ and every non-ASCII byte of the UTF-8 go as \\hh."""
    out: list[str] = []
    for char in text:
        if char in "^~\\" or not " " <= char <= "~":
            out.extend(f"{HEX_INDICATOR}{byte:02X}" for byte in char.encode("utf-8"))
        else:
            out.append(char)
    return "".join(out)
