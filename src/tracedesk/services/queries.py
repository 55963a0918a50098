"""Read-only lookups the workstation screens need: lot search, the inspection list, order progress, FEFO."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import NeedsConfirmation
from tracedesk.core.status import LotStatus
from tracedesk.db.hold_queries import suspect_lots
from tracedesk.db.models import Event, Item, Location, Lot, OrderInput, OrderParameter, Party, WorkOrder
from tracedesk.services.dto import BomLineInfo, LocationInfo, LotInfo, OrderInfo
from tracedesk.services.lookup import lot_by_code, lot_info, order_by_number
from tracedesk.services.masterdata import location_info
from tracedesk.services.production import order_info

SEARCH_LIMIT = 200


def lot_infos(session: Session, rows: Iterable[Lot]) -> list[LotInfo]:
    """DTOs of many lots, each with the held lots that make it suspect (one statement for all)."""
    rows = list(rows)
    suspects = suspect_lots(session, [lot.id for lot in rows]) if rows else {}
    return [
        lot_info(session, lot)._replace(suspect_holds=tuple((s.source, s.reason) for s in suspects.get(lot.id, ())))
        for lot in rows
    ]


def lots_by_codes(session: Session, codes: Iterable[str]) -> list[LotInfo]:
    """The current state of lots a screen already lists, in the order given (to refresh it)."""
    codes = list(codes)
    rows = {lot.code: lot for lot in session.scalars(select(Lot).where(Lot.code.in_(codes)))} if codes else {}
    return lot_infos(session, [rows[code] for code in codes if code in rows])


def search_lots(session: Session, text: str, *, limit: int = SEARCH_LIMIT) -> list[LotInfo]:
    """Lots whose code, supplier lot or manufacturer lot matches, or whose item code/name does.

    Exact code matches come first, so scanning or typing a full code finds that lot on top.
    """
    needle = (text or "").strip()
    if not needle:
        return []
    pattern = f"%{needle}%"
    exact = list(
        session.scalars(
            select(Lot)
            .where(or_(Lot.code == needle, Lot.supplier_lot == needle, Lot.manufacturer_lot == needle))
            .order_by(Lot.code)
        )
    )
    seen = {lot.id for lot in exact}
    rest = session.scalars(
        select(Lot)
        .join(Item, Item.id == Lot.item_id)
        .where(
            or_(
                Lot.code.like(pattern),
                Lot.supplier_lot.like(pattern),
                Lot.manufacturer_lot.like(pattern),
                Item.code.like(pattern),
                Item.name.like(pattern),
            )
        )
        .order_by(Lot.id.desc())
        .limit(limit)
    )
    lots = exact + [lot for lot in rest if lot.id not in seen]
    return lot_infos(session, lots[:limit])


def quarantine_lots(session: Session) -> list[LotInfo]:
    """Lots waiting for QA's decision, oldest receipt first (the inspection list)."""
    rows = session.scalars(select(Lot).where(Lot.status == LotStatus.QUARANTINE.value, Lot.balance > 0).order_by(Lot.id))
    return lot_infos(session, rows)


def recent_lots(session: Session, *, limit: int = 50) -> list[LotInfo]:
    """The most recently created lots (what the QA screen shows before anything is searched)."""
    rows = session.scalars(select(Lot).order_by(Lot.id.desc()).limit(limit))
    return lot_infos(session, rows)


def received_at_station(session: Session, station: str, *, limit: int = 50) -> list[LotInfo]:
    """The latest lots received at `station`, newest first: what its receiving screen lists after any sign-in."""
    rows = session.scalars(
        select(Lot)
        .join(Event, Event.seq == Lot.created_event)
        .where(Event.station == station, Event.type == "lot_received")
        .order_by(Lot.id.desc())
        .limit(limit)
    )
    return lot_infos(session, rows)


@dataclass(frozen=True)
class ComponentProgress:
    """One BOM line of an order: how much the plan needs, how much went in, how much is missing."""

    component: str
    component_name: str
    required: Decimal
    issued: Decimal
    unit: str

    @property
    def outstanding(self) -> Decimal:
        return max(self.required - self.issued, Decimal(0))


@dataclass(frozen=True)
class ParameterInfo:
    name: str
    value: str
    unit: str


@dataclass(frozen=True)
class OrderProgress:
    """A work order with its BOM progress, what was issued and produced, and its parameters."""

    order: OrderInfo
    components: tuple[ComponentProgress, ...]
    issued_lots: tuple[tuple[str, str, Decimal, str], ...]  # lot, item, quantity, unit
    outputs: tuple[LotInfo, ...]
    parameters: tuple[ParameterInfo, ...]
    operators: str = ""


