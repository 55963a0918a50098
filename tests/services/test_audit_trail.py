"""Audit trail queries and CSV, corrections with old and new values, tamper detection, users."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy.engine import make_url

from tests.qa_helpers import CLERK_PIN, QA_PIN, build_plant, events_count
from tracedesk.core.errors import PermissionDenied, Refused
from tracedesk.db.eventlog import event_hash
from tracedesk.services import audit_trail, users
from tracedesk.services.audit import compare_with_replay, verify_log
from tracedesk.services.audit_trail import AuditFilter
from tracedesk.services.corrections import correct_lot


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def _db_file(runtime) -> str:
    return make_url(str(runtime.engine.url)).database


def test_audit_query_filters_by_lot_user_type_and_time_and_exports_csv(runtime, admin, plant, clock, tmp_path):
    with runtime.unit_of_work() as s:
        lot_events = audit_trail.query_audit(s, admin, AuditFilter(lot=plant.flour))
        assert [e.type for e in lot_events][:2] == ["lot_received", "lot_released"]
        assert all(plant.flour in e.lots for e in lot_events)
        released = audit_trail.query_audit(s, admin, AuditFilter(user="qa1", types=("lot_released",)))
        assert len(released) == 2 and "signed by qa1" in released[0].summary
        assert (
            audit_trail.query_audit(
                s, admin, AuditFilter(since=clock.now + timedelta(hours=1), until=clock.now + timedelta(hours=2))
            )
            == []
        )
        assert audit_trail.query_audit(s, admin, AuditFilter(station="ELSEWHERE")) == []
        count = audit_trail.write_audit_csv(lot_events, tmp_path / "audit.csv")
    with (tmp_path / "audit.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == count == len(lot_events) and rows[0]["type"] == "lot_received"
    with pytest.raises(PermissionDenied):
        with runtime.unit_of_work() as s:
            audit_trail.query_audit(s, plant.clerk)


def test_a_correction_is_an_event_with_old_and_new_values(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        info = correct_lot(s, plant.qa, lot=plant.flour, reason="typo at receiving", supplier_lot="S-11", expiry="2027-01-31")
        assert info.supplier_lot == "S-11" and info.expiry.isoformat() == "2027-01-31"
        entry = audit_trail.query_audit(s, admin, AuditFilter(types=("lot_corrected",)))[0]
        changes = json.loads(entry.payload)["changes"]
        assert changes["supplier_lot"] == ["S-1", "S-11"] and changes["expiry"][1] == "2027-01-31"
        assert "supplier_lot: S-1 -> S-11" in entry.summary
        assert compare_with_replay(s) == ()


def _tamper(runtime, *statements: str, params: tuple = ()) -> None:
    with sqlite3.connect(_db_file(runtime)) as connection:
        for statement in statements:
            connection.execute(statement, params) if params and "?" in statement else connection.execute(statement)


def _verify(runtime):
    runtime.engine.dispose()
    with runtime.unit_of_work() as s:
        return verify_log(s)


def test_verify_names_an_event_row_changed_directly(runtime, plant):
    _tamper(
        runtime,
        "UPDATE events SET payload = replace(payload, '\"100\"', '\"900\"') WHERE seq = (SELECT min(seq) FROM events WHERE type = 'lot_received')",
    )
    report = _verify(runtime)
    assert not report.is_intact and "does not match its hash" in report.chain.problem
    assert report.chain.first_bad_id is not None and f"#{report.chain.first_bad_seq} " in report.chain.problem


def test_verify_names_the_event_after_one_deleted(runtime, plant):
    with sqlite3.connect(_db_file(runtime)) as c:
        seq = c.execute("SELECT seq FROM events WHERE type = 'item_created' ORDER BY seq LIMIT 1").fetchone()[0]
        c.execute("DELETE FROM events WHERE seq = ?", (seq,))
    report = _verify(runtime)
    assert report.chain.first_bad_seq == seq + 1 and "missing" in report.chain.problem


def test_verify_names_an_event_inserted_with_a_valid_looking_hash(runtime, plant):
    with sqlite3.connect(_db_file(runtime)) as c:
        row = c.execute(
            "SELECT seq, station, station_seq, user, recorded_at, utc_offset_minutes, type, payload, hash FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        seq, station, station_seq, user, recorded_at, offset, type_, payload, prev = row
        from datetime import UTC, datetime

        when = datetime.fromisoformat(recorded_at).replace(tzinfo=UTC)
        forged = event_hash(
            id="forged",
            station=station,
            station_seq=station_seq + 1,
            user=user,
            recorded_at=when,
            utc_offset_minutes=offset,
            type=type_,
            payload=payload,
            prev_hash=prev,
        )
        c.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (seq + 1, "forged", station, station_seq + 1, user, recorded_at, offset, type_, payload, prev, forged),
        )
    report = _verify(runtime)
    assert report.chain.first_bad_id == "forged" and "inserted" in report.chain.problem


def test_verify_notices_the_last_event_deleted(runtime, plant):
    with sqlite3.connect(_db_file(runtime)) as c:
        last = c.execute("SELECT max(seq) FROM events").fetchone()[0]
        for table in ("event_lots", "signatures"):
            c.execute(f"DELETE FROM {table} WHERE event_seq = ?", (last,))
        c.execute("DELETE FROM events WHERE seq = ?", (last,))
    report = _verify(runtime)
    assert not report.is_intact and "last event" in report.chain.problem and "is missing" in report.chain.problem


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("UPDATE lots SET status = 'rejected' WHERE id = 1", "was changed (status)"),
        ("DELETE FROM signatures WHERE id = 1", "was deleted"),
        (
            "INSERT INTO holds (lot_id, reason, placed_by, placed_at, created_event, spreads) VALUES (1, 'x', 'm', '2026-01-01 00:00:00', 1, 1)",
            "was inserted",
        ),
    ],
)
def test_verify_names_the_event_behind_a_state_row_changed_deleted_or_inserted(runtime, plant, statement, words):
    _tamper(runtime, statement)
    report = _verify(runtime)
    assert report.chain.is_intact and not report.is_intact
    assert any(words in d and "event #" in d for d in report.replay_differences), report.replay_differences


def test_wrong_pins_lock_the_user_out_and_only_the_failures_are_recorded(runtime, admin, plant, clock):
    before = events_count(runtime)
    for _ in range(5):
        with pytest.raises(Refused, match="wrong PIN"):
            with runtime.unit_of_work() as s:
                users.sign_in(s, admin, "clerk1", "0000")
    with pytest.raises(Refused, match="locked"):
        with runtime.unit_of_work() as s:
            users.sign_in(s, admin, "clerk1", CLERK_PIN)
    assert events_count(runtime) == before + 5  # one sign_in_failed per wrong PIN, nothing of the refused requests
    with runtime.reading() as s:
        failed = audit_trail.audit_entries(s, AuditFilter(types=("sign_in_failed",)))
    assert [(e.user, str(e.summary)) for e in failed] == [("clerk1", "wrong PIN for clerk1")] * 5
    clock.now += timedelta(minutes=16)
    with runtime.unit_of_work() as s:
        assert users.sign_in(s, admin, "clerk1", CLERK_PIN).code == "clerk1"
    with runtime.unit_of_work() as s:
        assert compare_with_replay(s) == ()


def test_admin_manages_users_by_events_with_old_and_new_values(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        users.change_role(s, plant.admin, code="clerk1", role="line_lead", reason="moved to line 2")
        users.reset_pin(s, plant.admin, code="clerk1", pin="5678")
        users.set_active(s, plant.admin, code="qa1", active=False, reason="left the company")
        entries = audit_trail.query_audit(s, admin, AuditFilter(types=("user_updated", "user_pin_changed")))
    assert "role: clerk -> line_lead" in entries[0].summary and str(entries[1].summary) == "PIN of clerk1 changed"
    assert set(json.loads(entries[1].payload)) == {"code", "credential", "reason"}
    assert json.loads(entries[2].payload)["changes"] == {"active": [True, False]}
    with pytest.raises(Refused):
        with runtime.unit_of_work() as s:
            users.sign_in(s, admin, "qa1", QA_PIN)
    with runtime.unit_of_work() as s:
        assert users.sign_in(s, admin, "clerk1", "5678").role.value == "line_lead"
        assert compare_with_replay(s) == ()
    with pytest.raises(PermissionDenied):
        with runtime.unit_of_work() as s:
            users.change_role(s, plant.qa, code="clerk1", role="admin")
