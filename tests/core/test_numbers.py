"""Numbers are written as people write them: one formatter, never exponent notation."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracedesk.core.messages import jsonable, msg
from tracedesk.core.quantity import format_quantity, plain_text


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6))
def test_any_quantity_is_written_exactly_without_exponent(value: Decimal) -> None:
    for number in (value, value.normalize(), value * 10, value.scaleb(-3)):
        text = format_quantity(number)
        assert "e" not in text.lower()
        assert Decimal(text) == number
        assert not text.startswith("-0") or text.startswith("-0.")


def test_normalised_whole_numbers_and_small_fractions_are_plain() -> None:
    assert format_quantity(Decimal("2E+1")) == "20"
    assert format_quantity(Decimal("1E+6")) == "1000000"
    assert format_quantity(Decimal("1E-6")) == "0.000001"
    assert format_quantity(Decimal("2.500")) == "2.5"
    assert format_quantity(Decimal("-0.00")) == "0"
    assert format_quantity(7) == "7"


def test_the_bom_alert_says_twenty_not_2e1() -> None:
    sentence = msg(
        "{component}: issued {issued}, BOM says {expected} ({deviation}%)",
        component="FLOUR",
        issued=Decimal("25.000"),
        expected=Decimal("0.5") * Decimal("4E+1"),
        deviation="+25",
    )
    assert sentence.render("en") == "FLOUR: issued 25, BOM says 20 (+25%)"
    assert "E+" not in sentence.render("zh_CN")


def test_json_output_and_table_cells_write_decimals_plainly() -> None:
    assert jsonable({"quantity": Decimal("3E+2"), "rows": [Decimal("1.50")]}) == {"quantity": "300", "rows": ["1.5"]}
    assert plain_text(Decimal("5E+1")) == "50"
    assert plain_text(None) == ""
    assert plain_text("A-1") == "A-1"
