"""GS1 mod-10 check digits and GTIN normalisation (GTIN-8/12/13/14 -> 14 digits)."""

from __future__ import annotations

from tracedesk.core.errors import InvalidInput


def gs1_check_digit(digits: str) -> int:
    """The check digit for `digits` (everything but the check digit itself)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def has_valid_check_digit(number: str) -> bool:
    return number.isascii() and number.isdigit() and len(number) >= 2 and gs1_check_digit(number[:-1]) == int(number[-1])


def normalize_gtin(value: str) -> str:
    """A GTIN of 8, 12, 13 or 14 digits as 14 digits, its check digit verified."""
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or len(text) not in (8, 12, 13, 14):
        raise InvalidInput("The GTIN '{text}' must be 8, 12, 13 or 14 digits.", text=text)
    if not has_valid_check_digit(text):
        expected = gs1_check_digit(text[:-1])
        raise InvalidInput(
            "The GTIN {text} has a wrong check digit: expected {expected}, got {got}.",
            text=text,
            expected=expected,
            got=text[-1],
        )
    return text.zfill(14)
