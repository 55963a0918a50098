"""Reading an import: a folder of CSV files or one .xlsx workbook, headers checked exactly."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import BLANKS, check_regular_file

# File (or sheet) name -> its exact columns, in the order the documentation gives them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "items": ("code", "name", "unit", "kind", "tracking", "gtin", "shelf_life_days"),
    "suppliers": ("code", "name", "gln"),
    "customers": ("code", "name", "gln"),
    "locations": ("code", "name"),
    "boms": ("product", "component", "quantity_per", "unit"),
    "receipts": ("lot", "item", "quantity", "supplier", "supplier_lot", "received_at", "expiry", "po", "status"),
    "orders": ("order", "product", "quantity", "started_at"),
    "issues": ("order", "lot", "quantity", "issued_at", "operator"),
    "outputs": ("order", "lot", "quantity", "produced_at"),
    "shipments": ("lot", "quantity", "customer", "shipped_at", "document"),
    # The warehouse and after-sales legs (services.warehouse_import), after everything above.
    "moves": ("lot", "location", "moved_at"),
    "returns": ("lot", "document", "quantity", "returned_at", "reason"),
}

_DESCRIPTION = ("phone", "street", "city", "region", "postal_code", "country")
# Columns a file may have beyond its required ones: the location description of a party or a
# site (FSMA 204), so that files written before these columns existed still import.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "suppliers": _DESCRIPTION,
    "customers": _DESCRIPTION,
    "locations": ("gln", "business_name", *_DESCRIPTION, "kind", "parent", "blocked"),
    "moves": ("quantity", "purpose"),
    "returns": ("location",),
}


@dataclass(frozen=True, slots=True)
class Source:
    """A file of a CSV import, or a sheet of a workbook; one per table, shared by its rows."""

    name: str
    sheet: bool = False

    def message(self) -> Message | str:
        return msg("sheet {sheet}", sheet=self.name) if self.sheet else self.name


@dataclass(frozen=True, slots=True)
class Place:
    """Where a problem is: the file or sheet, and the row and column when they are known."""

    source: Source
    row: int | None = None
    column: str | None = None

    def message(self) -> Message | str:
        file = self.source.message()
        if self.row is not None and self.column:
            return msg("{file}, row {row}, column {column}", file=file, row=self.row, column=self.column)
        if self.row is not None:
            return msg("{file}, row {row}", file=file, row=self.row)
        return file


class ImportProblem(InvalidInput):
    """A bad row: names the file or sheet, the row and the column (kept as parameters, `where`)."""

    def __init__(self, template: str, /, *, at: Place, **params: Any) -> None:
        problem = Message(template, params)
        super().__init__(msg("{place}: {problem}", place=at.message(), problem=problem))
        self.where = at
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Row:
    """One data row with its place in the source, for error messages.

    An import holds every row until all are checked: the cells stay the reader's own sequence
    and the column positions one dict per table, rather than a dict per row (a million-row
    import would otherwise keep a million dicts).
    """

    source: Source
    number: int
    cells: Sequence[Any]
    columns: dict[str, int]

    def where(self, column: str | None = None) -> Place:
        return Place(self.source, self.number, column)

    def text(self, column: str) -> str:
        index = self.columns.get(column)
        value = self.cells[index] if index is not None and index < len(self.cells) else None
        if type(value) is str:  # every CSV cell, a million times: the common case first
            return value.strip(BLANKS)
        if value is None:
            return ""
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float):
            # Spreadsheet numbers arrive as floats; their shortest repr is what the user typed.
            return repr(value) if not value.is_integer() else str(int(value))
        return str(value).strip(BLANKS)


T = TypeVar("T")


def cell(row: Row, column: str, clean: Callable[[str], T]) -> T:
    """Clean one cell, naming file, row and column when it is bad."""
    try:
        return clean(row.text(column))
    except InvalidInput as error:
        raise ImportProblem("{error}", at=row.where(column), error=error) from None


@dataclass(frozen=True)
class Table:
    """A file or sheet: its rows may be iterated more than once (a CSV file's are read again)."""

    name: str
    source: Source
    rows: Iterable[Row]


def _check_header(name: str, source: Source, header: Sequence[object]) -> None:
    expected = COLUMNS[name]
    optional = OPTIONAL_COLUMNS.get(name, ())
    cleaned = [h.strip() if isinstance(h, str) else ("" if h is None else str(h)) for h in header]
    while cleaned and cleaned[-1] == "":
        cleaned.pop()
    extra = [h for h in cleaned if h not in expected and h not in optional]
    missing = [c for c in expected if c not in cleaned]
    duplicated = sorted({h for h in cleaned if cleaned.count(h) > 1})
    if extra or missing or duplicated:
        parts: list[Message] = []
        if extra:
            parts.append(msg("unknown columns {columns}", columns=[repr(h) for h in extra]))
        if missing:
            parts.append(msg("missing columns {columns}", columns=missing))
        if duplicated:
            parts.append(msg("repeated columns {columns}", columns=duplicated))
        if optional:
            raise ImportProblem(
                "{problems} (expected exactly: {expected}; optional: {optional})",
                at=Place(source, 1),
                problems=parts,
                expected=",".join(expected),
                optional=",".join(optional),
            )
        raise ImportProblem(
            "{problems} (expected exactly: {expected})", at=Place(source, 1), problems=parts, expected=",".join(expected)
        )


class CsvRows:
    """The rows of a CSV file, read again from the file each time they are iterated.

    A million-row import kept every row in memory until it was planned (most of its peak);
    the file is read once through to find any bad row before planning starts, then again,
    row by row, by each step of the planner that needs it.
    """

    def __init__(self, name: str, path: Path, source: Source) -> None:
        self.name, self.path, self.source = name, path, source
        for _ in self._records():  # every problem of the file's own, before anything is planned
            pass

    def __iter__(self) -> Iterator[Row]:
        source, positions = self.source, self._positions
        for number, record in self._records():
            yield Row(source, number, record, positions)

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        source = self.source
        try:
            with self.path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    raise ImportProblem("the file is empty; it needs at least the header row", at=Place(source))
                _check_header(self.name, source, header)
                columns = [h.strip() for h in header]
                self._positions = {column: index for index, column in enumerate(columns)}
                width = len(columns)
                for number, record in enumerate(reader, start=2):
                    # Blank lines are skipped; a row's first cell is almost always filled in.
                    if not (record and record[0].strip()) and not any(cell.strip() for cell in record):
                        continue
                    if len(record) > width and any(cell.strip() for cell in record[width:]):
                        raise ImportProblem(
                            "has {values} values but the header has {columns} columns",
                            at=Place(source, number),
                            values=len(record),
                            columns=width,
                        )
                    yield number, record
        except UnicodeDecodeError:
            raise ImportProblem("is not UTF-8 text; save it as 'CSV UTF-8'", at=Place(source)) from None
        except csv.Error as error:
            raise ImportProblem("is not valid CSV ({error})", at=Place(source), error=error) from None
        except OSError as error:  # a disk or network share failing mid-read
            raise ImportProblem("cannot be read ({error})", at=Place(source), error=error.strerror or str(error)) from None


def _csv_table(name: str, path: Path) -> Table:
    source = Source(path.name)
    return Table(name, source, CsvRows(name, path, source))


def _sheet_tables(path: Path) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise ImportProblem("cannot be read as an Excel workbook ({error})", at=Place(Source(path.name)), error=error) from None
    try:
        unknown = [s for s in workbook.sheetnames if s not in COLUMNS]
        if unknown:
            raise ImportProblem(
                "has unknown sheets {sheets} (expected: {expected})",
                at=Place(Source(path.name)),
                sheets=unknown,
                expected=list(COLUMNS),
            )
        for name in COLUMNS:
            if name not in workbook.sheetnames:
                continue
            source = Source(name, sheet=True)
            try:
                rows = _sheet_rows(name, source, workbook[name].iter_rows(values_only=True))
            except ImportProblem:
                raise
            except Exception as error:  # a damaged sheet fails while it is read, with many types
                raise ImportProblem(
                    "cannot be read ({error})", at=Place(source), error=f"{type(error).__name__}: {error}"
                ) from None
            yield Table(name, source, rows)
    finally:
        workbook.close()


def _sheet_rows(name: str, source: Source, records: Iterator[tuple[Any, ...]]) -> list[Row]:
    header = next(records, None)
    if header is None:
        raise ImportProblem("is empty; it needs at least the header row", at=Place(source))
    _check_header(name, source, list(header))
    columns = [str(h).strip() if h is not None else "" for h in header]
    positions = {column: index for index, column in enumerate(columns) if column}
    rows = []
    for number, record in enumerate(records, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in record):
            continue
        rows.append(Row(source, number, record, positions))
    return rows


def read_import(path: Path) -> dict[str, Table]:
    """Every table present in a folder of CSV files or a workbook; absent ones are simply missing."""
    if not path.exists():
        raise InvalidInput("{path} does not exist.", path=path)
    if path.is_dir():
        unknown = sorted(p.name for p in path.glob("*.csv") if p.stem not in COLUMNS)
        if unknown:
            raise InvalidInput(
                "Unknown files in {folder}: {files} (expected: {expected}).",
                folder=path.name,
                files=unknown,
                expected=[n + ".csv" for n in COLUMNS],
            )
        # A folder named receipts.csv, or a pipe, would crash or hang the reader: each is a file first.
        present = [name for name in COLUMNS if (path / f"{name}.csv").exists()]
        files = {name: check_regular_file(path / f"{name}.csv", what="import file") for name in present}
        return {name: _csv_table(name, file) for name, file in files.items()}
    check_regular_file(path, what="import file")
    if path.suffix.lower() == ".xlsx":
        return {table.name: table for table in _sheet_tables(path)}
    if path.suffix.lower() == ".csv" and path.stem in COLUMNS:
        return {path.stem: _csv_table(path.stem, path)}
    raise InvalidInput("{name} is neither a folder of CSV files nor an .xlsx workbook.", name=path.name)
