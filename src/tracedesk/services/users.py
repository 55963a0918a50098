"""Users: creating and changing them, signing in by PIN or badge, and electronic signatures.

What a user is (code, name, role, active) is recorded in the event log like any other master
data. Their secrets are not: PIN hashes and badge keys live in the credentials table
(services.credentials), and the log records only that a PIN or badge changed, by whom, with a
commitment that lets `audit verify` prove the table was not edited since.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.codes.scan import parse_scan
from tracedesk.core.credential_hashes import check_secret, commitment, hash_secret
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.status import Role
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event, Lot, User
from tracedesk.services import credentials
from tracedesk.services.dto import UserInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import user_by_code
from tracedesk.services.permissions import Action, acting_user, require
from tracedesk.services.sign_in_guard import LOCK_FOR, check_not_locked, record_failure


def _check_pin(pin: str) -> str:
    if not pin.isascii() or not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise InvalidInput("A PIN must be 4 to 12 digits.")
    return pin


def _check_badge(badge: str) -> str:
    badge = badge.strip()
    if not 4 <= len(badge) <= 128 or not badge.isprintable():
        raise InvalidInput("A badge code is 4 to 128 printable characters.")
    return badge


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidInput(
            "Unknown role {role}; choose one of: {roles}.", role=str(role), roles=[r.value for r in Role]
        ) from None


def _info(user: User) -> UserInfo:
    return UserInfo(user.code, user.name, Role(user.role), user.active)


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
    role = _role(role)
    if session.scalar(select(User.id).where(User.code == code)) is not None:
        raise Refused("A user {user} already exists.", user=code)
    pin_hash = hash_secret(_check_pin(pin))
    key = _new_badge_key(session, code, badge) if badge else None
    payload: dict[str, Any] = {
        "code": code,
        "name": name,
        "role": role.value,
        "badge": key is not None,
        "credential": commitment(code, pin_hash, key),
    }
    if first_admin:
        payload["first_admin"] = True
    stored = apply_event(session, actor, "user_created", payload)
    credentials.store(session, code, pin_hash, key, stored)
    return UserInfo(code, name, role)


def _new_badge_key(session: Session, code: str, badge: str) -> str:
    badge = _check_badge(badge)
    holder = credentials.find_badge(session, badge)
    if holder is not None and holder.user_code != code:
        raise Refused("This badge belongs to user {user} already; one badge, one person.", user=holder.user_code)
    return credentials.badge_key(session, badge)


def sign_in(session: Session, actor: Actor, code: str, pin: str) -> UserInfo:
    """Check a user's PIN; the same sentence for an unknown user and a wrong PIN.

    `actor` is where and when the attempt happens (its user is not trusted). A wrong PIN for an
    existing user is recorded as a `sign_in_failed` event once the request's transaction ends,
    and enough of them lock the user out (services.sign_in_guard).
    """
    code = code.strip()
    now = actor.now()
    user = session.scalar(select(User).where(User.code == code))
    if user is None or not user.active:
        raise Refused("Unknown user or wrong PIN.")
    check_not_locked(session, user.code, now)
    row = credentials.credentials_of(session, user.code)
    if row is None:
        raise Refused("User {user} has no PIN on this station yet; ask an admin to set one.", user=user.code)
    if not check_secret(pin, row.pin_hash):
        if record_failure(session, replace(actor, user=user.code), "pin"):
            raise Refused(
                "Unknown user or wrong PIN; {code} is now locked for {minutes} minutes.",
                code=user.code,
                minutes=int(LOCK_FOR.total_seconds() // 60),
            )
        raise Refused("Unknown user or wrong PIN.")
    return _info(user)


def sign_in_with_badge(session: Session, actor: Actor, badge: str) -> UserInfo:
    """The active, not locked-out user whose badge this is.

    A badge key still in the unsalted form of older versions is replaced by a salted one at its
    first use (recorded as a badge change by its holder).
    """
    row = credentials.find_badge(session, badge) if badge.strip() else None
    user = session.scalar(select(User).where(User.code == row.user_code)) if row is not None else None
    if row is None or user is None or not user.active:
        if is_lot_label(session, badge):
            raise Refused(
                "{code} is a lot label, not a badge. Sign in first: choose your name and type your PIN, or scan your badge.",
                code=badge.strip()[:40],
            )
        raise NotFound("This badge belongs to no active user.")
    check_not_locked(session, user.code, actor.now())
    if credentials.is_legacy_badge(row.badge_key):
        key = credentials.badge_key(session, badge)
        _record_credentials(
            session, replace(actor, user=user.code), user.code, row.pin_hash, key, "user_badge_changed", "badge key salted"
        )
    return _info(user)


def is_lot_label(session: Session, text: str) -> bool:
    """Whether a scan is a label of material (ours, GS1, a Digital Link, an EPC, or a known lot code), not a badge."""
    try:
        kind = parse_scan(text, strict=False).kind
    except InvalidInput:
        return False
    if kind != "text":
        return True
    return session.scalar(select(Lot.id).where(Lot.code == text.strip())) is not None


def signature(session: Session, actor: Actor, pin: str | None, meaning: str) -> dict[str, str]:
    """An electronic signature: the signer re-enters the PIN; returns the record kept in the event.

    Refused (recording nothing in the log) when the PIN is missing or wrong, or the acting user
    has no account to sign with. The role recorded is the one the user store holds now.
    """
    if not pin:
        raise Refused("This decision is signed: re-enter the PIN of {user} to sign it.", user=actor.user)
    acting_user(session, actor)
    account = sign_in(session, actor, actor.user, pin)
    return {
        "signer": account.code,
        "name": account.name,
        "role": account.role.value,
        "meaning": meaning,
        "signed_at": iso_utc(actor.now()),
    }


def list_users(session: Session) -> list[UserInfo]:
    return [_info(u) for u in session.scalars(select(User).order_by(User.code))]


USER_EVENTS = ("user_created", "user_updated")


def users_version(session: Session) -> int:
    """Changes whenever a user is added or changed (here or by another program on this database):
    the sign-in screen polls it to show new users at once."""
    return session.scalar(select(func.max(Event.seq)).where(of_types(USER_EVENTS))) or 0


def _change_user(session: Session, actor: Actor, code: str, changes: dict[str, list[Any]], reason: str) -> UserInfo:
    """One correcting event with old and new values; the user row is never edited in place."""
    user = user_by_code(session, code)
    changes = {field: values for field, values in changes.items() if values[0] != values[1]}
    if not changes:
        raise InvalidInput("Nothing to change for user {user}.", user=user.code)
    apply_event(session, actor, "user_updated", {"code": user.code, "changes": changes, "reason": reason.strip()})
    return _info(user_by_code(session, code))


def change_role(session: Session, actor: Actor, *, code: str, role: Role | str, reason: str = "") -> UserInfo:
    require(session, actor, Action.MANAGE_USERS)
    new = _role(role)
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"role": [user.role, new.value]}, reason)


def rename_user(session: Session, actor: Actor, *, code: str, name: str, reason: str = "") -> UserInfo:
    require(session, actor, Action.MANAGE_USERS)
    if not name.strip():
        raise InvalidInput("A user needs a name.")
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"name": [user.name, name.strip()]}, reason)


def set_active(session: Session, actor: Actor, *, code: str, active: bool, reason: str = "") -> UserInfo:
    """Deactivate (or reactivate) a user: the history keeps the user's name on every record."""
    require(session, actor, Action.MANAGE_USERS)
    if actor.user == code.strip() and not active:
        raise Refused("You cannot deactivate yourself; ask another admin.")
    user = user_by_code(session, code)
    return _change_user(session, actor, code, {"active": [user.active, active]}, reason)


