"""Location descriptions: the business name, phone and address FSMA 204 asks for each place.

21 CFR 1.1310 defines a location description as the business name, phone number and physical
address (street, city, state or region, postal code, country). Suppliers, customers and our
own sites each carry one; the exports list what is missing rather than leaving a cell blank.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from tracedesk.core.messages import msg

# The fields in the order people write an address; `business_name` of a party is its name.
DESCRIPTION_FIELDS = ("business_name", "phone", "street", "city", "region", "postal_code", "country")
# What each field is called in a sentence ("the phone number is missing").
FIELD_TITLES = {
    "business_name": msg("business name"),
    "phone": msg("phone number"),
    "street": msg("street address"),
    "city": msg("city"),
    "region": msg("state or region"),
    "postal_code": msg("postal code"),
    "country": msg("country"),
}
# Longest value stored per field (the columns' lengths).
FIELD_LENGTHS = {"business_name": 300, "phone": 40, "street": 300, "city": 100, "region": 100, "postal_code": 20, "country": 60}


@dataclass(frozen=True)
class LocationDescription:
    """A place as FSMA 204 describes it; empty strings where nothing is known."""

    business_name: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def missing(self) -> tuple[str, ...]:
        """The fields the rule requires that are empty, in address order."""
        return tuple(f.name for f in fields(self) if not getattr(self, f.name).strip())

    @property
    def is_empty(self) -> bool:
        return len(self.missing()) == len(DESCRIPTION_FIELDS)

    def one_line(self) -> str:
        """'Mill GmbH, 1 Mill Road, 12345 Hamburg, HH, DE, tel. +49 40 123' - empty parts left out."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        parts = [self.business_name, self.street, town, self.region, self.country]
        text = ", ".join(part for part in parts if part)
        if self.phone:
            text = f"{text}, tel. {self.phone}" if text else f"tel. {self.phone}"
        return text
