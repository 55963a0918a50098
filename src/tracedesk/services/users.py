"""Users: creating them, PINs hashed slowly (scrypt), and signing in by PIN or badge."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.status import Role
from tracedesk.db.models import User
from tracedesk.services.dto import UserInfo
from tracedesk.services.events import apply_event
from tracedesk.services.permissions import Action, require

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
    require(actor, Action.MANAGE_USERS)
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise InvalidInput("A user needs a code and a name.")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(f"Unknown role {role!r}; choose one of: {', '.join(r.value for r in Role)}.") from None
    if session.scalar(select(User.id).where(User.code == code)) is not None:
        raise Refused(f"A user {code!r} already exists.")
    apply_event(session, actor, "user_created", {
        "code": code, "name": name, "role": role.value, "pin_hash": hash_secret(_check_pin(pin)),
        "badge_hash": badge_key(badge) if badge else None,
    })
    return UserInfo(code, name, role)


def sign_in(session: Session, actor: Actor, code: str, pin: str) -> UserInfo:
    """Check a user's PIN; the same sentence for an unknown user and a wrong PIN."""
    user = session.scalar(select(User).where(User.code == code.strip()))
    if user is None or not user.active or not check_secret(pin, user.pin_hash):
        raise Refused("Unknown user or wrong PIN.")
    return UserInfo(user.code, user.name, Role(user.role), user.active)


def sign_in_with_badge(session: Session, badge: str) -> UserInfo:
    user = session.scalar(select(User).where(User.badge_hash == badge_key(badge), User.active.is_(True)))
    if user is None:
        raise NotFound("This badge belongs to no active user.")
    return UserInfo(user.code, user.name, Role(user.role), user.active)


def list_users(session: Session) -> list[UserInfo]:
    return [UserInfo(u.code, u.name, Role(u.role), u.active) for u in session.scalars(select(User).order_by(User.code))]
