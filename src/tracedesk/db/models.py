"""The state tables and the event log, as typed SQLAlchemy 2 models.

State tables are a projection of the event log: `db.projection` is the only code that writes
them, and replaying the log rebuilds them exactly. Quantities are exact (`Quantity`), times UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tracedesk.db.types import Quantity, UtcDateTime


class Base(DeclarativeBase):
    """Declarative base of every TraceDesk table."""


# --- the event log --------------------------------------------------------------------------


class Station(Base):
    """A workstation: its settings and the head of its hash chain."""

    __tablename__ = "stations"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    lot_prefix: Mapped[str] = mapped_column(String(16), default="")
    numbering: Mapped[str] = mapped_column(String(100), default="")
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")


# Event types a plant records by the hundred thousand (see db.event_types): the index by type
# leaves them out, so a scan does not rewrite it. NOT_BULK_TYPE is that index's condition, word
# for word as the queries that use it must repeat it.
BULK_EVENT_TYPES = ("lot_issued", "lot_received", "lot_shipped", "order_created", "output_recorded")
NOT_BULK_TYPE = "type NOT IN ({})".format(", ".join(f"'{t}'" for t in BULK_EVENT_TYPES))


class Event(Base):
    """One append-only entry of the log, hash-chained per station."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    station: Mapped[str] = mapped_column(ForeignKey("stations.code"))
    station_seq: Mapped[int] = mapped_column(Integer)
    user: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    utc_offset_minutes: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("station", "station_seq"),
        Index("ix_events_rare_type", "type", sqlite_where=text(NOT_BULK_TYPE), postgresql_where=text(NOT_BULK_TYPE)),
        # Every recording request asks whether its user failed to sign in lately (the lock-out is
        # read from the log): a small index of those events alone answers without a scan.
        Index(
            "ix_events_sign_in_failed",
            "recorded_at",
            sqlite_where=text("type = 'sign_in_failed'"),
            postgresql_where=text("type = 'sign_in_failed'"),
        ),
    )


class EventLot(Base):
    """Which lots an event concerns: the index behind a lot's history timeline."""

    __tablename__ = "event_lots"
    # Clustered on its key: the rows are the index, so a recorded event writes one b-tree here,
    # not a table and its primary-key index (migration 0008).
    __table_args__ = {"sqlite_with_rowid": False}

    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), primary_key=True)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"), primary_key=True)


# --- master data ----------------------------------------------------------------------------


class User(Base):
    """A person who signs in; their PIN hash and badge key live apart, in `credentials`."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Credential(Base):
    """A user's PIN hash and badge key: the secrets, kept out of the event log, its replay and every export.

    Not a projection: the events say only that a PIN or badge changed, by whom, and carry a
    commitment (a digest of this row) so `audit verify` proves the row was not edited since.
    One simple table keyed by user code, so it can travel between stations on its own.
    """

    __tablename__ = "credentials"

    user_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    badge_key: Mapped[str | None] = mapped_column(String(200), index=True)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The event (UUID) whose commitment covers this row: the latest credential change of the user.
    changed_event: Mapped[str] = mapped_column(String(36))


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    tracking: Mapped[str] = mapped_column(String(8), default="lot")
    gtin: Mapped[str | None] = mapped_column(String(14), index=True)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Party(Base):
    """A supplier or a customer (a company that is both has two rows)."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    gln: Mapped[str | None] = mapped_column(String(13))
    location: Mapped[str] = mapped_column(String(300), default="")
    # The location description FSMA 204 asks for (the business name is `name`).
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (UniqueConstraint("kind", "code"),)


class Location(Base):
    """A place of ours: a site (with its GLN and location description) or a store inside one."""

    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    gln: Mapped[str | None] = mapped_column(String(13))
    business_name: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # The hierarchy plant -> warehouse/area -> bin: a location inside another names it here.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="area")
    # A blocked location (a quarantine cage) holds stock nobody may use; only there may held,
    # quarantined or expired lots be moved.
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class Bom(Base):
    __tablename__ = "boms"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    version: Mapped[int] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (UniqueConstraint("product_id", "version"),)


