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
            if payload.get(field):
                payload[field] = REDACTED
                fields.append(field)
    elif event_type == "user_updated":
        changes = payload.get("changes") or {}
        for field in ("pin_hash", "badge_hash"):
            if field in changes:
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
    if not redactions and not rows:
        session.flush()
        return
    station = _local_station(session)
    if station is None:  # users but no event at all: a database edited by hand
        raise users_without_log()
    now = datetime.now(UTC)
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
    raise NotImplementedError(
        "The PIN hashes taken out of the event log cannot be put back; restore the backup made before the upgrade."
    )
