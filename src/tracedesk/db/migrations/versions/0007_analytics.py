"""analytics: a cause on complaints, and indexes behind the QA dashboard's monthly and weekly sums

Revision ID: 0007_analytics
Revises: 0002_credentials

Complaints get a cause (empty on existing rows: "not stated" in the Pareto of causes), set
when QA updates the complaint. Received lots get an index by receipt time so a period's
supplier figures read only that period's receipts.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_analytics"
down_revision = "0002_credentials"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cause", sa.String(length=100), nullable=False, server_default=""))
    op.create_index(
        "ix_lots_received",
        "lots",
        ["received_at", "supplier_id", "status"],
        unique=False,
        sqlite_where=sa.text("origin = 'received'"),
        postgresql_where=sa.text("origin = 'received'"),
    )


def downgrade() -> None:
    op.drop_index("ix_lots_received", table_name="lots")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_column("cause")
