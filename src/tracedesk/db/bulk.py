"""Many rows written through the session's driver connection, converted by the column types.

An import projects a million events; SQLAlchemy's Core executemany costs several times what
SQLite takes to store a row (parameter dictionaries, per-row type processing around the
processors). Here each column's own bind processor converts the value, so the stored
representation is exactly what Core would write (scaled integer quantities, naive UTC text
for times), and the rows go to the driver's executemany in the session's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def driver(session: Session) -> Any:
    """The DB-API connection of the session's transaction, pending ORM changes flushed first."""
    session.flush()
    return session.connection().connection.driver_connection


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) as Core would, defaults of absent columns included."""
    if not rows:
        return
    sql, converters, tail = _insert_plan(table, tuple(rows[0]), session.get_bind().dialect)

    def values() -> Any:
        for row in rows:
            yield tuple([row[key] if convert is None else convert(row[key]) for key, convert in converters]) + tail

    driver(session).executemany(sql, values())


Converters = tuple[tuple[str, Callable[[Any], Any] | None], ...]


@lru_cache(maxsize=512)
def _insert_plan(table: Table, keys: tuple[str, ...], dialect: Any) -> tuple[str, Converters, tuple[Any, ...]]:
    """The statement, per-column conversions and default values for rows with these keys.

    Worked out once per table and set of keys: a scan inserts a few single rows, and building
    the plan (type lookups, conversion closures) cost more than SQLite takes to store them.
    Tables, metadata and dialects live as long as the process, so the cache is bounded by
    the handful of row shapes the projection writes.
    """
    given = [table.c[key] for key in keys]
    # Core fills absent columns that have a plain default; absent ones without stay NULL.
    fixed = [c for c in table.columns if c.key not in keys and c.default is not None and c.default.is_scalar]
    converters = tuple((c.key, processor(c, dialect)) for c in given)
    tail = tuple(_convert(c, c.default.arg, dialect) for c in fixed)  # type: ignore[union-attr]
    names = ", ".join(f'"{c.name}"' for c in [*given, *fixed])
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * (len(given) + len(fixed)))})'
    return sql, converters, tail


@lru_cache(maxsize=512)
def processor(column: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's full bind conversion for this dialect (None when values pass as they are).

    The dialect's implementation of the type carries both steps: a TypeDecorator's own
    (aware -> naive UTC, Decimal -> scaled int) and the dialect's (datetime -> its stored text).
    Cached per column and dialect: the conversion is a pure function of the two.
    """
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _convert(column: Any, value: Any, dialect: Any) -> Any:
    convert = processor(column, dialect)
    return value if convert is None else convert(value)
