"""Three stations with random work and random online periods converge through a real hub; a new one bootstraps from it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.db.test_convergence import _step
from tests.plant import master_data
from tests.stations import Station, StepClock, join, open_station
from tests.sync.conftest import through
from tracedesk.db.fingerprint import state_fingerprint, state_fingerprints
from tracedesk.sync.client import SyncResult, sync_once
from tracedesk.sync.hub import HubUnreachable, hub_engine
from tracedesk.sync.pull import pull_events
from tracedesk.sync.push import StationIdentity
from tracedesk.sync.verify import verify_hub


def sync(station: Station, hub: str, **options: int) -> SyncResult:
    settings = station.runtime.station
    return sync_once(hub, station.runtime.sessions, StationIdentity(settings.code, settings.name, settings.lot_prefix), **options)


def fingerprints(station: Station) -> dict[str, tuple[int, str]]:
    with station.runtime.reading() as session:
        return state_fingerprints(session)


@pytest.mark.parametrize("seed", [1, 2])
def test_three_stations_converge_through_the_hub_and_a_new_one_bootstraps(tmp_path: Path, hub: str, seed: int) -> None:
    rng = random.Random(seed)
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b, c = open_station(tmp_path, "B", clock), open_station(tmp_path, "C", clock)
    stations = [a, b, c]
    try:
        with a.work() as session:
            master_data(session, a.actor())
        sync(a, hub)
        for other in (b, c):
            assert sync(other, hub).pulled > 0  # the plant's users and master data, credentials beside
            join(other, a.actor())
        for _ in range(120):
            if rng.random() < 0.25:
                sync(rng.choice(stations), hub, pull_batch=rng.choice([3, 50, 5000]))
            else:
                _step(rng, rng.choice(stations))
        for _ in range(2):
            for station in rng.sample(stations, 3):
                sync(station, hub)
        prints = [fingerprints(s) for s in stations]
        for table in prints[0]:
            assert prints[0][table] == prints[1][table] == prints[2][table], table
        # A station joining now gets the whole plant from the hub's log alone.
        d = open_station(tmp_path, "D", clock)
        stations.append(d)
        result = sync(d, hub, pull_batch=7)
        assert result.pulled == sum(len([e for e in s.events() if e.station == s.code]) for s in stations[:3])
        with a.runtime.reading() as session:
            expected = state_fingerprint(session)
        with d.runtime.reading() as session:
            assert state_fingerprint(session) == expected
        assert verify_hub(hub).problem is None
    finally:
        for station in stations:
            station.close()


def test_a_connection_cut_mid_pull_loses_and_doubles_nothing(tmp_path: Path, hub: str, proxy) -> None:  # noqa: ANN001
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as session:
            master_data(session, a.actor())
            from tracedesk.services import masterdata

            for number in range(400):
                masterdata.create_item(session, a.actor(), code=f"X{number:04}", name=f"Item {number}", unit="kg", kind="raw")
        sync(a, hub)
        url = through(proxy, hub)
        cuts = 0
        for cut_after in (4_000, 30_000, 90_000):
            proxy.arm(cut_after, "down")
            engine = hub_engine(url)
            try:
                pull_events(engine, b.runtime.sessions, "B", batch=25)
            except HubUnreachable:
                cuts += 1
            finally:
                engine.dispose()
                proxy.disarm()
        assert cuts >= 2
        # The rest comes in once the line is back (the cursor is per hub: the direct address is the same server).
        engine = hub_engine(url)
        try:
            pull_events(engine, b.runtime.sessions, "B", batch=25)
        finally:
            engine.dispose()
        assert [e.id for e in b.events()] == [e.id for e in a.events()]
        assert fingerprints(a) == fingerprints(b)
    finally:
        a.close()
        b.close()


def test_a_user_created_at_one_station_signs_in_at_another_after_a_sync(tmp_path: Path, hub: str) -> None:
    from tests.stations import ADMIN_PIN
    from tracedesk.services.users import create_user

    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as session:
            create_user(session, a.actor(), code="mei", name="Mei", role="clerk", pin="5678")
        sync(a, hub)
        sync(b, hub)  # a new station: no administrator of its own, the plant's users from the hub
        assert b.runtime.sign_in("mei", "5678").user == "mei"
        assert b.runtime.sign_in("admin", ADMIN_PIN).user == "admin"
        with b.runtime.reading() as session:
            from tracedesk.services.credentials import credential_problems

            assert credential_problems(session) == []
    finally:
        a.close()
        b.close()
