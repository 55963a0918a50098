"""Draw one line of label text as a ZPL ^GF bitmap, for text the printer's own fonts lack."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from tracedesk.labels import fonts

# Pillow anti-aliases; a thermal head prints a dot or nothing, so grey becomes black from here.
INK_THRESHOLD = 110


def text_bitmap(line: str, size_pt: float, dpi: int, pitch_pt: float) -> str:
    """A ^GFA command drawing `line` at `size_pt` in the label fonts, one line pitch high."""
    fonts.register_fonts()
    pixels = size_pt * dpi / 72
    width = max(1, math.ceil(fonts.text_width(line, size_pt) * dpi / 72))
    height = max(1, round(pitch_pt * dpi / 72))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    x = 0.0
    baseline = fonts.BASELINE * pixels
    for font_name, run in fonts.runs(line):
        path = _truetype(font_name).face.filename
        font = ImageFont.truetype(path, max(1, round(pixels)))
        draw.text((x, baseline), run, font=font, fill=0, anchor="ls")
        # Advance by the same metrics the layout used, so the bitmap is as wide as planned.
        x += fonts.text_width(run, size_pt) * dpi / 72
    return graphic_field(image)


def graphic_field(image: Image.Image) -> str:
    """^GFA (ASCII hex) for a greyscale image: dark pixels are printed dots."""
    row_bytes = (image.width + 7) // 8
    data = image.tobytes()
    hex_rows = []
    for y in range(image.height):
        bits = 0
        row = bytearray()
        for x in range(row_bytes * 8):
            dark = x < image.width and data[y * image.width + x] < 255 - INK_THRESHOLD
            bits = (bits << 1) | dark
            if x % 8 == 7:
                row.append(bits)
                bits = 0
        hex_rows.append(row.hex().upper())
    total = row_bytes * image.height
    return f"^GFA,{total},{total},{row_bytes},{''.join(hex_rows)}"


def _truetype(font_name: str) -> TTFont:
    """The registered TrueType font of a run (labels.fonts registers only TrueType fonts)."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        raise TypeError("label fonts must be TrueType", font_name)
    return font
