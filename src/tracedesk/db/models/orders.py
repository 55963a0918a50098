"""Work orders: their process parameters, the lots issued to them and made by them, and their totals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tracedesk.db.models.base import Base
from tracedesk.db.types import Quantity, UtcDateTime


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
