"""EPC tags read by RFID: SGTIN-96 hex decoded to GTIN + serial, and encoded back.

Layout (GS1 EPC Tag Data Standard, tables 14-1 to 14-3): header 8 bits (0x30), filter 3,
partition 3, company prefix + item reference 44 bits split by the partition, serial 38 bits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracedesk.core.codes.checks import mod10_check_digit
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg

SGTIN_96_HEADER = 0x30
# partition -> (company prefix bits, digits, item reference bits, digits incl. indicator)
PARTITIONS = {
    0: (40, 12, 4, 1),
    1: (37, 11, 7, 2),
    2: (34, 10, 10, 3),
    3: (30, 9, 14, 4),
    4: (27, 8, 17, 5),
    5: (24, 7, 20, 6),
    6: (20, 6, 24, 7),
}
# TDS table 14-1, so that a tag of another scheme is named rather than called "invalid".
HEADER_NAMES: dict[int, Message | str] = {
    0x00: msg("unprogrammed tag"),
    0x2C: "GDTI-96",
    0x2D: "GSRN-96",
    0x2E: "GSRNP-96",
    0x2F: "USDOD-96",
    0x31: "SSCC-96",
    0x32: "SGLN-96",
    0x33: "GRAI-96",
    0x34: "GIAI-96",
    0x35: "GID-96",
    0x36: "SGTIN-198",
    0x37: "GRAI-170",
    0x38: "GIAI-202",
    0x39: "SGLN-195",
    0x3A: "GDTI-113",
    0x3B: "ADI-var",
    0x3C: "CPI-96",
    0x3D: "CPI-var",
    0x3E: "GDTI-174",
    0x3F: "SGCN-96",
}
MAX_SERIAL = (1 << 38) - 1
_HEX_96 = re.compile(r"[0-9A-Fa-f]{24}")


@dataclass(frozen=True)
class EpcInfo:
    """A decoded SGTIN: the GS1 keys it stands for and its pure-identity URI."""

    filter: int
    partition: int
    company_prefix: str
    item_reference: str  # indicator digit + item reference, as in the URI
    gtin: str
    serial: str

    @property
    def uri(self) -> str:
        return f"urn:epc:id:sgtin:{self.company_prefix}.{self.item_reference}.{self.serial}"

    @property
    def tag_uri(self) -> str:
        return f"urn:epc:tag:sgtin-96:{self.filter}.{self.company_prefix}.{self.item_reference}.{self.serial}"


def is_epc_hex(text: str) -> bool:
    """True for 96 bits written as 24 hexadecimal digits."""
    return _HEX_96.fullmatch(text) is not None


def decode_sgtin96(text: str) -> EpcInfo:
    """Decode a 24-hex-digit SGTIN-96; other EPC schemes are refused by name."""
    hex_text = text.strip()
    if not is_epc_hex(hex_text):
        raise InvalidInput("EPC: '{hex_text}' is not 24 hexadecimal digits (a 96-bit tag).", hex_text=hex_text[:40])
    bits = int(hex_text, 16)
    header = bits >> 88
    if header != SGTIN_96_HEADER:
        name = HEADER_NAMES.get(header, msg("unknown scheme"))
        raise InvalidInput(
            "EPC header 0x{header} ({name}) is not supported; only SGTIN-96 (0x30) is.", header=f"{header:02X}", name=name
        )
    tag_filter = (bits >> 85) & 0b111
    partition = (bits >> 82) & 0b111
    if partition not in PARTITIONS:
        raise InvalidInput("EPC partition value {partition} is invalid (only 0-6 are defined).", partition=partition)
    prefix_bits, prefix_digits, item_bits, item_digits = PARTITIONS[partition]
    company = (bits >> (38 + item_bits)) & ((1 << prefix_bits) - 1)
    item = (bits >> 38) & ((1 << item_bits) - 1)
    serial = bits & MAX_SERIAL
    if company >= 10**prefix_digits:
        raise InvalidInput(
            "EPC company prefix {company} does not fit in {prefix_digits} digits.", company=company, prefix_digits=prefix_digits
        )
    if item >= 10**item_digits:
        raise InvalidInput("EPC item reference {item} does not fit in {item_digits} digits.", item=item, item_digits=item_digits)
    company_text, item_text = str(company).zfill(prefix_digits), str(item).zfill(item_digits)
    body = item_text[0] + company_text + item_text[1:]
    return EpcInfo(tag_filter, partition, company_text, item_text, body + mod10_check_digit(body), str(serial))


def encode_sgtin96(gtin: str, serial: str, company_prefix_length: int, tag_filter: int = 1) -> str:
    """The SGTIN-96 hex for a GTIN-14 and a numeric serial (used to write and to test tags)."""
    partition = next((p for p, v in PARTITIONS.items() if v[1] == company_prefix_length), None)
    if partition is None:
        raise InvalidInput("EPC: the company prefix must be 6 to 12 digits long.")
    if len(gtin) != 14 or not gtin.isdigit() or mod10_check_digit(gtin[:13]) != gtin[13]:
        raise InvalidInput("EPC: '{gtin}' is not a valid GTIN-14.", gtin=gtin)
    if not serial.isdigit() or (len(serial) > 1 and serial[0] == "0") or int(serial) > MAX_SERIAL:
        raise InvalidInput(
            "EPC: serial '{serial}' must be a number without leading zeros up to {largest}.",
            serial=serial,
            largest=MAX_SERIAL,
        )
    if not 0 <= tag_filter <= 7:
        raise InvalidInput("EPC: the filter value must be 0 to 7.")
    prefix_bits, _, item_bits, _ = PARTITIONS[partition]
    company = int(gtin[1 : 1 + company_prefix_length])
    item = int(gtin[0] + gtin[1 + company_prefix_length : 13])
    bits = SGTIN_96_HEADER
    for value, width in ((tag_filter, 3), (partition, 3), (company, prefix_bits), (item, item_bits), (int(serial), 38)):
        bits = (bits << width) | value
    return f"{bits:024X}"
