"""Quantities are exact decimals: parsing what people type and formatting it back."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tracedesk.core.errors import InvalidInput

# Anything larger is a typo (a scanned barcode in the quantity field, an extra zero ...).
MAX_QUANTITY = Decimal("1000000000")
MAX_DECIMALS = 6


def parse_quantity(value: object, *, what: str = "quantity", allow_zero: bool = False) -> Decimal:
    """Turn typed or imported text into a positive Decimal, or say exactly what is wrong."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput(f"The {what} must be written as a decimal number, not {value!r}.")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        text = str(value).strip()
        if not text:
            raise InvalidInput(f"The {what} is missing.")
        if "," in text:
            raise InvalidInput(f"The {what} {text!r} must use a decimal point, not a comma.")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(f"The {what} {text!r} is not a number.") from None
    if not number.is_finite():
        raise InvalidInput(f"The {what} {value!r} is not a number.")
    if number < 0:
        raise InvalidInput(f"The {what} cannot be negative ({format_quantity(number)}).")
    if number == 0 and not allow_zero:
        raise InvalidInput(f"The {what} must be more than zero.")
    if number > MAX_QUANTITY:
        raise InvalidInput(f"The {what} {format_quantity(number)} is too large to be real.")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise InvalidInput(f"The {what} {value} has more than {MAX_DECIMALS} decimals.")
    return number


def format_quantity(number: Decimal) -> str:
    """The shortest exact decimal text: 10, 2.5, 0.125 (never 1E+1 or 2.500)."""
    if number == 0:
        return "0"
    normal = number.normalize()
    text = format(normal, "f")
    return text
