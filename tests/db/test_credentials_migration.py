"""Upgrading a database of the landed schema: the PIN hashes leave the log and the users table,
`audit verify` still proves everything else, and the upgrade is recorded."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from tests import templates
from tests.conftest import FixedClock
from tests.plant import QA_PIN, master_data, received
from tracedesk.core.actor import Actor
from tracedesk.core.credential_hashes import hash_secret
from tracedesk.core.errors import DatabaseError, Refused
from tracedesk.db.engine import _alembic_config
from tracedesk.db.eventlog import EventDraft, append_events, read_events
from tracedesk.db.models import Credential, Event
from tracedesk.db.projection import project
from tracedesk.paths import AppPaths
from tracedesk.services import users
from tracedesk.services.audit import verify_log
from tracedesk.services.runtime import Runtime, StationSettings

STATION = StationSettings("OLD1", "Dock", "K")
# The schema the landed code writes: the revision this upgrade follows.
LANDED = ScriptDirectory.from_config(_alembic_config()).get_revision("0002_credentials").down_revision
PINS = {"boss": "2580", "anna": "1111", "qa": QA_PIN}
NEW_ANNA_PIN = "4444"
BADGE = "BADGE-ANNA-1"


def _old_badge_hash(badge: str) -> str:
    """What the landed code stored for a badge: an unsalted SHA-256."""
    return hashlib.sha256(("tracedesk-badge:" + badge).encode("utf-8")).hexdigest()


@pytest.fixture
def old_db(landed_template, tmp_path) -> tuple[Path, dict[str, str]]:
    """A plant as the landed code recorded it: user_created and user_updated carry PIN hashes,
    the users table holds them, the lock-out has a row of its own. Returns the file and the hashes.
    Each test gets its own copy of the file, built once for the module."""
    source, hashes = landed_template
    path = tmp_path / "landed.sqlite3"
    templates.copy_database(source, path)
    return path, dict(hashes)


@pytest.fixture(scope="module")
def landed_template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("landed")
    paths = AppPaths(folder / "data", folder / "config", folder / "logs", folder / "backups").ensure()
    clock = FixedClock(templates.BUILT_AT)
    today = Runtime.open(f"sqlite:///{folder / 'today.sqlite3'}", paths, STATION)
    boss = today.create_first_admin(code="boss", name="Boss", pin=PINS["boss"], at=Actor("", "OLD1", 60, clock))
    with today.unit_of_work() as s:
        master_data(s, boss)
        users.create_user(s, boss, code="anna", name="Anna", role="clerk", pin=PINS["anna"], badge=BADGE)
        received(s, boss, "FLOUR", "50")
        users.reset_pin(s, boss, code="anna", pin=NEW_ANNA_PIN, reason="forgotten")
        history = list(read_events(s))
    today.close()

    path = folder / "landed.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    command.upgrade(_alembic_config(engine), LANDED)
    hashes = {code: hash_secret(pin) for code, pin in PINS.items()}
    hashes["anna-new"] = hash_secret(NEW_ANNA_PIN)
    with Session(engine) as s, s.begin():
        for e in history:
            kind, payload = e.type, dict(e.payload)
            if kind == "user_created":
                code = payload["code"]
                payload = {
                    "code": code,
                    "name": payload["name"],
                    "role": payload["role"],
                    "pin_hash": hashes[code],
                    "badge_hash": _old_badge_hash(BADGE) if payload["badge"] else None,
                }
            elif kind == "user_pin_changed":
                kind = "user_updated"
                payload = {"code": "anna", "changes": {"pin_hash": [hashes["anna"], hashes["anna-new"]]}, "reason": "forgotten"}
            [stored] = append_events(
                s,
                [EventDraft(kind, payload)],
                station=e.station,
                user=e.user,
                recorded_at=e.recorded_at,
                utc_offset_minutes=e.utc_offset_minutes,
            )
            if kind == "user_created":
                s.execute(
                    text(
                        "INSERT INTO users (code, name, role, pin_hash, badge_hash, active, created_event) "
                        "VALUES (:code, :name, :role, :pin_hash, :badge_hash, 1, :seq)"
                    ),
                    {**payload, "seq": stored.seq},
                )
            elif kind == "user_updated":
                s.execute(text("UPDATE users SET pin_hash = :h WHERE code = 'anna'"), {"h": hashes["anna-new"]})
            else:
                project(s, [stored])
        s.execute(text("INSERT INTO sign_in_guard (user_code, failures) VALUES ('anna', 2)"))
    engine.dispose()
    return path, hashes


def _open(path: Path) -> Runtime:
    return Runtime.open(f"sqlite:///{path}", AppPaths.from_environment().ensure(), STATION)


def _secrets(hashes: dict[str, str]) -> list[str]:
    return [*hashes.values(), _old_badge_hash(BADGE)]


def test_the_landed_database_really_holds_the_hashes(old_db):
    path, hashes = old_db
    with sqlite3.connect(path) as connection:
        log = " ".join(row[0] for row in connection.execute("SELECT payload FROM events"))
    assert all(secret in log for secret in _secrets(hashes))


def test_the_upgrade_moves_the_hashes_out_of_the_log_and_verify_still_proves_it(old_db):
    path, hashes = old_db
    runtime = _open(path)
    with runtime.reading() as s:
        report = verify_log(s)
        assert report.is_intact, (report.chain.problem, report.replay_differences, report.credential_problems)
        payloads = " ".join(s.scalars(select(Event.payload)))
        assert not [secret for secret in _secrets(hashes) if secret in payloads]
        assert "scrypt$" not in payloads
        rows = {c.user_code: (c.pin_hash, c.badge_key) for c in s.scalars(select(Credential))}
        assert rows == {
            "boss": (hashes["boss"], None),
            "anna": (hashes["anna-new"], "sha256$" + _old_badge_hash(BADGE)),
            "qa": (hashes["qa"], None),
        }
        record = s.scalars(select(Event).where(Event.type == "log_redacted")).one()
        assert (record.user, record.station) == ("upgrade", "OLD1")
        details = json.loads(record.payload)
        assert details["migration"] == "0002_credentials" and set(details["credentials"]) == {"boss", "anna", "qa"}
        redacted = {e["id"]: e["fields"] for e in details["events"]}
        user_events = s.execute(select(Event.id, Event.type).where(Event.type.in_(("user_created", "user_updated")))).all()
        assert set(redacted) == {event_id for event_id, _ in user_events}
        assert sorted(map(tuple, redacted.values())) == [
            ("changes.pin_hash",),
            ("pin_hash",),
            ("pin_hash",),
            ("pin_hash", "badge_hash"),
        ]
    runtime.close()
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(users)")}
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not {"pin_hash", "badge_hash"} & columns and "sign_in_guard" not in tables and "credentials" in tables


def test_users_sign_in_as_before_and_the_old_badge_is_salted_at_its_first_use(old_db, clock):
    path, _ = old_db
    runtime = _open(path)
    at = Actor("", "OLD1", 60, clock)
    assert runtime.sign_in("anna", NEW_ANNA_PIN).user == "anna"
    with runtime.unit_of_work() as s:
        assert users.sign_in_with_badge(s, at, BADGE).code == "anna"
    with runtime.reading() as s:
        key = s.get(Credential, "anna").badge_key
        assert key.startswith("scrypt$")
        salted = s.scalars(select(Event).where(Event.type == "user_badge_changed")).one()
        assert salted.user == "anna" and key not in salted.payload
        assert verify_log(s).is_intact
    with runtime.unit_of_work() as s:
        assert users.sign_in_with_badge(s, at, BADGE).code == "anna"
    runtime.close()


def test_an_edit_of_a_redacted_event_after_the_upgrade_is_named(old_db):
    path, _ = old_db
    _open(path).close()
    with sqlite3.connect(path) as connection:
        seq = connection.execute("SELECT min(seq) FROM events WHERE type = 'user_created' AND payload LIKE '%anna%'").fetchone()[
            0
        ]
        connection.execute("UPDATE events SET payload = replace(payload, '\"clerk\"', '\"admin\"') WHERE seq = ?", (seq,))
    runtime = _open(path)
    with runtime.reading() as s:
        report = verify_log(s, replay=False)
    runtime.close()
    assert not report.is_intact and report.chain.first_bad_seq == seq
    assert "after its redaction" in report.chain.problem


def test_a_log_that_does_not_verify_is_not_upgraded(old_db):
    path, hashes = old_db
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE events SET user = 'mallory' WHERE seq = 3")
    with pytest.raises(DatabaseError, match="broken") as refused:
        _open(path)
    assert "event #3" in str(refused.value) and "was not changed" in str(refused.value)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (LANDED,)
        assert connection.execute("SELECT pin_hash FROM users WHERE code = 'boss'").fetchone() == (hashes["boss"],)


def test_an_upgraded_database_upgrades_no_further_and_keeps_its_record(old_db, tmp_path):
    path, _ = old_db
    _open(path).close()
    copy = tmp_path / "again.sqlite3"
    shutil.copy(path, copy)
    runtime = _open(copy)
    with runtime.reading() as s:
        assert s.scalar(select(Event.id).where(Event.type == "log_redacted").limit(2)) is not None
        assert len(s.scalars(select(Event.id).where(Event.type == "log_redacted")).all()) == 1
    with pytest.raises(Refused, match="wrong PIN"), runtime.unit_of_work() as s:
        users.sign_in(s, runtime.station_actor(), "anna", PINS["anna"])  # the PIN before the reset no longer works
    runtime.close()


def test_a_downgrade_puts_the_pin_hashes_back_into_users_and_leaves_the_log_alone(old_db):
    path, hashes = old_db
    _open(path).close()
    with sqlite3.connect(path) as connection:
        log = connection.execute("SELECT seq, payload, hash FROM events ORDER BY seq").fetchall()
    engine = create_engine(f"sqlite:///{path}")
    command.downgrade(_alembic_config(engine), LANDED)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        assert dict(connection.execute("SELECT code, pin_hash FROM users")) == {
            "boss": hashes["boss"],
            "anna": hashes["anna-new"],
            "qa": hashes["qa"],
        }
        assert connection.execute("SELECT badge_hash FROM users WHERE code = 'anna'").fetchone() == (_old_badge_hash(BADGE),)
        assert connection.execute("SELECT seq, payload, hash FROM events ORDER BY seq").fetchall() == log
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "credentials" not in tables and "sign_in_guard" in tables


def test_upgrading_again_after_a_downgrade_records_nothing_new_and_still_verifies(old_db):
    path, _ = old_db
    _open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    command.downgrade(_alembic_config(engine), LANDED)
    engine.dispose()
    with sqlite3.connect(path) as connection:
        before = connection.execute("SELECT count(*) FROM events").fetchone()
    runtime = _open(path)
    with runtime.reading() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == before[0]
        assert verify_log(s).is_intact
    runtime.close()
