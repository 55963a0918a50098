"""Field checks shared by the single-record services and the bulk import: one rule, one place.

Each function takes raw values (typed or from a spreadsheet cell) and returns a clean payload
or raises InvalidInput with a sentence naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from tracedesk.core.checkdigit import has_valid_check_digit, normalize_gtin
from tracedesk.core.errors import InvalidInput
from tracedesk.core.location import DESCRIPTION_FIELDS, FIELD_LENGTHS, FIELD_TITLES
from tracedesk.core.messages import Message
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.status import ItemKind, PartyKind, Tracking
from tracedesk.core.words import word

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}$")


def _text(value: Any, what: str = "value", max_length: int = 300) -> str:
    """Trimmed, one line, no control characters (core.parsing.clean_text)."""
    return clean_text(value, what=what, max_length=max_length)


def clean_code(value: Any, what: str) -> str:
    code = _text(value, f"{what} code", 200)
    if not code:
        raise InvalidInput("The {what} code is missing.", what=word(what))
    if not CODE_RE.match(code):
        raise InvalidInput(
            "The {what} code '{code}' may only use letters, digits and . _ / - (at most 64 characters).",
            what=word(what),
            code=code,
        )
    return code


def clean_name(value: Any, what: str) -> str:
    name = _text(value, f"{what} name", 300)
    if not name:
        raise InvalidInput("The {what} name is missing.", what=word(what))
    if len(name) > 300:
        raise InvalidInput("The {what} name is longer than 300 characters.", what=word(what))
    return name


def clean_unit(value: Any) -> str:
    unit = _text(value, "unit", 64)
    if not unit or len(unit) > 16 or " " in unit:
        raise InvalidInput("The unit '{unit}' must be a short word such as kg, pcs or L.", unit=unit)
    return unit


def clean_kind(value: Any) -> str:
    kind = _text(value, "item kind", 64).lower()
    if kind not in {k.value for k in ItemKind}:
        raise InvalidInput("The item kind '{kind}' must be one of: raw, intermediate, finished, packaging.", kind=kind)
    return kind


def clean_tracking(value: Any) -> str:
    tracking = _text(value, "tracking", 64).lower() or "lot"
    if tracking not in {t.value for t in Tracking}:
        raise InvalidInput("The tracking '{tracking}' must be lot or serial.", tracking=tracking)
    return tracking


def clean_gtin(value: Any) -> str | None:
    text = _text(value, "GTIN", 64)
    return normalize_gtin(text) if text else None


def clean_shelf_life(value: Any) -> int | None:
    text = _text(value, "shelf life", 64)
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > 36500:
        raise InvalidInput("The shelf life '{text}' must be a whole number of days.", text=text)
    return int(text)


def clean_gln(value: Any) -> str | None:
    text = _text(value, "GLN", 64)
    if not text:
        return None
    if len(text) != 13 or not (text.isascii() and text.isdigit()):
        raise InvalidInput("The GLN '{text}' must be 13 digits.", text=text)
    if not has_valid_check_digit(text):
        raise InvalidInput("The GLN {text} has a wrong check digit.", text=text)
    return text


def item_payload(code: Any, name: Any, unit: Any, kind: Any, tracking: Any, gtin: Any, shelf_life_days: Any) -> dict[str, Any]:
    """A new item's event payload, every field checked."""
    return {
        "code": clean_code(code, "item"),
        "name": clean_name(name, "item"),
        "unit": clean_unit(unit),
        "kind": clean_kind(kind),
        "tracking": clean_tracking(tracking),
        "gtin": clean_gtin(gtin),
        "shelf_life_days": clean_shelf_life(shelf_life_days),
    }


PHONE_RE = re.compile(r"^\+?[0-9 ()./\-]+$")
# The parts of a location description a party carries itself (its business name is its name).
PARTY_DESCRIPTION = DESCRIPTION_FIELDS[1:]


def clean_description_field(field: str, value: Any) -> str:
    """One part of a location description: trimmed, within its column, a phone number that dials."""
    text = " ".join(_text(value, field).split())
    title = FIELD_TITLES[field]
    if len(text) > FIELD_LENGTHS[field]:
        raise InvalidInput("The {field} is longer than {length} characters.", field=title, length=FIELD_LENGTHS[field])
    if field == "phone" and text:
        if not PHONE_RE.match(text) or sum(ch.isdigit() for ch in text) < 5:
            raise InvalidInput(
                "The phone number {phone} may only use digits, spaces and + ( ) - . / (at least five digits).", phone=text
            )
    if field == "country" and len(text) == 2:
        text = text.upper()  # an ISO 3166 code, as people write it
    return text


def clean_description(values: Mapping[str, Any], fields: tuple[str, ...] = PARTY_DESCRIPTION) -> dict[str, str]:
    """The location description fields of `values`, each checked (missing ones empty)."""
    return {field: clean_description_field(field, values.get(field)) for field in fields}


def party_payload(
    kind: str, code: Any, name: Any, gln: Any, location: Any = "", description: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    PartyKind(kind)
    return {
        "kind": kind,
        "code": clean_code(code, kind),
        "name": clean_name(name, kind),
        "gln": clean_gln(gln),
        "location": _text(location, f"{kind} location", 300),
        **clean_description(description or {}),
    }


def location_payload(code: Any, name: Any, gln: Any = None, description: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A location's event payload: code, name, GLN and its location description (a site has one)."""
    return {
        "code": clean_code(code, "location"),
        "name": clean_name(name, "location"),
        "gln": clean_gln(gln),
        **clean_description(description or {}, DESCRIPTION_FIELDS),
    }


def quantity_text(value: Any, what: Message | str = "quantity") -> str:
    return format_quantity(parse_quantity(value, what=what))
