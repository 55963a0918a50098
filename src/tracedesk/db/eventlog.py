"""The append-only event log: hash chaining per station, appending, reading and verifying."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tracedesk.core.ids import uuid7_texts
from tracedesk.core.messages import Message, msg
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.bulk import driver, insert_values
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event, Station

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class EventDraft:
    """An event a service has validated and wants applied: type and JSON-safe payload."""

    type: str
    payload: dict[str, Any]
    # The payload's canonical JSON when the caller already has it (an import keeps its drafts
    # as that text); it must be canonical_json(payload).
    encoded: str | None = None


@dataclass(frozen=True)
class StoredEvent:
    """An event as it stands in the log."""

    seq: int
    id: str
    station: str
    station_seq: int
    user: str
    recorded_at: datetime
    utc_offset_minutes: int
    type: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def from_row(cls, row: Any) -> StoredEvent:
        return cls(
            row.seq,
            row.id,
            row.station,
            row.station_seq,
            row.user,
            row.recorded_at,
            row.utc_offset_minutes,
            row.type,
            json.loads(row.payload),
            row.prev_hash,
            row.hash,
        )


# json.dumps with options builds a new encoder per call; an import of a million events
# serialises two million times, so keep one.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# The encoder's own string escaping (ensure_ascii=False), for the hash material built by hand.
_STRING = json.encoder.encode_basestring


def _c_encoder() -> Callable[[Any, int], Any] | None:
    """The C encoder behind _CANONICAL, made once: JSONEncoder.encode builds it again for
    every value, a third of the cost of encoding an event's payload. None where the C
    encoder is missing or does not write exactly what _CANONICAL writes."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    try:
        encode = make(None, _CANONICAL.default, _STRING, None, ":", ",", True, False, True)
        sample = {"b": [1, 2.5, None, True, 'é"\n'], "a": {"d": -3, "c": ""}}
        return encode if "".join(encode(sample, 0)) == _CANONICAL.encode(sample) else None
    except TypeError:  # another signature
        return None


_ENCODE = _c_encoder()


def canonical_json(value: Any) -> str:
    """The one serialisation hashed and stored: sorted keys, no spaces, UTF-8 text."""
    if _ENCODE is not None and type(value) is dict:
        return "".join(_ENCODE(value, 0))
    return _CANONICAL.encode(value)


