"""The GS1 Application Identifier table: one `AiSpec` per AI, looked up by prefix.

The facts come from GS1's Barcode Syntax Dictionary (gs1-syntax-dictionary.txt), frozen into
`_ai_data` by `tools/build_ai_table.py`; this module only gives them a typed shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracedesk.core.codes._ai_data import AI_ROWS


@dataclass(frozen=True)
class Component:
    """One part of an AI's data field, e.g. `N6,yymmd0` or the optional `[X..17]`."""

    charset: str  # "N" numeric, "X" CSET 82, "Y" CSET 39, "Z" CSET 64 (base64url)
    min_length: int
    max_length: int
    optional: bool
    linters: tuple[str, ...]

    @property
    def is_fixed(self) -> bool:
        return self.min_length == self.max_length

    def describe(self) -> str:
        """The GS1 notation, e.g. `N14` or `X..20`."""
        size = str(self.max_length) if self.is_fixed else f"..{self.max_length}"
        return f"{self.charset}{size}"


@dataclass(frozen=True)
class AiSpec:
    """Everything the dictionary says about one Application Identifier."""

    ai: str
    title: str
    predefined_length: bool  # never needs an FNC1/GS separator after it
    dl_attribute: bool  # may appear in a Digital Link query string
    components: tuple[Component, ...]
    requires: tuple[tuple[str, ...], ...]  # each group: one alternative ("01+21" = both) must hold
    excludes: tuple[str, ...]  # patterns ("310n") of AIs that must not appear with this one
    dl_qualifiers: tuple[str, ...] | None  # None: not a Digital Link primary key

    @property
    def min_length(self) -> int:
        return sum(c.min_length for c in self.components if not c.optional)

    @property
    def max_length(self) -> int:
        return sum(c.max_length for c in self.components)

    @property
    def is_fixed_length(self) -> bool:
        return all(c.is_fixed and not c.optional for c in self.components)

    @property
    def format(self) -> str:
        """The format as GS1 writes it, e.g. `N14` or `N3 X..9`."""
        parts = [f"[{c.describe()}]" if c.optional else c.describe() for c in self.components]
        return " ".join(parts)

    @property
    def date_linter(self) -> str | None:
        """The date rule when the value starts with a date (YYMMDD, YYYYMMDD ...)."""
        first = self.components[0]
        for linter in first.linters:
            if linter in ("yymmd0", "yymmdd", "yyyymmdd"):
                return linter
        return None


def _expand(row: tuple[Any, ...]) -> list[AiSpec]:
    first, last, predefined, dl_attribute, components, requires, excludes, dl_keys, title = row
    comps = tuple(Component(*c) for c in components)
    width = len(first)
    return [
        AiSpec(str(number).zfill(width), title, predefined, dl_attribute, comps, requires, excludes, dl_keys)
        for number in range(int(first), int(last) + 1)
    ]


AI_TABLE: dict[str, AiSpec] = {spec.ai: spec for row in AI_ROWS for spec in _expand(row)}


def lookup_ai(data: str) -> AiSpec | None:
    """The AI that `data` starts with (AIs are prefix-free: 2, 3 or 4 digits), or None."""
    for width in (2, 3, 4):
        spec = AI_TABLE.get(data[:width])
        if spec is not None:
            return spec
    return None


def matches_pattern(pattern: str, ai: str) -> bool:
    """Dictionary patterns use `n` for any digit: `310n` matches 3100..3109."""
    return len(pattern) == len(ai) and all(p == a or (p == "n" and a.isdigit()) for p, a in zip(pattern, ai))


# A measure's unit is the last bracket of its title: "NET WEIGHT (kg)", "LENGTH (m), log",
# "NET VOLUME (qt (US))".
_UNIT = re.compile(r"\((.+)\)")


def measure_of(ai: str, value: str) -> tuple[Decimal, str] | None:
    """A GS1 measure (AIs 31nn-36nn) as a number and its unit: the fourth digit of the AI says
    how many of the value's digits are decimals, so (3103) 000500 is 0.5 kg. None for any other AI."""
    spec = AI_TABLE.get(ai)
    if spec is None or len(ai) != 4 or not "31" <= ai[:2] <= "36" or not value.isdigit():
        return None
    unit = _UNIT.search(spec.title)
    if unit is None:
        return None
    return Decimal(int(value)).scaleb(-int(ai[3])), unit.group(1)
