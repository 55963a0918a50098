"""The reference vectors (tests/data/spec) parse as the standards say."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import InvalidInput

SPEC = Path(__file__).resolve().parents[1] / "data" / "spec"


def _load(name: str) -> Any:
    return json.loads((SPEC / name).read_text(encoding="utf-8"))


def _gs1_vectors(with_error: bool) -> list[Any]:
    vectors = _load("gs1_examples.json") or []
    return [pytest.param(v, id=v["input"][:50]) for v in vectors if ("error" in v) == with_error]


def _today(vector: dict[str, Any]) -> date:
    return date(vector.get("assume_current_year", 2026), 6, 1)


@pytest.mark.parametrize("vector", _gs1_vectors(with_error=False))
def test_valid_example_gives_the_expected_fields_and_dates(vector: dict[str, Any]) -> None:
    code = parse_scan(vector["input"], today=_today(vector), strict=False)
    assert code.fields == vector["expected"]
    assert {ai: d.isoformat() for ai, d in code.dates.items() if ai in vector.get("dates_iso", {})} == vector.get("dates_iso", {})


@pytest.mark.parametrize("vector", _gs1_vectors(with_error=False))
def test_valid_example_parsed_strictly_is_the_same_or_a_pairing_error(vector: dict[str, Any]) -> None:
    # A vector may be valid only leniently (e.g. (15)+(10) without a GTIN): strict parsing
    # then refuses it by the pairing rule and nothing else.
    try:
        code = parse_scan(vector["input"], today=_today(vector))
    except InvalidInput as error:
        assert "strict_error" in vector or "requires" in str(error)
    else:
        assert "strict_error" not in vector
        assert code.fields == vector["expected"]


@pytest.mark.parametrize("vector", _gs1_vectors(with_error=True))
def test_invalid_example_is_refused_naming_the_problem(vector: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_scan(vector["input"], today=_today(vector))
    message, wanted = str(raised.value).lower(), vector["error"].lower()
    # The key words of the reference message appear in ours (the AI, the kind of problem).
    for word in (
        "check digit",
        "too short",
        "invalid date",
        "cset 82",
        "requires",
        "path qualifier",
        "must not end with",
        "not a valid ai",
        "(01)",
        "(10)",
        "(15)",
    ):
        if word in wanted:
            assert word in message, f"{word!r} missing from {message!r}"


def _epc_vectors(key: str) -> list[Any]:
    data = _load("epc_examples.json")
    return [pytest.param(v, id=v["hex"]) for v in data[key]] if data else []


@pytest.mark.parametrize("vector", _epc_vectors("valid"))
def test_sgtin96_example_decodes_to_gtin_serial_and_uri(vector: dict[str, Any]) -> None:
    expected = vector["expected"]
    code = parse_scan(vector["hex"], epc=True)
    assert code.kind == "epc"
    assert (code.gtin, code.serial) == (expected["gtin"], expected["serial"])
    assert code.epc is not None
    assert code.epc.filter == expected["filter"]
    assert code.epc.partition == expected["partition"]
    assert code.epc.company_prefix == expected["company_prefix"]
    assert code.epc.item_reference == expected["indicator_item_ref"]
    assert code.epc.uri == expected["pure_identity_uri"]
    assert code.epc.tag_uri == expected["tag_uri"]
    assert parse_scan(expected["element_string"]).fields == code.fields


@pytest.mark.parametrize("vector", _epc_vectors("invalid"))
def test_invalid_epc_example_is_refused(vector: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput, match=r"(?i)header|partition"):
        parse_scan(vector["hex"], epc=True)
