"""`parse_scan` tells the kinds apart: AIM identifiers, our labels, Digital Link, EPC, plain text."""

from __future__ import annotations

from datetime import date

import pytest

from tracedesk.core.codes import (
    INTERNAL_LABEL_PREFIX,
    build_digital_link,
    encode_sgtin96,
    internal_label_text,
    parse_scan,
)
from tracedesk.core.errors import InvalidInput

TODAY = date(2026, 6, 1)
GTIN = "09520123456788"


def test_our_lot_label_is_internal_with_the_lot_code() -> None:
    code = parse_scan("TD:A2611-0042")
    assert (code.kind, code.lot, code.gtin, code.fields) == ("internal", "A2611-0042", None, {})


def test_our_lot_label_behind_a_code128_aim_identifier_keeps_the_symbology() -> None:
    code = parse_scan("]C0" + internal_label_text("A2611-0042"))
    assert (code.kind, code.symbology, code.lot) == ("internal", "]C0", "A2611-0042")


def test_label_builder_uses_the_same_prefix() -> None:
    assert internal_label_text("X1") == INTERNAL_LABEL_PREFIX + "X1" == "TD:X1"


@pytest.mark.parametrize("bad", ["TD:", "TD:A 1", "TD:" + "A" * 41, "TD:Ä1"])
def test_malformed_lot_label_is_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="(?i)lot"):
        parse_scan(bad)


@pytest.mark.parametrize("text", ["hello world", "]C0ABC123", "]Q1just words", "https://example.com/about"])
def test_anything_else_is_plain_text(text: str) -> None:
    code = parse_scan(text)
    assert (code.kind, code.lot, code.fields) == ("text", None, {})


def test_non_gs1_aim_content_is_not_read_as_an_element_string() -> None:
    code = parse_scan(f"]d101{GTIN}")
    assert (code.kind, code.symbology) == ("text", "]d1")


@pytest.mark.parametrize("aim", ["]C1", "]d2", "]Q3", "]e0"])
def test_gs1_aim_identifiers_give_a_gs1_code(aim: str) -> None:
    code = parse_scan(f"{aim}01{GTIN}10ABC", today=TODAY)
    assert (code.kind, code.symbology, code.gtin, code.lot) == ("gs1", aim, GTIN, "ABC")


def test_trailing_newline_from_a_scanner_is_ignored_but_kept_in_input() -> None:
    code = parse_scan(f"01{GTIN}\r\n")
    assert code.fields == {"01": GTIN} and code.input == f"01{GTIN}\r\n"


def test_to_json_has_exactly_the_contract_keys() -> None:
    data = parse_scan(f"01{GTIN}17270100", today=TODAY).to_json()
    assert list(data) == ["input", "kind", "symbology", "fields", "dates", "gtin", "lot", "serial"]
    assert data["dates"] == {"17": "2027-01-31"}


def test_digital_link_with_any_host_stem_and_short_gtin() -> None:
    code = parse_scan("https://brand.example/shop/p/01/9520123456788/10/L%2F1?17=270131&linkType=gs1:pip", today=TODAY)
    assert code.kind == "digital_link"
    assert code.fields == {"01": GTIN, "10": "L/1", "17": "270131"}
    assert code.dates["17"] == date(2027, 1, 31)


def test_digital_link_qualifiers_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"out of order"):
        parse_scan(f"https://id.gs1.org/01/{GTIN}/21/S1/10/L1")


def test_digital_link_refuses_a_qualifier_in_the_query_string() -> None:
    with pytest.raises(InvalidInput, match=r"AI \(21\).*query"):
        parse_scan(f"https://id.gs1.org/01/{GTIN}?21=S1")


def test_digital_link_inside_a_plain_qr_code_is_still_a_digital_link() -> None:
    assert parse_scan(f"]Q1https://id.gs1.org/01/{GTIN}").kind == "digital_link"


def test_digital_link_builder_puts_key_and_qualifiers_in_the_path() -> None:
    uri = build_digital_link({"01": GTIN, "17": "270131", "10": "A/B", "21": "7"}, today=TODAY)
    assert uri == f"https://id.gs1.org/01/{GTIN}/10/A%2FB/21/7?17=270131"


def test_epc_hex_is_detected_without_being_told() -> None:
    hex_epc = encode_sgtin96("80614141123458", "6789", 7, tag_filter=3)
    assert hex_epc == "3074257BF7194E4000001A85"
    code = parse_scan(hex_epc.lower())
    assert (code.kind, code.gtin, code.serial) == ("epc", "80614141123458", "6789")
    assert code.epc is not None and code.epc.uri == "urn:epc:id:sgtin:0614141.812345.6789"


def test_other_epc_schemes_are_named_when_forced() -> None:
    with pytest.raises(InvalidInput, match=r"EPC header 0x31 \(SSCC-96\) is not supported"):
        parse_scan("3100257BF7194E4000001A85", epc=True)


def test_forced_epc_that_is_not_hex_is_refused() -> None:
    with pytest.raises(InvalidInput, match="hexadecimal"):
        parse_scan("TD:A1", epc=True)


def test_huge_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInput, match="longer than 4000"):
        parse_scan("A" * 4001)


def test_empty_scan_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        parse_scan("\r\n")
