"""The strict parsers: every refusal says why, every accepted value round-trips through its text."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracedesk.core.errors import InvalidInput
from tracedesk.core.parsing import (
    check_expiry,
    check_past_date,
    check_regular_file,
    check_stored_text,
    clean_text,
    parse_date,
    parse_expiry,
    parse_quantity,
    parse_timestamp,
)
from tracedesk.core.quantity import format_quantity
from tracedesk.core.timeparse import iso_utc

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


# --- quantities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1e3", "without an exponent"),
        ("1E3", "without an exponent"),
        ("1_000", "digits 0-9 and at most one decimal point"),
        ("١٢٣", "digits 0-9"),
        ("５", "digits 0-9"),
        ("+5", "without a sign"),
        ("-5", "cannot be negative"),
        ("1 000", "at most one decimal point"),
        ("1.2.3", "at most one decimal point"),
        ("NaN", "not a number"),
        ("Infinity", "not a number"),
        ("-inf", "not a number"),
        ("12,5", "decimal point, not a comma"),
        ("0", "more than zero"),
        ("", "missing"),
        ("1000000000", "too large"),
        ("0.0000001", "more than 6 decimals"),
        ("9" * 40, "not a quantity"),
        ("0x10", "digits 0-9"),
        ("5\x00", "digits 0-9"),
    ],
)
def test_quantities_people_do_not_mean_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        parse_quantity(text, what="received quantity")
    assert "received quantity" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", Decimal(12)), ("12.5", Decimal("12.5")), (".5", Decimal("0.5")), ("5.", Decimal(5)), (" 7 ", Decimal(7))],
)
def test_plain_decimals_are_read_exactly(text: str, value: Decimal) -> None:
    assert parse_quantity(text) == value


def test_zero_only_where_a_count_may_be_zero_and_floats_never() -> None:
    assert parse_quantity("0", allow_zero=True) == 0
    with pytest.raises(InvalidInput, match="decimal number"):
        parse_quantity(2.5)
    with pytest.raises(InvalidInput, match="not a number"):
        parse_quantity(Decimal("NaN"))


@given(st.text(max_size=40))
@example("1e3")
@example("٣")
@example("+5")
def test_any_text_is_a_refusal_or_a_quantity_that_round_trips(text: str) -> None:
    try:
        value = parse_quantity(text)
    except InvalidInput:
        return
    assert 0 < value < 10**9
    assert parse_quantity(format_quantity(value)) == value


@given(st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("999999999.999999"), places=6, allow_nan=False))
def test_every_quantity_in_range_is_accepted_as_written(value: Decimal) -> None:
    assert parse_quantity(format_quantity(value)) == value


# --- times --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-03-01T25:00", "no hour 25"),
        ("2026-03-01T08:61", "no minute 61"),
        ("2026-03-01T08:30:60", "no second 60"),
        ("2026-03-01T24:00", "no hour 24"),
        ("2026-03-01T08:30+25:00", "UTC offset \\+25:00"),
        ("2026-03-01T08:30-14:30", "UTC offset -14:30"),
        ("2026-03-01T08:30+01:75", "UTC offset"),
        ("2026-02-29T08:30", "no day 29"),
        ("2026-13-01T08:30", "no month 13"),
        ("0001-01-01T00:00", "not plausible \\(the year 0001\\)"),
        ("1899-12-31T00:00", "not plausible"),
        ("1999-12-31T12:00Z", "before 2000-01-01"),
        ("2026-11-04T09:00Z", "in the future"),
        ("2026-03-01T08:30:00.1234567", "more than 6 digits"),
        ("20260301T0830", "not an ISO 8601"),
        ("2026-W09-1", "not an ISO 8601"),
        ("yesterday", "not an ISO 8601"),
        ("", "missing"),
    ],
)
def test_times_with_an_invalid_field_are_refused_never_dropped(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        parse_timestamp(text, local=CET, what="received at", now=NOW)
    assert "received at" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-03-01T08:30", datetime(2026, 3, 1, 7, 30, tzinfo=UTC)),
        ("2026-03-01 08:30:15", datetime(2026, 3, 1, 7, 30, 15, tzinfo=UTC)),
        ("2026-03-01t08:30z", datetime(2026, 3, 1, 8, 30, tzinfo=UTC)),
        ("2026-03-01T08:30+05:30", datetime(2026, 3, 1, 3, 0, tzinfo=UTC)),
        ("2026-03-01T08:30-0200", datetime(2026, 3, 1, 10, 30, tzinfo=UTC)),
        ("2026-03-01T08:30:00.25Z", datetime(2026, 3, 1, 8, 30, 0, 250000, tzinfo=UTC)),
        ("2026-03-01", datetime(2026, 2, 28, 23, 0, tzinfo=UTC)),
        ("2026-11-03T08:00Z", datetime(2026, 11, 3, 8, 0, tzinfo=UTC)),  # within a day of "now"
    ],
)
def test_iso_times_are_read_as_the_station_or_the_offset_says(text: str, utc: datetime) -> None:
    assert parse_timestamp(text, local=CET, now=NOW) == utc


@given(st.text(max_size=40))
@example("2026-03-01T25:00")
@example("0001-01-01T00:00+01:00")
@example("9999-12-31T23:59-14:00")
def test_any_text_is_a_refusal_or_a_time_that_round_trips(text: str) -> None:
    try:
        value = parse_timestamp(text, local=CET)
    except InvalidInput:
        return
    assert value.tzinfo is not None
    assert parse_timestamp(iso_utc(value), local=CET) == value


near_miss_times = st.builds(
    "{:04d}-{:02d}-{:02d}{}{:02d}:{:02d}:{:02d}{}{}".format,
    st.integers(0, 9999),
    st.integers(0, 19),
    st.integers(0, 39),
    st.sampled_from(["T", "t", " ", "_"]),
    st.integers(0, 29),
    st.integers(0, 69),
    st.integers(0, 69),
    st.sampled_from(["", ".5", ".123456", ".1234567", ",25"]),
    st.sampled_from(["", "Z", "z", "+01:00", "-14:00", "+14:01", "+25:00", "+0530", "+05", "-00:60"]),
)


@given(near_miss_times)
def test_near_miss_times_are_refused_or_valid_in_every_field(text: str) -> None:
    try:
        value = parse_timestamp(text, local=CET)
    except InvalidInput as error:
        assert text[:4] in str(error) or "year" in str(error)
        return
    assert 1900 <= int(text[:4]) <= 2199 and 1 <= int(text[5:7]) <= 12
    assert int(text[11:13]) <= 23 and int(text[14:16]) <= 59 and int(text[17:19]) <= 59
    assert parse_timestamp(iso_utc(value), local=CET) == value


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2026, 11, 1), timezones=st.just(UTC)))
def test_every_plausible_time_comes_back_from_its_stored_text(value: datetime) -> None:
    assert parse_timestamp(iso_utc(value), local=CET, now=NOW) == value


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1900-01-01", "before 2000-01-01"),
        ("2126-01-01", "more than 50 years ahead"),
        ("0001-01-01", "the year 0001"),
        ("2026-03-01T25:00", "has a time of day"),
        ("2026-03-01T08:30", "has a time of day"),
        ("2026-02-30", "no day 30"),
        ("01/03/2026", "not a date"),
    ],
)
def test_implausible_expiry_dates_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        parse_expiry(text, today=TODAY)
    assert "expiry" in str(refused.value)


def test_a_spreadsheet_date_with_its_midnight_time_is_a_date() -> None:
    assert parse_expiry("2027-03-01T00:00:00", today=TODAY) == date(2027, 3, 1)
    assert parse_expiry("2076-11-02", today=TODAY) == date(2076, 11, 2)


def test_a_date_something_happened_is_not_in_the_future_nor_before_2000() -> None:
    assert check_past_date(TODAY + timedelta(days=1), today=TODAY, what="manufacturing date")
    with pytest.raises(InvalidInput, match="manufacturing date .* in the future"):
        check_past_date(TODAY + timedelta(days=2), today=TODAY, what="manufacturing date")
    with pytest.raises(InvalidInput, match="before 2000"):
        check_past_date(date(1999, 12, 31), today=TODAY, what="manufacturing date")
    with pytest.raises(InvalidInput, match="before 2000"):
        check_expiry(date(1999, 12, 31), today=TODAY)


@given(st.text(max_size=30))
@example("2026-02-29")
def test_any_text_is_a_refusal_or_a_date_that_round_trips(text: str) -> None:
    try:
        value = parse_date(text)
    except InvalidInput:
        return
    assert parse_date(value.isoformat()) == value


# --- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("LOT\x00A", "control character U\\+0000 at position 4"),
        ("LOT\x1bA", "U\\+001B"),
        ("LOT\x85A", "U\\+0085"),
        ("LOT\x1f", "U\\+001F"),  # never trimmed away unseen
        ("LOT\u2028A", "U\\+2028"),
        ("LOT\ud800", "U\\+D800"),
        ("LOT\tA", "tab at position 4"),
        ("LOT\nA", "line break"),
        ("x" * 65, "65 characters long; at most 64 fit"),
    ],
)
def test_text_with_control_characters_or_too_long_is_refused(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason) as refused:
        clean_text(text, what="supplier lot", max_length=64)
    assert "supplier lot" in str(refused.value)


def test_text_is_trimmed_and_several_lines_only_where_the_field_allows() -> None:
    assert clean_text("  LOT-7 \r\n", what="supplier lot", max_length=64) == "LOT-7"
    assert clean_text("crack\r\nin the\tcarton", what="complaint", max_length=100, multiline=True) == "crack\nin the\tcarton"
    with pytest.raises(InvalidInput, match="carriage return"):
        clean_text("a\rb", what="complaint", max_length=100, multiline=True)
    with pytest.raises(InvalidInput, match="missing"):
        clean_text("   ", what="document", max_length=64, required=True)


@given(st.text(max_size=80))
def test_any_text_is_refused_or_clean_and_cleaning_it_again_changes_nothing(text: str) -> None:
    try:
        value = clean_text(text, what="note", max_length=64)
    except InvalidInput:
        return
    assert clean_text(value, what="note", max_length=64) == value
    check_stored_text({"note": value})


@given(st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=4))
def test_the_last_check_reads_the_encoded_payload_as_it_reads_the_payload(payload: dict[str, str]) -> None:
    from tracedesk.db.eventlog import canonical_json

    def outcome(encoded: str | None) -> str | None:
        try:
            check_stored_text(payload, encoded)
        except InvalidInput as error:
            return str(error)
        return None

    assert outcome(canonical_json(payload)) == outcome(None)


# --- paths --------------------------------------------------------------------------------------


def test_a_path_that_is_not_a_regular_file_gets_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="is a folder, not a file"):
        check_regular_file(tmp_path, what="attachment")
    with pytest.raises(InvalidInput, match="does not exist"):
        check_regular_file(tmp_path / "missing.pdf", what="attachment")
    with pytest.raises(InvalidInput, match="not a regular file \\(it is a device\\)"):
        check_regular_file("/dev/null", what="attachment")
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InvalidInput, match="it is a pipe"):
        check_regular_file(tmp_path / "pipe", what="attachment")
    with pytest.raises(InvalidInput, match="cannot be read"):
        check_regular_file("bad\x00name", what="attachment")
    (tmp_path / "ok.pdf").write_bytes(b"%PDF")
    assert check_regular_file(tmp_path / "ok.pdf") == tmp_path / "ok.pdf"
