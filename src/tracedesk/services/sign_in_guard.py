"""Lock-out after wrong PINs, derived from the event log so that it cannot be undone behind its back.

A wrong PIN for an existing user is recorded as a `sign_in_failed` event. The refused request
itself records nothing (its transaction is rolled back), so the failure is appended in a
transaction of its own once the request's has ended. The rule, judged on the log alone:

- a user is locked for LOCK_FOR after the failure that makes MAX_FAILURES failures within WINDOW;
- attempts while locked are refused without checking the PIN, and are neither recorded nor counted;
- a PIN change (`user_pin_changed`, e.g. an admin's reset) ends the lock and clears the count;
- a correct PIN does not clear the count (it records nothing): five wrong PINs within 15 minutes lock
  however they were interleaved with good ones.

Deleting or editing a `sign_in_failed` event to lift a lock breaks the hash chain, which
`tracedesk audit verify` names. Failures are ordered by (recorded_at, event id), so stations that
exchange their logs reach the same answer whatever order the events arrive in.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy import event as orm_event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import Refused
from tracedesk.db.bulk import driver, processor
from tracedesk.db.engine import READ_ONLY
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event
from tracedesk.services.events import apply_event

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCK_FOR = timedelta(minutes=15)
FAILED = "sign_in_failed"
PIN_CHANGED = "user_pin_changed"
_PENDING = "tracedesk.sign_in_failures"
_LISTENING = "tracedesk.sign_in_listening"
log = logging.getLogger(__name__)


@dataclass
class _Pending:
    """Failures of this session's request, appended once its transaction has ended."""

    failures: list[tuple[Actor, datetime, str]] = field(default_factory=list)


def _failures(session: Session, user_code: str, now: datetime) -> list[datetime]:
    """Times of the user's counted failures (since the last PIN change), oldest first, pending ones included."""
    horizon = now - 2 * (WINDOW + LOCK_FOR)  # older failures can no longer matter
    resets = session.execute(select(Event.recorded_at, Event.payload).where(of_types(PIN_CHANGED), Event.recorded_at > horizon))
    reset = max((at for at, payload in resets if json.loads(payload).get("code") == user_code), default=None)
    rows = session.execute(
        select(Event.recorded_at, Event.id, Event.payload)
        .where(of_types(FAILED), Event.recorded_at > (reset or horizon), Event.recorded_at <= now)
        .order_by(Event.recorded_at, Event.id)
    )
    found = [(at, event_id) for at, event_id, payload in rows if json.loads(payload).get("user") == user_code]
    pending: _Pending | None = session.info.get(_PENDING)
    if pending is not None:
        found.extend((at, "~") for actor, at, _via in pending.failures if actor.user == user_code)
    return [at for at, _ in sorted(found)]


def _lock_end(failures: list[datetime]) -> datetime | None:
    """When the last lock the failures caused ends (None when they caused none)."""
    lock_end: datetime | None = None
    window: list[datetime] = []
    for at in failures:
        if lock_end is not None and at < lock_end:
            continue  # refused unchecked while locked: not a failure of the PIN
        window = [t for t in window if t > at - WINDOW] + [at]
        if len(window) >= MAX_FAILURES:
            lock_end, window = at + LOCK_FOR, []
    return lock_end


def locked_until(session: Session, user_code: str, now: datetime) -> datetime | None:
    """The end of the user's lock-out, or None when the user is not locked at `now`."""
    end = _lock_end(_failures(session, user_code, now))
    return end if end is not None and end > now else None


def _stored_time(session: Session, at: datetime) -> Any:
    convert = processor(Event.__table__.c.recorded_at, session.get_bind().dialect)
    return convert(at) if convert is not None else at


# Who the acting user is, and whether anybody failed to sign in lately enough to be locked now:
# asked on every recording request, so in one statement, through the driver (see db.bulk).
_ACTING_USER = (
    "SELECT name, role, active, EXISTS (SELECT 1 FROM events WHERE type = 'sign_in_failed' AND recorded_at > ?) "
    "FROM users WHERE code = ?"
)


def user_and_lock(session: Session, user_code: str, now: datetime) -> tuple[str, str, bool] | None:
    """(name, role, active) of the user, or None when there is none; refused while the user is locked out.

    Most requests come long after the last failed sign-in of anybody: then one indexed
    statement answers both questions, and the lock-out rule is worked out only otherwise.
    """
    row = driver(session).execute(_ACTING_USER, (_stored_time(session, now - LOCK_FOR), user_code)).fetchone()
    if row is None:
        return None
    name, role, active, failed_lately = row
    pending: _Pending | None = session.info.get(_PENDING)
    if failed_lately or (pending is not None and pending.failures):
        check_not_locked(session, user_code, now)
    return str(name), str(role), bool(active)


def check_not_locked(session: Session, user_code: str, now: datetime) -> None:
    """Refuse while the user is locked out, saying for how long."""
    until = locked_until(session, user_code, now)
    if until is not None:
        minutes = max(1, math.ceil((until - now).total_seconds() / 60))
        raise Refused(
            "User {user} is locked for {minutes} more {minutes|minute|minutes} after {failures} wrong PINs; "
            "wait, or ask an admin to reset the PIN.",
            user=user_code,
            minutes=minutes,
            failures=MAX_FAILURES,
        )


def record_failure(session: Session, actor: Actor, via: str = "pin") -> bool:
    """Remember a wrong PIN of `actor.user` (an existing user); returns whether it locks the user now.

    The event is appended after this session's transaction ends, committed or rolled back, on a
    session of its own: the refused request records nothing, its failure survives the rollback.
    """
    now = actor.now()
    pending: _Pending = session.info.setdefault(_PENDING, _Pending())
    pending.failures.append((actor, now, via))
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        orm_event.listen(session, "after_commit", _write_pending)
        orm_event.listen(session, "after_rollback", _write_pending)
    return locked_until(session, actor.user, now) is not None


def _write_pending(session: Session) -> None:
    pending: _Pending | None = session.info.pop(_PENDING, None)
    if pending is None or not pending.failures:
        return
    # A connection of its own from the engine, also when the session is bound to a connection
    # (which would share the rolled-back transaction); the request may have run in a read-only
    # snapshot, the failure is written by a writer.
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    writer_engine = engine.execution_options(**{READ_ONLY: False})
    try:
        with Session(writer_engine) as writer, writer.begin():
            for actor, at, via in pending.failures:
                at_the_time = Actor(actor.user, actor.station, actor.utc_offset_minutes, lambda at=at: at)  # type: ignore[misc]
                apply_event(writer, at_the_time, FAILED, {"user": actor.user, "via": via})
    except SQLAlchemyError:
        # Never hide the refusal the user is reading behind a second error; say it in the log.
        log.exception("a failed sign-in of %s could not be recorded", ", ".join(a.user for a, _, _ in pending.failures))
