"""Finding rows by the codes people use, with a clear NotFound when there is none."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from tracedesk.core.errors import NotFound, Refused
from tracedesk.core.messages import Message
from tracedesk.core.rules import LotState
from tracedesk.core.status import LotStatus
from tracedesk.core.words import word
from tracedesk.db.hold_queries import describe, suspicions_of
from tracedesk.db.id_sets import id_set
from tracedesk.db.models import Item, Lot, Party, User, WorkOrder
from tracedesk.db.rows import referenced
from tracedesk.services.dto import LotInfo


def no_lot(code: str) -> NotFound:
    """The refusal for a lot code nobody recorded: one sentence wherever a lot is looked up."""
    return NotFound("There is no lot '{code}'; check the code or scan the label again.", code=code.strip())


def no_order(number: str) -> NotFound:
    """The refusal for a work order number nobody opened."""
    return NotFound("There is no work order '{number}'.", number=number.strip())


def lot_codes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """id -> code of the given lots, in one statement however many."""
    return dict(session.execute(select(Lot.id, Lot.code).where(Lot.id.in_(id_set(ids)))).all())


def lot_ids_of(session: Session, codes: Iterable[str]) -> dict[int, str]:
    """id -> code of the lots among `codes` that exist, in one statement however many."""
    return dict(session.execute(select(Lot.id, Lot.code).where(Lot.code.in_(id_set(codes)))).all())


def lot_by_code(session: Session, code: str) -> Lot:
    lot = session.scalar(select(Lot).where(Lot.code == code.strip()))
    if lot is None:
        raise no_lot(code)
    return lot


def item_by_code(session: Session, code: str) -> Item:
    item = session.scalar(select(Item).where(Item.code == code.strip()))
    if item is None:
        raise NotFound("There is no item '{code}' in the item master.", code=code.strip())
    return item


def party_by_code(session: Session, kind: str, code: str) -> Party:
    party = session.scalar(select(Party).where(Party.kind == kind, Party.code == code.strip()))
    if party is None:
        raise NotFound("There is no {kind} '{code}'; add it under master data first.", kind=word(kind), code=code.strip())
    return party


def order_by_number(session: Session, number: str) -> WorkOrder:
    order = session.scalar(select(WorkOrder).where(WorkOrder.number == number.strip()))
    if order is None:
        raise no_order(number)
    return order


def user_by_code(session: Session, code: str) -> User:
    user = session.scalar(select(User).where(User.code == code.strip()))
    if user is None:
        raise NotFound("There is no user '{code}'.", code=code.strip())
    return user


def suspect_reason(session: Session, lot_id: int) -> Message | None:
    """Why a lot is blocked by a hold on something it was made from (None when it is not)."""
    return describe(suspicions_of(session, lot_id))


def lot_state(lot: Lot) -> LotState:
    """What the pure rules in core need to judge a lot (holds on its ancestors included)."""
    session = object_session(lot)
    suspect = suspect_reason(session, lot.id) if session is not None else None
    return LotState(lot.code, LotStatus(lot.status), lot.balance, lot.unit, lot.expiry, lot.hold_reason, suspect)


def check_location_usable(session: Session, lot_id: int, code: str, *, action: Message) -> None:
    """Stock in a blocked location (a quarantine cage) is not used: refuse, naming the place."""
    from tracedesk.db.models import Location

    place = session.scalar(
        select(Location.code).join(Lot, Lot.location_id == Location.id).where(Lot.id == lot_id, Location.blocked.is_(True))
    )
    refuse_blocked_location(place, code, action=action)


def refuse_blocked_location(place: str | None, code: str, *, action: Message) -> None:
    """Refuse to use lot `code` when it lies in `place`, a blocked location (None: it does not)."""
    if place is not None:
        raise Refused(
            "Lot {lot} lies in {location}, a blocked location — not {action}. Move it out once QA allows.",
            lot=code,
            location=place,
            action=action,
        )


def location_code(session: Session, lot: Lot) -> str | None:
    """The code of the location a lot lies in (None when it was never placed)."""
    from tracedesk.db.models import Location

    place = session.get(Location, lot.location_id) if lot.location_id else None
    return place.code if place else None


def lot_info(session: Session, lot: Lot) -> LotInfo:
    """The DTO of a lot, with its item, supplier and order resolved."""
    item = referenced(session, Item, lot.item_id)
    supplier = session.get(Party, lot.supplier_id) if lot.supplier_id else None
    order = session.get(WorkOrder, lot.order_id) if lot.order_id else None
    location = plant = None
    if lot.location_id:
        from tracedesk.db.location_tree import plant_of
        from tracedesk.db.models import Location

        loc = session.get(Location, lot.location_id)
        location = loc.code if loc else None
        plant = plant_of(session, loc).code if loc else None
    return LotInfo(
        code=lot.code,
        item=item.code,
        item_name=item.name,
        quantity=lot.quantity,
        balance=lot.balance,
        unit=lot.unit,
        status=lot.status,
        origin=lot.origin,
        supplier=supplier.code if supplier else None,
        supplier_name=supplier.name if supplier else None,
        supplier_lot=lot.supplier_lot,
        manufacturer_lot=lot.manufacturer_lot,
        po=lot.po,
        order=order.number if order else None,
        received_at=lot.received_at,
        produced_at=lot.produced_at,
        expiry=lot.expiry,
        hold_reason=lot.hold_reason,
        gtin=item.gtin,
        location=location,
        plant=plant,
        suspect_reason=suspect_reason(session, lot.id),
    )
