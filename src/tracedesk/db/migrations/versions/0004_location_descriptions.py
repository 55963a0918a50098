"""location descriptions, GLNs of our sites, best-before dates, advance notices

Revision ID: 0004_location_descriptions
Revises: 0001

Parties and locations get the FSMA 204 location description (phone, street, city, region,
postal code, country; a location also its business name and GLN); lots a best-before date;
and a supplier's EPCIS shipping events become advance notices with their lines, SSCCs and
the receipts made against them. Existing rows keep everything and get empty descriptions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_location_descriptions"
down_revision = "0001"
branch_labels = None
depends_on = None

_TEXT = (("phone", 40), ("street", 300), ("city", 100), ("region", 100), ("postal_code", 20), ("country", 60))


def _described(batch_op: object) -> None:
    for name, length in _TEXT:
        batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=False, server_default=""))  # type: ignore[attr-defined]


def upgrade() -> None:
    with op.batch_alter_table("parties", schema=None) as batch_op:
        _described(batch_op)
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("gln", sa.String(length=13), nullable=True))
        batch_op.add_column(sa.Column("business_name", sa.String(length=300), nullable=False, server_default=""))
        _described(batch_op)
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("best_before", sa.Date(), nullable=True))

    op.create_table(
        "advance_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("epcis_event_id", sa.String(length=200), nullable=True),
        sa.Column("supplier_id", sa.Integer(), nullable=True),
        sa.Column("shipper", sa.String(length=300), nullable=False),
        sa.Column("despatch", sa.String(length=64), nullable=True),
        sa.Column("po", sa.String(length=64), nullable=True),
        sa.Column("shipped_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_event", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_event"], ["events.seq"]),
        sa.ForeignKeyConstraint(["supplier_id"], ["parties.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("advance_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advance_notices_epcis_event_id"), ["epcis_event_id"], unique=False)

    op.create_table(
        "notice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("gtin", sa.String(length=14), nullable=False),
        sa.Column("supplier_lot", sa.String(length=64), nullable=True),
        sa.Column("serial", sa.String(length=64), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("best_before", sa.Date(), nullable=True),
        sa.Column("production_date", sa.Date(), nullable=True),
        sa.Column("ssccs", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["advance_notices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    with op.batch_alter_table("notice_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_lines_gtin"), ["gtin"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_lines_notice_id"), ["notice_id"], unique=False)

    op.create_table(
        "notice_ssccs",
        sa.Column("sscc", sa.String(length=18), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["line_id"], ["notice_lines.id"]),
        sa.PrimaryKeyConstraint("sscc", "line_id"),
    )

    op.create_table(
        "notice_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_key", sa.String(length=80), nullable=False),
        sa.Column("lot_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("differences", sa.Text(), nullable=False),
        sa.Column("created_event", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_event"], ["events.seq"]),
        sa.ForeignKeyConstraint(["lot_id"], ["lots.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notice_receipts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notice_receipts_line_key"), ["line_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_notice_receipts_lot_id"), ["lot_id"], unique=False)


def downgrade() -> None:
    op.drop_table("notice_receipts")
    op.drop_table("notice_ssccs")
    op.drop_table("notice_lines")
    op.drop_table("advance_notices")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_column("best_before")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        for name, _ in reversed(_TEXT):
            batch_op.drop_column(name)
        batch_op.drop_column("business_name")
        batch_op.drop_column("gln")
    with op.batch_alter_table("parties", schema=None) as batch_op:
        for name, _ in reversed(_TEXT):
            batch_op.drop_column(name)
