"""Proving the record: the hash chain is intact and replaying the log gives the same state."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Column, Engine, Row, create_engine, select, text
from sqlalchemy.orm import Session

from tracedesk.core.messages import Message, msg
from tracedesk.db.eventlog import ChainReport, copy_events, read_events, verify_chain
from tracedesk.db.models import STATE_TABLES, Base
from tracedesk.db.projection import project

REPLAY_BATCH = 20_000


@dataclass(frozen=True)
class AuditReport:
    chain: ChainReport
    replay_checked: bool
    replay_differences: tuple[Message, ...] = ()

    @property
    def is_intact(self) -> bool:
        return self.chain.is_intact and not self.replay_differences


def table_fingerprints(session: Session) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row (in key order) of each state table."""
    result: dict[str, tuple[int, str]] = {}
    for name in STATE_TABLES:
        table = Base.metadata.tables[name]
        digest = hashlib.sha256()
        count = 0
        key = list(table.primary_key.columns)
        stmt = select(*table.columns).order_by(*key).execution_options(yield_per=10_000)
        for row in session.execute(stmt):
            digest.update(repr(tuple(row)).encode("utf-8"))
            count += 1
        result[name] = (count, digest.hexdigest())
    return result


def replay_into(source: Session, target: Session) -> int:
    """Copy the log into an empty database and rebuild its state by projecting every event."""
    events = read_events(source)
    total = 0
    while batch := list(islice(events, REPLAY_BATCH)):
        copy_events(target, batch)
        project(target, batch)
        total += len(batch)
    return total


def replayed_engine() -> Engine:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = ON")
    Base.metadata.create_all(engine)
    return engine


def compare_with_replay(session: Session) -> tuple[Message, ...]:
    """Each state table whose content differs from a replay of the log, naming its first bad row."""
    engine = replayed_engine()
    try:
        with Session(engine) as target, target.begin():
            replay_into(session, target)
            replayed = table_fingerprints(target)
            actual = table_fingerprints(session)
            return tuple(
                _describe_difference(session, target, name, actual[name][0], replayed[name][0])
                for name in STATE_TABLES
                if actual[name] != replayed[name]
            )
    finally:
        engine.dispose()


def _describe_difference(stored: Session, replayed: Session, name: str, stored_rows: int, replayed_rows: int) -> Message:
    """Walk both tables in key order to the first row that differs; name the event behind it."""
    table = Base.metadata.tables[name]
    key = list(table.primary_key.columns)
    stmt = select(*table.columns).order_by(*key)
    ours, theirs = iter(stored.execute(stmt)), iter(replayed.execute(stmt))
    counts = msg("{table}: {stored} rows stored, {replayed} after replay", table=name, stored=stored_rows, replayed=replayed_rows)

    def key_of(row: Row[Any]) -> tuple[Any, ...]:
        return tuple(row._mapping[c.name] for c in key)

    a, b = next(ours, None), next(theirs, None)
    while a is not None or b is not None:
        if a is not None and b is not None and key_of(a) == key_of(b):
            if tuple(a) != tuple(b):
                columns = [c.name for c in table.columns if a._mapping[c.name] != b._mapping[c.name]]
                return msg(
                    "{counts}; row {row} was changed ({columns}){origin}",
                    counts=counts,
                    row=_key_text(key_of(a), key),
                    columns=columns,
                    origin=_origin(stored, b),
                )
            a, b = next(ours, None), next(theirs, None)
        elif a is not None and (b is None or key_of(a) < key_of(b)):
            return msg(
                "{counts}; row {row} was inserted and no event made it{origin}",
                counts=counts,
                row=_key_text(key_of(a), key),
                origin=_origin(stored, a),
            )
        elif b is not None:  # always, as the loop runs while one side has rows
            return msg(
                "{counts}; row {row} was deleted{origin}", counts=counts, row=_key_text(key_of(b), key), origin=_origin(stored, b)
            )
    return msg("{counts}; rows differ from what the events say", counts=counts)


def _key_text(values: tuple[Any, ...] | None, key: list[Column[Any]]) -> str:
    return ", ".join(f"{c.name}={v}" for c, v in zip(key, values or ()))


def _origin(session: Session, row: object) -> Message | str:
    """The event that wrote the row (by the log), when the table records one."""
    mapping = getattr(row, "_mapping", {})
    seq = mapping.get("created_event") or mapping.get("event_seq")
    if seq is None:
        return ""
    found = session.execute(text("SELECT id, type FROM events WHERE seq = :seq"), {"seq": seq}).first()
    if found is None:
        return msg(" (its event #{seq} is not in the log)", seq=seq)
    return msg(" (written by event #{seq}, {type}, id {id})", seq=seq, type=found[1], id=found[0])


def verify_log(session: Session, *, replay: bool = True) -> AuditReport:
    """The chain first; the replay only when the chain holds (a broken chain says enough)."""
    chain = verify_chain(session)
    if not chain.is_intact and chain.first_bad_seq is None:
        chain = _name_tail_problem(session, chain)
    if not chain.is_intact or not replay:
        return AuditReport(chain, False)
    return AuditReport(chain, True, compare_with_replay(session))


def _name_tail_problem(session: Session, chain: ChainReport) -> ChainReport:
    """A chain whose end disagrees with the station head: name the event added or the one missing."""
    for code, last_seq, last_hash in session.execute(text("SELECT code, last_seq, last_hash FROM stations ORDER BY code")):
        extra = session.execute(
            text(
                "SELECT seq, id, type, station_seq FROM events WHERE station = :s AND station_seq > :n ORDER BY station_seq LIMIT 1"
            ),
            {"s": code, "n": last_seq},
        ).first()
        if extra is not None:
            return ChainReport(
                chain.checked,
                extra[0],
                extra[1],
                msg(
                    "event #{seq} ({type}, id {id}, station {station}) comes after the last event the station "
                    "recorded (sequence {sequence}): it was inserted behind the application's back",
                    seq=extra[0],
                    type=extra[2],
                    id=extra[1],
                    station=code,
                    sequence=last_seq,
                ),
            )
        present = session.scalar(text("SELECT max(station_seq) FROM events WHERE station = :s"), {"s": code}) or 0
        if present < last_seq:
            return ChainReport(
                chain.checked,
                None,
                None,
                msg(
                    "the last event of station {station} (sequence {sequence}, hash {hash}…) and {count} before it are "
                    "missing: events at the end of the log were deleted behind the application's back",
                    station=code,
                    sequence=last_seq,
                    hash=last_hash[:12],
                    count=last_seq - present - 1,
                )
                if last_seq - present > 1
                else msg(
                    "the last event of station {station} (sequence {sequence}, hash {hash}…) is missing: "
                    "it was deleted behind the application's back",
                    station=code,
                    sequence=last_seq,
                    hash=last_hash[:12],
                ),
            )
    return chain
