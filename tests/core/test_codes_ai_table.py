"""The frozen AI table is exactly what the generator makes from GS1's Syntax Dictionary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tracedesk.core.codes import _ai_data
from tracedesk.core.codes.ai_table import AI_TABLE, lookup_ai

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = ROOT / "tests" / "data" / "gs1" / "gs1-syntax-dictionary.txt"  # GS1's, with its licence beside it
GENERATOR = ROOT / "tools" / "build_ai_table.py"


def test_generated_table_is_up_to_date_with_the_dictionary() -> None:
    spec = importlib.util.spec_from_file_location("build_ai_table", GENERATOR)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert generator.build(DICTIONARY) == Path(_ai_data.__file__).read_text(encoding="utf-8")


def test_ais_are_prefix_free_so_the_first_match_is_the_only_one() -> None:
    for ai in AI_TABLE:
        assert not any(other != ai and other.startswith(ai) for other in AI_TABLE), ai


def test_predefined_length_ais_are_the_gs1_two_digit_prefixes() -> None:
    prefixes = {ai[:2] for ai, spec in AI_TABLE.items() if spec.predefined_length}
    assert prefixes == {
        "00",
        "01",
        "02",
        "03",
        "11",
        "12",
        "13",
        "15",
        "16",
        "17",
        "20",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "41",
    }
    assert all(spec.is_fixed_length for spec in AI_TABLE.values() if spec.predefined_length)


def test_lookup_reads_two_three_or_four_digit_ais() -> None:
    assert [lookup_ai(text).ai for text in ("01x", "400x", "7003x", "3103x")] == ["01", "400", "7003", "3103"]  # type: ignore[union-attr]
    assert lookup_ai("23") is None
