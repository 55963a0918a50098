"""Shared label fixtures: a lot with a long Chinese name, and PDF pages decoded with zxing-cpp."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pypdfium2
import pytest
import zxingcpp

from tracedesk.labels import LabelData, LabelTemplate, load_templates

LONG_NAME = "高筋小麦粉（特级）烘焙专用 25公斤装 — 长名称测试" * 4


@pytest.fixture(scope="session")
def templates() -> dict[str, LabelTemplate]:
    return load_templates()


@pytest.fixture
def lot() -> LabelData:
    return LabelData(
        lot_code="RCV-A-000123",
        item_code="FLOUR-T1",
        item_name=LONG_NAME,
        quantity=Decimal("25.5"),
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
    )


@dataclass(frozen=True)
class Page:
    width_pt: float
    height_pt: float
    barcodes: list[zxingcpp.Barcode]


def decode_pdf(data: bytes, dpi: int = 400) -> list[Page]:
    """Rasterise every page and decode every barcode on it (pure black on white, no smoothing)."""
    document = pypdfium2.PdfDocument(data)
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True, no_smoothpath=True).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.AllReadable)
            pages.append(Page(width, height, list(found)))
    finally:
        document.close()
    return pages
