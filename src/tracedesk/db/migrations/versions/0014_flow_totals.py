"""flow_totals and order_totals: the QA dashboard's flow and yield read sums the projection keeps

Revision ID: 0014_flow_totals
Revises: 0007_analytics

A year's material flow joined every issue and shipment to its lot's item (250,000 rows on the
bench plant); the projection now keeps their sums per month, item and order product or
customer, and the chart reads those for the whole months of a period; two covering indexes
by time serve the days around them. The upgrade fills the table from the issues and
shipments already recorded, as replay would. Likewise each order's inputs and outputs summed
(order_totals), so a year's yield reads one row per order; nothing is deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_flow_totals"
down_revision = "0007_analytics"
branch_labels = None
depends_on = None


# The sums of the issues and shipments already recorded, as the projection keeps them.
REBUILD = (
    """INSERT INTO flow_totals (kind, month, source_id, target_id, unit, quantity)
       SELECT 'issued', strftime('%Y-%m', i.issued_at), l.item_id, w.product_id, l.unit, sum(i.quantity)
       FROM order_inputs i JOIN lots l ON l.id = i.lot_id JOIN work_orders w ON w.id = i.order_id
       GROUP BY 2, 3, 4, 5""",
    """INSERT INTO flow_totals (kind, month, source_id, target_id, unit, quantity)
       SELECT 'shipped', strftime('%Y-%m', s.shipped_at), l.item_id, s.customer_id, s.unit, sum(s.quantity)
       FROM shipments s JOIN lots l ON l.id = s.lot_id
       GROUP BY 2, 3, 4, 5""",
    """INSERT INTO order_totals (order_id, issued, produced, first_output, last_output)
       SELECT w.id, coalesce((SELECT sum(i.quantity) FROM order_inputs i WHERE i.order_id = w.id), 0),
              coalesce(sum(o.quantity), 0), min(o.produced_at), max(o.produced_at)
       FROM work_orders w LEFT JOIN order_outputs o ON o.order_id = w.id
       WHERE EXISTS (SELECT 1 FROM order_outputs x WHERE x.order_id = w.id)
          OR EXISTS (SELECT 1 FROM order_inputs x WHERE x.order_id = w.id)
       GROUP BY w.id""",
)


def upgrade() -> None:
    op.create_table(
        "flow_totals",
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "month", "source_id", "target_id", "unit"),
    )
    op.create_table(
        "order_totals",
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("issued", sa.BigInteger(), nullable=False),
        sa.Column("produced", sa.BigInteger(), nullable=False),
        sa.Column("first_output", sa.DateTime(), nullable=True),
        sa.Column("last_output", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["work_orders.id"]),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_index("ix_order_inputs_issued", "order_inputs", ["issued_at", "lot_id", "order_id", "quantity"], unique=False)
    op.create_index(
        "ix_shipments_shipped", "shipments", ["shipped_at", "lot_id", "customer_id", "unit", "quantity"], unique=False
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in REBUILD:
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_shipments_shipped", table_name="shipments")
    op.drop_index("ix_order_inputs_issued", table_name="order_inputs")
    op.drop_table("order_totals")
    op.drop_table("flow_totals")
