"""Quantities are exact decimals: parsing what people type and formatting it back."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg

# Anything larger is a typo (a scanned barcode in the quantity field, an extra zero ...).
MAX_QUANTITY = Decimal("1000000000")
MAX_DECIMALS = 6
QUANTITY = msg("quantity")


def parse_quantity(value: object, *, what: Message | str = QUANTITY, allow_zero: bool = False) -> Decimal:
    """Turn typed or imported text into a positive Decimal, or say exactly what is wrong."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput("The {what} must be written as a decimal number, not '{value}'.", what=what, value=value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        text = str(value).strip()
        if not text:
            raise InvalidInput("The {what} is missing.", what=what)
        if "," in text:
            raise InvalidInput("The {what} '{text}' must use a decimal point, not a comma.", what=what, text=text)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InvalidInput("The {what} '{text}' is not a number.", what=what, text=text) from None
    if not number.is_finite():
        raise InvalidInput("The {what} '{value}' is not a number.", what=what, value=value)
    if number < 0:
        raise InvalidInput("The {what} cannot be negative ({number}).", what=what, number=number)
    if number == 0 and not allow_zero:
        raise InvalidInput("The {what} must be more than zero.", what=what)
    if number > MAX_QUANTITY:
        raise InvalidInput("The {what} {number} is too large to be real.", what=what, number=number)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise InvalidInput("The {what} {value} has more than {limit} decimals.", what=what, value=value, limit=MAX_DECIMALS)
    return number


def format_quantity(number: Decimal) -> str:
    """The shortest exact decimal text: 10, 2.5, 0.125 (never 1E+1 or 2.500)."""
    if number == 0:
        return "0"
    normal = number.normalize()
    text = format(normal, "f")
    return text
