"""GS1 Digital Link, strict: a URI with a primary key is parsed or refused with the reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracedesk.core.codes import build_digital_link, parse_scan
from tracedesk.core.codes.checks import mod10_check_digit
from tracedesk.core.errors import InvalidInput

TODAY = date(2026, 6, 1)
VECTORS: dict[str, Any] = json.loads((Path(__file__).parents[1] / "data" / "digital_link_vectors.json").read_text("utf-8"))


@pytest.mark.parametrize("vector", VECTORS["valid"], ids=lambda v: v["uri"][:60])
def test_valid_digital_link_gives_its_fields_with_gtins_of_14_digits(vector: dict[str, Any]) -> None:
    code = parse_scan(vector["uri"], today=TODAY, strict=False)
    assert (code.kind, code.fields) == ("digital_link", vector["fields"])


@pytest.mark.parametrize("vector", VECTORS["refused"], ids=lambda v: v["uri"][:60])
def test_malformed_digital_link_is_refused_with_the_reason(vector: dict[str, Any]) -> None:
    for strict in (True, False):
        with pytest.raises(InvalidInput) as raised:
            parse_scan(vector["uri"], today=TODAY, strict=strict)
        message = str(raised.value).lower()
        for word in vector["words"]:
            assert word.lower() in message, f"{word!r} missing from {message!r}"


@pytest.mark.parametrize("uri", VECTORS["text"])
def test_url_without_a_gs1_primary_key_stays_plain_text(uri: str) -> None:
    assert parse_scan(uri, today=TODAY).kind == "text"


def _gtin(length: int) -> st.SearchStrategy[str]:
    body = st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1)
    return body.map(lambda digits: digits + mod10_check_digit(digits))


SAFE_TEXT = st.text(alphabet="ABCxyz0123456789-./_%!'()*+,:;=?", min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(
    gtin=st.one_of(_gtin(8), _gtin(12), _gtin(13), _gtin(14)),
    lot=st.none() | SAFE_TEXT,
    serial=st.none() | SAFE_TEXT,
    stem=st.sampled_from(["https://id.gs1.org", "https://brand.example/p", "http://x.example/a/b"]),
)
def test_built_uri_parses_back_and_short_gtins_come_back_as_14_digits(
    gtin: str, lot: str | None, serial: str | None, stem: str
) -> None:
    fields = {"01": gtin} | ({"10": lot} if lot else {}) | ({"21": serial} if serial else {})
    code = parse_scan(build_digital_link(fields, base=stem, today=TODAY), today=TODAY)
    assert code.fields == fields | {"01": gtin.zfill(14)}
    assert code.gtin == gtin.zfill(14)


@settings(max_examples=200, deadline=None)
@given(gtin=_gtin(14), tail=st.lists(st.text(alphabet="0123456789AZaz%/-", max_size=6), max_size=4), query=st.text(max_size=30))
def test_any_path_after_a_primary_key_parses_or_is_refused_never_crashes(gtin: str, tail: list[str], query: str) -> None:
    uri = f"https://id.gs1.org/01/{gtin}/" + "/".join(tail) + "?" + query
    try:
        code = parse_scan(uri, today=TODAY)
    except InvalidInput as error:
        assert str(error)
    else:
        assert code.kind == "digital_link" and code.gtin == gtin
