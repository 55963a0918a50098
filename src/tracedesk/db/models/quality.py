"""Quality and compliance: inspections, holds, electronic signatures, recalls and complaints."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import UtcDateTime


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    result: Mapped[str] = mapped_column(String(16))
    inspector: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[str] = mapped_column(Text, default="")
    inspected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Hold(Base):
    """A QA hold on a lot, open until released or the lot rejected."""

    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # A spreading hold makes every lot made from this one suspect (blocked) while it is open.
    spreads: Mapped[bool] = mapped_column(Boolean, default=True)
    recall: Mapped[str | None] = mapped_column(String(32), index=True)


class Signature(Base):
    """An electronic signature: who signed which event, when, and what the signature means."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    signer: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    meaning: Mapped[str] = mapped_column(String(500))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Recall(Base):
    """A recall started from lots or a supplier lot; its holds carry its code."""

    __tablename__ = "recalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    reason: Mapped[str] = mapped_column(String(500))
    sources: Mapped[str] = mapped_column(Text)
    started_by: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lot_count: Mapped[int] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Complaint(Base):
    """A customer complaint about a lot or serial, open -> investigating -> closed."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))
    conclusion: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    registered_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(64), default="")
    # What QA found the complaint came from (free words, kept short): the Pareto of causes groups by it.
    cause: Mapped[str] = mapped_column(String(100), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
