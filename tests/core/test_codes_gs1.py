"""GS1 element strings and the bracketed form: AIs, check digits, dates, character sets, pairings."""

from __future__ import annotations

from datetime import date

import pytest

from tracedesk.core.codes import build_bracketed, build_element_string, parse_scan
from tracedesk.core.codes.ai_table import AI_TABLE
from tracedesk.core.codes.checks import mod10_check_digit
from tracedesk.core.errors import InvalidInput

TODAY = date(2026, 6, 1)
GTIN = "09520123456788"
SSCC = "376130321109103420"
GLN = "9520123456788"
GSIN = "9520123456789012" + mod10_check_digit("9520123456789012")


def parse(text: str, **kwargs: object) -> object:
    return parse_scan(text, today=TODAY, **kwargs)  # type: ignore[arg-type]


def _measures() -> list[tuple[str, dict[str, str]]]:
    return [(ai, {"01": GTIN, ai: "001250"}) for ai in sorted(AI_TABLE) if len(ai) == 4 and "3100" <= ai <= "3695"]


LISTED_AIS = [
    ("00", {"00": SSCC}),
    ("01", {"01": GTIN}),
    ("02", {"00": SSCC, "02": GTIN, "37": "25"}),
    ("10", {"01": GTIN, "10": "ABC-12/3"}),
    ("11", {"01": GTIN, "11": "260315"}),
    ("13", {"01": GTIN, "13": "260315"}),
    ("15", {"01": GTIN, "15": "260300"}),
    ("16", {"01": GTIN, "16": "260315"}),
    ("17", {"01": GTIN, "17": "270131"}),
    ("20", {"01": GTIN, "20": "07"}),
    ("21", {"01": GTIN, "21": "SN.0001"}),
    ("22", {"01": GTIN, "22": "2A"}),
    ("30", {"01": GTIN, "30": "120"}),
    ("37", {"00": SSCC, "02": GTIN, "37": "48"}),
    ("240", {"01": GTIN, "240": "ADD-1"}),
    ("241", {"01": GTIN, "241": "CUST-77"}),
    ("250", {"01": GTIN, "21": "S1", "250": "SEC1"}),
    ("251", {"01": GTIN, "251": "SRC-9"}),
    ("400", {"400": "PO-4711"}),
    ("401", {"401": "9520123ABC"}),
    ("402", {"402": GSIN}),
    *[(ai, {ai: GLN}) for ai in ("410", "411", "412", "413", "414", "416", "417")],
    ("415", {"415": GLN, "8020": "INV-1"}),
    ("422", {"01": GTIN, "422": "276"}),
    ("7003", {"01": GTIN, "7003": "2603151230"}),
    ("8020", {"415": GLN, "8020": "INV-2026/17"}),
    *[(ai, {ai: f"INT-{ai}"}) for ai in ("90", "91", "92", "93", "94", "95", "96", "97", "98", "99")],
    *_measures(),
]


@pytest.mark.parametrize(("ai", "fields"), LISTED_AIS, ids=[ai for ai, _ in LISTED_AIS])
def test_every_listed_ai_round_trips_as_element_string_and_bracketed(ai: str, fields: dict[str, str]) -> None:
    for text in (
        build_element_string(fields, today=TODAY),
        build_bracketed(fields, today=TODAY),
        "]C1" + build_element_string(fields, today=TODAY),
    ):
        code = parse(text)
        assert code.kind == "gs1"
        assert code.fields == fields


def test_the_measure_ais_cover_310n_to_369n() -> None:
    covered = {ai for ai, _ in _measures()}
    assert {"3100", "3105", "3375", "3575", "3695"} <= covered
    assert len(covered) == 53 * 6  # every 31nn..36nn family the dictionary defines


def test_convenience_keys_come_from_01_10_21() -> None:
    code = parse(f"01{GTIN}10LOT7\x1d21SN9")
    assert (code.gtin, code.lot, code.serial) == (GTIN, "LOT7", "SN9")


def test_gtin_from_ean8_and_ean13_is_padded_to_14_digits() -> None:
    assert parse("]E402345673").gtin == "00000002345673"
    assert parse("]E04006381333931").gtin == "04006381333931"


