"""Pushing this station's events to the hub: in chain order, in batches, idempotent by event."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.messages import Message, msg
from tracedesk.core.timeparse import from_iso_utc, iso_utc
from tracedesk.db.bulk import driver
from tracedesk.db.eventlog import GENESIS_HASH
from tracedesk.db.models import Event
from tracedesk.sync.hub import HubRefused, hub_connection

PUSH_BATCH = 5000


@dataclass(frozen=True)
class StationIdentity:
    """What the hub registers of a station: its code, name and lot-code prefix."""

    code: str
    name: str
    lot_prefix: str


def register_station(connection: Connection, station: StationIdentity) -> None:
    """Register the station on the hub, or update its name and prefix (the hub refuses a taken prefix)."""
    connection.execute(
        text("SELECT tracedesk.register_station(:id, :name, :prefix)"),
        {"id": station.code, "name": station.name, "prefix": station.lot_prefix},
    )


def hub_head(connection: Connection, station: str) -> tuple[int, str] | None:
    """The hub's chain head of a station (sequence, hash); None while the hub does not know it."""
    row = connection.execute(
        text("SELECT head_seq, head_hash FROM tracedesk.stations WHERE id = :id"), {"id": station}
    ).one_or_none()
    return None if row is None else (int(row[0]), str(row[1]))


_COLUMNS = (
    Event.station_seq,
    Event.id,
    Event.user,
    Event.recorded_at,
    Event.utc_offset_minutes,
    Event.type,
    Event.payload,
    Event.prev_hash,
    Event.hash,
)


def _own_events(session: Session, station: str, after: int, limit: int) -> list[list[object]]:
    if session.get_bind().dialect.name == "sqlite":
        # The driver's rows as stored: converting each time to a datetime and back to the
        # hashed ISO text costs more than the rest of a push.
        rows = driver(session).execute(
            'SELECT id, station_seq, "user", recorded_at, utc_offset_minutes, type, payload, prev_hash, hash FROM events '
            "WHERE station = ? AND station_seq > ? ORDER BY station_seq LIMIT ?",
            (station, after, limit),
        )
        return [
            [event_id, seq, user, _stored_iso(recorded), offset, kind, payload, prev, digest]
            for event_id, seq, user, recorded, offset, kind, payload, prev, digest in rows
        ]
    found = session.execute(
        select(*_COLUMNS).where(Event.station == station, Event.station_seq > after).order_by(Event.station_seq).limit(limit)
    )
    return [
        [event_id, seq, user, iso_utc(recorded), offset, kind, payload, prev, digest]
        for seq, event_id, user, recorded, offset, kind, payload, prev, digest in found
    ]


def _stored_iso(stored: str) -> str:
    """SQLite's stored UTC time ("2026-11-02 09:00:00.000000") as the hashed ISO text ("2026-11-02T09:00:00.000000Z")."""
    if len(stored) == 26 and stored[10] == " ":
        return f"{stored[:10]}T{stored[11:]}Z"
    return iso_utc(from_iso_utc(stored.replace(" ", "T") + ("" if stored.endswith("Z") else "Z")))


def local_head(session: Session, station: str, at: int) -> tuple[str, str] | None:
    """(id, hash) of the station's event at sequence `at` in the local log; None when it has none."""
    row = session.execute(select(Event.id, Event.hash).where(Event.station == station, Event.station_seq == at)).one_or_none()
    return None if row is None else (str(row[0]), str(row[1]))


def check_same_history(hub: Engine, sessions: sessionmaker[Session], station: str) -> None:
    """Refuse to sync a local history that is not the one the hub witnessed, naming the first event that differs.

    The chain makes the head enough to know: an edit anywhere before it, even re-hashed,
    changes the head's hash. Only then is the history walked to name the first difference.
    """
    with hub_connection(hub) as connection:
        head = hub_head(connection, station)
    if head is None or head[0] == 0:
        return
    with sessions() as session:
        local = local_head(session, station, head[0])
    if local is not None and local[1] == head[1]:
        return
    problem = first_difference(hub, sessions, [station], own=station)
    if problem is not None:
        raise HubRefused("This station's log is not the history the hub witnessed: {problem}.", problem=problem)


