"""Events recorded at other stations: checked against their own chain, stored verbatim, projected.

A station receives other stations' events (from the hub) exactly as they were recorded there:
same UUID, station, station sequence, previous hash, hash and payload text. Each is checked
before anything is stored: it must hash to its own hash (or be a redaction the log vouches for),
and continue the chain this station already holds for its station. An event already here with
the same hash is a duplicate and skipped, so pulling the same events twice changes nothing; the
same UUID with another hash is tampering and refused. The caller's transaction makes a batch
all-or-nothing. Accepted events take the next local sequence numbers and go through the same
projection as local events (db/projection.py), whose handlers make the result independent of
the order in which stations' events arrive (see docs/sync.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tracedesk.core.errors import DatabaseError
from tracedesk.core.memory import collector_paused
from tracedesk.core.messages import Message, msg
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.bulk import insert_values
from tracedesk.db.conflicts import open_conflict_codes
from tracedesk.db.eventlog import (
    EVENT_COLUMNS,
    EVENTS,
    GENESIS_HASH,
    REDACTION_RECORD,
    StoredEvent,
    _hasher,
    _redactions,
    canonical_json,
)
from tracedesk.db.models import Event, Station
from tracedesk.db.projection import project


@dataclass(frozen=True)
class RemoteApplied:
    """What a batch of other stations' events did here."""

    applied: int  # events new to this station, stored and projected
    duplicates: int  # already here (same event UUID and same hash): skipped, idempotent
    conflicts: int  # conflict records newly opened by these events


class RemoteEventRefused(DatabaseError):
    """An event from another station that this station will not store (bad hash, broken chain, tampering)."""


def _described(e: StoredEvent) -> Message:
    return msg(
        "event {id} ({type}, station {station}, sequence {sequence})",
        id=e.id,
        type=e.type,
        station=e.station,
        sequence=e.station_seq,
    )


def _vouched_in(events: Sequence[StoredEvent]) -> dict[str, tuple[str, str]]:
    """event id -> (original hash, redacted hash), as `log_redacted` records in the batch name them."""
    vouched: dict[str, tuple[str, str]] = {}
    for e in events:
        if e.type != REDACTION_RECORD:
            continue
        for entry in e.payload.get("events") or []:
            if isinstance(entry, dict) and {"id", "hash", "redacted_hash"} <= entry.keys():
                vouched.setdefault(str(entry["id"]), (str(entry["hash"]), str(entry["redacted_hash"])))
    return vouched


_Hashers = dict[tuple[str, str, datetime, int], Callable[[str, int, str, str, str], str]]


def _check_hash(e: StoredEvent, vouched: dict[str, tuple[str, str]], hashers: _Hashers) -> str:
    """The payload text as hashed (and stored), once the event is found to match its hash.

    The digest is `event_hash`'s, with the material built as an import builds it (db/eventlog.py
    `_hasher`): the events of one station, user and moment share their encoded fields, so a
    batch of a busy day encodes them a few times instead of once per event.
    """
    text = canonical_json(e.payload)
    key = (e.station, e.user, e.recorded_at, e.utc_offset_minutes)
    digest_of = hashers.get(key)
    if digest_of is None:
        digest_of = hashers[key] = _hasher(e.station, e.user, iso_utc(e.recorded_at), e.utc_offset_minutes)
    digest = digest_of(e.id, e.station_seq, e.type, text, e.prev_hash)
    if digest == e.hash:
        return text
    # A payload redacted at its station (a secret taken out) hashes to what the record names.
    if vouched.get(e.id) == (e.hash, digest):
        return text
    raise RemoteEventRefused(
        "{event} does not match its hash: it was changed after it was recorded. Nothing of this batch was stored.",
        event=_described(e),
    )


def _store(session: Session, events: list[StoredEvent], texts: list[str], heads: dict[str, tuple[int, str]]) -> None:
    """Insert the checked events verbatim (payload text as hashed) and move the station heads."""
    for code in sorted({e.station for e in events}):
        if session.get(Station, code) is None:
            session.add(Station(code=code, name=code, lot_prefix="", numbering="", last_seq=0, last_hash=GENESIS_HASH))
    session.flush()
    insert_values(
        session,
        EVENTS,
        EVENT_COLUMNS,
        (
            (
                e.seq,
                e.id,
                e.station,
                e.station_seq,
                e.user,
                e.recorded_at,
                e.utc_offset_minutes,
                e.type,
                text,
                e.prev_hash,
                e.hash,
            )
            for e, text in zip(events, texts)
        ),
    )
    for code in sorted({e.station for e in events}):
        last_seq, last_hash = heads[code]
        session.execute(update(Station).where(Station.code == code).values(last_seq=last_seq, last_hash=last_hash))