def _record_credentials(
    session: Session, actor: Actor, code: str, pin_hash: str, key: str | None, event_type: str, reason: str, **extra: Any
) -> None:
    """A credential change: the event says that it happened and by whom; the secret goes to its own table."""
    payload = {"code": code, "credential": commitment(code, pin_hash, key), "reason": reason.strip(), **extra}
    stored = apply_event(session, actor, event_type, payload)
    credentials.store(session, code, pin_hash, key, stored)


def reset_pin(session: Session, actor: Actor, *, code: str, pin: str, reason: str = "PIN reset") -> UserInfo:
    """A new PIN: the event records that it changed and by whom, never the PIN or its hash; a lock-out ends."""
    require(session, actor, Action.MANAGE_USERS)
    user = user_by_code(session, code)
    row = credentials.credentials_of(session, user.code)
    _record_credentials(
        session,
        actor,
        user.code,
        hash_secret(_check_pin(pin)),
        row.badge_key if row is not None else None,
        "user_pin_changed",
        reason or "PIN reset",
    )
    return _info(user)


def change_own_pin(session: Session, actor: Actor, *, old_pin: str, new_pin: str) -> UserInfo:
    """A user changes their own PIN, proving the old one first."""
    me = acting_user(session, actor)
    sign_in(session, actor, me.code, old_pin)
    row = credentials.credentials_of(session, me.code)
    badge = row.badge_key if row is not None else None
    _record_credentials(
        session, actor, me.code, hash_secret(_check_pin(new_pin)), badge, "user_pin_changed", "changed by the user"
    )
    return me


def set_badge(session: Session, actor: Actor, *, code: str, badge: str | None, reason: str = "") -> UserInfo:
    """Give a user a badge (or take it away with None); only the fact is recorded, never the badge."""
    require(session, actor, Action.MANAGE_USERS)
    user = user_by_code(session, code)
    row = credentials.credentials_of(session, user.code)
    if row is None:
        raise Refused("User {user} has no PIN on this station yet; ask an admin to set one.", user=user.code)
    if badge is None and row.badge_key is None:
        raise InvalidInput("User {user} has no badge to take away.", user=user.code)
    key = _new_badge_key(session, user.code, badge) if badge is not None else None
    _record_credentials(
        session,
        actor,
        user.code,
        row.pin_hash,
        key,
        "user_badge_changed",
        reason or ("badge given" if key else "badge taken away"),
        badge="set" if key else "removed",
    )
    return _info(user)
