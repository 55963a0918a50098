"""PINs and badges: slow salted hashes in the credentials table, and the commitment the log keeps of them.

A PIN is hashed with scrypt and a random salt of its own. A badge must be *found* from what
the reader sends, so a per-user salt would mean trying every user's salt (one slow scrypt each)
on every scan: badges share one random salt per plant instead, kept in the badge keys
themselves ("scrypt$<salt>$<digest>", the salt of the first badge key of the database). A scan
costs one scrypt per distinct salt (one, unless stations minted badge keys before they first
synced), the key is then found by the index, and a stolen table still costs an attacker a slow
hash per guessed badge, and per plant, with no table precomputed elsewhere.

The secrets never enter the event log. Each credential change is an event that says what
changed and by whom, and carries `commitment(...)`: a SHA-256 of the user code and the row's
hashes. It is useless for guessing a PIN (the salted hash it covers includes 16 random bytes
that exist only in the credentials table), but `audit verify` recomputes it from the table and
so proves that nobody edited a PIN hash or a badge key behind the application's back.
"""

from __future__ import annotations

import base64
import os

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.credential_hashes import LEGACY_BADGE, SCHEME, commitment, hash_secret, legacy_badge_key
from tracedesk.core.messages import Message, msg
from tracedesk.db.credential_log import latest_commitments
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import Credential


def _badge_salts(session: Session) -> list[bytes]:
    """The salts the plant's badge keys use (normally one), oldest key's first."""
    salts: dict[bytes, None] = {}
    for key in session.scalars(
        select(Credential.badge_key).where(Credential.badge_key.like(SCHEME + "$%")).order_by(Credential.changed_at)
    ):
        if key:
            salts.setdefault(base64.b64decode(key.split("$")[1]), None)
    return list(salts)


def badge_key(session: Session, badge: str) -> str:
    """The key stored for a badge: scrypt with the plant's badge salt (made at the first badge)."""
    salts = _badge_salts(session)
    return hash_secret(badge.strip(), salt=salts[0] if salts else os.urandom(16))


def find_badge(session: Session, badge: str) -> Credential | None:
    """The credentials row of the badge's holder: one slow hash per plant salt, then the index."""
    candidates = [hash_secret(badge.strip(), salt=salt) for salt in _badge_salts(session)]
    if session.scalar(select(Credential.user_code).where(Credential.badge_key.like(LEGACY_BADGE + "$%")).limit(1)):
        candidates.append(legacy_badge_key(badge))
    if not candidates:
        return None
    return session.scalars(select(Credential).where(Credential.badge_key.in_(candidates)).order_by(Credential.user_code)).first()


def is_legacy_badge(key: str | None) -> bool:
    return bool(key) and str(key).startswith(LEGACY_BADGE + "$")


def credentials_of(session: Session, user_code: str) -> Credential | None:
    return session.get(Credential, user_code)


def store(session: Session, user_code: str, pin_hash: str, badge_key: str | None, event: StoredEvent) -> None:
    """Write the user's row, covered by the commitment `event` carries (same transaction as the event)."""
    row = session.get(Credential, user_code)
    if row is None:
        row = Credential(user_code=user_code)
        session.add(row)
    row.pin_hash, row.badge_key = pin_hash, badge_key
    row.changed_at, row.changed_event = event.recorded_at, event.id
    session.flush()


def credential_problems(session: Session) -> list[Message]:
    """Each credentials row that the log's commitments do not prove, in a sentence (empty when all are proven)."""
    latest = latest_commitments(session)
    problems: list[Message] = []
    rows = {row.user_code: row for row in session.scalars(select(Credential).order_by(Credential.user_code))}
    for code, row in rows.items():
        known = latest.get(code)
        if known is None:
            problems.append(
                msg(
                    "credentials table: the row of user {user} was added behind the application's back (no event records it)",
                    user=code,
                )
            )
        elif row.changed_event != known[0] or commitment(code, row.pin_hash, row.badge_key) != known[1]:
            problems.append(
                msg(
                    "credentials table: the PIN hash or badge key of user {user} was changed behind the application's back "
                    "(it does not match event {event})",
                    user=code,
                    event=known[0],
                )
            )
    for code in sorted(set(latest) - set(rows)):
        problems.append(
            msg("credentials table: the row of user {user} is missing; it was deleted behind the application's back", user=code)
        )
    return problems
