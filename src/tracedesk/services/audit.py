"""Proving the record: the hash chain is intact and replaying the log gives the same state."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.orm import Session

from tracedesk.db.eventlog import ChainReport, copy_events, read_events, verify_chain
from tracedesk.db.models import STATE_TABLES, Base
from tracedesk.db.projection import project

REPLAY_BATCH = 20_000


@dataclass(frozen=True)
class AuditReport:
    chain: ChainReport
    replay_checked: bool
    replay_differences: tuple[str, ...] = ()

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


def compare_with_replay(session: Session) -> tuple[str, ...]:
    """Names of state tables whose content differs from a replay of the log."""
    engine = replayed_engine()
    try:
        with Session(engine) as target, target.begin():
            replay_into(session, target)
            replayed = table_fingerprints(target)
        actual = table_fingerprints(session)
    finally:
        engine.dispose()
    return tuple(
        f"{name}: {actual[name][0]} rows stored, {replayed[name][0]} after replay"
        if actual[name][0] != replayed[name][0]
        else f"{name}: rows differ from what the events say"
        for name in STATE_TABLES
        if actual[name] != replayed[name]
    )


def verify_log(session: Session, *, replay: bool = True) -> AuditReport:
    """The chain first; the replay only when the chain holds (a broken chain says enough)."""
    chain = verify_chain(session)
    if not chain.is_intact or not replay:
        return AuditReport(chain, False)
    return AuditReport(chain, True, compare_with_replay(session))


def count_events(session: Session) -> int:
    return session.scalar(text("SELECT COUNT(*) FROM events")) or 0
