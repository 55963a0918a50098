"""One round of synchronisation with the hub: register, check the witnessed history, push, pull."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.sync.credentials import pull_credentials, push_credentials
from tracedesk.sync.hub import check_revision, hub_connection, hub_engine
from tracedesk.sync.pull import PULL_BATCH, pull_events
from tracedesk.sync.push import StationIdentity, check_same_history, hub_head, push_events, register_station


@dataclass(frozen=True)
class SyncResult:
    """What one round did: events pushed and pulled, conflicts found, the hub sequence applied."""

    pushed: int
    pulled: int
    conflicts: int
    hub_seq: int
    # This station's chain head on the hub after the round (what it sent so far).
    head: int = 0


def test_hub(url: str) -> str:
    """Reach the hub and check its schema, changing nothing; the hub's schema revision."""
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            return check_revision(connection, engine.url)
    finally:
        engine.dispose()


def connect(url: str, station: StationIdentity) -> str:
    """Test the hub and register the station on it; the hub's schema revision."""
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            revision = check_revision(connection, engine.url)
            register_station(connection, station)
        return revision
    finally:
        engine.dispose()


def sync_with(
    hub: Engine, sessions: sessionmaker[Session], station: StationIdentity, *, pull_batch: int = PULL_BATCH
) -> SyncResult:
    """One round on an open hub engine: nothing recorded locally but what other stations recorded."""
    with hub_connection(hub) as connection:
        check_revision(connection, hub.url)
        register_station(connection, station)
    check_same_history(hub, sessions, station.code)
    pushed = push_events(hub, sessions, station.code)
    push_credentials(hub, sessions, station.code)
    pulled = pull_events(hub, sessions, station.code, batch=pull_batch)
    pull_credentials(hub, sessions)
    with hub_connection(hub) as connection:
        head = hub_head(connection, station.code)
    return SyncResult(
        pushed=pushed, pulled=pulled.pulled, conflicts=pulled.conflicts, hub_seq=pulled.hub_seq, head=head[0] if head else 0
    )


def sync_once(url: str, sessions: sessionmaker[Session], station: StationIdentity, *, pull_batch: int = PULL_BATCH) -> SyncResult:
    """One round of synchronisation with the hub at `url`."""
    engine = hub_engine(url)
    try:
        return sync_with(engine, sessions, station, pull_batch=pull_batch)
    finally:
        engine.dispose()
