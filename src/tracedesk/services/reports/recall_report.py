"""The recall report as PDF (to send and file) and as an Excel workbook (to sort and work through)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from tracedesk.core.messages import Message, format_date, msg, text_of
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import word
from tracedesk.services.recall import RecallReport
from tracedesk.services.reports.pdf import BODY, TITLE, build, para, section
from tracedesk.services.reports.workbook import first_worksheet

if TYPE_CHECKING:  # openpyxl loads only when a workbook is written (it imports numpy when present)
    from openpyxl import Workbook


MOCK_BANNER = msg("MOCK RECALL")


def _mock_lines(report: RecallReport) -> list[Message]:
    """What an auditor reads first on a drill's report: that it is one, who ran it, when, how long."""
    drill = report.mock
    if drill is None:
        return []
    return [
        msg("MOCK RECALL {drill}: an exercise; nothing was held or changed.", drill=drill.code),
        msg(
            "Run by {name} ({user}) on {day}: started {start} UTC, report complete {end} UTC.",
            name=drill.run_by_name,
            user=drill.run_by,
            day=drill.started_at.date(),
            start=f"{drill.started_at:%H:%M:%S}",
            end=f"{drill.finished_at:%H:%M:%S}",
        ),
        msg(
            "Elapsed time from the start of the drill to the complete report: {duration} ({seconds} s).",
            duration=format_duration(drill.elapsed_seconds),
            seconds=f"{drill.elapsed_seconds:.1f}",
        ),
    ]


def format_duration(seconds: float) -> str:
    """H:MM:SS, as a stopwatch shows it."""
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _heading(report: RecallReport) -> list[Message]:
    """The opening sentences both files share: when, from what, how much is affected."""
    lines = _mock_lines(report) + [
        msg(
            "Prepared {time} UTC; sources: {sources}",
            time=f"{report.prepared_at:%Y-%m-%d %H:%M}",
            sources=list(report.sources),
        )
    ]
    if report.elapsed_seconds is not None and report.mock is None:
        lines.append(
            msg("Mock recall completed in {seconds} seconds from the first scan.", seconds=f"{report.elapsed_seconds:.1f}")
        )
    lines.append(
        msg(
            "{lots} {lots|lot|lots}, {orders} {orders|order|orders}, {customers} {customers|customer|customers} affected.",
            lots=len(report.lots),
            orders=len(report.orders),
            customers=len(report.customers),
        )
    )
    return lines


def _quantity(value: Decimal, unit: str) -> str:
    return f"{format_quantity(value)} {unit}"


def write_recall_pdf(report: RecallReport, path: Path, language: str | None = None) -> None:
    """The report as PDF, every heading and sentence in `language` (default: the process's)."""
    story: list[Flowable] = [para(report.title, TITLE, language)]
    story += [para(line, BODY, language) for line in _heading(report)]
    story += section(
        msg("Affected lots and where they are now"),
        (msg("Lot"), msg("Item"), msg("Status"), msg("Where now")),
        [(x.code, f"{x.item} {x.item_name}", word(x.status), x.where) for x in report.lots],
        (30, 55, 20, 77),
        language,
    )
    story += section(
        msg("On hand per location"),
        (msg("Plant"), msg("Location"), msg("Item"), msg("Quantity")),
        [(p or "—", loc or "—", i, _quantity(q, u)) for p, loc, i, q, u in report.stock_by_location],
        (40, 45, 50, 47),
        language,
    )
    story += section(
        msg("On hand per plant"),
        (msg("Plant"), msg("Item"), msg("Quantity")),
        [(p or "—", i, _quantity(q, u)) for p, i, q, u in report.stock_by_plant],
        (60, 70, 52),
        language,
    )
    story += section(
        msg("Scrapped and destroyed"),
        (msg("Lot"), msg("Item"), msg("Quantity"), msg("Destroyed"), msg("Reason"), msg("Witness"), msg("Date")),
        [
            (
                x.lot,
                x.item,
                _quantity(x.quantity, x.unit),
                msg("yes") if x.destroyed else msg("no"),
                x.reason,
                x.witness or "—",
                format_date(x.at.date()),
            )
            for x in report.scrapped
        ],
        (28, 24, 24, 18, 40, 24, 24),
        language,
    )
    story += section(
        msg("Affected orders"),
        (msg("Order"), msg("Product"), msg("Status")),
        [(o.number, f"{o.product} {o.product_name}", word(o.status)) for o in report.orders],
        (40, 110, 32),
        language,
    )
    rows = [
        (c.name, c.code, s.lot, _quantity(s.quantity, s.unit), format_date(s.shipped_at.date()), s.document)
        for c in report.customers
        for s in c.shipments
    ]
    story += section(
        msg("Customers to contact"),
        (msg("Customer"), msg("Code"), msg("Lot"), msg("Quantity"), msg("Shipped"), msg("Document")),
        rows,
        (50, 20, 32, 25, 25, 30),
        language,
    )
    banner = MOCK_BANNER if report.mock is not None else None
    build(path, story, title=text_of(report.title, language), language=language, banner=banner)


