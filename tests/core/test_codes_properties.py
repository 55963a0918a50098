"""Properties: no input crashes the parser, and every code TraceDesk builds parses back."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracedesk.core.codes import (
    build_bracketed,
    build_digital_link,
    build_element_string,
    encode_sgtin96,
    internal_label_text,
    parse_scan,
)
from tracedesk.core.codes.checks import CSET_82, mod10_check_digit
from tracedesk.core.errors import InvalidInput

TODAY = date(2026, 6, 1)
AIMS = ["", "]C1", "]d2", "]Q3", "]e0", "]E0", "]E4", "]C0", "]Q1", "]d1", "]zz"]
# Characters that reach deep into the GS1 paths: digits, GS, brackets, URI and label syntax.
GS1ISH = st.text(alphabet="0123456789\x1d()ABCxyz/:%?&=.-TD", max_size=80)


def _parses_or_refuses(text: str, **kwargs: bool) -> None:
    try:
        code = parse_scan(text, today=TODAY, **kwargs)
    except InvalidInput as error:
        assert str(error)
    else:
        assert code.kind in ("gs1", "digital_link", "epc", "internal", "text")
        code.to_json()


@settings(max_examples=400, deadline=None)
@given(aim=st.sampled_from(AIMS), body=st.one_of(st.text(max_size=200), GS1ISH), strict=st.booleans(), epc=st.booleans())
def test_no_text_crashes_the_parser(aim: str, body: str, strict: bool, epc: bool) -> None:
    _parses_or_refuses(aim + body, strict=strict, epc=epc)


@settings(max_examples=200, deadline=None)
@given(raw=st.binary(max_size=200))
def test_no_bytes_crash_the_parser(raw: bytes) -> None:
    _parses_or_refuses(raw.decode("utf-8", errors="replace"))
    _parses_or_refuses(raw.decode("latin-1"))


@given(prefix=st.sampled_from(["https://id.gs1.org/01/", "(01)", "01", "]C101", "https://a/x/00/"]), rest=GS1ISH)
def test_near_miss_gs1_codes_never_crash(prefix: str, rest: str) -> None:
    _parses_or_refuses(prefix + rest)


def _gtins() -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=13, max_size=13).map(lambda body: body + mod10_check_digit(body))


CSET82_TEXT = st.text(alphabet=sorted(CSET_82), min_size=1, max_size=20)
DATES = st.dates(min_value=date(1980, 1, 1), max_value=date(2070, 12, 31)).map(lambda d: d.strftime("%y%m%d"))


@st.composite
def trade_item_fields(draw: st.DrawFn) -> dict[str, str]:
    fields = {"01": draw(_gtins())}
    for ai, strategy in (
        ("10", CSET82_TEXT),
        ("21", CSET82_TEXT),
        ("17", DATES),
        ("11", DATES),
        ("30", st.integers(0, 99_999_999).map(str)),
        ("3103", st.integers(0, 999_999).map(lambda n: f"{n:06d}")),
        ("91", CSET82_TEXT),
    ):
        if draw(st.booleans()):
            fields[ai] = draw(strategy)
    return fields


@settings(max_examples=300, deadline=None)
@given(fields=trade_item_fields())
def test_every_built_gs1_code_parses_back_to_the_same_fields(fields: dict[str, str]) -> None:
    for text in (
        build_element_string(fields, today=TODAY),
        "]d2" + build_element_string(fields, today=TODAY),
        build_bracketed(fields, today=TODAY),
        build_digital_link(fields, today=TODAY),
    ):
        code = parse_scan(text, today=TODAY)
        assert code.fields == fields
        assert (code.gtin, code.lot, code.serial) == (fields["01"], fields.get("10"), fields.get("21"))


@given(days=st.integers(-49 * 365, 49 * 365))
def test_built_date_within_the_century_window_comes_back_as_the_same_day(days: int) -> None:
    day = TODAY + timedelta(days=days)
    code = parse_scan(build_element_string({"01": "09520123456788", "17": day.strftime("%y%m%d")}), today=TODAY)
    assert code.dates["17"] == day


@given(lot=st.text(alphabet="ABCXYZ0123456789-._/+#", min_size=1, max_size=40))
def test_every_built_lot_label_parses_back_to_its_lot(lot: str) -> None:
    code = parse_scan(internal_label_text(lot))
    assert (code.kind, code.lot) == ("internal", lot)


@given(gtin=_gtins(), serial=st.integers(0, 2**38 - 1), prefix_length=st.integers(6, 12), tag_filter=st.integers(0, 7))
def test_every_encoded_sgtin96_decodes_back(gtin: str, serial: int, prefix_length: int, tag_filter: int) -> None:
    code = parse_scan(encode_sgtin96(gtin, str(serial), prefix_length, tag_filter), epc=True)
    assert (code.gtin, code.serial) == (gtin, str(serial))
    assert code.epc is not None and code.epc.filter == tag_filter
