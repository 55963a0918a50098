"""Several stations on their own SQLite files, exchanging events the way the hub passes them on.

`exchange(source, target)` gives the target every event the source holds that the target lacks,
in the source's log order (which respects every chain and what the source saw before it
recorded), through `apply_remote_events`; credentials travel beside, as they do through the hub.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.db.eventlog import StoredEvent, read_events
from tracedesk.db.models import Credential, Event
from tracedesk.db.remote import RemoteApplied, apply_remote_events
from tracedesk.paths import AppPaths
from tracedesk.services.runtime import Runtime, StationSettings

ADMIN_PIN = "1234"


class StepClock:
    """A clock every station shares: each reading is a second later (distinct, ordered times)."""

    def __init__(self, start: datetime = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Station:
    code: str
    runtime: Runtime
    clock: StepClock

    def actor(self, user: str = "admin") -> Actor:
        return Actor(user, self.code, 60, self.clock)

    @contextmanager
    def work(self) -> Iterator[Session]:
        with self.runtime.unit_of_work() as session:
            yield session

    def events(self) -> list[StoredEvent]:
        with self.runtime.reading() as session:
            return list(read_events(session))

    def close(self) -> None:
        self.runtime.close()


def open_station(tmp_path: Path, code: str, clock: StepClock, *, first: bool = False) -> Station:
    paths = AppPaths.from_environment().ensure()
    runtime = Runtime.open(
        f"sqlite:///{tmp_path / f'{code}.sqlite3'}", paths, StationSettings(code=code, name=f"Station {code}", lot_prefix=code)
    )
    station = Station(code, runtime, clock)
    if first:
        runtime.create_first_admin(code="admin", name="Admin", pin=ADMIN_PIN, at=Actor("", code, 60, clock))
    return station


def exchange(source: Station, target: Station) -> RemoteApplied:
    """Everything the source has that the target lacks, in the source's log order."""
    with target.runtime.reading() as session:
        have = set(session.scalars(select(Event.id)))
    missing = [e for e in source.events() if e.id not in have]
    with source.runtime.reading() as session:
        credentials = [
            (c.user_code, c.pin_hash, c.badge_key, c.changed_at, c.changed_event) for c in session.scalars(select(Credential))
        ]
    with target.work() as session:
        applied = apply_remote_events(session, missing)
        for code, pin_hash, badge_key, changed_at, changed_event in credentials:
            row = session.get(Credential, code)
            if row is None:
                session.add(
                    Credential(
                        user_code=code, pin_hash=pin_hash, badge_key=badge_key, changed_at=changed_at, changed_event=changed_event
                    )
                )
            elif row.changed_at < changed_at:
                row.pin_hash, row.badge_key, row.changed_at, row.changed_event = pin_hash, badge_key, changed_at, changed_event
    return applied


def join(station: Station, actor: Actor) -> None:
    """Record the station's own configuration once it has the plant's users (a first sign-in)."""
    with station.work() as session:
        station.runtime.record_station(session, replace(actor, station=station.code))