def write_recall_xlsx(report: RecallReport, path: Path, language: str | None = None) -> None:
    """The report as a workbook: a summary sheet, then lots, orders and customers to sort and filter."""

    def t(message: Message | str) -> str:
        return text_of(message, language)

    from openpyxl import Workbook

    book = Workbook()
    summary = first_worksheet(book)
    summary.title = t(msg("Summary"))
    for row in (
        (t(msg("Recall")), t(report.title)),
        (t(msg("Prepared (UTC)")), report.prepared_at.strftime("%Y-%m-%d %H:%M")),
        (t(msg("Sources")), t(msg("{sources}", sources=list(report.sources)))),
        (t(msg("Lots")), len(report.lots)),
        (t(msg("Orders")), len(report.orders)),
        (t(msg("Customers")), len(report.customers)),
        (t(msg("Mock recall seconds")), report.elapsed_seconds),
    ):
        summary.append(list(row))
    if report.mock is not None:
        drill = report.mock
        for row in (
            (t(MOCK_BANNER), drill.code),
            (t(msg("Run by")), f"{drill.run_by_name} ({drill.run_by})"),
            (t(msg("Started (UTC)")), f"{drill.started_at:%Y-%m-%d %H:%M:%S}"),
            (t(msg("Report complete (UTC)")), f"{drill.finished_at:%Y-%m-%d %H:%M:%S}"),
            (t(msg("Elapsed")), format_duration(drill.elapsed_seconds)),
        ):
            summary.append(list(row))
        summary.insert_rows(1)
        summary["A1"] = t(_mock_lines(report)[0])
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 60
    _sheet(
        book,
        t(msg("Lots")),
        tuple(
            t(m)
            for m in (
                msg("Lot"),
                msg("Item"),
                msg("Item name"),
                msg("Status"),
                msg("Quantity"),
                msg("In stock"),
                msg("Unit"),
                msg("Supplier lot"),
                msg("Expiry"),
                msg("Where now"),
            )
        ),
        [
            (
                x.code,
                x.item,
                x.item_name,
                t(word(x.status)),
                float(x.quantity),
                float(x.balance),
                x.unit,
                x.supplier_lot,
                x.expiry,
                t(x.where),
            )
            for x in report.lots
        ],
    )
    _sheet(
        book,
        t(msg("On hand per location")),
        tuple(t(m) for m in (msg("Plant"), msg("Location"), msg("Item"), msg("Quantity"), msg("Unit"))),
        [(p, loc, i, float(q), u) for p, loc, i, q, u in report.stock_by_location],
    )
    _sheet(
        book,
        t(msg("On hand per plant")),
        tuple(t(m) for m in (msg("Plant"), msg("Item"), msg("Quantity"), msg("Unit"))),
        [(p, i, float(q), u) for p, i, q, u in report.stock_by_plant],
    )
    _sheet(
        book,
        t(msg("Scrapped and destroyed")),
        tuple(
            t(m)
            for m in (
                msg("Lot"),
                msg("Item"),
                msg("Quantity"),
                msg("Unit"),
                msg("Destroyed"),
                msg("Reason"),
                msg("Witness"),
                msg("Location"),
                msg("Date (UTC)"),
            )
        ),
        [
            (
                x.lot,
                x.item,
                float(x.quantity),
                x.unit,
                t(msg("yes") if x.destroyed else msg("no")),
                x.reason,
                x.witness,
                x.location,
                x.at.replace(tzinfo=None),
            )
            for x in report.scrapped
        ],
    )
    _sheet(
        book,
        t(msg("Orders")),
        tuple(t(m) for m in (msg("Order"), msg("Product"), msg("Product name"), msg("Status"))),
        [(o.number, o.product, o.product_name, t(word(o.status))) for o in report.orders],
    )
    _sheet(
        book,
        t(msg("Customers")),
        tuple(
            t(m)
            for m in (
                msg("Customer"),
                msg("Name"),
                msg("Location"),
                msg("Lot"),
                msg("Quantity"),
                msg("Unit"),
                msg("Shipped (UTC)"),
                msg("Document"),
            )
        ),
        [
            (c.code, c.name, c.location, s.lot, float(s.quantity), s.unit, s.shipped_at.replace(tzinfo=None), s.document)
            for c in report.customers
            for s in c.shipments
        ],
    )
    if report.mock is not None:
        for sheet in book.worksheets:  # printed, every page says it too
            for header in (sheet.oddHeader, sheet.evenHeader):
                if header is not None:
                    header.center.text = t(MOCK_BANNER)
    book.save(path)


def _sheet(book: Workbook, title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for index in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18
