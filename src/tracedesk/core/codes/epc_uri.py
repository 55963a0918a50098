"""EPC pure-identity and class URIs (GS1 Tag Data Standard): LGTIN, SGTIN, SGLN, PGLN, SSCC.

An EPC URI splits a GS1 key at the end of the company prefix, whose length the key alone does
not tell (6 to 12 digits); the caller gives it. Serials, lots and GLN extensions are written
with the TDS escaping: characters outside A-Z a-z 0-9 and ! ' ( ) * + , - . : ; = _ become
%XX (so "/" is %2F). Parsing turns a URI back into the GS1 key with its check digit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from tracedesk.core.checkdigit import gs1_check_digit
from tracedesk.core.errors import InvalidInput

DEFAULT_PREFIX_LENGTH = 7
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!'()*+,-.:;=_")
_URI = re.compile(r"^urn:epc:(id|class):(sgtin|lgtin|sgln|pgln|sscc):(.+)$")


def epc_escape(text: str) -> str:
    """A serial, lot or extension as an EPC URI component (TDS section 6: %-escape the rest)."""
    return "".join(ch if ch in _SAFE else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in text)


def _check_prefix(length: int) -> None:
    if not 6 <= length <= 12:
        raise InvalidInput("A GS1 company prefix has 6 to 12 digits, not {length}.", length=length)


def _gtin_parts(gtin: str, prefix_length: int) -> tuple[str, str]:
    _check_prefix(prefix_length)
    if len(gtin) != 14 or not gtin.isdigit():
        raise InvalidInput("The GTIN {gtin} must be 14 digits.", gtin=gtin)
    body = gtin[1:13]
    return body[:prefix_length], gtin[0] + body[prefix_length:]


def lgtin_class(gtin: str, lot: str, prefix_length: int = DEFAULT_PREFIX_LENGTH) -> str:
    """urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot"""
    prefix, reference = _gtin_parts(gtin, prefix_length)
    return f"urn:epc:class:lgtin:{prefix}.{reference}.{epc_escape(lot)}"


def sgtin_uri(gtin: str, serial: str, prefix_length: int = DEFAULT_PREFIX_LENGTH) -> str:
    """urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial"""
    prefix, reference = _gtin_parts(gtin, prefix_length)
    return f"urn:epc:id:sgtin:{prefix}.{reference}.{epc_escape(serial)}"


def _gln_parts(gln: str, prefix_length: int) -> tuple[str, str]:
    _check_prefix(prefix_length)
    if len(gln) != 13 or not gln.isdigit():
        raise InvalidInput("The GLN {gln} must be 13 digits.", gln=gln)
    return gln[:prefix_length], gln[prefix_length:12]


def sgln_uri(gln: str, extension: str = "0", prefix_length: int = DEFAULT_PREFIX_LENGTH) -> str:
    """urn:epc:id:sgln:CompanyPrefix.LocationRef.Extension ("0": the location itself)."""
    prefix, reference = _gln_parts(gln, prefix_length)
    return f"urn:epc:id:sgln:{prefix}.{reference}.{epc_escape(extension)}"


def pgln_uri(gln: str, prefix_length: int = DEFAULT_PREFIX_LENGTH) -> str:
    """urn:epc:id:pgln:CompanyPrefix.PartyRef"""
    prefix, reference = _gln_parts(gln, prefix_length)
    return f"urn:epc:id:pgln:{prefix}.{reference}"


def is_gln_extension(text: str) -> bool:
    """AI (254): 1 to 20 characters of GS1's 82-character set (what an SGLN extension may be)."""
    return 1 <= len(text) <= 20 and all(ch.isascii() and (ch.isalnum() or ch in "!\"%&'()*+,-./:;<=>?_") for ch in text)


@dataclass(frozen=True)
class EpcUri:
    """A parsed EPC URI: its scheme and the GS1 key it names, with the lot, serial or extension."""

    scheme: str  # lgtin | sgtin | sgln | pgln | sscc
    key: str  # GTIN-14, GLN-13 or SSCC-18, check digit included
    part: str | None = None  # lot (lgtin), serial (sgtin), extension (sgln)


def _digits(scheme: str, uri: str, fields: list[str], total: int) -> str:
    digits = "".join(fields)
    if not all(f.isdigit() for f in fields) or len(digits) != total or not 6 <= len(fields[0]) <= 12:
        raise InvalidInput("{uri} is not a valid {scheme} URI: the digits do not make a GS1 key.", uri=uri, scheme=scheme)
    return digits


def parse_epc_uri(uri: str) -> EpcUri:
    """urn:epc:class:lgtin / urn:epc:id:sgtin, sgln, pgln, sscc -> the GS1 key and its part."""
    match = _URI.match(uri.strip())
    if not match:
        raise InvalidInput("{uri} is not an EPC URI TraceDesk reads (lgtin, sgtin, sscc, sgln, pgln).", uri=uri)
    level, scheme, body = match.groups()
    if (level == "class") != (scheme == "lgtin"):
        raise InvalidInput("{uri} is not a valid {scheme} URI.", uri=uri, scheme=scheme)
    fields = body.split(".", 2) if scheme in ("sgtin", "lgtin", "sgln") else body.split(".")
    expected = 3 if scheme in ("sgtin", "lgtin", "sgln") else 2
    if len(fields) != expected or not fields[-1]:
        raise InvalidInput("{uri} is not a valid {scheme} URI.", uri=uri, scheme=scheme)
    if scheme in ("sgtin", "lgtin"):
        digits = _digits(scheme, uri, fields[:2], 13)
        gtin13 = fields[1][0] + fields[0] + fields[1][1:]
        return EpcUri(scheme, gtin13 + str(gs1_check_digit(gtin13)), unquote(fields[2]))
    if scheme == "sgln":
        digits = _digits(scheme, uri, fields[:2], 12)
        return EpcUri(scheme, digits + str(gs1_check_digit(digits)), unquote(fields[2]))
    if scheme == "pgln":
        digits = _digits(scheme, uri, fields, 12)
        return EpcUri(scheme, digits + str(gs1_check_digit(digits)))
    digits = _digits(scheme, uri, fields, 17)
    sscc17 = fields[1][0] + fields[0] + fields[1][1:]
    return EpcUri(scheme, sscc17 + str(gs1_check_digit(sscc17)))