class BomLine(Base):
    __tablename__ = "bom_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    bom_id: Mapped[int] = mapped_column(ForeignKey("boms.id"), index=True)
    component_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    quantity_per: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    # Item codes that may replace the component, space-separated (rarely more than two).
    substitutes: Mapped[str] = mapped_column(String(500), default="")

    __table_args__ = (UniqueConstraint("bom_id", "component_id"),)


# --- lots and what happens to them ----------------------------------------------------------


class Lot(Base):
    """The unit of traceability; a serial is a lot of quantity 1 of a serial-tracked item."""

    __tablename__ = "lots"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    origin: Mapped[str] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    balance: Mapped[Decimal] = mapped_column(Quantity)
    status: Mapped[str] = mapped_column(String(16))
    status_before_hold: Mapped[str | None] = mapped_column(String(16))
    hold_reason: Mapped[str | None] = mapped_column(String(500))
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    supplier_lot: Mapped[str | None] = mapped_column(String(64), index=True)
    manufacturer_lot: Mapped[str | None] = mapped_column(String(64))
    po: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    produced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    manufactured_on: Mapped[date | None] = mapped_column(Date)
    expiry: Mapped[date | None] = mapped_column(Date)
    # A best-before date when the supplier gave one apart from the expiry ((15) beside (17)).
    best_before: Mapped[date | None] = mapped_column(Date)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (
        # A period's receipts per supplier (the supplier p-chart) without reading every lot.
        Index(
            "ix_lots_received",
            "received_at",
            "supplier_id",
            "status",
            sqlite_where=text("origin = 'received'"),
            postgresql_where=text("origin = 'received'"),
        ),
        # Stock by days to expiry (the expiry exposure chart) read from the index alone.
        Index(
            "ix_lots_stock_expiry",
            "expiry",
            "item_id",
            "unit",
            "status",
            "balance",
            sqlite_where=text("balance > 0"),
            postgresql_where=text("balance > 0"),
        ),
        # The lots waiting in quarantine now, without reading every lot.
        Index(
            "ix_lots_quarantine",
            "status",
            sqlite_where=text("status = 'quarantine'"),
            postgresql_where=text("status = 'quarantine'"),
        ),
    )


class WorkOrder(Base):
    __tablename__ = "work_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("items.id"))
    bom_id: Mapped[int | None] = mapped_column(ForeignKey("boms.id"))
    planned_quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    line: Mapped[str] = mapped_column(String(64), default="")
    equipment: Mapped[str] = mapped_column(String(200), default="")
    operators: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class OrderParameter(Base):
    """A process parameter recorded on an order (oven temperature, mixing time ...)."""

    __tablename__ = "order_parameters"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(16), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class OrderInput(Base):
    """A quantity of a lot issued to a work order."""

    __tablename__ = "order_inputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    operator: Mapped[str] = mapped_column(String(64), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    # Issues of a few days (the flow chart around its whole months) read from the index alone.
    __table_args__ = (Index("ix_order_inputs_issued", "issued_at", "lot_id", "order_id", "quantity"),)


class OrderOutput(Base):
    """A lot produced by a work order; `allocated` when the user named its inputs explicitly."""

    __tablename__ = "order_outputs"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    produced_at: Mapped[datetime] = mapped_column(UtcDateTime)
    allocated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    # Output per order in a period (the yield chart) read from the index alone.
    __table_args__ = (Index("ix_order_outputs_totals", "order_id", "produced_at", "quantity"),)


class OrderTotal(Base):
    """An order's inputs and outputs summed, with the times of its first and last output.

    Kept by the issue and output handlers as they project: the yield chart reads one row per
    order instead of summing every input and output again (it goes back to the outputs only
    for an order whose outputs lie partly outside the period).
    """

    __tablename__ = "order_totals"

    order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), primary_key=True)
    issued: Mapped[Decimal] = mapped_column(Quantity)
    produced: Mapped[Decimal] = mapped_column(Quantity)
    first_output: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_output: Mapped[datetime | None] = mapped_column(UtcDateTime)

    # A period's orders by output time, without reading every order's totals.
    __table_args__ = (Index("ix_order_totals_outputs", "first_output", "last_output"),)


