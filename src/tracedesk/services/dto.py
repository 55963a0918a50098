"""Frozen records that cross from services to the GUI and the command line (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from tracedesk.core.location import LocationDescription
from tracedesk.core.messages import Message
from tracedesk.core.status import Role
from tracedesk.db.types import from_scaled


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
class LotInfo:
    """A lot as people see it: what, how much, where from, its status."""

    code: str
    item: str
    item_name: str
    quantity: Decimal
    balance: Decimal
    unit: str
    status: str
    origin: str
    supplier: str | None = None
    supplier_name: str | None = None
    supplier_lot: str | None = None
    manufacturer_lot: str | None = None
    po: str | None = None
    order: str | None = None
    received_at: datetime | None = None
    produced_at: datetime | None = None
    expiry: date | None = None
    hold_reason: str | None = None
    gtin: str | None = None
    location: str | None = None
    # The plant the location lies in (None when the lot was never placed, or not looked up).
    plant: str | None = None
    # Blocked by an open hold on a lot it was made from (see services.quality): a sentence to show.
    suspect_reason: Message | None = None
    # The same as (held lot, hold reason) pairs, where a list filled them (services.queries).
    suspect_holds: tuple[tuple[str, str], ...] = ()
    # Open conflicts between stations the lot is part of (their codes), where a scan filled them.
    open_conflicts: tuple[str, ...] = ()

    @property
    def is_blocked(self) -> bool:
        """On hold itself or suspect through its ancestry: not to be issued or shipped."""
        return self.status == "on_hold" or self.suspect_reason is not None


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


class ShipmentInfo(NamedTuple):
    """A shipment of a lot (a named tuple: a recall lists tens of thousands)."""

    lot: str
    customer: str
    quantity: Decimal
    unit: str
    shipped_at: datetime
    document: str
    customer_name: str = ""


class TraceNode(NamedTuple):
    """A lot in a trace. A silo lot's trace holds a third of the plant, so the tuple is built by
    C straight from the stored row, and the quantity converted when read."""

    code: str
    item: str
    item_name: str
    depth: int
    status: str
    via: str
    scaled: int  # the lot's quantity in millionths of `unit`, as stored
    unit: str

    @property
    def quantity(self) -> Decimal:
        return from_scaled(self.scaled)


@dataclass(frozen=True)
class TraceResult:
    lot: LotInfo
    upstream: tuple[TraceNode, ...]
    downstream: tuple[TraceNode, ...]
    shipments: tuple[ShipmentInfo, ...]


class OnHand(NamedTuple):
    """Stock left of a lot in a recall's scope. A recall can list hundreds of thousands, so the
    tuple is built by C straight from the stored row, and the quantity converted when read."""

    code: str
    scaled: int  # millionths of `unit`, as stored
    unit: str

    @property
    def quantity(self) -> Decimal:
        return from_scaled(self.scaled)


@dataclass(frozen=True)
class RecallResult:
    lot: str
    affected_lots: tuple[str, ...]
    orders: tuple[str, ...]
    shipments: tuple[ShipmentInfo, ...]
    customers: tuple[str, ...]
    on_hand: tuple[OnHand, ...]
    sources: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class RecallSummary:
    """A recall for people to read: every count and every customer, and the first entries of
    each list (`recall` holds those; its customers are complete)."""

    recall: RecallResult
    lots: int
    orders: int
    shipments: int
    on_hand: int
