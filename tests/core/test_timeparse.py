"""The stored UTC text of a time: the same for every year as strftime always wrote it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from tracedesk.core.timeparse import from_iso_utc, iso_utc

_TIMES = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 30)).map(lambda t: t.replace(tzinfo=UTC))


@settings(deadline=None, max_examples=300)
@given(when=_TIMES, offset=st.integers(min_value=-720, max_value=840))
def test_iso_utc_writes_what_strftime_writes(when: datetime, offset: int) -> None:
    local = when.astimezone(timezone(timedelta(minutes=offset)))
    assert iso_utc(local) == when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if when.year >= 1000:  # strftime's unpadded early years never read back
        assert from_iso_utc(iso_utc(local)) == when


def test_iso_utc_keeps_microseconds_and_early_years_as_stored() -> None:
    assert iso_utc(datetime(2026, 3, 1, 8, 30, tzinfo=UTC)) == "2026-03-01T08:30:00.000000Z"
    assert iso_utc(datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=UTC)) == datetime(999, 1, 2, 3, 4, 5, 6).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ"
    )
