"""The lock-out after wrong PINs is derived from the event log: its evidence cannot be removed unnoticed.

And the credentials table is proven by the log's commitments: an edit of a PIN hash is named too.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.qa_helpers import CLERK_PIN, build_plant, events_count
from tracedesk.core.credential_hashes import hash_secret
from tracedesk.core.errors import Refused
from tracedesk.db.models import Event
from tracedesk.services import users
from tracedesk.services.audit import verify_log
from tracedesk.services.sign_in_guard import locked_until


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def _wrong(runtime, admin, code: str = "clerk1", times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(Refused), runtime.unit_of_work() as s:
            users.sign_in(s, admin, code, "0000")


def _sign_in(runtime, admin, code: str = "clerk1", pin: str = CLERK_PIN) -> str:
    with runtime.unit_of_work() as s:
        return users.sign_in(s, admin, code, pin).code


def _failures(runtime) -> list[tuple[int, int]]:
    with runtime.reading() as s:
        return list(s.execute(select(Event.seq, Event.station_seq).where(Event.type == "sign_in_failed").order_by(Event.seq)))


def _tamper(runtime, statement: str, params: tuple = ()) -> None:
    runtime.engine.dispose()
    with sqlite3.connect(runtime.engine.url.database) as connection:
        connection.execute(statement, params)


def _verify(runtime, *, replay: bool = False):
    runtime.engine.dispose()
    with runtime.reading() as s:
        return verify_log(s, replay=replay)


def test_five_wrong_pins_within_15_minutes_lock_the_user(runtime, admin, plant, clock):
    _wrong(runtime, admin, times=4)
    assert _sign_in(runtime, admin) == "clerk1"  # four: not yet
    clock.now += timedelta(minutes=10)
    with pytest.raises(Refused, match="now locked for 15 minutes"), runtime.unit_of_work() as s:
        users.sign_in(s, admin, "clerk1", "0000")  # a good PIN in between does not clear the count
    before = events_count(runtime)
    with pytest.raises(Refused, match="locked for 15 more minutes"), runtime.unit_of_work() as s:
        users.sign_in(s, admin, "clerk1", CLERK_PIN)
    assert events_count(runtime) == before  # attempts while locked are refused unchecked, not recorded
    clock.now += timedelta(minutes=14, seconds=59)
    with pytest.raises(Refused, match="locked for 1 more minute after"), runtime.unit_of_work() as s:
        users.sign_in(s, admin, "clerk1", CLERK_PIN)
    clock.now += timedelta(seconds=1)
    assert _sign_in(runtime, admin) == "clerk1"


def test_failures_spread_over_more_than_15_minutes_do_not_lock(runtime, admin, plant, clock):
    for _ in range(8):
        _wrong(runtime, admin)
        clock.now += timedelta(minutes=4)
    assert _sign_in(runtime, admin) == "clerk1"


def test_a_pin_reset_ends_the_lock_out(runtime, admin, plant):
    _wrong(runtime, admin, times=5)
    with runtime.unit_of_work() as s:
        users.reset_pin(s, plant.admin, code="clerk1", pin="8642")
    assert _sign_in(runtime, admin, pin="8642") == "clerk1"


def test_unknown_and_deactivated_users_leave_no_failure_in_the_log(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        users.set_active(s, admin, code="qa1", active=False, reason="left")
    before = events_count(runtime)
    _wrong(runtime, admin, code="1234")  # a PIN typed into the user field must not enter the log
    _wrong(runtime, admin, code="qa1")
    assert events_count(runtime) == before


def test_deleting_a_failure_to_lift_the_lock_is_named_by_audit_verify(runtime, admin, plant, clock):
    _wrong(runtime, admin, times=5)
    (seq, station_seq), *_ = _failures(runtime)
    _tamper(runtime, "DELETE FROM events WHERE seq = ?", (seq,))
    with runtime.reading() as s:
        assert locked_until(s, "clerk1", clock.now) is None  # the lock is gone ...
    report = _verify(runtime)
    assert not report.is_intact  # ... and the log says so, naming the missing link
    assert f"station sequence {station_seq} is missing" in report.chain.problem


def test_deleting_the_last_failure_is_named_by_audit_verify(runtime, admin, plant):
    _wrong(runtime, admin, times=5)
    *_, (seq, station_seq) = _failures(runtime)
    _tamper(runtime, "DELETE FROM events WHERE seq = ?", (seq,))
    report = _verify(runtime)
    assert not report.is_intact and f"sequence {station_seq}" in report.chain.problem and "missing" in report.chain.problem


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE events SET recorded_at = datetime(recorded_at, '-1 day') WHERE seq = ?",
        "UPDATE events SET payload = replace(payload, 'clerk1', 'clerk2') WHERE seq = ?",
        "UPDATE events SET type = 'label_printed' WHERE seq = ?",
    ],
)
def test_editing_a_failure_is_named_by_audit_verify(runtime, admin, plant, edit):
    _wrong(runtime, admin, times=5)
    seq, _ = _failures(runtime)[2]
    _tamper(runtime, edit, (seq,))
    report = _verify(runtime)
    assert not report.is_intact and report.chain.first_bad_seq == seq


def test_an_edited_pin_hash_is_named_by_audit_verify(runtime, admin, plant):
    assert _verify(runtime, replay=True).is_intact
    _tamper(runtime, "UPDATE credentials SET pin_hash = ? WHERE user_code = 'admin'", (hash_secret("0000"),))
    report = _verify(runtime)
    assert report.chain.is_intact and not report.is_intact
    assert [str(p) for p in report.credential_problems] == [
        f"credentials table: the PIN hash or badge key of user admin was changed behind the application's back "
        f"(it does not match event {_last_credential_event(runtime, 'admin')})"
    ]


def test_a_deleted_or_added_credentials_row_is_named_by_audit_verify(runtime, admin, plant):
    _tamper(runtime, "DELETE FROM credentials WHERE user_code = 'qa1'")
    _tamper(
        runtime,
        "INSERT INTO credentials (user_code, pin_hash, changed_at, changed_event) VALUES ('mallory', ?, '2026-01-01', 'x')",
        (hash_secret("1234"),),
    )
    problems = [str(p) for p in _verify(runtime).credential_problems]
    assert any("user mallory was added" in p for p in problems) and any("user qa1 is missing" in p for p in problems)


def _last_credential_event(runtime, code: str) -> str:
    with runtime.reading() as s:
        row = s.execute(select(Event.id, Event.payload).where(Event.type == "user_created").order_by(Event.seq)).all()
    return next(event_id for event_id, payload in row if f'"code":"{code}"' in payload)
