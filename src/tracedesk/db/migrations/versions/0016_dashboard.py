"""dashboard: indexes so the QA dashboard stays fast as the plant grows

Revision ID: 0016_dashboard
Revises: 0015_scan_pages

The lots waiting in quarantine were found by reading every lot (a million on the bench plant,
for the handful in quarantine); a partial index holds only those. The orders with output in
a period were found by reading every order's totals; an index by first and last output time
reads the period's orders (and, index only, the times of those before it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_dashboard"
down_revision = "0015_scan_pages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_lots_quarantine",
        "lots",
        ["status"],
        unique=False,
        sqlite_where=sa.text("status = 'quarantine'"),
        postgresql_where=sa.text("status = 'quarantine'"),
    )
    op.create_index("ix_order_totals_outputs", "order_totals", ["first_output", "last_output"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_order_totals_outputs", table_name="order_totals")
    op.drop_index("ix_lots_quarantine", table_name="lots")
