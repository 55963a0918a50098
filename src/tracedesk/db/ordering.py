"""The one order every station agrees on for events that do not commute: recorded time (UTC), then station and chain position.

Each station applies other stations' events as they arrive, so arrival order differs from one
station to the next. Where the result of two events depends on their order (the last change of
an item's name wins), handlers compare events by this canonical key instead: an event that
arrives late but was recorded earlier does not overwrite what a later one set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tracedesk.db.event_types import of_types
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Event

# Events of one batch share their recorded time (an import): the station and its chain order
# break the tie, so a station's own events keep the order it recorded them in.
CanonicalKey = tuple[datetime, str, int]


def canonical_key(event: StoredEvent) -> CanonicalKey:
    return (event.recorded_at, event.station, event.station_seq)


def after_in_order(event: StoredEvent) -> Any:
    """SQL: the events recorded after `event` in the canonical order."""
    return or_(
        Event.recorded_at > event.recorded_at,
        and_(
            Event.recorded_at == event.recorded_at,
            or_(Event.station > event.station, and_(Event.station == event.station, Event.station_seq > event.station_seq)),
        ),
    )


def later_changed_fields(session: Session, event: StoredEvent, types: Iterable[str], match: dict[str, str]) -> set[str]:
    """The fields that events of `types` about the same record (payload fields `match`), recorded
    after `event` in the canonical order, change: `event`'s own values for them are outdated."""
    stmt = select(Event.payload).where(
        of_types(types),
        Event.id != event.id,
        after_in_order(event),
    )
    for name, value in match.items():
        stmt = stmt.where(func.json_extract(Event.payload, f"$.{name}") == value)
    fields: set[str] = set()
    for payload in session.scalars(stmt):
        fields.update((json.loads(payload).get("changes") or {}).keys())
    return fields