def test_bare_gtin_without_aim_identifier_is_read_as_a_gtin() -> None:
    code = parse("4006381333931")
    assert (code.kind, code.gtin, code.symbology) == ("gs1", "04006381333931", None)


@pytest.mark.parametrize("good", ["09520123456788", "00614141123452", "80614141123458"])
def test_mod10_check_digit_of_known_gtins(good: str) -> None:
    assert mod10_check_digit(good[:-1]) == good[-1]


def test_wrong_gtin_check_digit_names_the_ai_and_both_digits() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(01\).*expected 8, got 7"):
        parse("0109520123456787")


def test_wrong_gln_check_digit_names_the_ai() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(414\).*check digit"):
        parse("4149520123456787")


def test_day_00_means_last_day_of_month() -> None:
    assert parse(f"01{GTIN}17240200").dates["17"] == date(2024, 2, 29)
    assert parse(f"01{GTIN}17250200").dates["17"] == date(2025, 2, 28)
    assert parse(f"01{GTIN}15261100").dates["15"] == date(2026, 11, 30)


def test_day_00_is_refused_where_the_ai_wants_a_real_day() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(7003\).*day 00"):
        parse(f"01{GTIN}70032603001230")


@pytest.mark.parametrize(
    ("today", "yymmdd", "expected"),
    [
        (date(2026, 1, 1), "760101", date(2076, 1, 1)),  # 50 ahead: still this century
        (date(2026, 1, 1), "770101", date(1977, 1, 1)),  # 51 ahead: last century
        (date(2060, 1, 1), "100101", date(2110, 1, 1)),  # 50 behind: next century
        (date(2060, 1, 1), "110101", date(2011, 1, 1)),  # 49 behind: this century
        (date(1999, 12, 31), "010101", date(2001, 1, 1)),
    ],
)
def test_century_of_two_digit_years_follows_gs1_rule(today: date, yymmdd: str, expected: date) -> None:
    assert parse_scan(f"01{GTIN}17{yymmdd}", today=today).dates["17"] == expected


@pytest.mark.parametrize("bad", ["17261301", "17260431", "17260229"])
def test_impossible_dates_are_refused_naming_the_ai(bad: str) -> None:
    with pytest.raises(InvalidInput, match=r"AI \(17\).*invalid date"):
        parse(f"01{GTIN}{bad}")


def test_character_outside_cset_82_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(21\).*' ' not in CSET 82"):
        parse(f"01{GTIN}21AB CD")


def test_control_character_is_named_by_code_point() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(10\).*U\+0007"):
        parse(f"01{GTIN}10AB\x07")


def test_value_too_long_hints_at_a_missing_separator() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(10\).*too long.*separator"):
        parse(f"01{GTIN}10ABCDEFGHIJ0123456789XYZ")


def test_variable_length_ai_must_be_closed_by_gs_when_not_last() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(37\).*too long"):
        parse(f"00{SSCC}02{GTIN}372510ABC123")


def test_unknown_ai_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"(?i)unknown ai|not a GS1 Application Identifier"):
        parse("(23)ABC")


def test_leading_and_doubled_gs_are_tolerated() -> None:
    assert parse(f"\x1d01{GTIN}\x1d\x1d10A").fields == {"01": GTIN, "10": "A"}


def test_same_ai_twice_with_different_values_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(10\) appears twice"):
        parse(f"(01){GTIN}(10)A(10)B")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10ABC123", r"AI \(10\) requires \(01\)"),
        (f"01{GTIN}02{GTIN}", r"AI \(0[12]\) must not appear together with \(0[12]\)"),
        ("8020INV1", r"AI \(8020\) requires \(415\)"),
        (f"01{GTIN}3100000100\x1d3101000010", r"AI \(3100\) must not appear together with \(3101\)"),
        (f"01{GTIN}250SEC", r"AI \(250\) requires \(01\) with \(21\)"),
    ],
)
def test_pairing_rules_are_enforced_only_when_strict(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse(text)
    assert parse(text, strict=False).kind == "gs1"


def test_bracketed_value_may_carry_an_escaped_bracket() -> None:
    fields = {"01": GTIN, "10": "A(10)B"}
    text = build_bracketed(fields, today=TODAY)
    assert parse(text).fields == fields


def test_builder_refuses_what_the_parser_would_refuse() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(01\)"):
        build_element_string({"01": "123"})
