"""The one scan event that every input source delivers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Scan:
    """Text as a device sent it (GS restored, suffix removed), which device, and when (UTC)."""

    text: str
    source: str
    received_at: datetime = field(default_factory=_utc_now)
