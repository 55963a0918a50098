"""The one order every station agrees on for events that do not commute: recorded time (UTC), then UUID.

Each station applies other stations' events as they arrive, so arrival order differs from one
station to the next. Where the result of two events depends on their order (the last change of
an item's name wins), handlers compare events by this canonical key instead: an event that
arrives late but was recorded earlier does not overwrite what a later one set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Event

CanonicalKey = tuple[datetime, str]


def canonical_key(event: StoredEvent) -> CanonicalKey:
    return (event.recorded_at, event.id)


def later_changed_fields(session: Session, event: StoredEvent, types: Iterable[str], match: dict[str, str]) -> set[str]:
    """The fields that events of `types` about the same record (payload fields `match`), recorded
    after `event` in the canonical order, change: `event`'s own values for them are outdated."""
    stmt = select(Event.payload).where(
        Event.type.in_(list(types)),
        Event.id != event.id,
        or_(Event.recorded_at > event.recorded_at, and_(Event.recorded_at == event.recorded_at, Event.id > event.id)),
    )
    for name, value in match.items():
        stmt = stmt.where(func.json_extract(Event.payload, f"$.{name}") == value)
    fields: set[str] = set()
    for payload in session.scalars(stmt):
        fields.update((json.loads(payload).get("changes") or {}).keys())
    return fields
