"""Who is acting, where, and when: every event carries this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone


def system_clock() -> datetime:
    return datetime.now(UTC)


def local_utc_offset_minutes() -> int:
    """The station's current offset from UTC, in minutes (DST included)."""
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


@dataclass(frozen=True)
class Actor:
    """Who is acting (a user's code), at which station, and when; `clock` is injectable so tests pin "now".

    An actor is identity, not authority: it carries no role. The services look up the user's
    role and state in the user store at the moment of each event (services.permissions.require),
    so an actor that names a clerk cannot act as QA however it was built. An actor whose user is
    empty is nobody: it only tells the station's time and calendar to reads.
    """

    user: str
    station: str
    utc_offset_minutes: int = 0
    clock: Callable[[], datetime] = field(default=system_clock, compare=False, repr=False)

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        return self.clock().astimezone(UTC)

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(minutes=self.utc_offset_minutes))

    @property
    def today(self) -> date:
        """Today's date at the station (expiry is judged by the station's calendar)."""
        return self.now().astimezone(self.tz).date()
