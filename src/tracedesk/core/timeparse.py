"""Dates and times as people and spreadsheets write them (ISO 8601)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timezone

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg

TIME = msg("time")
DATE = msg("date")


def parse_timestamp(text: object, *, local: timezone, what: Message | str = TIME) -> datetime:
    """ISO 8601 date-time (or date); without an offset it is the station's local time. Returns UTC."""
    if isinstance(text, datetime):
        value = text
    else:
        raw = str(text).strip()
        if not raw:
            raise InvalidInput("The {what} is missing.", what=what)
        try:
            value = datetime.fromisoformat(raw.replace("z", "Z"))
        except ValueError:
            raise InvalidInput(
                "The {what} '{raw}' is not an ISO 8601 date and time (e.g. 2026-03-01T08:30).", what=what, raw=raw
            ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local)
    return value.astimezone(UTC)


def parse_date(text: object, *, what: Message | str = DATE) -> date:
    """An ISO calendar date (YYYY-MM-DD)."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    raw = str(text).strip()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput("The {what} '{raw}' is not a date (YYYY-MM-DD).", what=what, raw=raw) from None


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