def apply_remote_events(session: Session, events: Sequence[StoredEvent]) -> RemoteApplied:
    """Store and project other stations' events, in the order given (each station's chain in order).

    Refuses the whole batch (the caller rolls back) on the first event that does not match its
    hash, does not continue its station's chain here, or reuses a UUID with another hash.
    """
    if not events:
        return RemoteApplied(0, 0, 0)
    # Like an import: a batch makes thousands of rows and payloads that form no cycles, and
    # the cycle collector would walk them again every few hundred (see core/memory.py).
    with collector_paused():
        return _apply(session, events)


def _apply(session: Session, events: Sequence[StoredEvent]) -> RemoteApplied:
    wanted = sorted({e.id for e in events})
    known: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        known.update(session.execute(select(Event.id, Event.hash).where(Event.id.in_(wanted[start : start + 900]))).all())
    heads: dict[str, tuple[int, str]] = {}
    for code, last_seq, last_hash in session.execute(
        select(Station.code, Station.last_seq, Station.last_hash).where(Station.code.in_(list({e.station for e in events})))
    ):
        heads[code] = (last_seq or 0, last_hash or GENESIS_HASH)
    vouched = {k: (v.original_hash, v.redacted_hash) for k, v in _redactions(session).items()} | _vouched_in(events)
    fresh: list[StoredEvent] = []
    texts: list[str] = []
    duplicates = 0
    seen: set[str] = set()
    hashers: _Hashers = {}
    for e in events:
        if e.id in known or e.id in seen:
            stored_hash = known.get(e.id) or next(f.hash for f in fresh if f.id == e.id)
            if stored_hash != e.hash:
                raise RemoteEventRefused(
                    "{event} has the UUID of an event already recorded here with other content: "
                    "one of the two was changed. Nothing of this batch was stored.",
                    event=_described(e),
                )
            duplicates += 1
            continue
        text = _check_hash(e, vouched, hashers)
        last_seq, last_hash = heads.get(e.station, (0, GENESIS_HASH))
        if e.station_seq != last_seq + 1 or e.prev_hash != last_hash:
            raise RemoteEventRefused(
                "{event} does not continue the chain this station holds for station {station} "
                "(which ends at sequence {last}): events are missing or were rewritten. Nothing of this batch was stored.",
                event=_described(e),
                station=e.station,
                last=last_seq,
            )
        heads[e.station] = (e.station_seq, e.hash)
        seen.add(e.id)
        fresh.append(e)
        texts.append(text)
    if not fresh:
        return RemoteApplied(0, duplicates, 0)
    before = open_conflict_codes(session)
    next_seq = (session.scalar(select(func.max(Event.seq))) or 0) + 1
    local = [
        StoredEvent(
            seq,
            e.id,
            e.station,
            e.station_seq,
            e.user,
            e.recorded_at,
            e.utc_offset_minutes,
            e.type,
            e.payload,
            e.prev_hash,
            e.hash,
        )
        for seq, e in enumerate(fresh, start=next_seq)
    ]
    _store(session, local, texts, heads)
    try:
        project(session, local)
    except (KeyError, TypeError, ValueError) as error:
        raise RemoteEventRefused(
            "An event from another station refers to something this station does not have ({detail}); "
            "its station's earlier events must arrive first. Nothing of this batch was stored.",
            detail=str(error),
        ) from error
    return RemoteApplied(len(local), duplicates, len(open_conflict_codes(session) - before))


def events_since(session: Session, station: str, after_seq: int, *, limit: int | None = None) -> list[StoredEvent]:
    """A station's own events after `after_seq` in its chain, in chain order (what it has not sent yet)."""
    stmt = select(Event).where(Event.station == station, Event.station_seq > after_seq).order_by(Event.station_seq)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [StoredEvent.from_row(row) for row in session.execute(stmt).scalars()]


def payload_text(event: StoredEvent) -> str:
    """The payload as stored and hashed (the text a hub keeps byte for byte)."""
    return canonical_json(event.payload)