class LotLink(Base):
    """Genealogy: `parent` went into `child`, through an order or a split.

    Stored when material is issued and output recorded, never inferred later. Two covering
    indexes make both directions of a recursive trace index-only scans.
    """

    __tablename__ = "lot_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    kind: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))

    __table_args__ = (
        Index("ix_lot_links_down", "parent_id", "child_id", "order_id"),
        Index("ix_lot_links_up", "child_id", "parent_id", "order_id"),
    )


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    shipped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    document: Mapped[str] = mapped_column(String(64))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # Where the shipped quantity was picked from (none for shipments recorded before moves).
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))

    # Shipments of a few days (the flow chart around its whole months) read from the index alone.
    __table_args__ = (Index("ix_shipments_shipped", "shipped_at", "lot_id", "customer_id", "unit", "quantity"),)


class FlowTotal(Base):
    """Material issued to orders and shipped to customers, summed per month: the flow chart's summary.

    `kind` "issued": from a lot's item (`source_id`, items) to the order's product (`target_id`,
    items); "shipped": from a lot's item to the customer (`target_id`, parties). Kept by the
    issue and shipment handlers as they project, so a year's flow sums a few thousand rows
    instead of joining every issue and shipment to its lot; `month` is "YYYY-MM" of the UTC time.
    """

    __tablename__ = "flow_totals"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    source_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit: Mapped[str] = mapped_column(String(16), primary_key=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    result: Mapped[str] = mapped_column(String(16))
    inspector: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[str] = mapped_column(Text, default="")
    inspected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Hold(Base):
    """A QA hold on a lot, open until released or the lot rejected."""

    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500))
    placed_by: Mapped[str] = mapped_column(String(64))
    placed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))
    # A spreading hold makes every lot made from this one suspect (blocked) while it is open.
    spreads: Mapped[bool] = mapped_column(Boolean, default=True)
    recall: Mapped[str | None] = mapped_column(String(32), index=True)


class Adjustment(Base):
    """A counted correction of a lot's balance, with its reason."""

    __tablename__ = "adjustments"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    delta: Mapped[Decimal] = mapped_column(Quantity)
    reason: Mapped[str] = mapped_column(String(500))
    adjusted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


# --- the warehouse and after-sales legs: moves, returns, scrap, transfers -----------------


class LotMove(Base):
    """A lot (all of it) put from one location into another; a quantity moves as a split child."""

    __tablename__ = "lot_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    to_location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    purpose: Mapped[str] = mapped_column(String(16))
    moved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class CustomerReturn(Base):
    """Part of a shipment that came back from the customer, received as a lot of its own in quarantine."""

    __tablename__ = "customer_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    source_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    document: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    returned_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Scrap(Base):
    """A quantity of a lot scrapped or destroyed (a destruction is witnessed by a second person)."""

    __tablename__ = "scraps"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500))
    destroyed: Mapped[bool] = mapped_column(Boolean, default=False)
    witness: Mapped[str | None] = mapped_column(String(64))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    scrapped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Transfer(Base):
    """A lot shipped from one plant of ours to another: in transit (neither plant's stock) until received."""

    __tablename__ = "transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Not unique: two stations offline may give two transfers one number; both are kept, and a
    # receipt by that number alone is refused until it names the lot.
    document: Mapped[str] = mapped_column(String(64), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    to_plant_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    shipped_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_quantity: Mapped[Decimal | None] = mapped_column(Quantity)
    received_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class LotCounter(Base):
    """The last number minted per station and period by the lot numbering rule."""

    __tablename__ = "lot_counters"

    station: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(64), primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


# --- quality and compliance: signatures, recalls, complaints ----------------------------


class Signature(Base):
    """An electronic signature: who signed which event, when, and what the signature means."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_seq: Mapped[int] = mapped_column(ForeignKey("events.seq"), index=True)
    lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"), index=True)
    signer: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    meaning: Mapped[str] = mapped_column(String(500))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Recall(Base):
    """A recall started from lots or a supplier lot; its holds carry its code."""

    __tablename__ = "recalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    reason: Mapped[str] = mapped_column(String(500))
    sources: Mapped[str] = mapped_column(Text)
    started_by: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    lot_count: Mapped[int] = mapped_column(Integer)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class Complaint(Base):
    """A customer complaint about a lot or serial, open -> investigating -> closed."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))
    conclusion: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    registered_by: Mapped[str] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(64), default="")
    # What QA found the complaint came from (free words, kept short): the Pareto of causes groups by it.
    cause: Mapped[str] = mapped_column(String(100), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


# --- advance notices: a supplier's EPCIS shipping events, received against ---------------


class AdvanceNotice(Base):
    """One shipment a supplier announced (one EPCIS shipping event); `key` hashes its content."""

    __tablename__ = "advance_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    epcis_event_id: Mapped[str | None] = mapped_column(String(200), index=True)
    supplier_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    shipper: Mapped[str] = mapped_column(String(300), default="")
    despatch: Mapped[str | None] = mapped_column(String(64))
    po: Mapped[str | None] = mapped_column(String(64))
    shipped_at: Mapped[datetime] = mapped_column(UtcDateTime)
    source: Mapped[str] = mapped_column(String(300), default="")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class NoticeLine(Base):
    """An expected receipt: so much of a GTIN's lot (or one serial), with its dates."""

    __tablename__ = "notice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("advance_notices.id"), index=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    gtin: Mapped[str] = mapped_column(String(14), index=True)
    supplier_lot: Mapped[str | None] = mapped_column(String(64))
    serial: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str] = mapped_column(String(16))
    expiry: Mapped[date | None] = mapped_column(Date)
    best_before: Mapped[date | None] = mapped_column(Date)
    production_date: Mapped[date | None] = mapped_column(Date)
    # The SSCCs of the logistic units the line travels on, space-separated.
    ssccs: Mapped[str] = mapped_column(String(500), default="")


