"""Production: work orders, issuing lots to them, recording output lots, parameters and closing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NeedsConfirmation, Refused
from tracedesk.core.messages import msg
from tracedesk.core.numbering import check_lot_code
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.rules import ISSUED, LotState, check_quantity_available, check_usable
from tracedesk.core.status import LotStatus
from tracedesk.core.timeparse import iso_utc
from tracedesk.core.words import word
from tracedesk.db.bulk import driver
from tracedesk.db.models import Bom, Item, Lot, OrderInput, OrderOutput, WorkOrder
from tracedesk.db.rows import referenced
from tracedesk.db.scaled import from_scaled
from tracedesk.services.dto import IssueRecord, LotInfo, OrderInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import (
    item_by_code,
    lot_by_code,
    lot_info,
    no_lot,
    no_order,
    order_by_number,
    refuse_blocked_location,
    suspect_reason,
)
from tracedesk.services.masterdata import bom_lines, current_bom
from tracedesk.services.numbering import mint_lot_codes, next_order_number
from tracedesk.services.permissions import Action, require


def order_info(session: Session, order: WorkOrder) -> OrderInfo:
    product = referenced(session, Item, order.product_id)
    bom = session.get(Bom, order.bom_id) if order.bom_id else None
    return OrderInfo(
        number=order.number,
        product=product.code,
        product_name=product.name,
        planned_quantity=order.planned_quantity,
        unit=order.unit,
        status=order.status,
        started_at=order.started_at,
        bom_version=bom.version if bom else None,
        bom=tuple(bom_lines(session, bom.id)) if bom else (),
        line=order.line,
        equipment=order.equipment,
    )


def create_work_order(
    session: Session,
    actor: Actor,
    *,
    product: str,
    quantity: object,
    number: str | None = None,
    line: str = "",
    equipment: str = "",
    operators: str = "",
) -> OrderInfo:
    """Open an order for a product with its current BOM (number minted when not given)."""
    require(session, actor, Action.MANAGE_ORDERS)
    item = item_by_code(session, product)
    if item.kind in ("raw", "packaging"):
        raise InvalidInput(
            "{item} is {kind}; work orders make intermediate or finished items.", item=item.code, kind=word(item.kind)
        )
    planned = parse_quantity(quantity, what=msg("planned quantity"))
    line = clean_text(line, what="line", max_length=64)
    equipment = clean_text(equipment, what="equipment", max_length=200)
    operators = clean_text(operators, what="operators", max_length=500)
    number = check_lot_code(number) if number else next_order_number(session, actor)
    if session.scalar(select(WorkOrder.id).where(WorkOrder.number == number)) is not None:
        raise Refused("A work order {number} already exists.", number=number)
    bom = current_bom(session, item.id)
    apply_event(
        session,
        actor,
        "order_created",
        {
            "order": number,
            "product": item.code,
            "bom_version": bom.version if bom else None,
            "quantity": format_quantity(planned),
            "unit": item.unit,
            "line": line,
            "equipment": equipment,
            "operators": operators,
            "started_at": iso_utc(actor.now()),
        },
    )
    return order_info(session, order_by_number(session, number))


def _check_open(number: str, status: str) -> None:
    if status != "open":
        raise Refused("Work order {number} is closed; nothing more can be recorded on it.", number=number)


def _open_order(session: Session, number: str) -> WorkOrder:
    order = order_by_number(session, number)
    _check_open(order.number, order.status)
    return order


# What the issue rules need about the order and the lot, one row each, read through the
# session's driver connection: asked on every scan, where loading the order, the lot and its
# item through the ORM cost more than the statements and the commit together. Values are
# converted as the column types would (scaled integer balance, ISO date text).
_ORDER_ROW = """
    SELECT o.number, o.status, o.bom_id, p.code
    FROM work_orders o JOIN items p ON p.id = o.product_id
    WHERE o.number = ?
"""
_LOT_ROW = """
    SELECT l.id, l.code, l.status, l.balance, l.unit, l.expiry, l.hold_reason, l.item_id, i.code, i.name,
           (SELECT c.code FROM locations c WHERE c.id = l.location_id AND c.blocked = 1)
    FROM lots l JOIN items i ON i.id = l.item_id
    WHERE l.code = ?
