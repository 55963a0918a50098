"""Master data: items, suppliers and customers, our locations, and bills of materials."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import Quantity


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    tracking: Mapped[str] = mapped_column(String(8), default="lot")
    gtin: Mapped[str | None] = mapped_column(String(14), index=True)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Party(Base):
    """A supplier or a customer (a company that is both has two rows)."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    gln: Mapped[str | None] = mapped_column(String(13))
    location: Mapped[str] = mapped_column(String(300), default="")
    # The location description FSMA 204 asks for (the business name is `name`).
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (UniqueConstraint("kind", "code"),)


class Location(Base):
    """A place of ours: a site (with its GLN and location description) or a store inside one."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    gln: Mapped[str | None] = mapped_column(String(13))
    business_name: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # The hierarchy plant -> warehouse/area -> bin: a location inside another names it here.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="area")
    # A blocked location (a quarantine cage) holds stock nobody may use; only there may held,
    # quarantined or expired lots be moved.
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class Bom(Base):
    __tablename__ = "boms"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    version: Mapped[int] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (UniqueConstraint("product_id", "version"),)


class BomLine(Base):
    __tablename__ = "bom_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    bom_id: Mapped[int] = mapped_column(ForeignKey("boms.id"), index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    quantity_per: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    # Item codes that may replace the component, space-separated (rarely more than two).
    substitutes: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (UniqueConstraint("bom_id", "component_id"),)