class NoticeSscc(Base):
    """Which notice lines a scanned SSCC (00) stands for."""

    __tablename__ = "notice_ssccs"

    sscc: Mapped[str] = mapped_column(String(18), primary_key=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("notice_lines.id"), primary_key=True)


class NoticeReceipt(Base):
    """A lot received against a notice line, with what differed from the notice."""

    __tablename__ = "notice_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # By key, not id: a receipt names the line the way every station knows it.
    line_key: Mapped[str] = mapped_column(String(80), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    differences: Mapped[str] = mapped_column(Text, default="[]")
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


class SyncCursor(Base):
    """How far this database has pulled a hub's log: the last hub sequence number it applied.

    Not a projection: it says what this station fetched, and is written in the same
    transaction as the events pulled, so a cut connection never skips or doubles one.
    """

    __tablename__ = "sync_cursors"

    # The hub as host, port and database (the user may change; the hub stays the same).
    hub: Mapped[str] = mapped_column(String(300), primary_key=True)
    last_hub_seq: Mapped[int] = mapped_column(Integer, default=0)


# --- conflicts between facts recorded at different stations -------------------------------


class Conflict(Base):
    """Facts from different stations that contradict each other once merged (db.conflicts).

    Derived from events like every state table, and named by a code derived from the events
    involved, so every station holds the same conflicts under the same codes.
    """

    __tablename__ = "conflicts"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    # What the conflict was derived for (a lot's code, a use's event, a record): it is derived again for it.
    subject: Mapped[str] = mapped_column(String(200), index=True)
    lots: Mapped[str] = mapped_column(Text, default="[]")  # JSON lists
    stations: Mapped[str] = mapped_column(Text, default="[]")
    events: Mapped[str] = mapped_column(Text, default="[]")
    # The time the last of its events was recorded: the same at every station.
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ConflictResolution(Base):
    """QA's signed decision on a conflict, with the note that explains it."""

    __tablename__ = "conflict_resolutions"

    conflict: Mapped[str] = mapped_column(String(40), primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    resolved_by: Mapped[str] = mapped_column(String(64))
    resolved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_event: Mapped[int] = mapped_column(ForeignKey("events.seq"))


# Tables that are not rebuilt from the log (the log itself, station heads, credentials, sync cursors).
NON_PROJECTED_TABLES = frozenset({"events", "stations", "credentials", "sync_cursors"})

# Tables that the event log is the source of; replay rebuilds exactly these.
STATE_TABLES: tuple[str, ...] = tuple(t.name for t in Base.metadata.sorted_tables if t.name not in NON_PROJECTED_TABLES)
