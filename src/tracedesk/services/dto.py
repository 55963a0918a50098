"""Frozen records that cross from services to the GUI and the command line (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tracedesk.core.location import LocationDescription
from tracedesk.core.status import Role
from tracedesk.services.trace_dto import LotInfo as LotInfo
from tracedesk.services.trace_dto import OnHand as OnHand
from tracedesk.services.trace_dto import RecallResult as RecallResult
from tracedesk.services.trace_dto import RecallSummary as RecallSummary
from tracedesk.services.trace_dto import ShipmentInfo as ShipmentInfo
from tracedesk.services.trace_dto import TraceNode as TraceNode
from tracedesk.services.trace_dto import TraceResult as TraceResult


@dataclass(frozen=True)
class UserInfo:
    code: str
    name: str
    role: Role
    active: bool = True


@dataclass(frozen=True)
class ItemInfo:
    code: str
    name: str
    unit: str
    kind: str
    tracking: str
    gtin: str | None
    shelf_life_days: int | None


@dataclass(frozen=True)
class PartyInfo:
    kind: str
    code: str
    name: str
    gln: str | None
    location: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    @property
    def description(self) -> LocationDescription:
        """The party's location description (FSMA 204); its business name is its name."""
        return LocationDescription(self.name, self.phone, self.street, self.city, self.region, self.postal_code, self.country)


@dataclass(frozen=True)
class LocationInfo:
    """One of our locations; a site has a GLN and a location description."""

    code: str
    name: str
    gln: str | None = None
    business_name: str = ""
    phone: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    # The hierarchy plant -> warehouse/area -> bin; `plant` is the plant it lies in (itself for a plant).
    kind: str = "area"
    parent: str | None = None
    blocked: bool = False
    plant: str | None = None

    @property
    def description(self) -> LocationDescription:
        return LocationDescription(
            self.business_name, self.phone, self.street, self.city, self.region, self.postal_code, self.country
        )

    @property
    def is_site(self) -> bool:
        """Has a GLN or any part of a location description: a place partners and the FDA are told of."""
        return bool(self.gln) or not self.description.is_empty


@dataclass(frozen=True)
class BomLineInfo:
    component: str
    component_name: str
    quantity_per: Decimal
    unit: str
    substitutes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrderInfo:
    number: str
    product: str
    product_name: str
    planned_quantity: Decimal
    unit: str
    status: str
    started_at: datetime
    bom_version: int | None = None
    bom: tuple[BomLineInfo, ...] = ()
    line: str = ""
    equipment: str = ""


@dataclass(frozen=True)
class IssueRecord:
    order: str
    lot: str
    quantity: Decimal
    unit: str
    balance_after: Decimal
    event_id: str