def event_hash(
    *,
    id: str,
    station: str,
    station_seq: int,
    user: str,
    recorded_at: datetime | str,
    utc_offset_minutes: int,
    type: str,
    payload: str,
    prev_hash: str,
) -> str:
    """SHA-256 over every stored field but the hash itself and the local sequence number.

    `recorded_at` may be given already as its ISO text (a batch shares one time).
    """
    recorded = recorded_at if isinstance(recorded_at, str) else iso_utc(recorded_at)
    material = canonical_json([id, station, station_seq, user, recorded, utc_offset_minutes, type, payload, prev_hash])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _hasher(station: str, user: str, recorded_text: str, utc_offset_minutes: int) -> Callable[[str, int, str, str, str], str]:
    """event_hash for one batch, with the fields the batch shares encoded once.

    The material is the same JSON array event_hash encodes (strings escaped by the same
    encoder, integers as their repr), joined by hand: an import hashes a million events and
    the generic encoder's set-up per call costs more than the escaping.
    """
    station_text = _STRING(station)
    shared = f",{_STRING(user)},{_STRING(recorded_text)},{int(utc_offset_minutes)!r},"

    def digest(event_id: str, station_seq: int, event_type: str, payload: str, prev_hash: str) -> str:
        material = (
            f"[{_STRING(event_id)},{station_text},{int(station_seq)!r}{shared}"
            f"{_STRING(event_type)},{_STRING(payload)},{_STRING(prev_hash)}]"
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    return digest


# The events table as a Table (a mapped class's __table__ is typed as any FROM clause).
EVENTS = Event.metadata.tables[Event.__tablename__]
# Every column of a stored event, in the order the bulk writers (local and other stations') insert them.
EVENT_COLUMNS = (
    "seq",
    "id",
    "station",
    "station_seq",
    "user",
    "recorded_at",
    "utc_offset_minutes",
    "type",
    "payload",
    "prev_hash",
    "hash",
)


def append_events(
    session: Session,
    drafts: Sequence[EventDraft],
    *,
    station: str,
    user: str,
    recorded_at: datetime,
    utc_offset_minutes: int,
) -> list[StoredEvent]:
    """Append drafts to the station's chain; the caller's transaction makes it atomic with the state."""
    # The head and the next sequence are read, and the head written, through the driver: a
    # scan appends one event, and the ORM's get, flush and identity map cost more than the
    # statements themselves (project() expires the session afterwards).
    connection = driver(session)
    found = connection.execute("SELECT last_seq, last_hash FROM stations WHERE code = ?", (station,)).fetchone()
    if found is None:
        session.add(Station(code=station, name=station, lot_prefix="", numbering="", last_seq=0, last_hash=GENESIS_HASH))
        session.flush()
        found = (0, GENESIS_HASH)
    (max_seq,) = connection.execute("SELECT max(seq) FROM events").fetchone()
    next_seq = (max_seq or 0) + 1
    station_seq, prev_hash = found[0], found[1] or GENESIS_HASH
    stored: list[StoredEvent] = []
    texts: list[str] = []
    digest = _hasher(station, user, iso_utc(recorded_at), utc_offset_minutes)
    for seq, draft, event_id in zip(range(next_seq, next_seq + len(drafts)), drafts, uuid7_texts(len(drafts))):
        station_seq += 1
        payload_text = draft.encoded if draft.encoded is not None else canonical_json(draft.payload)
        texts.append(payload_text)
        event_hash_ = digest(event_id, station_seq, draft.type, payload_text, prev_hash)
        stored.append(
            StoredEvent(
                seq,
                event_id,
                station,
                station_seq,
                user,
                recorded_at,
                utc_offset_minutes,
                draft.type,
                draft.payload,
                prev_hash,
                event_hash_,
            )
        )
        prev_hash = event_hash_
    if stored:
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
                for e, text in zip(stored, texts)
            ),
        )
        connection.execute("UPDATE stations SET last_seq = ?, last_hash = ? WHERE code = ?", (station_seq, prev_hash, station))
    return stored


def copy_events(session: Session, events: Sequence[StoredEvent]) -> None:
    """Insert events verbatim (replay, sync); the station heads follow the copied chain."""
    if not events:
        return
    heads: dict[str, Station] = {}
    for code in dict.fromkeys(e.station for e in events):
        head = session.get(Station, code)
        if head is None:
            head = Station(code=code, name=code, lot_prefix="", numbering="", last_seq=0, last_hash=GENESIS_HASH)
            session.add(head)
        heads[code] = head
    session.flush()
    session.execute(
        insert(Event),
        [
            {
                "seq": e.seq,
                "id": e.id,
                "station": e.station,
                "station_seq": e.station_seq,
                "user": e.user,
                "recorded_at": e.recorded_at,
                "utc_offset_minutes": e.utc_offset_minutes,
                "type": e.type,
                "payload": canonical_json(e.payload),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
            }
            for e in events
        ],
    )
    for e in events:
        head = heads[e.station]
        if e.station_seq > head.last_seq:
            head.last_seq, head.last_hash = e.station_seq, e.hash


