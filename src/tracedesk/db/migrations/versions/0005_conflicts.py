"""conflicts: contradictions between facts recorded at different stations, and QA's resolutions

Revision ID: 0005_conflicts
Revises: 0002_credentials

Two new tables, both derived from the event log (a replay rebuilds them). A database that was
only ever written by one station has no conflict to derive, so they start empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_conflicts"
down_revision = "0002_credentials"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("lots", sa.Text(), nullable=False),
        sa.Column("stations", sa.Text(), nullable=False),
        sa.Column("events", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_subject"), ["subject"], unique=False)
    op.create_table(
        "conflict_resolutions",
        sa.Column("conflict", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("resolved_by", sa.String(length=64), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=False),
        sa.Column("created_event", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_event"], ["events.seq"]),
        sa.PrimaryKeyConstraint("conflict"),
    )


def downgrade() -> None:
    op.drop_table("conflict_resolutions")
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflicts_subject"))
        batch_op.drop_index(batch_op.f("ix_conflicts_kind"))
    op.drop_table("conflicts")
