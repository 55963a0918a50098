"""Times as TraceDesk stores them: UTC ISO 8601 text with microseconds and a Z.

Reading a time or a date someone typed or imported is `core.parsing`."""

from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(value: datetime) -> str:
    """UTC ISO text with microseconds and a Z, the form events store."""
    utc = value.astimezone(UTC)
    if utc.year < 1000:
        # strftime writes such years unpadded; keep exactly what was always stored.
        return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # isoformat is several times cheaper than strftime, and an import writes a million.
    return utc.isoformat(timespec="microseconds")[:26] + "Z"


def from_iso_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
