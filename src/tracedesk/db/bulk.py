"""Many rows written through the session's driver connection, converted by the column types.

An import projects a million events; SQLAlchemy's Core executemany costs several times what
SQLite takes to store a row (parameter dictionaries, per-row type processing around the
processors). Here each column's own bind processor converts the value, so the stored
representation is exactly what Core would write (scaled integer quantities, naive UTC text
for times), and the rows go to the driver's executemany in the session's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timezone
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Table
from sqlalchemy.orm import Session

from tracedesk.db.driver import driver as driver
from tracedesk.db.types import Quantity, UtcDateTime


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) as Core would, defaults of absent columns included."""
    if not rows:
        return
    keys = list(rows[0])
    # Each row's values in one C call, in the order of the keys.
    take = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    insert_values(session, table, keys, map(take, rows))


def insert_values(session: Session, table: Table, keys: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """INSERT rows given as value sequences in the order of `keys`, converted as Core would.

    The rows may be a generator: they are converted and stored as they come, so a caller
    writing many need not hold them all (or a dict per row) at once.
    """
    sql, converted, tail = _insert_plan(table, tuple(keys), session.get_bind().dialect)

    def values() -> Iterator[list[Any]]:
        for row in rows:
            cells = list(row)
            for index, convert in converted:
                cells[index] = convert(cells[index])
            cells.extend(tail)
            yield cells

    driver(session).executemany(sql, values())


Converters = tuple[tuple[int, Callable[[Any], Any]], ...]


@lru_cache(maxsize=512)
def _insert_plan(table: Table, keys: tuple[str, ...], dialect: Any) -> tuple[str, Converters, tuple[Any, ...]]:
    """The statement, the conversions (by position) and the default values for rows with these keys.

    Worked out once per table and set of keys: a scan inserts a few single rows, and building
    the plan (type lookups, conversion closures) cost more than SQLite takes to store them.
    Tables, metadata and dialects live as long as the process, so the cache is bounded by
    the handful of row shapes the projection writes.
    """
    given = [table.c[key] for key in keys]
    # Core fills absent columns that have a plain default; absent ones without stay NULL.
    fixed = [c for c in table.columns if c.key not in keys and c.default is not None and c.default.is_scalar]
    tail = tuple(_convert(c, c.default.arg, dialect) for c in fixed)  # type: ignore[union-attr]
    names = ", ".join(f'"{c.name}"' for c in [*given, *fixed])
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * (len(given) + len(fixed)))})'
    # Only the columns whose type has a conversion are touched.
    converted = tuple((index, convert) for index, c in enumerate(given) if (convert := processor(c, dialect)) is not None)
    return sql, converted, tail


@lru_cache(maxsize=512)
def processor(column: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's full bind conversion for this dialect (None when values pass as they are).

    The dialect's implementation of the type carries both steps: a TypeDecorator's own
    (aware -> naive UTC, Decimal -> scaled int) and the dialect's (datetime -> its stored text).
    For the types an import writes millions of times, one function does both steps; it is
    used only if it gives what the generic chain gives on sample values (see `_fused`). Kept
    per column and dialect: a scan inserts a few rows, and the check would cost more.
    """
    generic = column.type.dialect_impl(dialect).bind_processor(dialect)
    fused = _fused(column.type, dialect, generic)
    return fused if fused is not None else generic


# Texts of instants converted lately: an import writes each event's time into several tables
# and the batch's recording time into every event row, so most conversions are repeats.
# Only times with a fixed offset are kept: equal ones are the same instant, hence the same
# text (two times of one zone that differ only by `fold` compare equal but are not).
_UTC_TEXTS: dict[datetime, str] = {}
_UTC_TEXTS_MAX = 65_536


def _utc_text(value: datetime | None) -> str | None:
    """Aware datetime -> SQLite's stored text of its naive UTC time (microseconds always written)."""
    if value is None:
        return None
    zone = value.tzinfo
    if zone is None:
        raise ValueError("naive datetime given to a UTC column")
    if type(zone) is not timezone:
        return value.astimezone(UTC).isoformat(" ", "microseconds")[:26]
    text = _UTC_TEXTS.get(value)
    if text is None:
        if len(_UTC_TEXTS) >= _UTC_TEXTS_MAX:
            _UTC_TEXTS.clear()
        text = _UTC_TEXTS[value] = value.astimezone(UTC).isoformat(" ", "microseconds")[:26]
    return text


def _date_text(value: date | None, generic: Callable[[Any], Any]) -> Any:
    return value.isoformat() if type(value) is date else generic(value)


# Values the fused conversions must convert exactly as the generic chain does.
_SAMPLES: dict[type, tuple[Any, ...]] = {
    UtcDateTime: (
        datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
        datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        datetime.fromisoformat("2026-10-25T02:30:00.123456+02:00"),
        None,
    ),
    Quantity: (Decimal("-2.5"), Decimal("12"), Decimal("0.000001"), Decimal("1E+3"), 7, None),
    Date: (date(2026, 3, 2), date(999, 1, 2), None),
}


def _fused(kind: Any, dialect: Any, generic: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if generic is None or dialect.name != "sqlite":
        return None
    fused: Callable[[Any], Any] | None = None
    if type(kind) is UtcDateTime:
        fused = _utc_text
        samples = _SAMPLES[UtcDateTime]
    elif type(kind) is Quantity:
        # The TypeDecorator's own step only (a BigInteger has no SQLite conversion).
        bind = kind.process_bind_param
        fused = lambda value: bind(value, dialect)  # noqa: E731
        samples = _SAMPLES[Quantity]
    elif type(kind) is Date:
        fused = lambda value: _date_text(value, generic)  # noqa: E731
        samples = _SAMPLES[Date]
    if fused is None or any(fused(sample) != generic(sample) for sample in samples):
        return None
    return fused


def _convert(column: Any, value: Any, dialect: Any) -> Any:
    convert = processor(column, dialect)
    return value if convert is None else convert(value)
