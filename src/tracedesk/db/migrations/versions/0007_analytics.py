"""analytics: a cause on complaints, and indexes behind the QA dashboard's monthly and weekly sums

Revision ID: 0007_analytics
Revises: 0008_speed

Complaints get a cause (empty on existing rows: "not stated" in the Pareto of causes), set
when QA updates the complaint. Three covering indexes let the dashboard's sums read an index
instead of the tables: received lots by receipt time (supplier figures), stock by expiry
(expiry exposure), and outputs per order and time (yield).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_analytics"
down_revision = "0008_speed"
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
    op.create_index(
        "ix_lots_stock_expiry",
        "lots",
        ["expiry", "item_id", "unit", "status", "balance"],
        unique=False,
        sqlite_where=sa.text("balance > 0"),
        postgresql_where=sa.text("balance > 0"),
    )
    op.create_index("ix_order_outputs_totals", "order_outputs", ["order_id", "produced_at", "quantity"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_order_outputs_totals", table_name="order_outputs")
    op.drop_index("ix_lots_stock_expiry", table_name="lots")
    op.drop_index("ix_lots_received", table_name="lots")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_column("cause")
