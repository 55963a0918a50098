"""What a label shows: the frozen input of every renderer, and the field names templates use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from tracedesk.core.codes import INTERNAL_LABEL_PREFIX, internal_label_text
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import ENGLISH, msg, text_of
from tracedesk.core.quantity import format_quantity, plain_text

# The content of our own Code 128 lot barcode: "TD:" plus the lot code (tracedesk.core.codes).
INTERNAL_LOT_PREFIX = INTERNAL_LABEL_PREFIX

DEFAULT_DIGITAL_LINK_BASE = "https://id.gs1.org"


@dataclass(frozen=True)
class LabelData:
    """One physical label's worth of data; templates name these fields in `{braces}`."""

    lot_code: str
    item_code: str
    item_name: str
    quantity: Decimal
    unit: str
    gtin: str | None = None
    supplier_name: str = ""
    supplier_lot: str = ""
    received_on: date | None = None
    produced_on: date | None = None
    expiry: date | None = None
    status: str = ""
    order_number: str = ""
    serial: str = ""
    # AI (8030): the plant's signature over GTIN and serial, so a customer can check the unit.
    verification: str = ""
    sscc: str | None = None
    company_name: str = ""
    digital_link_base: str = DEFAULT_DIGITAL_LINK_BASE
    container_index: int = 1
    container_count: int = 1
    extra: Mapping[str, str] = field(default_factory=dict)
    language: str = ENGLISH  # the station's: the headings ("Lot", "Expiry") and the status are written in it

    def __post_init__(self) -> None:
        if not isinstance(self.quantity, Decimal):
            raise InvalidInput("The label quantity must be a Decimal, not '{quantity}'.", quantity=self.quantity)
        for name, length in (("gtin", 14), ("sscc", 18)):
            value = getattr(self, name)
            if value is not None and (len(value) != length or not value.isdigit()):
                raise InvalidInput(
                    "The {name} '{value}' on the label must be {length} digits.", name=name.upper(), value=value, length=length
                )
        if not 1 <= self.container_index <= self.container_count:
            raise InvalidInput(
                "Container {index} of {count} does not exist.",
                index=self.container_index,
                count=self.container_count,
            )
        # A read-only copy: the dataclass is frozen, its mapping should be too.
        object.__setattr__(self, "extra", MappingProxyType(dict(self.extra)))

    @property
    def internal_lot_code(self) -> str:
        """What our Code 128 lot barcode holds."""
        return internal_label_text(self.lot_code)

    def fields(self) -> dict[str, str]:
        """Every value a template may name, already formatted as text ("" when absent)."""
        values: dict[str, str] = {}
        for item in fields(self):
            if item.name in ("extra", "language"):
                continue
            values[item.name] = _as_text(getattr(self, item.name))
        values["quantity"] = format_quantity(self.quantity)
        values["quantity_text"] = f"{format_quantity(self.quantity)} {self.unit}".strip()
        values["internal_lot_code"] = self.internal_lot_code
        values["container"] = f"{self.container_index}/{self.container_count}" if self.container_count > 1 else ""
        status = _STATUS.get(self.status)
        values["status"] = text_of(status, self.language) if status else self.status.replace("_", " ").upper()
        values.update({key: plain_text(value) for key, value in self.extra.items()})
        return values


# A label says its status in one short word, in capitals where the language has them.
_STATUS = {
    "quarantine": msg("QUARANTINE"),
    "released": msg("RELEASED"),
    "rejected": msg("REJECTED"),
    "on_hold": msg("ON HOLD"),
    "suspect": msg("SUSPECT"),
}


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return plain_text(value)


def for_containers(label: LabelData, quantities: Sequence[Decimal]) -> list[LabelData]:
    """One label per container of a receipt split over several containers ("1/3", "2/3" ...)."""
    if not quantities:
        raise InvalidInput("A receipt split over containers needs at least one container.")
    count = len(quantities)
    return [
        replace(label, quantity=quantity, container_index=index, container_count=count)
        for index, quantity in enumerate(quantities, start=1)
    ]
