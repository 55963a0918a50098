"""hub sync: how far this database has pulled each hub's log

Revision ID: 0013_hub_sync
Revises: 0005_conflicts

A new table only (`sync_cursors`); nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_hub_sync"
down_revision = "0005_conflicts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_cursors",
        sa.Column("hub", sa.String(length=300), nullable=False),
        sa.Column("last_hub_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hub"),
    )


def downgrade() -> None:
    op.drop_table("sync_cursors")
