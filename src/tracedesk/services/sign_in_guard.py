"""Lock-out after repeated wrong PINs: counted outside the refused request's transaction.

A wrong PIN must record nothing in the event log (the request is refused as a whole), yet the
failure has to be remembered even though the caller rolls its transaction back. So failures
go to `sign_in_guard` (not a projection, not replayed), written once the refused request's
transaction has ended.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, event, select
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from tracedesk.core.errors import Refused
from tracedesk.db.models import SignInGuard

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=15)
_PENDING = "tracedesk.sign_in_failures"
_LISTENING = "tracedesk.sign_in_listening"


def check_not_locked(session: Session, user_code: str, now: datetime) -> None:
    """Refuse while the user is locked out, saying until when (station time is the caller's)."""
    guard = session.get(SignInGuard, user_code)
    if guard is not None and guard.locked_until is not None and guard.locked_until > now:
        minutes = max(1, int((guard.locked_until - now).total_seconds() // 60) + 1)
        raise Refused(
            "User {user} is locked for {minutes} more {minutes|minute|minutes} after {failures} wrong PINs; "
            "wait, or ask an admin to reset the PIN.",
            user=user_code,
            minutes=minutes,
            failures=MAX_FAILURES,
        )


def _failure_statement(user_code: str, now: datetime, failures: int, locked_until: datetime | None) -> SqliteInsert:
    values = {"user_code": user_code, "failures": failures, "last_failure_at": now, "locked_until": locked_until}
    stmt = sqlite_insert(SignInGuard).values(**values)
    return stmt.on_conflict_do_update(index_elements=["user_code"], set_={k: v for k, v in values.items() if k != "user_code"})


def record_failure(session: Session, user_code: str, now: datetime) -> int:
    """Count a wrong PIN so that it survives the caller's rollback; returns the failures in a row.

    Each unit of work holds the database's write lock from its start, so the count is written
    just after that transaction ends (committed or rolled back), on a connection of its own.
    """
    guard = session.get(SignInGuard, user_code)
    previous = 0
    if guard is not None:
        expired = guard.locked_until is not None and guard.locked_until <= now
        previous = 0 if expired else guard.failures
    pending: dict[str, tuple[int, datetime, datetime | None]] = session.info.setdefault(_PENDING, {})
    failures = (pending[user_code][0] if user_code in pending else previous) + 1
    pending[user_code] = (failures, now, now + LOCK_FOR if failures >= MAX_FAILURES else None)
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        event.listen(session, "after_commit", _write_pending)
        event.listen(session, "after_rollback", _write_pending)
    return failures


def _write_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    # A connection of its own from the engine, also when the session is bound to a connection
    # (whose begin() gives a transaction, not a connection, and would share the rolled-back one).
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with engine.begin() as connection:
        for user_code, (failures, at, locked_until) in pending.items():
            connection.execute(_failure_statement(user_code, at, failures, locked_until))


def record_success(session: Session, user_code: str) -> None:
    """A correct PIN clears the count."""
    session.execute(delete(SignInGuard).where(SignInGuard.user_code == user_code))


def locked_users(session: Session, now: datetime) -> list[tuple[str, datetime]]:
    return [
        (g.user_code, g.locked_until)
        for g in session.scalars(select(SignInGuard).where(SignInGuard.locked_until > now).order_by(SignInGuard.user_code))
        if g.locked_until is not None
    ]