def read_events(session: Session, *, batch: int = 5000) -> Iterator[StoredEvent]:
    """Every event in log order, streamed."""
    last = 0
    while True:
        rows = session.execute(select(Event).where(Event.seq > last).order_by(Event.seq).limit(batch)).scalars().all()
        if not rows:
            return
        for row in rows:
            yield StoredEvent.from_row(row)
        last = rows[-1].seq
        session.expunge_all()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying the log: how many events, and the first bad one if any."""

    checked: int
    first_bad_seq: int | None = None
    first_bad_id: str | None = None
    problem: Message | None = None

    @property
    def is_intact(self) -> bool:
        return self.problem is None


# The event that vouches for events whose payload was redacted (see db.redaction).
REDACTION_RECORD = "log_redacted"


@dataclass(frozen=True)
class _Vouched:
    original_hash: str
    redacted_hash: str
    record_seq: int
    record_id: str


def _redactions(session: Session) -> dict[str, _Vouched]:
    """event id -> what a `log_redacted` record says of it (the first record to name it counts)."""
    vouched: dict[str, _Vouched] = {}
    for seq, record_id, payload in session.execute(
        select(Event.seq, Event.id, Event.payload).where(of_types(REDACTION_RECORD)).order_by(Event.seq)
    ):
        try:
            entries = json.loads(payload).get("events") or []
            for entry in entries:
                vouched.setdefault(str(entry["id"]), _Vouched(str(entry["hash"]), str(entry["redacted_hash"]), seq, record_id))
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a damaged record vouches for nothing (its own hash names the damage)
    return vouched


def verify_chain(session: Session) -> ChainReport:
    """Walk every station's chain: sequence without gaps, each hash recomputed, heads matching.

    An event whose payload a `log_redacted` record vouches for (recorded after it) is accepted
    when its hash is still the original the record names and the event hashes, as it stands, to
    the record's `redacted_hash`: the links stay checked, and a later edit is caught as any other.
    """
    heads = {s.code: s for s in session.execute(select(Station)).scalars()}
    vouched = _redactions(session)
    expected: dict[str, tuple[int, str]] = dict.fromkeys(heads, (0, GENESIS_HASH))
    checked = 0
    bad: ChainReport | None = None
    query = select(Event).order_by(Event.seq).execution_options(yield_per=5000)
    for row in session.execute(query).scalars():
        checked += 1
        if bad is not None:
            continue
        seq, prev = expected.get(row.station, (0, GENESIS_HASH))
        described = msg(
            "event #{seq} ({type}, id {id}, station {station})", seq=row.seq, type=row.type, id=row.id, station=row.station
        )
        problem: Message | None = None
        if row.station not in heads:
            problem = msg(
                "{event} belongs to a station the log does not know: it was inserted behind the application's back",
                event=described,
            )
        elif row.station_seq != seq + 1:
            if row.station_seq <= seq:
                problem = msg(
                    "{event} repeats station sequence {sequence}: it was inserted behind the application's back",
                    event=described,
                    sequence=row.station_seq,
                )
            else:
                problem = msg(
                    "{event} follows a gap in the chain (station sequence {sequence} is missing): an event before it was deleted",
                    event=described,
                    sequence=seq + 1,
                )
        elif row.prev_hash != prev:
            problem = msg("{event} does not follow the event before it: an event was inserted or deleted", event=described)
        else:
            digest = event_hash(
                id=row.id,
                station=row.station,
                station_seq=row.station_seq,
                user=row.user,
                recorded_at=row.recorded_at,
                utc_offset_minutes=row.utc_offset_minutes,
                type=row.type,
                payload=row.payload,
                prev_hash=row.prev_hash,
            )
            redaction = vouched.get(row.id)
            if digest != row.hash and redaction is not None and redaction.record_seq > row.seq:
                if redaction.original_hash != row.hash or redaction.redacted_hash != digest:
                    problem = msg(
                        "{event} was edited behind the application's back after its redaction "
                        "(recorded by event #{record}, id {record_id})",
                        event=described,
                        record=redaction.record_seq,
                        record_id=redaction.record_id,
                    )
            elif digest != row.hash:
                problem = msg("{event} does not match its hash: it was edited behind the application's back", event=described)
        if problem is not None:
            bad = ChainReport(0, row.seq, row.id, problem)
        expected[row.station] = (row.station_seq, row.hash)
    if bad is not None:
        return ChainReport(checked, bad.first_bad_seq, bad.first_bad_id, bad.problem)
    for code, head in heads.items():
        seq, digest = expected[code]
        if (seq, digest) != (head.last_seq, head.last_hash or GENESIS_HASH) and not (seq == 0 and head.last_seq == 0):
            return ChainReport(
                checked,
                None,
                None,
                msg(
                    "the last event of station {station} (sequence {sequence}) is missing or was changed: "
                    "events at the end of the log were deleted behind the application's back",
                    station=code,
                    sequence=head.last_seq,
                ),
            )
    return ChainReport(checked)
