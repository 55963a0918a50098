"""The warehouse and after-sales legs: shipments, moves, returns, scrap, transfers, and monthly flow totals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import Quantity, UtcDateTime


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    shipped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    document: Mapped[str] = mapped_column(String(64))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # Where the shipped quantity was picked from (none for shipments recorded before moves).
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))

    # Shipments of a few days (the flow chart around its whole months) read from the index alone.
    __table_args__ = (Index("ix_shipments_shipped", "shipped_at", "lot_id", "customer_id", "unit", "quantity"),)


class FlowTotal(Base):
    """Material issued to orders and shipped to customers, summed per month: the flow chart's summary.

    `kind` "issued": from a lot's item (`source_id`, items) to the order's product (`target_id`,
    items); "shipped": from a lot's item to the customer (`target_id`, parties). Kept by the
    issue and shipment handlers as they project, so a year's flow sums a few thousand rows
    instead of joining every issue and shipment to its lot; `month` is "YYYY-MM" of the UTC time.
    """

    __tablename__ = "flow_totals"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    source_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(16), primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)


class LotMove(Base):
    """A lot (all of it) put from one location into another; a quantity moves as a split child."""

    __tablename__ = "lot_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    purpose: Mapped[str] = mapped_column(String(16))
    moved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class CustomerReturn(Base):
    """Part of a shipment that came back from the customer, received as a lot of its own in quarantine."""

    __tablename__ = "customer_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    source_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    document: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    returned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Scrap(Base):
    """A quantity of a lot scrapped or destroyed (a destruction is witnessed by a second person)."""

    __tablename__ = "scraps"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    destroyed: Mapped[bool] = mapped_column(Boolean, default=False)
    witness: Mapped[str | None] = mapped_column(String(64))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    scrapped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Transfer(Base):
    """A lot shipped from one plant of ours to another: in transit (neither plant's stock) until received."""

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not unique: two stations offline may give two transfers one number; both are kept, and a
    # receipt by that number alone is refused until it names the lot.
    document: Mapped[str] = mapped_column(String(64), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    to_plant_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    received_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
