"""warehouse: a location hierarchy with blocked (quarantine) places, moves, returns, scrap, transfers

Revision ID: 0006_warehouse
Revises: 0013_hub_sync

Locations get a parent (plant -> warehouse/area -> bin), a kind and a blocked flag; shipments
the location they were picked from; and four new tables record the warehouse and after-sales
legs: lot moves, customer returns, scrap and destruction, transfers between plants. Existing
locations become top-level areas, unblocked; nothing is deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_warehouse"
down_revision = "0013_hub_sync"
branch_labels = None
depends_on = None


def _recorded(*columns: sa.Column) -> list[sa.Column | sa.Constraint]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("created_event", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_event"], ["events.seq"]),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(length=16), nullable=False, server_default="area"))
        batch_op.add_column(sa.Column("blocked", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_locations_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key("fk_locations_parent_id_locations", "locations", ["parent_id"], ["id"])
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("location_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_shipments_location_id_locations", "locations", ["location_id"], ["id"])

    op.create_table(
        "lot_moves",
        *_recorded(
            sa.Column("lot_id", sa.Integer(), sa.ForeignKey("lots.id"), nullable=False),
            sa.Column("from_location_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=True),
            sa.Column("to_location_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=False),
            sa.Column("quantity", sa.BigInteger(), nullable=False),
            sa.Column("purpose", sa.String(length=16), nullable=False),
            sa.Column("moved_at", sa.DateTime(), nullable=False),
        ),
    )
    with op.batch_alter_table("lot_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lot_moves_lot_id"), ["lot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lot_moves_to_location_id"), ["to_location_id"], unique=False)

    op.create_table(
        "customer_returns",
        *_recorded(
            sa.Column("lot_id", sa.Integer(), sa.ForeignKey("lots.id"), nullable=False),
            sa.Column("source_lot_id", sa.Integer(), sa.ForeignKey("lots.id"), nullable=False),
            sa.Column("customer_id", sa.Integer(), sa.ForeignKey("parties.id"), nullable=False),
            sa.Column("document", sa.String(length=64), nullable=False),
            sa.Column("quantity", sa.BigInteger(), nullable=False),
            sa.Column("unit", sa.String(length=16), nullable=False),
            sa.Column("reason", sa.String(length=500), nullable=False),
            sa.Column("returned_at", sa.DateTime(), nullable=False),
        ),
        sa.UniqueConstraint("lot_id"),
    )
    with op.batch_alter_table("customer_returns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customer_returns_document"), ["document"], unique=False)
        batch_op.create_index(batch_op.f("ix_customer_returns_source_lot_id"), ["source_lot_id"], unique=False)

    op.create_table(
        "scraps",
        *_recorded(
            sa.Column("lot_id", sa.Integer(), sa.ForeignKey("lots.id"), nullable=False),
            sa.Column("quantity", sa.BigInteger(), nullable=False),
            sa.Column("unit", sa.String(length=16), nullable=False),
            sa.Column("reason", sa.String(length=500), nullable=False),
            sa.Column("destroyed", sa.Boolean(), nullable=False),
            sa.Column("witness", sa.String(length=64), nullable=True),
            sa.Column("location_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=True),
            sa.Column("scrapped_at", sa.DateTime(), nullable=False),
        ),
    )
    with op.batch_alter_table("scraps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scraps_lot_id"), ["lot_id"], unique=False)

    op.create_table(
        "transfers",
        *_recorded(
            sa.Column("document", sa.String(length=64), nullable=False),
            sa.Column("lot_id", sa.Integer(), sa.ForeignKey("lots.id"), nullable=False),
            sa.Column("quantity", sa.BigInteger(), nullable=False),
            sa.Column("unit", sa.String(length=16), nullable=False),
            sa.Column("from_location_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=True),
            sa.Column("to_plant_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=True),
            sa.Column("shipped_at", sa.DateTime(), nullable=True),
            sa.Column("received_quantity", sa.BigInteger(), nullable=True),
            sa.Column("received_location_id", sa.Integer(), sa.ForeignKey("locations.id"), nullable=True),
            sa.Column("received_at", sa.DateTime(), nullable=True),
            sa.Column("note", sa.String(length=500), nullable=False),
        ),
    )
    with op.batch_alter_table("transfers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfers_document"), ["document"], unique=False)
        batch_op.create_index(batch_op.f("ix_transfers_lot_id"), ["lot_id"], unique=False)


def downgrade() -> None:
    op.drop_table("transfers")
    op.drop_table("scraps")
    op.drop_table("customer_returns")
    op.drop_table("lot_moves")
    with op.batch_alter_table("shipments", schema=None) as batch_op:
        batch_op.drop_column("location_id")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_parent_id"))
        batch_op.drop_column("blocked")
        batch_op.drop_column("kind")
        batch_op.drop_column("parent_id")
