"""Looking events up by type: the index of the types recorded now and then, not by the hundred thousand.

Scans, receipts, outputs, shipments and orders are nearly every event of a plant, and nothing
looks them up by type alone (a lot's timeline, a period or a station reach them). An index of
them by type was rewritten on every scan, often split in its middle: two pages or more of the
pages a scan writes. The index keeps the other types only (migration 0015_scan_pages).

SQLite uses such a partial index only when the query repeats its condition word for word, so a
lookup of types that are all in the index says so with `of_types`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, text

from tracedesk.db.models import BULK_EVENT_TYPES, NOT_BULK_TYPE, Event


def is_indexed_type(event_type: str) -> bool:
    """Whether events of this type are in the index by type."""
    return event_type not in BULK_EVENT_TYPES


def of_types(*types: str | Iterable[str]) -> Any:
    """SQL: events of these types (names or collections of names), through the index by type
    when every type is in it. The query must read `events` unaliased."""
    wanted = [name for t in types for name in ([t] if isinstance(t, str) else t)]
    clause = Event.type.in_(wanted) if len(wanted) != 1 else Event.type == wanted[0]
    if wanted and all(is_indexed_type(t) for t in wanted):
        return and_(clause, text(NOT_BULK_TYPE))
    return clause


def sql_of_type(alias: str, event_type: str) -> str:
    """The same for hand-written SQL: `alias.type = 'event_type'` and the index's condition."""
    if not is_indexed_type(event_type) or not event_type.isidentifier():
        raise ValueError("not an indexed event type", event_type)
    return f"{alias}.type = '{event_type}' AND {alias}.{NOT_BULK_TYPE}"
