"""Quantities as stored: exact Decimals kept as integer counts of millionths.

Only the standard library: the command line's quick reads convert stored quantities without
loading SQLAlchemy (see db.reader); the column type (db.types.Quantity) converts with these.
"""

from __future__ import annotations

from decimal import Decimal

SCALE = 6
FACTOR = Decimal(10) ** SCALE


def from_scaled(value: int) -> Decimal:
    """A stored integer back to its Decimal (used for SQL aggregates too)."""
    number = (Decimal(value) / FACTOR).normalize()
    if number == 0:
        return Decimal(0)
    # normalize() writes 100 as 1E+2; keep whole numbers in plain notation.
    exponent = number.as_tuple().exponent  # an int: a scaled integer is never NaN or infinite
    return number.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else number
