"""Pulling other stations' events from the hub, in hub order, in batches, through the one apply function."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.timeparse import from_iso_utc
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import SyncCursor
from tracedesk.db.remote import apply_remote_events
from tracedesk.sync.hub import hub_connection

PULL_BATCH = 5000


@dataclass(frozen=True)
class Pulled:
    """What a pull did: events applied, conflicts they opened, and the hub sequence now applied."""

    pulled: int
    conflicts: int
    hub_seq: int


def cursor_key(url: URL) -> str:
    """The hub as host, port and database: the same hub whoever connects to it."""
    return f"{url.host or ''}:{url.port or 5432}/{url.database or ''}"


def applied_hub_seq(session: Session, key: str) -> int:
    row = session.get(SyncCursor, key)
    return 0 if row is None else row.last_hub_seq


def _events(rows: list[tuple[object, ...]]) -> list[StoredEvent]:
    return [
        StoredEvent(
            int(str(hub_seq)),
            str(event_id),
            str(station),
            int(str(station_seq)),
            str(user),
            from_iso_utc(str(recorded_at)),
            int(str(offset)),
            str(kind),
            json.loads(str(payload)),
            str(prev_hash),
            str(digest),
        )
        for hub_seq, event_id, station, station_seq, user, recorded_at, offset, kind, payload, prev_hash, digest in rows
    ]


_BATCH_QUERY = text(
    'SELECT hub_seq, id, station, station_seq, "user", recorded_at, utc_offset_minutes, type, payload, prev_hash, hash '
    "FROM tracedesk.events WHERE hub_seq > :after AND station <> :me ORDER BY hub_seq LIMIT :limit"
)


def pull_events(
    hub: Engine, sessions: sessionmaker[Session], station: str, *, batch: int = PULL_BATCH, max_batches: int | None = None
) -> Pulled:
    """Apply every other station's event the hub received after this database's cursor.

    Each batch is applied and the cursor moved in one local transaction, so a cut at any moment
    leaves the station either before or after the whole batch; an event fetched twice is a
    duplicate to the apply function. Pushes run one at a time on the hub, so hub sequence
    numbers become visible in order: a batch read in one snapshot never skips an event.
    Memory holds one batch at a time, whatever the hub's size. `max_batches` bounds one call
    (the rest comes with the next).
    """
    key = cursor_key(hub.url)
    with sessions() as session:
        after = applied_hub_seq(session, key)
    pulled = conflicts = rounds = 0
    while True:
        rounds += 1
        with hub_connection(hub.execution_options(isolation_level="REPEATABLE READ")) as connection:
            # One fetch of the whole batch: row by row, the driver's per-row checks cost more than the rows.
            rows = [
                tuple(row) for row in connection.execute(_BATCH_QUERY, {"after": after, "me": station, "limit": batch}).fetchall()
            ]
            if len(rows) < batch:
                # The whole rest in this snapshot: later hub sequences (this station's own) are passed too.
                newest = int(connection.execute(text("SELECT coalesce(max(hub_seq), 0) FROM tracedesk.events")).scalar_one())
            else:
                newest = int(str(rows[-1][0]))
        events = _events(rows)
        with sessions.begin() as session:
            if events:
                applied = apply_remote_events(session, events)
                pulled += applied.applied
                conflicts += applied.conflicts
            cursor = session.get(SyncCursor, key)
            if cursor is None:
                session.add(SyncCursor(hub=key, last_hub_seq=max(after, newest)))
            else:
                cursor.last_hub_seq = max(after, newest)
        after = max(after, newest)
        if len(rows) < batch or (max_batches is not None and rounds >= max_batches):
            return Pulled(pulled, conflicts, after)
