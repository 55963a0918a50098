"""The low-level GS1 rules: mod-10 check digits, YYMMDD dates and the century rule, character sets.

Each check raises `InvalidInput` with a message naming the `label` it was given (the AI or the
part of a code), so a user can tell which part of the scanned code is wrong.
"""

from __future__ import annotations

import calendar
import string
from datetime import date

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, Text, msg

# GS1 General Specifications, figure 7.11-1: the 82 characters allowed in alphanumeric AIs.
CSET_82 = frozenset(string.ascii_letters + string.digits + "!\"%&'()*+,-./:;<=>?_")
# Figure 7.11-2: CSET 39, for (8010) component/part identifiers.
CSET_39 = frozenset(string.ascii_uppercase + string.digits + "#-/")
# Figure 7.11-3: CSET 64, the file-safe base64 alphabet (with "=" padding) for (8030).
CSET_64 = frozenset(string.ascii_letters + string.digits + "-_=")
NUMERIC = frozenset(string.digits)
CHARSETS: dict[str, tuple[Message | str, frozenset[str]]] = {
    "N": (msg("digits 0-9"), NUMERIC),
    "X": ("CSET 82", CSET_82),
    "Y": ("CSET 39", CSET_39),
    "Z": ("CSET 64", CSET_64),
}


def mod10_check_digit(digits: str) -> str:
    """The GS1 check digit for `digits` (everything except the check digit itself)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def check_mod10(value: str, label: Text) -> None:
    """Refuse a numeric value whose last digit is not its GS1 check digit."""
    if not value.isascii() or not value.isdigit() or len(value) < 2:
        raise InvalidInput("{label}: '{value}' is not a number with a check digit.", label=label, value=value)
    expected = mod10_check_digit(value[:-1])
    if value[-1] != expected:
        raise InvalidInput(
            "{label}: check digit error: expected {expected}, got {got}.", label=label, expected=expected, got=value[-1]
        )


def check_charset(value: str, charset: str, label: Text) -> None:
    """Refuse a character outside the GS1 character set the AI allows."""
    name, allowed = CHARSETS[charset]
    for char in value:
        if char not in allowed:
            shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
            raise InvalidInput("{label}: character {shown} not in {name}.", label=label, shown=shown, name=name)


def resolve_century(yy: int, today: date) -> int:
    """Full year for a two-digit year, by the GS1 rule (General Specifications 7.12).

    A year 51 or more ahead of this year is in the last century; one 50 or more behind is in
    the next; anything else is in the current century.
    """
    century, current = divmod(today.year, 100)
    difference = yy - current
    if difference >= 51:
        century -= 1
    elif difference <= -50:
        century += 1
    return century * 100 + yy


def parse_yymmdd(value: str, label: Text, today: date, *, allow_day_zero: bool) -> date:
    """YYMMDD as a date; DD=00 means the last day of the month where GS1 allows it."""
    if len(value) != 6 or not value.isascii() or not value.isdigit():
        raise InvalidInput("{label}: '{value}' is not a date in the form YYMMDD.", label=label, value=value)
    year = resolve_century(int(value[:2]), today)
    return _make_date(year, int(value[2:4]), int(value[4:6]), value, label, allow_day_zero)


def parse_yyyymmdd(value: str, label: Text) -> date:
    """YYYYMMDD as a date (used by a few AIs such as date of birth)."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise InvalidInput("{label}: '{value}' is not a date in the form YYYYMMDD.", label=label, value=value)
    return _make_date(int(value[:4]), int(value[4:6]), int(value[6:8]), value, label, False)


def _make_date(year: int, month: int, day: int, raw: str, label: Text, allow_day_zero: bool) -> date:
    if not 1 <= month <= 12:
        raise InvalidInput("{label}: invalid date {raw} (month {month} does not exist).", label=label, raw=raw, month=month)
    last_day = calendar.monthrange(year, month)[1]
    if day == 0 and allow_day_zero:
        return date(year, month, last_day)
    if day == 0:
        raise InvalidInput("{label}: invalid date {raw} (day 00 is not allowed here).", label=label, raw=raw)
    if day > last_day:
        reason = (
            msg("29 February {year}, and {year} is not a leap year", year=str(year))
            if month == 2 and day == 29
            else msg("{year}-{month} has {days} days", year=str(year), month=f"{month:02}", days=last_day)
        )
        raise InvalidInput("{label}: invalid date {raw} ({reason}).", label=label, raw=raw, reason=reason)
    return date(year, month, day)
