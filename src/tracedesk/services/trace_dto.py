"""The records a trace or a recall answers with (re-exported by services.dto).

Apart from the other records so that a script's `trace --json` builds only these: a frozen
dataclass costs its class's generated code at import (and the dataclasses module, with inspect,
ast and dis, a third of a bare script's start), and the command line starts for one answer: every
record here is a named tuple.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from tracedesk.core.messages import Message
from tracedesk.db.scaled import from_scaled

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from tracedesk.core.records import NamedTuple


class LotInfo(NamedTuple):
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


class TraceResult(NamedTuple):
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


class RecallResult(NamedTuple):
    lot: str
    affected_lots: tuple[str, ...]
    orders: tuple[str, ...]
    shipments: tuple[ShipmentInfo, ...]
    customers: tuple[str, ...]
    on_hand: tuple[OnHand, ...]
    sources: tuple[str, ...] = ()


class RecallSummary(NamedTuple):
    """A recall for people to read: every count and every customer, and the first entries of
    each list (`recall` holds those; its customers are complete)."""

    recall: RecallResult
    lots: int
    orders: int
    shipments: int
    on_hand: int
