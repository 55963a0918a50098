"""Scanned-code parsing and building: GS1 element strings, Digital Link, EPC, our lot labels.

`parse_scan` is the one entry point for anything a scanner or RFID reader delivers; the
builders make the texts TraceDesk prints, so that what is printed always parses back.
"""

from __future__ import annotations

from tracedesk.core.codes.digital_link import build_digital_link
from tracedesk.core.codes.epc import EpcInfo, decode_sgtin96, encode_sgtin96
from tracedesk.core.codes.gs1 import GS, build_bracketed, build_element_string
from tracedesk.core.codes.internal import INTERNAL_LABEL_PREFIX, internal_label_text
from tracedesk.core.codes.scan import ScannedCode, parse_scan

__all__ = [
    "GS",
    "INTERNAL_LABEL_PREFIX",
    "EpcInfo",
    "ScannedCode",
    "build_bracketed",
    "build_digital_link",
    "build_element_string",
    "decode_sgtin96",
    "encode_sgtin96",
    "internal_label_text",
    "parse_scan",
]
