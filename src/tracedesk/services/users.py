"""Users: creating them, PINs hashed slowly (scrypt), and signing in by PIN or badge."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.status import Role
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.models import User
from tracedesk.services.dto import UserInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import user_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.sign_in_guard import LOCK_FOR, MAX_FAILURES, check_not_locked, record_failure, record_success

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """scrypt with a random salt: slow enough that a stolen database does not give away PINs."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def check_secret(secret: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest_b64)
    actual = hashlib.scrypt(secret.encode("utf-8"), salt=base64.b64decode(salt_b64), **_SCRYPT)
    return hmac.compare_digest(expected, actual)


def badge_key(badge: str) -> str:
    """Badges are looked up, so they get a keyed, unsalted digest (not reversible, but findable)."""
    return hashlib.sha256(("tracedesk-badge:" + badge.strip()).encode("utf-8")).hexdigest()


def _check_pin(pin: str) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise InvalidInput("A PIN must be 4 to 12 digits.")
    return pin


def create_user(
    session: Session, actor: Actor, *, code: str, name: str, role: Role | str, pin: str, badge: str | None = None
) -> UserInfo:
    """Add a user who can sign in with the PIN (and the badge, if given)."""
    require(session, actor, Action.MANAGE_USERS)
    return _create(session, actor, code=code, name=name, role=role, pin=pin, badge=badge)


def create_first_admin(session: Session, at: Actor, *, code: str, name: str, pin: str) -> UserInfo:
    """The first administrator of a database without users: the one thing recorded without signing in.

    `at` gives the station and the time; the event is recorded under the new administrator's
    own code (nobody else exists to stand behind it). Refused once any user exists.
    """
    if session.scalar(select(User.id).limit(1)) is not None:
        raise Refused("This database has users already; sign in as an administrator to add more.")
    code = code.strip()
    return _create(session, replace(at, user=code), code=code, name=name, role=Role.ADMIN, pin=pin, first_admin=True)


def _create(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    role: Role | str,
    pin: str,
    badge: str | None = None,
    first_admin: bool = False,
) -> UserInfo:
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InvalidInput("A user needs a code and a name.")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            "Unknown role {role}; choose one of: {roles}.", role=str(role), roles=[r.value for r in Role]
        ) from None
    if session.scalar(select(User.id).where(User.code == code)) is not None:
        raise Refused("A user {user} already exists.", user=code)
    payload: dict[str, object] = {
        "code": code,
        "name": name,
        "role": role.value,
        "pin_hash": hash_secret(_check_pin(pin)),
        "badge_hash": badge_key(badge) if badge else None,
    }
    if first_admin:
        payload["first_admin"] = True
    apply_event(session, actor, "user_created", payload)
    return UserInfo(code, name, role)


def sign_in(session: Session, actor: Actor, code: str, pin: str) -> UserInfo:
    """Check a user's PIN; the same sentence for an unknown user and a wrong PIN.

    Five wrong PINs in a row lock the user for 15 minutes (see services.sign_in_guard).
    """
    code = code.strip()
    now = actor.now()
    check_not_locked(session, code, now)
    user = session.scalar(select(User).where(User.code == code))
    if user is None or not user.active or not check_secret(pin, user.pin_hash):
        failures = record_failure(session, code, now)
        if failures >= MAX_FAILURES:
            raise Refused(
                "Unknown user or wrong PIN; {code} is now locked for {minutes} minutes.",
                code=code,
                minutes=LOCK_FOR.seconds // 60,
            )
        raise Refused("Unknown user or wrong PIN.")
    record_success(session, code)
    return UserInfo(user.code, user.name, Role(user.role), user.active)


def signature(session: Session, actor: Actor, pin: str | None, meaning: str) -> dict[str, str]:
    """An electronic signature: the signer re-enters the PIN; returns the record kept in the event.

    Refused (recording nothing in the log) when the PIN is missing or wrong, or the acting user
    has no account to sign with.
    """
    if not pin:
        raise Refused("This decision is signed: re-enter the PIN of {user} to sign it.", user=actor.user)
    if session.scalar(select(User.id).where(User.code == actor.user)) is None:
        raise Refused("{user} has no user account to sign with; sign in as a named user.", user=actor.user)
    account = sign_in(session, actor, actor.user, pin)
    return {
        "signer": account.code,
        "name": account.name,
        "role": account.role.value,
        "meaning": meaning,
        "signed_at": iso_utc(actor.now()),
    }


def sign_in_with_badge(session: Session, badge: str) -> UserInfo:
    user = session.scalar(select(User).where(User.badge_hash == badge_key(badge), User.active.is_(True)))
    if user is None:
        raise NotFound("This badge belongs to no active user.")
    return UserInfo(user.code, user.name, Role(user.role), user.active)


def list_users(session: Session) -> list[UserInfo]:
    return [UserInfo(u.code, u.name, Role(u.role), u.active) for u in session.scalars(select(User).order_by(User.code))]


def _change_user(session: Session, actor: Actor, code: str, changes: dict[str, list[Any]], reason: str) -> UserInfo:
    """One correcting event with old and new values; the user row is never edited in place."""
    require(session, actor, Action.MANAGE_USERS)
    user = user_by_code(session, code)
    changes = {field: values for field, values in changes.items() if values[0] != values[1]}
    if not changes:
        raise InvalidInput("Nothing to change for user {user}.", user=user.code)
    apply_event(session, actor, "user_updated", {"code": user.code, "changes": changes, "reason": reason.strip()})
    user = user_by_code(session, code)
    return UserInfo(user.code, user.name, Role(user.role), user.active)


def change_role(session: Session, actor: Actor, *, code: str, role: Role | str, reason: str = "") -> UserInfo:
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            "Unknown role {role}; choose one of: {roles}.", role=str(role), roles=[r.value for r in Role]
        ) from None
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"role": [user.role, role.value]}, reason)


def rename_user(session: Session, actor: Actor, *, code: str, name: str, reason: str = "") -> UserInfo:
    if not name.strip():
        raise InvalidInput("A user needs a name.")
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"name": [user.name, name.strip()]}, reason)


def reset_pin(session: Session, actor: Actor, *, code: str, pin: str, reason: str = "PIN reset") -> UserInfo:
    """A new PIN (hashes, old and new, in the event; never the PIN) and the lock-out cleared."""
    user = user_by_code(session, code)
    info = _change_user(session, actor, code, {"pin_hash": [user.pin_hash, hash_secret(_check_pin(pin))]}, reason)
    record_success(session, user.code)
    return info


def set_active(session: Session, actor: Actor, *, code: str, active: bool, reason: str = "") -> UserInfo:
    """Deactivate (or reactivate) a user: the history keeps the user's name on every record."""
    if actor.user == code.strip() and not active:
        raise Refused("You cannot deactivate yourself; ask another admin.")
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"active": [user.active, active]}, reason)
