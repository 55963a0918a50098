"""The declarative base, the event log, and who records it: stations, users and their credentials."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tracedesk.db.types import UtcDateTime


class Base(DeclarativeBase):
    """Declarative base of every TraceDesk table."""


class Station(Base):
    """A workstation: its settings and the head of its hash chain."""

    __tablename__ = "stations"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    lot_prefix: Mapped[str] = mapped_column(String(16), default="")
    numbering: Mapped[str] = mapped_column(String(100), default="")
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")


# Event types a plant records by the hundred thousand (see db.event_types): the index by type
# leaves them out, so a scan does not rewrite it. NOT_BULK_TYPE is that index's condition, word
# for word as the queries that use it must repeat it.
BULK_EVENT_TYPES = ("lot_issued", "lot_received", "lot_shipped", "order_created", "output_recorded")
NOT_BULK_TYPE = "type NOT IN ({})".format(", ".join(f"'{t}'" for t in BULK_EVENT_TYPES))


class Event(Base):
    """One append-only entry of the log, hash-chained per station."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    station: Mapped[str] = mapped_column(ForeignKey("stations.code"))
    station_seq: Mapped[int] = mapped_column(Integer)
    user: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    utc_offset_minutes: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("station", "station_seq"),
        Index("ix_events_rare_type", "type", sqlite_where=text(NOT_BULK_TYPE), postgresql_where=text(NOT_BULK_TYPE)),
        # Every recording request asks whether its user failed to sign in lately (the lock-out is
        # read from the log): a small index of those events alone answers without a scan.
        Index(
            "ix_events_sign_in_failed",
            "recorded_at",
            sqlite_where=text("type = 'sign_in_failed'"),
            postgresql_where=text("type = 'sign_in_failed'"),
        ),
    )


class EventLot(Base):
    """Which lots an event concerns: the index behind a lot's history timeline."""

    __tablename__ = "event_lots"
    # Clustered on its key: the rows are the index, so a recorded event writes one b-tree here,
    # not a table and its primary-key index (migration 0008).
    __table_args__ = {"sqlite_with_rowid": False}

    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), primary_key=True)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"), primary_key=True)


class User(Base):
    """A person who signs in; their PIN hash and badge key live apart, in `credentials`."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Credential(Base):
    """A user's PIN hash and badge key: the secrets, kept out of the event log, its replay and every export.

    Not a projection: the events say only that a PIN or badge changed, by whom, and carry a
    commitment (a digest of this row) so `audit verify` proves the row was not edited since.
    One simple table keyed by user code, so it can travel between stations on its own.
    """

    __tablename__ = "credentials"

    user_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_key: Mapped[str | None] = mapped_column(String(200), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The event (UUID) whose commitment covers this row: the latest credential change of the user.
    changed_event: Mapped[str] = mapped_column(String(36))
