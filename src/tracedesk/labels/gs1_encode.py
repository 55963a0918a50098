"""GS1 element strings for the labels we print: which AIs, their order, separators and forms.

A small encoder for the handful of AIs our labels carry (the parser in tracedesk.core reads
any of them back). The quantity is written with the AI that fits its unit:

* counted units (pcs, ea, each, units ...) and a whole number: (30) count of items;
* kg, g, t: (310n) net weight in kilograms; l, ml: (315n) net volume in litres;
  m: (311n) length; m2: (314n) area; m3: (316n) volume, all with n decimals (0..5) chosen as
  the fewest that state the quantity exactly in six digits;
* any other unit, or a quantity that does not fit exactly: no quantity AI (the text on the
  label still shows it). A barcode never carries a rounded quantity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracedesk.core.checkdigit import gs1_check_digit, has_valid_check_digit
from tracedesk.core.codes import GS, build_digital_link, build_element_string
from tracedesk.core.codes.ai_table import AI_TABLE
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg
from tracedesk.labels.data import LabelData

QUANTITY = "quantity"  # the pseudo-AI a template names; resolved per unit below
COUNT_UNITS = frozenset({"pcs", "pc", "ea", "each", "piece", "pieces", "unit", "units", "st", "stk"})
# unit -> (AI prefix, factor to the AI's unit)
MEASURE_UNITS: dict[str, tuple[str, Decimal]] = {
    "kg": ("310", Decimal(1)),
    "g": ("310", Decimal("0.001")),
    "t": ("310", Decimal(1000)),
    "l": ("315", Decimal(1)),
    "ml": ("315", Decimal("0.001")),
    "m": ("311", Decimal(1)),
    "m2": ("314", Decimal(1)),
    "m3": ("316", Decimal(1)),
}
# GS1 AI encodable/character set 82: what (10) and (21) may contain.
CSET82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Element:
    """One AI and its value, e.g. Element("17", "270131")."""

    ai: str
    value: str

    @property
    def is_predefined_length(self) -> bool:
        return AI_TABLE[self.ai].predefined_length


def _checked_key(name: str, value: str) -> str:
    if not has_valid_check_digit(value):
        raise InvalidInput(
            "The {name} {value} has a wrong check digit: it should end in {digit}.",
            name=name,
            value=value,
            digit=gs1_check_digit(value[:-1]),
        )
    return value


def _text_value(ai: str, what: Message, value: str) -> str:
    bad = sorted({ch for ch in value if ch not in CSET82})
    if bad:
        raise InvalidInput(
            "The {what} '{value}' cannot go into AI ({ai}): it contains '{characters}'.",
            what=what,
            value=value,
            ai=ai,
            characters="".join(bad),
        )
    if len(value) > 20:
        raise InvalidInput(
            "The {what} '{value}' is longer than the 20 characters AI ({ai}) allows.", what=what, value=value, ai=ai
        )
    return value


def quantity_element(quantity: Decimal, unit: str) -> Element | None:
    """The quantity AI for this unit, or None when no AI states it exactly (see module doc)."""
    key = unit.strip().lower().replace("²", "2").replace("³", "3")
    if key in COUNT_UNITS:
        if quantity != quantity.to_integral_value() or not 0 < quantity < 10**8:
            return None
        return Element("30", str(int(quantity)))
    if key not in MEASURE_UNITS:
        return None
    prefix, factor = MEASURE_UNITS[key]
    value = (quantity * factor).normalize()
    for decimals in range(6):
        scaled = value.scaleb(decimals)
        if scaled == scaled.to_integral_value() and scaled < 10**6:
            return Element(f"{prefix}{decimals}", f"{int(scaled):06d}")
    return None


def elements_for(label: LabelData, ais: Sequence[str]) -> list[Element]:
    """The elements a template asks for that this label has, fixed-length ones first."""
    found: list[Element] = []
    for ai in ais:
        element = _element(label, ai)
        if element is not None:
            found.append(element)
    # Fixed-length elements first (as core's builder orders them): fewer GS separators.
    return sorted(found, key=lambda e: not e.is_predefined_length)


def _element(label: LabelData, ai: str) -> Element | None:
    if ai == QUANTITY:
        return quantity_element(label.quantity, label.unit)
    if ai == "00":
        return Element("00", _checked_key("SSCC", label.sscc)) if label.sscc else None
    if ai in ("01", "02"):
        return Element(ai, _checked_key("GTIN", label.gtin)) if label.gtin else None
    if ai == "10":
        return Element("10", _text_value("10", msg("lot code"), label.lot_code))
    if ai == "21":
        return Element("21", _text_value("21", msg("serial number"), label.serial)) if label.serial else None
    dates = {"11": label.produced_on, "13": label.received_on, "17": label.expiry}
    if ai in dates:
        day = dates[ai]
        return Element(ai, day.strftime("%y%m%d")) if day else None
    if ai == "37":
        return Element("37", str(label.container_count))
    if ai == "8030":
        return Element("8030", label.verification) if label.verification and label.serial else None
    # A location label: the plant's GLN (414) and the location inside it (254), from the label's extra fields.
    if ai == "414":
        gln = label.extra.get("gln", "")
        return Element("414", _checked_key("GLN", gln)) if gln else None
    if ai == "254":
        extension = label.extra.get("gln_extension", "")
        return Element("254", _text_value("254", msg("location code"), extension)) if extension else None
    raise InvalidInput("Label templates cannot use AI ({ai}) yet.", ai=ai)


def hri(elements: Sequence[Element]) -> str:
    """The human-readable form printed under a barcode: (01)09501101530003(10)ABC."""
    return "".join(f"({e.ai}){e.value}" for e in elements)


def element_string(elements: Sequence[Element], fnc1: str = GS) -> str:
    """The data after the leading FNC1, with `fnc1` where a GS separator goes.

    With the default GS this is exactly what a scanner transmits after `]C1` / `]d2`. Values
    are checked by tracedesk.core (pairing rules leniently: a carton spreads its AIs over
    several barcodes).
    """
    text = build_element_string({e.ai: e.value for e in elements}, strict=False)
    return text.replace(GS, fnc1)


def digital_link(label: LabelData, ais: Sequence[str]) -> str | None:
    """A GS1 Digital Link URI, or None when the label has no primary key among `ais`.

    The primary key is the first of (01) GTIN and (00) SSCC that the template names and the
    label has; the other one is left out (a URI has exactly one primary key).
    """
    elements = {e.ai: e.value for e in elements_for(label, ais)}
    keys = [ai for ai in ais if ai in ("01", "00") and ai in elements]
    if not keys:
        return None
    fields = {keys[0]: elements[keys[0]]}
    fields.update({ai: value for ai, value in elements.items() if ai not in ("00", "01")})
    return build_digital_link(fields, base=label.digital_link_base, strict=False)
