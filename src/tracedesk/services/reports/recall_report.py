"""The recall report as PDF (to send and file) and as an Excel workbook (to sort and work through)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from reportlab.platypus import Flowable

from tracedesk.services.recall import RecallReport
from tracedesk.services.reports.pdf import BODY, TITLE, build, para, section
from tracedesk.services.reports.workbook import first_worksheet


def write_recall_pdf(report: RecallReport, path: Path) -> None:
    story: list[Flowable] = [
        para(report.title, TITLE),
        para(f"Prepared {report.prepared_at:%Y-%m-%d %H:%M} UTC; sources: {', '.join(report.sources)}", BODY),
    ]
    if report.elapsed_seconds is not None:
        story.append(para(f"Mock recall completed in {report.elapsed_seconds:.1f} seconds from the first scan.", BODY))
    story.append(para(f"{len(report.lots)} lots, {len(report.orders)} orders, {len(report.customers)} customers affected.", BODY))
    story += section(
        "Affected lots and where they are now",
        ("Lot", "Item", "Status", "Where now"),
        [(x.code, f"{x.item} {x.item_name}", x.status, x.where) for x in report.lots],
        (30, 55, 20, 77),
    )
    story += section(
        "Affected orders",
        ("Order", "Product", "Status"),
        [(o.number, f"{o.product} {o.product_name}", o.status) for o in report.orders],
        (40, 110, 32),
    )
    rows = [
        (c.name, c.code, s.lot, f"{s.quantity} {s.unit}", f"{s.shipped_at:%Y-%m-%d}", s.document)
        for c in report.customers
        for s in c.shipments
    ]
    story += section(
        "Customers to contact", ("Customer", "Code", "Lot", "Quantity", "Shipped", "Document"), rows, (50, 20, 32, 25, 25, 30)
    )
    build(path, story, title=report.title)


def write_recall_xlsx(report: RecallReport, path: Path) -> None:
    book = Workbook()
    summary = first_worksheet(book)
    summary.title = "Summary"
    for row in (
        ("Recall", report.title),
        ("Prepared (UTC)", report.prepared_at.strftime("%Y-%m-%d %H:%M")),
        ("Sources", ", ".join(report.sources)),
        ("Lots", len(report.lots)),
        ("Orders", len(report.orders)),
        ("Customers", len(report.customers)),
        ("Mock recall seconds", report.elapsed_seconds),
    ):
        summary.append(list(row))
    _sheet(
        book,
        "Lots",
        ("Lot", "Item", "Item name", "Status", "Quantity", "In stock", "Unit", "Supplier lot", "Expiry", "Where now"),
        [
            (
                x.code,
                x.item,
                x.item_name,
                x.status,
                float(x.quantity),
                float(x.balance),
                x.unit,
                x.supplier_lot,
                x.expiry,
                x.where,
            )
            for x in report.lots
        ],
    )
    _sheet(
        book,
        "Orders",
        ("Order", "Product", "Product name", "Status"),
        [(o.number, o.product, o.product_name, o.status) for o in report.orders],
    )
    _sheet(
        book,
        "Customers",
        ("Customer", "Name", "Location", "Lot", "Quantity", "Unit", "Shipped (UTC)", "Document"),
        [
            (c.code, c.name, c.location, s.lot, float(s.quantity), s.unit, s.shipped_at.replace(tzinfo=None), s.document)
            for c in report.customers
            for s in c.shipments
        ],
    )
    book.save(path)


def _sheet(book: Workbook, title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
