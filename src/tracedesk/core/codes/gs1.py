"""GS1 element strings (FNC1/GS separated) and their bracketed human-readable form, both ways.

An element string is a run of AI + value pairs. AIs with a predefined length (the dictionary's
`*` flag: 00-04, 11-20, 31-36, 41 ...) never need a separator; every other value ends at a GS
(0x1D, how scanners transmit FNC1) or at the end of the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from tracedesk.core.codes.ai_table import AI_TABLE, AiSpec, lookup_ai
from tracedesk.core.codes.validate import check_pairing, label_of, validate_value
from tracedesk.core.errors import InvalidInput

GS = "\x1d"
_BRACKETED_AI = re.compile(r"(?<!\\)\((\d{2,4})\)")


def assemble(pairs: Iterable[tuple[str, str]], today: date, strict: bool) -> tuple[dict[str, str], dict[str, date]]:
    """Validate AI/value pairs as one message: formats, duplicates and (when strict) pairings."""
    fields: dict[str, str] = {}
    dates: dict[str, date] = {}
    for ai, value in pairs:
        spec = AI_TABLE.get(ai)
        if spec is None:
            raise InvalidInput("({ai}) is not a GS1 Application Identifier.", ai=ai)
        found = validate_value(spec, value, today)
        if ai in fields and fields[ai] != value:
            raise InvalidInput(
                "AI ({ai}) appears twice with different values ('{first}' and '{second}').", ai=ai, first=fields[ai], second=value
            )
        fields[ai] = value
        if found is not None:
            dates[ai] = found
    if not fields:
        raise InvalidInput("The code carries no GS1 Application Identifier.")
    if strict:
        check_pairing(fields, AI_TABLE)
    return fields, dates


def split_element_string(data: str) -> list[tuple[str, str]]:
    """Cut an element string into AI/value pairs (no validation of the values yet)."""
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(data):
        if data[pos] == GS:  # a leading FNC1, a superfluous one after a fixed-length AI
            pos += 1
            continue
        spec = lookup_ai(data[pos : pos + 4])
        if spec is None:
            raise _unknown_ai(data, pos)
        pos += len(spec.ai)
        if spec.predefined_length:
            value = data[pos : pos + spec.max_length]
            if GS in value or len(value) < spec.max_length:
                value = value.split(GS, 1)[0]
                raise InvalidInput(
                    "{label}: value too short ({format} required, got '{value}').",
                    label=label_of(spec),
                    format=spec.format,
                    value=value,
                )
            pos += spec.max_length
        else:
            end = data.find(GS, pos)
            end = len(data) if end == -1 else end
            value = data[pos:end]
            if len(value) > spec.max_length:
                raise _too_long(spec, value)
            pos = end + 1
        pairs.append((spec.ai, value))
    return pairs


def split_bracketed(text: str) -> list[tuple[str, str]]:
    """Cut `(01)09501101530003(10)ABC123` into pairs; `\\(` stands for a literal bracket."""
    matches = [m for m in _BRACKETED_AI.finditer(text) if m.group(1) in AI_TABLE]
    if not matches or matches[0].start() != 0:
        head = _BRACKETED_AI.match(text)
        if head is not None:
            raise InvalidInput("({ai}) is not a GS1 Application Identifier.", ai=head.group(1))
        raise InvalidInput("A bracketed GS1 code must start with an AI in brackets, like (01).")
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        value = text[match.end() : end].replace("\\(", "(")
        pairs.append((match.group(1), value))
    return pairs


def is_bracketed(text: str) -> bool:
    """True when text looks like the human-readable form `(AI)value...`."""
    return _BRACKETED_AI.match(text) is not None


def starts_with_ai(text: str) -> bool:
    """True when text begins with the digits of a known AI (a bare element string may follow)."""
    return text[:2].isascii() and text[:2].isdigit() and lookup_ai(text[:4]) is not None


def build_element_string(fields: Mapping[str, str], *, today: date | None = None, strict: bool = True) -> str:
    """The element string for `fields` (no leading FNC1; the symbology adds it).

    Predefined-length AIs go first so that a GS is needed only between variable-length ones.
    """
    assemble(fields.items(), today or date.today(), strict)
    ordered = sorted(fields.items(), key=lambda item: not AI_TABLE[item[0]].predefined_length)
    out: list[str] = []
    for index, (ai, value) in enumerate(ordered):
        out.append(ai + value)
        if not AI_TABLE[ai].predefined_length and index < len(ordered) - 1:
            out.append(GS)
    return "".join(out)


def build_bracketed(fields: Mapping[str, str], *, today: date | None = None, strict: bool = True) -> str:
    """The human-readable text printed under a GS1 barcode: `(01)...(10)...`."""
    assemble(fields.items(), today or date.today(), strict)
    return "".join(f"({ai}){value.replace('(', chr(92) + '(')}" for ai, value in fields.items())


def _unknown_ai(data: str, pos: int) -> InvalidInput:
    shown = data[pos : pos + 4]
    if not shown[:2].isdigit():
        return InvalidInput(
            "Expected a GS1 Application Identifier at position {position}, found '{found}'.", position=pos + 1, found=shown
        )
    return InvalidInput(
        "Unknown AI: '{found}' at position {position} does not start a GS1 Application Identifier.",
        found=shown[:2],
        position=pos + 1,
    )


def _too_long(spec: AiSpec, value: str) -> InvalidInput:
    return InvalidInput(
        "{label}: value too long ({format} allows at most {max_length} characters, got {count}); "
        "is a GS separator (FNC1) missing after it?",
        label=label_of(spec),
        format=spec.format,
        max_length=spec.max_length,
        count=len(value),
    )
