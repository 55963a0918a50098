"""The one entry point that turns any scanned text into a typed `ScannedCode`.

Order of recognition: an AIM symbology identifier (`]C1`, `]d2`, `]Q3`, `]e0`, `]E0` ...) says
what the scanner read; without one, our own `TD:` lot label, a GS1 Digital Link URI, the
bracketed form `(01)...`, an EPC in hex, a bare GTIN, a GS1 element string, and finally plain
text. A code that looks like GS1 but breaks a rule raises `InvalidInput`; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tracedesk.core.codes.checks import mod10_check_digit
from tracedesk.core.codes.digital_link import is_digital_link, is_uri, parse_digital_link
from tracedesk.core.codes.epc import EpcInfo, decode_sgtin96, is_epc_hex
from tracedesk.core.codes.gs1 import GS, assemble, is_bracketed, split_bracketed, split_element_string, starts_with_ai
from tracedesk.core.codes.internal import is_internal, parse_internal
from tracedesk.core.errors import InvalidInput

MAX_SCAN_LENGTH = 4000
KINDS = ("gs1", "digital_link", "epc", "internal", "text")
# AIM identifiers whose content is a GS1 element string (FNC1 in first position).
GS1_SYMBOLOGIES = {"]C1": "GS1-128", "]d2": "GS1 DataMatrix", "]Q3": "GS1 QR Code", "]e0": "GS1 DataBar", "]J1": "GS1 DotCode"}
# AIM identifiers of EAN/UPC: the content is a GTIN (an add-on, if any, follows it).
GTIN_SYMBOLOGIES = {"]E0": ("EAN-13", 13), "]E3": ("EAN-13", 13), "]E4": ("EAN-8", 8)}
_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")


@dataclass(frozen=True)
class ScannedCode:
    """What a scan means: its kind, the GS1 fields it carries and the keys TraceDesk looks up."""

    input: str
    kind: str
    symbology: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date] = field(default_factory=dict)
    gtin: str | None = None
    lot: str | None = None
    serial: str | None = None
    epc: EpcInfo | None = None

    def to_json(self) -> dict[str, Any]:
        """The machine-readable form `tracedesk parse --json` prints (dates as ISO strings)."""
        return {
            "input": self.input,
            "kind": self.kind,
            "symbology": self.symbology,
            "fields": dict(self.fields),
            "dates": {ai: day.isoformat() for ai, day in self.dates.items()},
            "gtin": self.gtin,
            "lot": self.lot,
            "serial": self.serial,
        }


def parse_scan(text: str, *, today: date | None = None, strict: bool = True, epc: bool = False) -> ScannedCode:
    """Turn scanned text into a `ScannedCode`, or raise `InvalidInput` saying what is wrong.

    `today` fixes the century of two-digit years (tests inject it); `strict` enforces the GS1
    pairing rules, which a workflow combining several barcodes of one carton may relax; `epc`
    forces reading the text as an EPC in hex (what an RFID reader sends).
    """
    if not isinstance(text, str):
        raise InvalidInput("A scan must be text.")
    if len(text) > MAX_SCAN_LENGTH:
        raise InvalidInput(
            "The scan is {count} characters long; codes longer than {limit} are refused.",
            count=len(text),
            limit=MAX_SCAN_LENGTH,
        )
    today = today or date.today()
    body = text.strip("\r\n")
    if epc:
        return _epc(text, body.strip())
    if not body:
        raise InvalidInput("The scan is empty.")
    aim = body[:3] if _AIM.match(body) else None
    if aim in GS1_SYMBOLOGIES:
        return _gs1(text, aim, split_element_string(body[3:]), today, strict)
    if aim in GTIN_SYMBOLOGIES:
        return _gtin_symbol(text, aim, body[3:], today, strict)
    if aim is not None:
        return _non_gs1(text, aim, body[3:], today, strict)
    if GS in body and not is_uri(body):
        return _gs1(text, None, split_element_string(body), today, strict)
    if is_bracketed(body):
        return _gs1(text, None, split_bracketed(body), today, strict)
    if len(body) == 24 and body.startswith("30") and is_epc_hex(body):
        # (30) holds at most 8 digits, so 24 characters after it can never be GS1 data.
        return _epc(text, body)
    if body.isascii() and body.isdigit() and len(body) in (8, 12, 13, 14) and mod10_check_digit(body[:-1]) == body[-1]:
        return _gs1(text, None, [("01", body.zfill(14))], today, strict)
    if starts_with_ai(body):
        return _gs1(text, None, split_element_string(body), today, strict)
    return _non_gs1(text, None, body, today, strict)


def _non_gs1(text: str, aim: str | None, body: str, today: date, strict: bool) -> ScannedCode:
    """Content the symbology does not mark as GS1: our label, a Digital Link, or plain text."""
    if is_internal(body):
        return ScannedCode(text, "internal", aim, lot=parse_internal(body))
    if is_digital_link(body):
        fields, dates = parse_digital_link(body, today, strict)
        return _with_keys(ScannedCode(text, "digital_link", aim, fields, dates))
    return ScannedCode(text, "text", aim)


def _gs1(text: str, aim: str | None, pairs: list[tuple[str, str]], today: date, strict: bool) -> ScannedCode:
    fields, dates = assemble(pairs, today, strict)
    return _with_keys(ScannedCode(text, "gs1", aim, fields, dates))


def _gtin_symbol(text: str, aim: str, body: str, today: date, strict: bool) -> ScannedCode:
    name, length = GTIN_SYMBOLOGIES[aim]
    digits = body[:length]
    if len(digits) != length or not digits.isascii() or not digits.isdigit():
        raise InvalidInput("{name}: expected {length} digits, got '{body}'.", name=name, length=length, body=body[:40])
    expected = mod10_check_digit(digits[:-1])
    if digits[-1] != expected:
        raise InvalidInput(
            "{name} check digit error: expected {expected}, got {got}.", name=name, expected=expected, got=digits[-1]
        )
    return _gs1(text, aim, [("01", digits.zfill(14))], today, strict)


def _epc(text: str, body: str) -> ScannedCode:
    info = decode_sgtin96(body)
    return ScannedCode(text, "epc", None, {"01": info.gtin, "21": info.serial}, {}, info.gtin, None, info.serial, info)


def _with_keys(code: ScannedCode) -> ScannedCode:
    """Fill the convenience keys from (01), (10) and (21)."""
    return ScannedCode(
        code.input,
        code.kind,
        code.symbology,
        code.fields,
        code.dates,
        code.fields.get("01"),
        code.fields.get("10"),
        code.fields.get("21"),
    )
