"""Events from other stations: stored verbatim, projected, idempotent, and refused when not intact."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.db.test_credentials_migration import landed_template, old_db  # noqa: F401 - fixtures
from tests.plant import master_data, received
from tests.stations import StepClock, exchange, join, open_station
from tracedesk.db.eventlog import read_events, verify_chain
from tracedesk.db.models import Event, Lot
from tracedesk.db.remote import RemoteEventRefused, apply_remote_events, events_since
from tracedesk.services.family import root_node
from tracedesk.services.history import lot_history


@pytest.fixture
def pair(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    yield a, b
    a.close()
    b.close()


def test_remote_events_are_stored_verbatim_and_projected(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
        lot = received(session, a.actor(), "FLOUR", "40")
    applied = exchange(a, b)
    assert applied.applied == len(a.events()) and applied.duplicates == 0 and applied.conflicts == 0
    with b.runtime.reading() as session:
        assert session.scalar(select(Lot.balance).where(Lot.code == lot)) == 40
        assert verify_chain(session).is_intact
        theirs = set(session.execute(_VERBATIM).all())
    with a.runtime.reading() as session:
        ours = set(session.execute(_VERBATIM).all())
    assert ours == theirs


# Everything of an event but the local sequence number, payload text byte for byte.
_VERBATIM = select(Event.id, Event.station, Event.station_seq, Event.user, Event.type, Event.payload, Event.prev_hash, Event.hash)


def test_the_same_events_twice_change_nothing(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
    events = a.events()
    exchange(a, b)
    with b.work() as session:
        again = apply_remote_events(session, events)
    assert (again.applied, again.duplicates) == (0, len(events))
    assert len(b.events()) == len(events)


def test_a_station_works_on_what_it_received_and_sends_it_back(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
        lot = received(session, a.actor(), "FLOUR", "40")
    exchange(a, b)
    join(b, a.actor())
    from tracedesk.services.production import create_work_order, issue_lot_to_order

    with b.work() as session:
        order = create_work_order(session, b.actor(), product="DOUGH", quantity="25").number
        issue_lot_to_order(session, b.actor(), order=order, lot=lot, quantity="15")
    with b.runtime.reading() as session:
        mine = events_since(session, "B", 0)
    assert [e.station_seq for e in mine] == list(range(1, len(mine) + 1)) and {e.station for e in mine} == {"B"}
    result = exchange(b, a)
    assert result.applied == len(mine) and result.duplicates == 0
    with a.runtime.reading() as session:
        assert session.scalar(select(Lot.balance).where(Lot.code == lot)) == 25
        assert verify_chain(session).is_intact
        # The trace says which station recorded each lot, and the history which recorded each step.
        node, _parents, _children = root_node(session, lot)
        assert node.station == "Station A"
        assert [(step.station_name, step.type) for step in lot_history(session, lot)][-1] == ("Station B", "lot_issued")


def test_an_event_changed_after_it_was_recorded_is_refused_and_nothing_is_stored(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
    events = a.events()
    bad = replace(events[3], payload={**events[3].payload, "name": "Forged"})
    with pytest.raises(RemoteEventRefused, match=f"event {bad.id} .*does not match its hash"):
        with b.work() as session:
            apply_remote_events(session, [*events[:3], bad, *events[4:]])
    assert b.events() == []


def test_an_event_that_does_not_continue_its_chain_is_refused(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
    events = a.events()
    with pytest.raises(RemoteEventRefused, match="does not continue the chain .* station A .*sequence 2"):
        with b.work() as session:
            apply_remote_events(session, [*events[:2], *events[3:]])
    assert b.events() == []


def test_a_known_uuid_with_other_content_is_refused_never_overwritten(pair) -> None:
    a, b = pair
    with a.work() as session:
        master_data(session, a.actor())
    events = a.events()
    exchange(a, b)
    forged = replace(events[1], hash="f" * 64)
    with pytest.raises(RemoteEventRefused, match=f"event {forged.id} .*UUID of an event already recorded"):
        with b.work() as session:
            apply_remote_events(session, [forged])
    assert b.events() == events


def test_an_event_about_something_not_yet_received_is_refused(pair, tmp_path: Path) -> None:
    a, b = pair
    c = open_station(tmp_path, "C", a.clock)
    try:
        with a.work() as session:
            master_data(session, a.actor())
            lot = received(session, a.actor(), "FLOUR", "40")
        exchange(a, b)
        join(b, a.actor())
        with b.work() as session:
            from tracedesk.services import quality

            quality.hold_lot(session, b.actor(), lot=lot, reason="smell")
        own = [e for e in b.events() if e.station == "B"]
        with pytest.raises(RemoteEventRefused, match="earlier events must arrive first"):
            with c.work() as session:
                apply_remote_events(session, own)
        assert c.events() == []
    finally:
        c.close()


def test_a_log_redacted_by_the_credentials_upgrade_is_accepted_on_its_record(old_db, tmp_path: Path) -> None:  # noqa: F811
    from tests.db.test_credentials_migration import _open

    path, _hashes = old_db
    upgraded = _open(path)
    try:
        with upgraded.reading() as session:
            events = list(read_events(session))
    finally:
        upgraded.close()
    other = open_station(tmp_path, "Z", StepClock())
    try:
        with other.work() as session:
            assert apply_remote_events(session, events).applied == len(events)
        with other.runtime.reading() as session:
            assert verify_chain(session).is_intact
        # A redacted event edited on its way is still refused.
        redacted = next(e for e in events if e.type == "user_created")
        forged = replace(redacted, payload={**redacted.payload, "name": "Mallory"})
        fresh = open_station(tmp_path, "Y", StepClock())
        try:
            with pytest.raises(RemoteEventRefused, match="does not match its hash"):
                with fresh.work() as session:
                    apply_remote_events(session, [forged if e.id == forged.id else e for e in events])
        finally:
            fresh.close()
    finally:
        other.close()
