"""Draw every label template for a sample lot into PNG files (the pictures in docs/labels/).

Run `python -m tracedesk.labels.preview [output folder]`. Needs pypdfium2 (the `test` extra),
which is why nothing else imports this module.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from tracedesk.labels.data import LabelData
from tracedesk.labels.pdf import render_pdf
from tracedesk.labels.templates import LabelTemplate, load_templates

PREVIEW_DPI = 200
LONG_CHINESE_NAME = "高筋小麦粉（特级）烘焙专用 25公斤装 — 长名称测试"


def sample_label() -> LabelData:
    """A received lot with everything filled in, a long Chinese name, a GTIN and an expiry."""
    return LabelData(
        lot_code="RCV-A-000123",
        item_code="FLOUR-T1",
        item_name=LONG_CHINESE_NAME * 3,
        quantity=Decimal("25"),
        unit="kg",
        gtin="09501101530003",
        supplier_name="Golden Mill Co., Ltd.",
        supplier_lot="GM2411-07",
        received_on=date(2025, 11, 3),
        produced_on=date(2025, 11, 1),
        expiry=date(2026, 5, 31),
        status="quarantine",
        order_number="WO-2025-0042",
        serial="SN0001234",
        sscc="095011010000000018",
        company_name="TraceDesk Demo Foods",
        container_index=1,
        container_count=3,
    )


def render_png(template: LabelTemplate, label: LabelData, path: Path, dpi: int = PREVIEW_DPI) -> Path:
    """The first page of the template's PDF for `label`, as a PNG at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(render_pdf(template, [label]))
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
        image.save(path)
    finally:
        document.close()
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("docs/labels")
    folder.mkdir(parents=True, exist_ok=True)
    for name, template in sorted(load_templates().items()):
        print(render_png(template, sample_label(), folder / f"{name}.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