"""
_BOM_LINES = "SELECT component_id, substitutes FROM bom_lines WHERE bom_id = ?"
_BOM_NEED = """
    SELECT b.quantity_per, o.planned_quantity, c.code, b.substitutes
    FROM bom_lines b JOIN items c ON c.id = b.component_id JOIN work_orders o ON o.bom_id = b.bom_id
    WHERE o.number = ? ORDER BY c.code
"""
_ISSUED_PER_ITEM = """
    SELECT i.code, SUM(oi.quantity)
    FROM order_inputs oi JOIN work_orders o ON o.id = oi.order_id JOIN lots l ON l.id = oi.lot_id JOIN items i ON i.id = l.item_id
    WHERE o.number = ? GROUP BY i.code
"""


def _bom_accepts(connection: Any, bom_id: int, item_id: int, item_code: str) -> bool:
    """Whether a BOM takes an item: as one of its components, or as a named substitute of one."""
    return any(
        component == item_id or item_code in substitutes.split()
        for component, substitutes in connection.execute(_BOM_LINES, (bom_id,))
    )


def outstanding_need(connection: Any, number: str, item: str) -> Decimal | None:
    """What the order still needs of the BOM line an item fills (itself or as a substitute).

    None when the order has no BOM line for the item: nothing to measure an issue against."""
    need: Decimal | None = None
    codes: set[str] = set()
    for per, planned, component, substitutes in connection.execute(_BOM_NEED, (number,)):
        if item == component or item in substitutes.split():
            need = from_scaled(per) * from_scaled(planned)
            codes = {component, *substitutes.split()}
            break
    if need is None:
        return None
    issued = sum(
        (from_scaled(total) for code, total in connection.execute(_ISSUED_PER_ITEM, (number,)) if code in codes), Decimal(0)
    )
    return max(need - issued, Decimal(0))


@dataclass(frozen=True)
class IssueCheck:
    """What issuing a lot to an order would record, once every rule has passed (nothing recorded yet)."""

    order: str
    lot: str
    item: str
    quantity: Decimal
    unit: str
    balance_after: Decimal
    outstanding: Decimal | None  # what the BOM still needed before this issue; None without a BOM line

    @property
    def is_over_issue(self) -> bool:
        return self.outstanding is not None and self.quantity > self.outstanding


def check_issue(
    session: Session,
    actor: Actor,
    *,
    order: str,
    lot: str,
    quantity: object | None = None,
    over_reason: str | None = None,
) -> IssueCheck:
    """Dry run of `issue_lot_to_order`: the same checks and sentences, nothing recorded.

    The quantity defaults to what the BOM still needs of the item, capped at the lot's balance
    (the whole balance when the order has no BOM). More than the BOM still needs is refused
    with `NeedsConfirmation` unless `over_reason` says why.
    """
    require(session, actor, Action.ISSUE)
    connection = driver(session)
    order_row = connection.execute(_ORDER_ROW, (order.strip(),)).fetchone()
    if order_row is None:
        raise no_order(order)
    number, status, bom_id, product = order_row
    _check_open(number, status)
    lot_row = connection.execute(_LOT_ROW, (lot.strip(),)).fetchone()
    if lot_row is None:
        raise no_lot(lot)
    lot_id, code, lot_status, scaled_balance, unit, expiry, hold_reason, item_id, item, item_name, blocked_place = lot_row
    balance = from_scaled(scaled_balance)
    state = LotState(
        code,
        LotStatus(lot_status),
        balance,
        unit,
        date.fromisoformat(expiry) if expiry is not None else None,
        hold_reason,
        suspect_reason(session, lot_id),
    )
    check_usable(state, today=actor.today, action=ISSUED)
    refuse_blocked_location(blocked_place, code, action=ISSUED)
    if bom_id is not None and not _bom_accepts(connection, bom_id, item_id, item):
        raise Refused(
            "{item} ({item_name}) is not a component of {product} in the BOM of order {number} — lot {code} not issued.",
            item=item,
            item_name=item_name,
            product=product,
            number=number,
            code=code,
        )
    outstanding = outstanding_need(connection, number, item) if bom_id is not None else None
    if quantity is not None:
        amount = parse_quantity(quantity)
    elif outstanding is None:
        amount = balance
    elif outstanding == 0:
        raise NeedsConfirmation(
            "Order {number} needs no more {item}: its BOM quantity is already issued. "
            "Give the quantity and a reason to issue more from lot {code}.",
            number=number,
            item=item,
            code=code,
        )
    else:
        amount = min(outstanding, balance)
    check_quantity_available(state, amount, action=ISSUED)
    checked = IssueCheck(number, code, item, amount, unit, balance - amount, outstanding)
    if checked.is_over_issue and not (over_reason or "").strip():
        raise NeedsConfirmation(
            "Order {number} still needs only {outstanding} {unit} of {item}; issuing {quantity} {unit} of lot {code} "
            "is more than the BOM asks for. Confirm with a reason to issue it anyway.",
            number=number,
            outstanding=outstanding,
            unit=unit,
            item=item,
            quantity=amount,
            code=code,
        )
    return checked


def issue_lot_to_order(
    session: Session,
    actor: Actor,
    *,
    order: str,
    lot: str,
    quantity: object | None = None,
    operator: str = "",
    over_reason: str | None = None,
) -> IssueRecord:
    """Record that a quantity of a lot went into a work order (by default what the BOM still needs).

    Issuing more than the BOM still needs takes `over_reason`; the event keeps it, with what was
    outstanding, so the history says who decided to put more in and why."""
    reason = clean_text(over_reason or "", what=msg("reason"), max_length=500)
    checked = check_issue(session, actor, order=order, lot=lot, quantity=quantity, over_reason=reason)
    operator = clean_text(operator, what="operator", max_length=64) or actor.user
    payload: dict[str, Any] = {
        "order": checked.order,
        "lot": checked.lot,
        "quantity": format_quantity(checked.quantity),
        "issued_at": iso_utc(actor.now()),
        "operator": operator,
    }
    if checked.is_over_issue and checked.outstanding is not None:
        payload["over_issue"] = {"outstanding": format_quantity(checked.outstanding), "reason": reason}
    event = apply_event(session, actor, "lot_issued", payload)
    return IssueRecord(checked.order, checked.lot, checked.quantity, checked.unit, checked.balance_after, event.id)


def record_output(
    session: Session,
    actor: Actor,
    *,
    order: str,
    quantity: object,
    lot_code: str | None = None,
    expiry: date | None = None,
    inputs: list[str] | None = None,
    status: LotStatus = LotStatus.RELEASED,
    confirm_unissued: bool = False,
) -> LotInfo:
    """Record an output lot; it links to every lot issued to the order so far, or to `inputs` only.

    While BOM components were never issued to the order, the output would have no record of
    where they came from: that is refused with `NeedsConfirmation` unless `confirm_unissued`,
    and the event then names the components that were missing."""
    require(session, actor, Action.RECORD_OUTPUT)
    work_order = _open_order(session, order)
    product = referenced(session, Item, work_order.product_id)
    amount = parse_quantity(quantity)
    unissued = unissued_components(session, work_order.number)
    if unissued and not confirm_unissued:
        raise NeedsConfirmation(
            "Nothing of {components} has been issued to order {order} yet, so output made now would not say where "
            "{count|it|they} came from. Issue the lots first, or confirm to record the output anyway.",
            components=unissued,
            order=work_order.number,
            count=len(unissued),
        )
    if inputs is not None:
        issued = set(
            session.scalars(
                select(Lot.code).join(OrderInput, OrderInput.lot_id == Lot.id).where(OrderInput.order_id == work_order.id)
            )
        )
        missing = [code for code in inputs if code not in issued]
        if missing or not inputs:
            raise InvalidInput(
                "Only lots issued to {order} can be allocated; not issued: {lots}.",
                order=work_order.number,
                lots=missing or msg("none named"),
            )
    if expiry is None and product.shelf_life_days:
        expiry = actor.today + timedelta(days=product.shelf_life_days)
    if lot_code:
        code, minted = check_lot_code(lot_code), None
        if session.scalar(select(Lot.id).where(Lot.code == code)) is not None:
            raise Refused("A lot {code} already exists.", code=code)
    else:
        code, minted = mint_lot_codes(session, actor, 1)[0]
    apply_event(
        session,
        actor,
        "output_recorded",
        {
            "order": work_order.number,
            "lot": code,
            "item": product.code,
            "quantity": format_quantity(amount),
            "unit": product.unit,
            "produced_at": iso_utc(actor.now()),
            "expiry": expiry.isoformat() if expiry else None,
            "status": LotStatus(status).value,
            "inputs": sorted(set(inputs)) if inputs is not None else None,
            "minted": minted,
            **({"unissued_confirmed": unissued} if unissued else {}),
        },
    )
    return lot_info(session, lot_by_code(session, code))


def unissued_components(session: Session, order: str) -> list[str]:
    """BOM components of an order of which nothing (nor a substitute) has been issued yet."""
    connection = driver(session)
    issued = {code for code, _total in connection.execute(_ISSUED_PER_ITEM, (order,))}
    return [
        component
        for _per, _planned, component, substitutes in connection.execute(_BOM_NEED, (order,))
        if not issued & {component, *substitutes.split()}
    ]


def record_parameter(session: Session, actor: Actor, *, order: str, name: str, value: str, unit: str = "") -> None:
    """A process parameter (oven temperature, mixing time ...) on an open order."""
    require(session, actor, Action.RECORD_OUTPUT)
    work_order = _open_order(session, order)
    name = clean_text(name, what="parameter name", max_length=100)
    value = clean_text(value, what="parameter value", max_length=100)
    unit = clean_text(unit, what="parameter unit", max_length=16)
    if not name or not value:
        raise InvalidInput("A process parameter needs a name and a value.")
    apply_event(
        session,
        actor,
        "order_parameter_recorded",
        {
            "order": work_order.number,
            "name": name,
            "value": value,
            "unit": unit,
            "recorded_at": iso_utc(actor.now()),
        },
    )


@dataclass(frozen=True)
class MassBalanceLine:
    component: str
    expected: Decimal
    issued: Decimal
    unit: str


@dataclass(frozen=True)
class MassBalance:
    order: str
    produced: Decimal
    unit: str
    lines: tuple[MassBalanceLine, ...]


def mass_balance(session: Session, order: str) -> MassBalance:
    """Issued per component vs what the BOM expects for the quantity produced."""
    work_order = order_by_number(session, order)
    produced = sum(session.scalars(select(OrderOutput.quantity).where(OrderOutput.order_id == work_order.id)), Decimal(0))
    issued: dict[str, Decimal] = {}
    rows = session.execute(
        select(Item.code, OrderInput.quantity)
        .join(Lot, Lot.id == OrderInput.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .where(OrderInput.order_id == work_order.id)
    )
    for code, quantity in rows:
        issued[code] = issued.get(code, Decimal(0)) + quantity
    lines = []
    bom = bom_lines(session, work_order.bom_id) if work_order.bom_id else []
    for line in bom:
        used = issued.pop(line.component, Decimal(0)) + sum((issued.pop(s, Decimal(0)) for s in line.substitutes), Decimal(0))
        lines.append(MassBalanceLine(line.component, line.quantity_per * produced, used, line.unit))
    for code, quantity in sorted(issued.items()):
        lines.append(MassBalanceLine(code, Decimal(0), quantity, ""))
    return MassBalance(work_order.number, produced, work_order.unit, tuple(lines))


def close_order(session: Session, actor: Actor, *, order: str) -> MassBalance:
    """Close an order; returns its mass balance for the line lead to check."""
    require(session, actor, Action.MANAGE_ORDERS)
    work_order = _open_order(session, order)
    apply_event(session, actor, "order_closed", {"order": work_order.number, "closed_at": iso_utc(actor.now())})
    return mass_balance(session, work_order.number)


def open_orders(session: Session) -> list[OrderInfo]:
    rows = session.scalars(select(WorkOrder).where(WorkOrder.status == "open").order_by(WorkOrder.number))
    return [order_info(session, o) for o in rows]