def order_progress(session: Session, number: str) -> OrderProgress:
    """Required (planned quantity x BOM), issued and outstanding per component of an order."""
    work_order = order_by_number(session, number)
    info = order_info(session, work_order)
    issued_rows = session.execute(
        select(Lot.code, Item.code, OrderInput.quantity, Lot.unit)
        .join(Lot, Lot.id == OrderInput.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .where(OrderInput.order_id == work_order.id)
        .order_by(OrderInput.id)
    ).all()
    issued: dict[str, Decimal] = {}
    for _, item, quantity, _ in issued_rows:
        issued[item] = issued.get(item, Decimal(0)) + quantity
    components = []
    for line in info.bom:
        used = issued.get(line.component, Decimal(0)) + sum((issued.get(s, Decimal(0)) for s in line.substitutes), Decimal(0))
        components.append(
            ComponentProgress(
                line.component,
                line.component_name,
                line.quantity_per * info.planned_quantity,
                used,
                line.unit,
            )
        )
    outputs = session.scalars(select(Lot).where(Lot.order_id == work_order.id).order_by(Lot.id))
    parameters = session.scalars(
        select(OrderParameter).where(OrderParameter.order_id == work_order.id).order_by(OrderParameter.id)
    )
    return OrderProgress(
        info,
        tuple(components),
        tuple((lot, item, q, unit) for lot, item, q, unit in issued_rows),
        tuple(lot_infos(session, outputs)),
        tuple(ParameterInfo(p.name, p.value, p.unit) for p in parameters),
        work_order.operators,
    )


def fefo_hint(session: Session, lot_code: str, today: date) -> LotInfo | None:
    """A released, unexpired lot of the same item that expires before this one, if any (oldest first)."""
    lot = lot_by_code(session, lot_code)
    if lot.expiry is None:
        return None
    older = session.scalar(
        select(Lot)
        .where(
            Lot.item_id == lot.item_id,
            Lot.id != lot.id,
            Lot.status == LotStatus.RELEASED.value,
            Lot.balance > 0,
            Lot.expiry.is_not(None),
            Lot.expiry < lot.expiry,
            Lot.expiry >= today,
        )
        .order_by(Lot.expiry, Lot.code)
        .limit(1)
    )
    return lot_info(session, older) if older is not None else None


def all_orders(session: Session, *, include_closed: bool = True, limit: int = 500) -> list[OrderInfo]:
    """Work orders, open ones first, newest first within each."""
    stmt = select(WorkOrder)
    if not include_closed:
        stmt = stmt.where(WorkOrder.status == "open")
    rows = session.scalars(stmt.order_by(WorkOrder.status.desc(), WorkOrder.id.desc()).limit(limit))
    return [order_info(session, o) for o in rows]


def list_locations(session: Session) -> list[LocationInfo]:
    return [location_info(loc) for loc in session.scalars(select(Location).order_by(Location.code))]


def supplier_lot_receipts(session: Session, supplier_lot: str) -> list[LotInfo]:
    """Lots already received under this supplier lot number (any supplier, any item)."""
    rows = session.scalars(select(Lot).where(Lot.supplier_lot == supplier_lot.strip()).order_by(Lot.id))
    return [lot_info(session, lot) for lot in rows]


def supplier_codes_for_item(session: Session, item_code: str) -> list[str]:
    """Suppliers this item was received from before, most used first (to pre-select one)."""
    rows = session.execute(
        select(Party.code)
        .join(Lot, Lot.supplier_id == Party.id)
        .join(Item, Item.id == Lot.item_id)
        .where(Item.code == item_code)
        .group_by(Party.code)
        .order_by(Party.code)
    ).scalars()
    return list(rows)


@dataclass(frozen=True)
class IssuePreview:
    """What scanning a lot at an order would issue: the lot, a sensible quantity, and a FEFO hint."""

    order: str
    lot: LotInfo
    quantity: Decimal  # the lesser of the component's outstanding quantity and the lot's balance
    outstanding: Decimal | None  # None when the order has no BOM
    older_lot: LotInfo | None  # a released lot of the same item that expires earlier


def issue_preview(session: Session, actor: Actor, order: str, lot_code: str) -> IssuePreview:
    """Judge a scanned lot for an order before anything is recorded: the issue's own dry run, then a quantity.

    The quantity is what the BOM still needs, capped at the lot's balance; 0 when the BOM needs
    no more (then only a confirmed over-issue with a reason puts more in)."""
    from tracedesk.services.production import check_issue

    try:
        checked = check_issue(session, actor, order=order, lot=lot_code)
        number, code, quantity, outstanding = checked.order, checked.lot, checked.quantity, checked.outstanding
    except NeedsConfirmation:
        # Every rule but the quantity passed: the order needs no more of this item.
        number, code = order_by_number(session, order.strip()).number, lot_by_code(session, lot_code.strip()).code
        quantity, outstanding = Decimal(0), Decimal(0)
    lot = lot_by_code(session, code)
    return IssuePreview(number, lot_info(session, lot), quantity, outstanding, fefo_hint(session, lot.code, actor.today))


def current_bom_lines(session: Session) -> list[tuple[str, BomLineInfo]]:
    """Every product's current BOM as rows of ("PRODUCT v2", line), for the master-data table."""
    from tracedesk.services.masterdata import bom_lines, current_bom

    rows: list[tuple[str, BomLineInfo]] = []
    for item in session.scalars(select(Item).where(Item.kind.in_(("intermediate", "finished"))).order_by(Item.code)):
        bom = current_bom(session, item.id)
        if bom is not None:
            rows += [(f"{item.code} v{bom.version}", line) for line in bom_lines(session, bom.id)]
    return rows
