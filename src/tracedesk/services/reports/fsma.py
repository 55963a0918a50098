"""FDA FSMA 204 electronic sortable spreadsheet: every key data element of 21 CFR 1.1340, 1.1345, 1.1350.

One row per receipt, per shipment, and per input lot and per output lot of each transformation
(work orders and lot splits: a split relabels its parts under new lot codes). The traceability
lot code (TLC) of a received lot is the supplier's lot number, kept unchanged through our
receiving and shipping; our lot code is a cross-reference. A lot we make (or a split child) has
our lot code as its TLC, assigned at our site. Every row missing a required KDE is listed in a
gaps sheet (or a gaps CSV beside a CSV), with what to fill in: nothing is left blank silently.

The kinds of tracking event map to rows through `ROWS`; a kind another module adds to
`cte.SOURCES` gets its rows by adding an entry there.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from decimal import Decimal
from pathlib import Path

from tracedesk.core.location import FIELD_TITLES, LocationDescription
from tracedesk.core.messages import Message, msg
from tracedesk.core.quantity import format_quantity
from tracedesk.services.reports.cte import LotFacts, TrackingEvent
from tracedesk.services.reports.places import Places

COLUMNS = (
    "Critical tracking event",
    "Role in event",
    "Event date",
    "Traceability lot code",
    "Traceability lot code source",
    "TLC source reference",
    "Our lot code",
    "Product description",
    "Item code",
    "GTIN",
    "Quantity",
    "Unit of measure",
    "Immediate previous source",
    "Receiving location",
    "Ship-from location",
    "Immediate subsequent recipient",
    "Transformation location",
    "Reference document type",
    "Reference document number",
    "Event ID",
)
QUANTITY_COLUMN = COLUMNS.index("Quantity")
GAP_COLUMNS = (
    "Row",
    "Critical tracking event",
    "Role in event",
    "Traceability lot code",
    "Our lot code",
    "Missing KDE",
    "What to do",
)
DOCUMENT_TYPES = {"po": "Purchase order", "desadv": "Advance ship notice", "prodorder": "Work order"}
SHIPPING_DOCUMENT = "Delivery note"
SPLIT_DOCUMENT = "Lot split record"


@dataclass
class FsmaRow:
    """One spreadsheet row (column title -> text) and the KDEs it lacks."""

    values: dict[str, str]
    gaps: list[tuple[str, Message]] = field(default_factory=list)
    product: str = ""  # the item the row's event makes or moves, for the product filter

    def missing(self, kde: str, why: Message) -> None:
        self.gaps.append((kde, why))


def _date(e: TrackingEvent) -> str:
    return e.time.astimezone(timezone(timedelta(minutes=e.utc_offset_minutes))).date().isoformat()


def _described(row: FsmaRow, column: str, description: LocationDescription | None, whose: Message) -> None:
    """Fill a location-description cell, noting what the rule requires and is missing."""
    if description is None:
        row.values[column] = ""
        row.missing(column, msg("{whose} is not known: add it under master data.", whose=whose))
        return
    row.values[column] = description.one_line()
    missing = description.missing()
    if missing:
        row.missing(
            column,
            msg(
                "{whose} lacks the {fields} of its location description.",
                whose=whose,
                fields=[FIELD_TITLES[f] for f in missing],
            ),
        )


class RowMaker:
    """Builds the rows of tracking events with the plant's parties and sites."""

    def __init__(self, places: Places) -> None:
        self.places = places

    def _site(self, location: str | None) -> tuple[LocationDescription | None, Message]:
        site = self.places.site_of(location)
        if site is None:
            return None, msg("Our site (a location with a business name, address and phone)")
        return site.description, msg("Our site {code}", code=site.code)

    def _lot_columns(self, row: FsmaRow, lot: LotFacts, quantity: Decimal) -> None:
        """TLC, its source, the product and the quantity of `lot`."""
        values = row.values
        values.update(
            {
                "Our lot code": lot.code,
                "Product description": lot.item_name,
                "Item code": lot.item,
                "GTIN": lot.gtin or "",
                "Quantity": format_quantity(quantity),
                "Unit of measure": lot.unit,
            }
        )
        if lot.origin == "received":
            values["Traceability lot code"] = lot.supplier_lot or ""
            if not lot.supplier_lot:
                row.missing(
                    "Traceability lot code",
                    msg("Lot {lot} was received without the supplier's lot number, its traceability lot code.", lot=lot.code),
                )
            supplier = self.places.party("supplier", lot.supplier)
            self._source(row, supplier.description if supplier else None, supplier.gln if supplier else None, lot)
        else:
            values["Traceability lot code"] = lot.code
            site = self.places.site_of(lot.location)
            self._source(row, site.description if site else None, site.gln if site else None, lot)

    def _source(self, row: FsmaRow, description: LocationDescription | None, gln: str | None, lot: LotFacts) -> None:
        """The TLC source: its location description, or a TLC source reference (its GLN) in its stead."""
        row.values["Traceability lot code source"] = description.one_line() if description else ""
        row.values["TLC source reference"] = f"GLN {gln}" if gln else ""
        if gln or (description is not None and not description.missing()):
            return
        row.missing(
            "Traceability lot code source",
            msg(
                "The place that assigned the traceability lot code of lot {lot} has neither a complete location description nor a GLN.",
                lot=lot.code,
            ),
        )

    def _base(self, e: TrackingEvent, cte: str, role: str, product: str) -> FsmaRow:
        row = FsmaRow(dict.fromkeys(COLUMNS, ""), product=product)
        row.values.update({"Critical tracking event": cte, "Role in event": role, "Event date": _date(e), "Event ID": e.event_id})
        return row

    def _document(self, row: FsmaRow, kind: str, number: str | None, what: Message) -> None:
        row.values["Reference document type"] = kind
        row.values["Reference document number"] = number or ""
        if not number:
            row.missing("Reference document number", msg("{what} names no reference document.", what=what))

    def receiving(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        row = self._base(e, "Receiving", "received", e.lot.item)
        self._lot_columns(row, e.lot, e.quantity)
        supplier = self.places.party("supplier", e.party)
        whose = msg("The supplier {code}", code=e.party or "?")
        _described(row, "Immediate previous source", supplier.description if supplier else None, whose)
        site, ours = self._site(e.location)
        _described(row, "Receiving location", site, ours)
        documents = dict(e.documents)
        kind = "desadv" if "desadv" in documents else "po"
        self._document(row, DOCUMENT_TYPES[kind], documents.get(kind), msg("The receipt of lot {lot}", lot=e.lot.code))
        yield row

    def returned(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        """A customer's return is a receipt: its previous source is the customer, its document the shipment's."""
        row = self._base(e, "Receiving", "received", e.lot.item)
        self._lot_columns(row, e.lot, e.quantity)
        customer = self.places.party("customer", e.party)
        whose = msg("The customer {code}", code=e.party or "?")
        _described(row, "Immediate previous source", customer.description if customer else None, whose)
        site, ours = self._site(e.location)
        _described(row, "Receiving location", site, ours)
        self._document(row, SHIPPING_DOCUMENT, dict(e.documents).get("desadv"), msg("The return of lot {lot}", lot=e.lot.code))
        yield row

    def shipping(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        row = self._base(e, "Shipping", "shipped", e.lot.item)
        self._lot_columns(row, e.lot, e.quantity)
        site, ours = self._site(e.location)
        _described(row, "Ship-from location", site, ours)
        customer = self.places.party("customer", e.party)
        whose = msg("The customer {code}", code=e.party or "?")
        _described(row, "Immediate subsequent recipient", customer.description if customer else None, whose)
        self._document(row, SHIPPING_DOCUMENT, dict(e.documents).get("desadv"), msg("The shipment of lot {lot}", lot=e.lot.code))
        yield row

    def _transformation(self, e: TrackingEvent, role: str, lot: LotFacts, quantity: Decimal, product: str) -> FsmaRow:
        row = self._base(e, "Transformation", role, product)
        self._lot_columns(row, lot, quantity)
        site, ours = self._site(lot.location if role == "output" else e.location)
        _described(row, "Transformation location", site, ours)
        if e.kind == "split":
            row.values["Reference document type"] = SPLIT_DOCUMENT
            row.values["Reference document number"] = e.event_id
        else:
            self._document(row, DOCUMENT_TYPES["prodorder"], e.order, msg("The transformation of lot {lot}", lot=lot.code))
        return row

    def issue(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        yield self._transformation(e, "input", e.lot, e.quantity, e.product or e.lot.item)

    def output(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        yield self._transformation(e, "output", e.lot, e.quantity, e.lot.item)

    def split(self, e: TrackingEvent) -> Iterator[FsmaRow]:
        yield self._transformation(e, "input", e.lot, e.quantity, e.lot.item)
        for child, quantity in e.outputs:
            yield self._transformation(e, "output", child, quantity, child.item)


ROWS: dict[str, Callable[[RowMaker, TrackingEvent], Iterable[FsmaRow]]] = {
    "receiving": RowMaker.receiving,
    "return": RowMaker.returned,
    "shipping": RowMaker.shipping,
    "issue": RowMaker.issue,
    "output": RowMaker.output,
    "split": RowMaker.split,
}


def fsma_rows(events: Iterable[TrackingEvent], places: Places, *, product: str | None = None) -> Iterator[FsmaRow]:
    """The rows of the events in log order (a transformation's inputs and outputs each their own row)."""
    maker = RowMaker(places)
    for event in events:
        make = ROWS.get(event.kind)
        if make is None:
            continue  # a kind that is no FSMA critical tracking event (a move inside the plant)
        for row in make(maker, event):
            if product is None or row.product == product:
                yield row


@dataclass(frozen=True)
class FsmaResult:
    rows: int
    gaps: int
    gaps_path: Path | None  # the gaps CSV beside a CSV (an .xlsx has a Gaps sheet instead)


def gaps_path_for(path: Path) -> Path:
    return Path(path).with_name(Path(path).stem + ".gaps.csv")


def _gap_lines(number: int, row: FsmaRow) -> Iterator[tuple[object, ...]]:
    v = row.values
    for kde, why in row.gaps:
        yield (
            number,
            v["Critical tracking event"],
            v["Role in event"],
            v["Traceability lot code"],
            v["Our lot code"],
            kde,
            str(why),
        )


def write_fsma(rows: Iterable[FsmaRow], path: Path) -> FsmaResult:
    """As .xlsx (filterable, frozen header, a Gaps sheet) or .csv (UTF-8 with BOM, gaps in NAME.gaps.csv)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        gaps_path = gaps_path_for(path)
        count = gaps = 0
        with path.open("w", newline="", encoding="utf-8-sig") as out, gaps_path.open("w", newline="", encoding="utf-8-sig") as g:
            writer, gap_writer = csv.writer(out), csv.writer(g)
            writer.writerow(COLUMNS)
            gap_writer.writerow(GAP_COLUMNS)
            for count, row in enumerate(rows, start=1):
                writer.writerow([row.values[c] for c in COLUMNS])
                for line in _gap_lines(count + 1, row):
                    gap_writer.writerow(line)
                    gaps += 1
        return FsmaResult(count, gaps, gaps_path)
    from openpyxl import Workbook  # loaded only now: it imports numpy when present
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("FSMA 204 KDEs")
    gap_sheet = book.create_sheet("Gaps")
    sheet.freeze_panes = "A2"
    for index, title in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(title) + 2))
    sheet.append(COLUMNS)
    gap_sheet.append(GAP_COLUMNS)
    count = gaps = 0
    for count, row in enumerate(rows, start=1):
        # The quantity is a number in the workbook so that it sorts and sums.
        sheet.append([float(Decimal(row.values[c])) if i == QUANTITY_COLUMN else row.values[c] for i, c in enumerate(COLUMNS)])
        for line in _gap_lines(count + 1, row):
            gap_sheet.append(line)
            gaps += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    book.save(path)
    return FsmaResult(count, gaps, None)
