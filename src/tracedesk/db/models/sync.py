"""What this station pulled from a hub, and the conflicts between facts recorded at different stations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import UtcDateTime


class SyncCursor(Base):
    """How far this database has pulled a hub's log: the last hub sequence number it applied.

    Not a projection: it says what this station fetched, and is written in the same
    transaction as the events pulled, so a cut connection never skips or doubles one.
    """

    __tablename__ = "sync_cursors"

    # The hub as host, port and database (the user may change; the hub stays the same).
    hub: Mapped[str] = mapped_column(String(300), primary_key=True)
    last_hub_seq: Mapped[int] = mapped_column(Integer, default=0)


class Conflict(Base):
    """Facts from different stations that contradict each other once merged (db.conflicts).

    Derived from events like every state table, and named by a code derived from the events
    involved, so every station holds the same conflicts under the same codes.
    """

    __tablename__ = "conflicts"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    # What the conflict was derived for (a lot's code, a use's event, a record): it is derived again for it.
    subject: Mapped[str] = mapped_column(String(200), index=True)
    lots: Mapped[str] = mapped_column(Text, default="[]")  # JSON lists
    stations: Mapped[str] = mapped_column(Text, default="[]")
    events: Mapped[str] = mapped_column(Text, default="[]")
    # The time the last of its events was recorded: the same at every station.
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConflictResolution(Base):
    """QA's signed decision on a conflict, with the note that explains it."""

    __tablename__ = "conflict_resolutions"

    conflict: Mapped[str] = mapped_column(String(40), primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(String(64))
    resolved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
