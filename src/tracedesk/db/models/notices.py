"""Advance notices: a supplier's EPCIS shipping events, and the lots received against them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import Quantity, UtcDateTime


class AdvanceNotice(Base):
    """One shipment a supplier announced (one EPCIS shipping event); `key` hashes its content."""

    __tablename__ = "advance_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    epcis_event_id: Mapped[str | None] = mapped_column(String(200), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    shipper: Mapped[str] = mapped_column(String(300), default="")
    despatch: Mapped[str | None] = mapped_column(String(64))
    po: Mapped[str | None] = mapped_column(String(64))
    shipped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(300), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class NoticeLine(Base):
    """An expected receipt: so much of a GTIN's lot (or one serial), with its dates."""

    __tablename__ = "notice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("advance_notices.id"), index=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    gtin: Mapped[str] = mapped_column(String(14), index=True)
    supplier_lot: Mapped[str | None] = mapped_column(String(64))
    serial: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    expiry: Mapped[date | None] = mapped_column(Date)
    best_before: Mapped[date | None] = mapped_column(Date)
    production_date: Mapped[date | None] = mapped_column(Date)
    # The SSCCs of the logistic units the line travels on, space-separated.
    ssccs: Mapped[str] = mapped_column(String(500), default="")


class NoticeSscc(Base):
    """Which notice lines a scanned SSCC (00) stands for."""

    __tablename__ = "notice_ssccs"

    sscc: Mapped[str] = mapped_column(String(18), primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("notice_lines.id"), primary_key=True)


class NoticeReceipt(Base):
    """A lot received against a notice line, with what differed from the notice."""

    __tablename__ = "notice_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # By key, not id: a receipt names the line the way every station knows it.
    line_key: Mapped[str] = mapped_column(String(80), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    differences: Mapped[str] = mapped_column(Text, default="[]")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
