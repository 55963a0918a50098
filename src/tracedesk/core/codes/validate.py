"""Checks one AI's value against its format, and a whole message against the pairing rules.

Formats and linters are those of GS1's Barcode Syntax Dictionary. Linters that need GS1's
external lists (company prefix positions, ISO country and currency codes, coupon syntax) are
not run: a value they would refuse is still accepted here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from tracedesk.core.codes.ai_table import AiSpec, matches_pattern
from tracedesk.core.codes.checks import check_charset, check_mod10, parse_yymmdd, parse_yyyymmdd
from tracedesk.core.errors import InvalidInput


def label_of(spec: AiSpec) -> str:
    """How an error names the AI: `AI (17) USE BY or EXPIRY`."""
    return f"AI ({spec.ai}) {spec.title}".rstrip()


def validate_value(spec: AiSpec, value: str, today: date) -> date | None:
    """Refuse a value that breaks the AI's format; return its date when the AI carries one."""
    label = label_of(spec)
    if len(value) < spec.min_length:
        raise InvalidInput(f"{label}: value too short ({spec.format} required, got {len(value)} characters).")
    if len(value) > spec.max_length:
        raise InvalidInput(f"{label}: value too long ({spec.format} allows at most {spec.max_length} characters).")
    rest = value
    found: date | None = None
    for index, component in enumerate(spec.components):
        if not rest and component.optional:
            break
        if component.is_fixed:
            part, rest = rest[: component.max_length], rest[component.max_length :]
            if len(part) < component.min_length:
                raise InvalidInput(f"{label}: value too short ({spec.format} required).")
        else:
            part, rest = rest, ""
        check_charset(part, component.charset, label)
        result = _run_linters(component.linters, part, label, today)
        if index == 0 and result is not None:
            found = result
    if rest:
        raise InvalidInput(f"{label}: value too long ({spec.format} allows at most {spec.max_length} characters).")
    return found


def _run_linters(linters: tuple[str, ...], part: str, label: str, today: date) -> date | None:
    found: date | None = None
    for linter in linters:
        if linter == "csum":
            check_mod10(part, label)
        elif linter in ("yymmd0", "yymmdd"):
            found = parse_yymmdd(part, label, today, allow_day_zero=linter == "yymmd0")
        elif linter == "yyyymmdd":
            found = parse_yyyymmdd(part, label)
        else:
            check = _SIMPLE_LINTERS.get(linter)
            problem = check(part) if check is not None else None
            if problem:
                raise InvalidInput(f"{label}: {part!r} {problem}.")
    return found


def _range(low: int, high: int, what: str) -> Callable[[str], str | None]:
    def check(part: str) -> str | None:
        return None if low <= int(part) <= high else f"is not a valid {what}"

    return check


def _piece_of_total(part: str) -> str | None:
    piece, total = int(part[:2]), int(part[2:])
    if piece == 0 or total == 0 or piece > total:
        return "is not a valid piece number and total (e.g. 0103 for piece 1 of 3)"
    return None


def _percent_encoding(part: str) -> str | None:
    index = part.find("%")
    while index != -1:
        pair = part[index + 1 : index + 3]
        if len(pair) != 2 or any(c not in "0123456789abcdefABCDEF" for c in pair):
            return "has a '%' that is not followed by two hexadecimal digits"
        index = part.find("%", index + 3)
    return None


def _iban(part: str) -> str | None:
    if len(part) < 5 or not part[:2].isalpha() or not part[2:4].isdigit() or not part.isalnum():
        return "is not an IBAN"
    digits = "".join(str(int(c, 36)) for c in (part[4:] + part[:4]).upper())
    return None if int(digits) % 97 == 1 else "has a wrong IBAN check number"


_SIMPLE_LINTERS = {
    "hh": _range(0, 23, "hour"),
    "mi": _range(0, 59, "minute"),
    "ss": _range(0, 59, "second"),
    "hhmi": lambda p: None if int(p[:2]) <= 23 and int(p[2:]) <= 59 else "is not a valid time HHMM",
    "nonzero": lambda p: "must not be zero" if int(p) == 0 else None,
    "zero": lambda p: None if int(p) == 0 else "must be zero",
    "yesno": lambda p: None if p in ("0", "1") else "must be 0 (no) or 1 (yes)",
    "hyphen": lambda p: None if p == "-" else "must be '-'",
    "winding": lambda p: None if p in ("0", "1", "9") else "is not a winding direction (0, 1 or 9)",
    "iso5218": lambda p: None if p in ("0", "1", "2", "9") else "is not an ISO/IEC 5218 sex code",
    "pieceoftotal": _piece_of_total,
    "nozeroprefix": lambda p: "must not start with 0" if len(p) > 1 and p[0] == "0" else None,
    "hasnondigit": lambda p: None if not p.isdigit() else "must contain a character other than a digit",
    "latitude": _range(0, 1_800_000_000, "latitude"),
    "longitude": _range(0, 3_600_000_000, "longitude"),
    "pcenc": _percent_encoding,
    "iban": _iban,
}


def _has(pattern_group: str, present: Mapping[str, str]) -> bool:
    """True when every AI of `01+21`-style group is present (patterns allowed)."""
    return all(any(matches_pattern(p, ai) for ai in present) for p in pattern_group.split("+"))


def check_pairing(fields: Mapping[str, str], table: Mapping[str, AiSpec]) -> None:
    """Refuse a message that breaks a mandatory (`req`) or invalid (`ex`) AI pairing."""
    for ai in fields:
        spec = table[ai]
        for pattern in spec.excludes:
            for other in fields:
                if other != ai and matches_pattern(pattern, other):
                    raise InvalidInput(f"AI ({ai}) must not appear together with ({other}) in the same message.")
        for group in spec.requires:
            if not any(_has(alternative, fields) for alternative in group):
                wanted = [" with ".join(f"({p})" for p in alt.split("+")) for alt in group]
                listed = wanted[0] if len(wanted) == 1 else ", ".join(wanted[:-1]) + " or " + wanted[-1]
                raise InvalidInput(f"AI ({ai}) requires {listed} in the same message.")
