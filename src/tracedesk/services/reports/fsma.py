"""FDA FSMA 204 electronic sortable spreadsheet: one row per critical tracking event.

Receiving, transformation (one row per input lot, naming the new lot made) and shipping,
each with its key data elements: traceability lot code and its source, product, quantity
and unit, locations, date and reference document.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import timedelta, timezone
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tracedesk.core.quantity import format_quantity
from tracedesk.services.reports.events_source import TrackingEvent
from tracedesk.services.reports.workbook import first_worksheet

COLUMNS = (
    "Critical tracking event",
    "Event date",
    "Traceability lot code",
    "Traceability lot code source",
    "Product description",
    "Item code",
    "Quantity",
    "Unit of measure",
    "Ship-from / source location",
    "Ship-to / receiving location",
    "Immediate previous source",
    "New traceability lot code (transformation)",
    "New product description",
    "Reference document type",
    "Reference document number",
)

QUANTITY_COLUMN = COLUMNS.index("Quantity")


@dataclass(frozen=True)
class FsmaFilter:
    product: str | None = None
    lot: str | None = None


def fsma_rows(events: list[TrackingEvent], *, site: str, flt: FsmaFilter = FsmaFilter()) -> list[tuple[str, ...]]:
    """Rows in event order; a transformation lists each input lot with the output lots of its order."""
    outputs: dict[str, list[TrackingEvent]] = {}
    for e in events:
        if e.kind == "output" and e.order:
            outputs.setdefault(e.order, []).append(e)
    rows: list[tuple[str, ...]] = []
    for e in events:
        if e.kind == "output":
            continue  # an output appears on its inputs' transformation rows
        made = outputs.get(e.order or "", []) if e.kind == "issue" else []
        if flt.product and flt.product not in {e.lot.item, *(o.lot.item for o in made)}:
            continue
        if flt.lot and flt.lot not in {e.lot.code, *(o.lot.code for o in made)}:
            continue
        source = f"{e.lot.supplier_name} ({e.lot.supplier})" if e.lot.origin == "received" and e.lot.supplier else site
        date = e.time.astimezone(timezone(timedelta(minutes=e.utc_offset_minutes))).date().isoformat()
        common = (e.lot.code, source, e.lot.item_name, e.lot.item, format_quantity(e.quantity), e.lot.unit)
        if e.kind == "receiving":
            rows.append(
                (
                    "Receiving",
                    date,
                    *common,
                    e.party_name or "",
                    site,
                    e.party_name or "",
                    "",
                    "",
                    "Purchase order",
                    e.document or "",
                )
            )
        elif e.kind == "shipping":
            to = f"{e.party_name} ({e.party_location})" if e.party_location else (e.party_name or "")
            rows.append(("Shipping", date, *common, site, to, "", "", "", "Delivery note", e.document or ""))
        else:
            rows.append(
                (
                    "Transformation",
                    date,
                    *common,
                    site,
                    site,
                    "",
                    " ".join(o.lot.code for o in made),
                    "; ".join(dict.fromkeys(o.lot.item_name for o in made)),
                    "Work order",
                    e.order or "",
                )
            )
    return rows


def write_fsma(rows: list[tuple[str, ...]], path: Path) -> int:
    """As .xlsx (filterable, frozen header) or .csv (UTF-8 with BOM), chosen by the file name."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        return len(rows)
    book = Workbook()
    sheet = first_worksheet(book)
    sheet.title = "FSMA 204 KDEs"
    sheet.append(COLUMNS)
    for row in rows:
        # The quantity is a number in the workbook so that it sorts and sums.
        sheet.append([float(Decimal(v)) if i == QUANTITY_COLUMN else v for i, v in enumerate(row)])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    for index, title in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(title) + 2))
    book.save(path)
    return len(rows)
