"""Quantities are exact decimals: their limits, and the one way they are written back as text.

Reading a quantity someone typed or imported is `core.parsing.parse_quantity`.
"""

from __future__ import annotations

from decimal import Decimal

# A lot holds less than this in its unit: anything larger is a typo (a scanned barcode in the
# quantity field, an extra zero ...).
MAX_QUANTITY = Decimal("1000000000")
# The storage keeps millionths (db.types.Quantity).
MAX_DECIMALS = 6


def format_quantity(number: Decimal | int) -> str:
    """The shortest exact decimal text: 10, 2.5, 0.125 (never 1E+1 or 2.500).

    The one formatter for every number TraceDesk writes for people: messages, reports, exports,
    labels and the window all go through it, so no path prints exponent notation.
    """
    if isinstance(number, int):
        return str(number)
    if not number.is_finite():
        return str(number)
    if number == 0:
        return "0"
    return format(number.normalize(), "f")


def plain_text(value: object) -> str:
    """`str(value)`, except that a Decimal is written by `format_quantity`."""
    if isinstance(value, Decimal):
        return format_quantity(value)
    return "" if value is None else str(value)
