"""Lot numbering rules: station prefix, date parts and a counter, e.g. L2611-0042."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from tracedesk.core.errors import InvalidInput

DEFAULT_PATTERN = "{prefix}{yy}{mm}-{seq:04}"
_ALLOWED_FIELDS = {"prefix", "yyyy", "yy", "mm", "dd", "seq"}
LOT_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}$")


@dataclass(frozen=True)
class NumberingRule:
    """A format pattern; the counter restarts whenever the text before it changes (the period)."""

    prefix: str
    pattern: str = DEFAULT_PATTERN

    def __post_init__(self) -> None:
        fields = {name for _, name, _, _ in string.Formatter().parse(self.pattern) if name}
        unknown = fields - _ALLOWED_FIELDS
        if unknown:
            raise InvalidInput("The lot numbering pattern uses unknown fields: {fields}.", fields=sorted(unknown))
        if "seq" not in fields:
            raise InvalidInput("The lot numbering pattern needs a {{seq}} counter.")
        if not re.fullmatch(r"[A-Za-z0-9]{0,8}", self.prefix):
            raise InvalidInput("The station's lot prefix may only use letters and digits (at most 8).")

    def period(self, day: date) -> str:
        """The counter's scope: the pattern with the counter left out."""
        return self.pattern.split("{seq")[0].format(**self._parts(day))

    def format(self, day: date, number: int) -> str:
        return self.pattern.format(seq=number, **self._parts(day))

    def _parts(self, day: date) -> dict[str, str]:
        return {
            "prefix": self.prefix,
            "yyyy": f"{day.year:04}",
            "yy": f"{day.year % 100:02}",
            "mm": f"{day.month:02}",
            "dd": f"{day.day:02}",
        }


def check_lot_code(code: str) -> str:
    """A lot code a user types: letters, digits and . _ / -, at most 64 characters."""
    code = code.strip()
    if not LOT_CODE_PATTERN.match(code):
        raise InvalidInput(
            "The lot code '{code}' is not valid: use letters, digits and . _ / - only (at most 64 characters, starting with a letter or digit).",
            code=code,
        )
    return code
