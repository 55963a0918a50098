"""credentials: PIN hashes and badge keys move out of the users table and out of the event log

Revision ID: 0002_credentials
Revises: 0004_location_descriptions

Before this, `user_created` and `user_updated` events carried PIN hashes (and the audit CSV
with them), and the lock-out lived in a table that an edit could undo unnoticed. The upgrade:

1. verifies the whole hash chain first, and refuses (touching nothing) to rewrite a log it
   cannot prove;
2. copies each user's PIN hash and badge key into `credentials` (old badge keys, unsalted,
   are marked and salted at their next use) and drops them from `users`;
3. replaces every hash in the log's payloads with "[redacted]";
4. appends one `log_redacted` event on this station's chain, recorded by "upgrade": each
   redacted event's id, original hash, the fields taken out and its hash now, plus the
   commitment of each user's credentials row; `audit verify` then accepts exactly those events
   on that record's authority and proves the credentials table against it;
5. drops `sign_in_guard`: lock-outs are derived from `sign_in_failed` events from now on (a
   lock-out in force at the moment of the upgrade ends with it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.orm import Session

revision = "0002_credentials"
down_revision = "0004_location_descriptions"
branch_labels = None
depends_on = None

MIGRATION = "0002_credentials"
UPGRADE_USER = "upgrade"


def _redact(event_type: str, payload: dict[str, Any]) -> list[str]:
    from tracedesk.db.redaction import REDACTED

    fields = []
    if event_type == "user_created":
        for field in ("pin_hash", "badge_hash"):
            if payload.get(field) and payload[field] != REDACTED:
                payload[field] = REDACTED
                fields.append(field)
    elif event_type == "user_updated":
        changes = payload.get("changes") or {}
        for field in ("pin_hash", "badge_hash"):
            if any(value and value != REDACTED for value in changes.get(field, ())):
                changes[field] = [REDACTED if value else value for value in changes[field]]
                fields.append(f"changes.{field}")
    return fields


def _local_station(session: Session) -> str | None:
    """The station this upgrade runs for: given by TraceDesk when it opens the database; else the
    only station, or the one that appended the newest event."""
    given = context.config.attributes.get("station")
    if given:
        return str(given)
    codes = [str(row[0]) for row in session.execute(sa.text("SELECT code FROM stations ORDER BY code"))]
    if len(codes) == 1:
        return codes[0]
    newest = session.execute(sa.text("SELECT station FROM events ORDER BY seq DESC LIMIT 1")).first()
    return str(newest[0]) if newest else None


def upgrade() -> None:
    from tracedesk.core.actor import local_utc_offset_minutes
    from tracedesk.core.credential_hashes import LEGACY_BADGE, commitment
    from tracedesk.db.credential_log import latest_commitments
    from tracedesk.db.eventlog import verify_chain
    from tracedesk.db.models import Credential
    from tracedesk.db.redaction import broken_log, record_redactions, redact_events, users_without_log

    bind = op.get_bind()
    session = Session(bind=bind)
    chain = verify_chain(session)
    if not chain.is_intact:
        raise broken_log(bind.engine.url.database or str(bind.engine.url), chain.problem or "")
    users = bind.execute(sa.text("SELECT code, pin_hash, badge_hash FROM users ORDER BY code")).all()

    op.create_table(
        "credentials",
        sa.Column("user_code", sa.String(length=64), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("badge_key", sa.String(length=200), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_event", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("user_code"),
    )
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_credentials_badge_key"), ["badge_key"], unique=False)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_badge_hash"))
        batch_op.drop_column("badge_hash")
        batch_op.drop_column("pin_hash")
    op.drop_table("sign_in_guard")
    op.create_index(
        "ix_events_sign_in_failed",
        "events",
        ["recorded_at"],
        sqlite_where=sa.text("type = 'sign_in_failed'"),
        postgresql_where=sa.text("type = 'sign_in_failed'"),
    )

    redactions = redact_events(session, ("user_created", "user_updated"), _redact)
    rows = [
        (code, pin_hash, f"{LEGACY_BADGE}${badge_hash}" if badge_hash else None)
        for code, pin_hash, badge_hash in users
        if pin_hash
    ]
    now = datetime.now(UTC)
    # A database downgraded and upgraded again: rows the log's commitments already cover keep
    # their event, and nothing new is recorded for them.
    known = latest_commitments(session)
    covered = {
        code: known[code][0] for code, pin_hash, key in rows if known.get(code, ("", ""))[1] == commitment(code, pin_hash, key)
    }
    if not redactions and len(covered) == len(rows):
        session.add_all(
            Credential(user_code=code, pin_hash=pin_hash, badge_key=key, changed_at=now, changed_event=covered[code])
            for code, pin_hash, key in rows
        )
        session.flush()
        return
    station = _local_station(session)
    if station is None:  # users but no event at all: a database edited by hand
        raise users_without_log()
    record = record_redactions(
        session,
        redactions,
        station=station,
        user=UPGRADE_USER,
        recorded_at=now,
        utc_offset_minutes=local_utc_offset_minutes(),
        details={
            "migration": MIGRATION,
            "reason": "PIN hashes and badge keys moved out of the event log into the credentials table",
            "credentials": {code: commitment(code, pin_hash, key) for code, pin_hash, key in rows},
        },
    )
    session.add_all(
        Credential(user_code=code, pin_hash=pin_hash, badge_key=key, changed_at=now, changed_event=record.id)
        for code, pin_hash, key in rows
    )
    session.flush()


def downgrade() -> None:
    """The schema before, with each user's PIN hash back in `users`; the log stays as it is.

    The hashes taken out of the log are not put back (they are gone from it by design), and
    salted badge keys have no form the older schema knows: those badges are given again. For a
    database exactly as it was, restore the backup made before the upgrade.
    """
    op.create_table(
        "sign_in_guard",
        sa.Column("user_code", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("user_code"),
    )
    op.drop_index("ix_events_sign_in_failed", table_name="events")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pin_hash", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("badge_hash", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_users_badge_hash"), ["badge_hash"], unique=False)
    op.execute(
        "UPDATE users SET pin_hash = coalesce((SELECT pin_hash FROM credentials WHERE user_code = users.code), ''), "
        "badge_hash = (SELECT substr(badge_key, 8) FROM credentials WHERE user_code = users.code AND badge_key LIKE 'sha256$%')"
    )
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credentials_badge_key"))
    op.drop_table("credentials")
