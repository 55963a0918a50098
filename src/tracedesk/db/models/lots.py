"""Lots, their genealogy, counted corrections of their balance, and the counters that number them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import Quantity, UtcDateTime


class Lot(Base):
    """The unit of traceability; a serial is a lot of quantity 1 of a serial-tracked item."""

    __tablename__ = "lots"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    origin: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    balance: Mapped[Decimal] = mapped_column(Quantity)
    status: Mapped[str] = mapped_column(String(16))
    status_before_hold: Mapped[str | None] = mapped_column(String(16))
    hold_reason: Mapped[str | None] = mapped_column(String(500))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    supplier_lot: Mapped[str | None] = mapped_column(String(64), index=True)
    manufacturer_lot: Mapped[str | None] = mapped_column(String(64))
    po: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    produced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    manufactured_on: Mapped[date | None] = mapped_column(Date)
    expiry: Mapped[date | None] = mapped_column(Date)
    # A best-before date when the supplier gave one apart from the expiry ((15) beside (17)).
    best_before: Mapped[date | None] = mapped_column(Date)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (
        # A period's receipts per supplier (the supplier p-chart) without reading every lot.
        Index(
            "ix_lots_received",
            "received_at",
            "supplier_id",
            "status",
            sqlite_where=text("origin = 'received'"),
            postgresql_where=text("origin = 'received'"),
        ),
        # Stock by days to expiry (the expiry exposure chart) read from the index alone.
        Index(
            "ix_lots_stock_expiry",
            "expiry",
            "item_id",
            "unit",
            "status",
            "balance",
            sqlite_where=text("balance > 0"),
            postgresql_where=text("balance > 0"),
        ),
        # The lots waiting in quarantine now, without reading every lot.
        Index(
            "ix_lots_quarantine",
            "status",
            sqlite_where=text("status = 'quarantine'"),
            postgresql_where=text("status = 'quarantine'"),
        ),
    )


class LotLink(Base):
    """Genealogy: `parent` went into `child`, through an order or a split.

    Stored when material is issued and output recorded, never inferred later. Two covering
    indexes make both directions of a recursive trace index-only scans.
    """

    __tablename__ = "lot_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    kind: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (
        Index("ix_lot_links_down", "parent_id", "child_id", "order_id"),
        Index("ix_lot_links_up", "child_id", "parent_id", "order_id"),
    )


class Adjustment(Base):
    """A counted correction of a lot's balance, with its reason."""

    __tablename__ = "adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    delta: Mapped[Decimal] = mapped_column(Quantity)
    reason: Mapped[str] = mapped_column(String(500))
    adjusted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class LotCounter(Base):
    """The last number minted per station and period by the lot numbering rule."""

    __tablename__ = "lot_counters"

    station: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(64), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)