def push_events(hub: Engine, sessions: sessionmaker[Session], station: str, *, batch: int = PUSH_BATCH) -> int:
    """Send every event of this station the hub lacks, in order; returns how many the hub took.

    Each batch is one transaction on the hub, and the hub's head says where the next starts,
    so a connection cut at any moment leaves the hub with whole batches: the next push sends
    the rest, and an event the hub already holds is never added twice.
    """
    pushed = 0
    with hub_connection(hub) as connection:
        head = hub_head(connection, station)
    after = 0 if head is None else head[0]
    while True:
        with sessions() as session:
            events = _own_events(session, station, after, batch)
        if not events:
            return pushed
        with hub_connection(hub) as connection:
            new_head = connection.execute(
                text("SELECT tracedesk.push_events(:station, CAST(:events AS jsonb))"),
                {"station": station, "events": json.dumps(events, ensure_ascii=False)},
            ).scalar_one()
        pushed += int(new_head) - after
        after = int(new_head)
        if len(events) < batch:
            return pushed


def _hub_chain(connection: Connection, station: str, after: int, limit: int) -> list[tuple[int, str, str, str]]:
    rows = connection.execute(
        text(
            "SELECT station_seq, id, hash, type FROM tracedesk.events WHERE station = :station AND station_seq > :after "
            "ORDER BY station_seq LIMIT :limit"
        ),
        {"station": station, "after": after, "limit": limit},
    )
    return [(int(seq), str(event_id), str(digest), str(kind)) for seq, event_id, digest, kind in rows]


def _local_chain(session: Session, station: str, after: int, limit: int) -> list[tuple[int, str, str, str]]:
    rows = session.execute(
        select(Event.station_seq, Event.id, Event.hash, Event.type)
        .where(Event.station == station, Event.station_seq > after)
        .order_by(Event.station_seq)
        .limit(limit)
    )
    return [(int(seq), str(event_id), str(digest), str(kind)) for seq, event_id, digest, kind in rows]


def _pairs(
    hub: Engine, sessions: sessionmaker[Session], station: str, batch: int
) -> Iterator[tuple[tuple[int, str, str, str] | None, tuple[int, str, str, str] | None]]:
    """(hub event, local event) by station sequence, up to the hub's head, in batches."""
    after = 0
    while True:
        with hub_connection(hub) as connection:
            theirs = _hub_chain(connection, station, after, batch)
        if not theirs:
            return
        with sessions() as session:
            ours = {row[0]: row for row in _local_chain(session, station, after, batch)}
        for row in theirs:
            yield row, ours.get(row[0])
        after = theirs[-1][0]


def first_difference(
    hub: Engine, sessions: sessionmaker[Session], stations: list[str], *, own: str | None = None, batch: int = PUSH_BATCH
) -> Message | None:
    """The first event of these stations where the local log and the hub's copy differ, in a sentence.

    Of the station `own` (this one) every event the hub holds must be in the local log; of the
    others, the events this log already pulled must be the hub's.
    """
    for station in stations:
        for theirs, ours in _pairs(hub, sessions, station, batch):
            seq, event_id, digest, kind = theirs or (0, "", GENESIS_HASH, "")
            if ours is None:
                if station != own:
                    break  # not pulled yet
                return msg(
                    "event {id} (station {station}, sequence {sequence}, {type}) is on the hub but missing from the local log",
                    id=event_id,
                    station=station,
                    sequence=seq,
                    type=kind,
                )
            if ours[1] != event_id or ours[2] != digest:
                return msg(
                    "event {id} (station {station}, sequence {sequence}, {type}) differs from the hub's copy",
                    id=ours[1],
                    station=station,
                    sequence=seq,
                    type=ours[3],
                )
    return None


def compare_with_hub(url: str, sessions: sessionmaker[Session], own: str) -> Message | None:
    """`audit verify` with a hub: the first event of the local log that is not the hub's copy."""
    from tracedesk.db.models import Station
    from tracedesk.sync.hub import check_revision, hub_engine

    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            check_revision(connection, engine.url)
        with sessions() as session:
            stations = [own, *sorted(code for code in session.scalars(select(Station.code)) if code != own)]
        return first_difference(engine, sessions, stations, own=own)
    finally:
        engine.dispose()
