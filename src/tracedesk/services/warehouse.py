"""The warehouse leg: moving lots between locations, put-away, stock per location and plant, picking.

A move puts a whole lot somewhere else (`lot_moved`); moving a quantity first splits it off as
a child lot (`lot_split`, with its genealogy link) and then moves the child, both in one
transaction. Held, quarantined, rejected, suspect or expired lots go only into blocked
(quarantine) locations; anything else is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, Refused, TraceDeskError
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.rules import check_usable
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.eventlog import EventDraft
from tracedesk.db.location_tree import descendants, plants_by_location
from tracedesk.db.models import Item, Location, Lot
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_events
from tracedesk.services.locations import location_by_code
from tracedesk.services.lookup import item_by_code, location_code, lot_by_code, lot_info, lot_state, party_by_code
from tracedesk.services.numbering import mint_lot_codes
from tracedesk.services.permissions import Action, require

PURPOSES = ("move", "put_away", "pick")


@dataclass(frozen=True)
class MoveResult:
    """Where a lot (or the part split off it) is now."""

    lot: LotInfo
    moved_from: str | None
    moved_to: str
    split_from: str | None = None  # the lot a quantity was split off, when only part moved


def move_lot(
    session: Session,
    actor: Actor,
    *,
    lot: str,
    to: str,
    quantity: object | None = None,
    purpose: str = "move",
) -> MoveResult:
    """Move a lot, or a quantity of it (split off with genealogy), into a location; scanned or typed."""
    require(session, actor, Action.MOVE)
    if purpose not in PURPOSES:
        raise InvalidInput("A move is one of: {purposes}.", purposes=PURPOSES)
    the_lot = lot_by_code(session, lot)
    place = location_by_code(session, to)
    if the_lot.balance <= 0:
        raise Refused("Lot {lot} has nothing left to move (balance 0 {unit}).", lot=the_lot.code, unit=the_lot.unit)
    amount = the_lot.balance if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity)
    if amount > the_lot.balance:
        raise Refused(
            "Only {balance} {unit} of lot {lot} is left; {quantity} {unit} cannot be moved.",
            balance=the_lot.balance,
            unit=the_lot.unit,
            lot=the_lot.code,
            quantity=amount,
        )
    whole = amount == the_lot.balance
    if whole and the_lot.location_id == place.id:
        raise Refused("Lot {lot} is in {location} already.", lot=the_lot.code, location=place.code)
    check_may_enter(session, the_lot, place, today=actor.today)
    now = iso_utc(actor.now())
    origin = location_code(session, the_lot)
    drafts: list[EventDraft] = []
    moved, split_from = the_lot.code, None
    if not whole:
        ((child, minted),) = mint_lot_codes(session, actor, 1)
        drafts.append(
            EventDraft(
                "lot_split",
                {
                    "lot": the_lot.code,
                    "split_at": now,
                    "children": [{"lot": child, "quantity": format_quantity(amount), "minted": minted}],
                },
            )
        )
        moved, split_from = child, the_lot.code
    payload = {"lot": moved, "to": place.code, "quantity": format_quantity(amount), "moved_at": now, "purpose": purpose}
    if origin:
        payload["from"] = origin
    drafts.append(EventDraft("lot_moved", payload))
    apply_events(session, actor, drafts)
    return MoveResult(lot_info(session, lot_by_code(session, moved)), origin, place.code, split_from)


def put_away(session: Session, actor: Actor, *, lot: str, to: str) -> MoveResult:
    """The first move of a lot just received or produced, into its storage place."""
    return move_lot(session, actor, lot=lot, to=to, purpose="put_away")


def check_may_enter(session: Session, lot: Lot, place: Location, *, today: date) -> None:
    """Held, quarantined, rejected, suspect or expired lots only into a quarantine (blocked) location."""
    if place.blocked:
        return
    try:
        check_usable(
            lot_state(lot),
            today=today,
            action=msg("moved into {location}, which is not a quarantine location", location=place.code),
        )
    except TraceDeskError as refusal:
        raise Refused("{refusal} Move it into a blocked (quarantine) location.", refusal=refusal) from None


# --- stock per location and per plant -------------------------------------------------------


@dataclass(frozen=True)
class StockLine:
    """A lot's balance in one location, with the plant it lies in."""

    plant: str | None
    location: str | None
    lot: str
    item: str
    status: str
    balance: Decimal
    unit: str
    expiry: date | None
    blocked: bool = False


def stock_lines(
    session: Session, *, lot_ids: list[int] | None = None, location: str | None = None, item: str | None = None
) -> list[StockLine]:
    """On-hand lots (balance above 0) with location and plant; narrowed to lots, a location (and
    everything inside it) or an item."""
    stmt = (
        select(Lot.code, Item.code, Lot.status, Lot.balance, Lot.unit, Lot.expiry, Lot.location_id)
        .join(Item, Item.id == Lot.item_id)
        .where(Lot.balance > 0)
    )
    if lot_ids is not None:
        from tracedesk.db.id_sets import id_set

        stmt = stmt.where(Lot.id.in_(id_set(lot_ids)))
    if location is not None:
        stmt = stmt.where(Lot.location_id.in_(descendants(session, location_by_code(session, location))))
    if item is not None:
        stmt = stmt.where(Item.code == item_by_code(session, item).code)
    plants = plants_by_location(session)
    places = {loc.id: loc for loc in session.scalars(select(Location))}
    lines = []
    for code, item_code, status, balance, unit, expiry, location_id in session.execute(stmt):
        place = places.get(location_id) if location_id is not None else None
        plant = plants.get(location_id) if location_id is not None else None
        lines.append(
            StockLine(
                plant.code if plant else None,
                place.code if place else None,
                code,
                item_code,
                status,
                balance,
                unit,
                expiry,
                bool(place.blocked) if place else False,
            )
        )
    return sorted(lines, key=lambda x: (x.plant or "", x.location or "", x.item, x.lot))


def totals_by_location(lines: list[StockLine]) -> list[tuple[str | None, str | None, str, Decimal, str]]:
    """(plant, location, item, quantity, unit) summed over the lots."""
    totals: dict[tuple[str | None, str | None, str, str], Decimal] = {}
    for x in lines:
        key = (x.plant, x.location, x.item, x.unit)
        totals[key] = totals.get(key, Decimal(0)) + x.balance
    return [(p, loc, i, q, u) for (p, loc, i, u), q in sorted(totals.items(), key=lambda kv: tuple(v or "" for v in kv[0]))]


def totals_by_plant(lines: list[StockLine]) -> list[tuple[str | None, str, Decimal, str]]:
    """(plant, item, quantity, unit) summed over the lots."""
    totals: dict[tuple[str | None, str, str], Decimal] = {}
    for x in lines:
        key = (x.plant, x.item, x.unit)
        totals[key] = totals.get(key, Decimal(0)) + x.balance
    return [(p, i, q, u) for (p, i, u), q in sorted(totals.items(), key=lambda kv: tuple(v or "" for v in kv[0]))]


# --- picking for a shipment, first expired first out ---------------------------------------


@dataclass(frozen=True)
class PickLine:
    lot: str
    location: str | None
    quantity: Decimal
    unit: str
    expiry: date | None


def pick_list(session: Session, *, item: str, quantity: object, today: date, plant: str | None = None) -> list[PickLine]:
    """Which lots to pick, from which locations, for so much of an item: first expired, first out.

    Only usable stock is picked: released, unexpired, not suspect, not in a blocked location.
    Lots without an expiry come after those with one; ties go to the older lot (by code).
    """
    the_item = item_by_code(session, item)
    wanted = parse_quantity(quantity)
    scope = location_by_code(session, plant) if plant else None
    stmt = select(Lot).where(Lot.item_id == the_item.id, Lot.status == "released", Lot.balance > 0)
    if scope is not None:
        stmt = stmt.where(Lot.location_id.in_(descendants(session, scope)))
    candidates = sorted(session.scalars(stmt), key=lambda x: (x.expiry is None, x.expiry or date.max, x.code))
    blocked = set(session.scalars(select(Location.id).where(Location.blocked.is_(True))))
    lines: list[PickLine] = []
    left = wanted
    for lot in candidates:
        if left <= 0:
            break
        if lot.location_id in blocked or (lot.expiry is not None and lot.expiry < today):
            continue
        if lot_state(lot).suspect_reason:
            continue
        take = min(left, lot.balance)
        lines.append(PickLine(lot.code, location_code(session, lot), take, lot.unit, lot.expiry))
        left -= take
    if left > 0:
        available = wanted - left
        raise Refused(
            "Only {available} {unit} of {item} can be picked (released, unexpired, not blocked); {wanted} {unit} were asked for.",
            available=available,
            unit=the_item.unit,
            item=the_item.code,
            wanted=wanted,
        )
    return lines


def ship_picked(
    session: Session, actor: Actor, *, customer: str, document: str, picks: list[PickLine]
) -> list[tuple[str, Decimal, str | None]]:
    """Ship every line of a pick list from the location it was picked in; all or nothing."""
    from tracedesk.services.shipping import ship_lot

    require(session, actor, Action.SHIP)
    party_by_code(session, "customer", customer)
    document = clean_text(document, what="shipping document number", max_length=64)
    if not picks:
        raise InvalidInput("The pick list is empty; nothing to ship.")
    shipped = []
    for line in picks:
        lot = lot_by_code(session, line.lot)
        where = location_code(session, lot)
        if line.location is not None and where != line.location:
            raise Refused(
                "Lot {lot} was picked from {picked} but lies in {location} now; make the pick list again.",
                lot=lot.code,
                picked=line.location,
                location=where,
            )
        ship_lot(session, actor, lot=lot.code, customer=customer, document=document, quantity=line.quantity)
        shipped.append((lot.code, line.quantity, where))
    return shipped


# --- what happened to lots in the warehouse and after sales, for traces and histories -------


@dataclass(frozen=True)
class LotStep:
    """One warehouse or after-sales step of a lot: a move, a return, a scrap or destruction, a transfer."""

    at: datetime
    kind: str  # move | put_away | pick | returned | scrapped | destroyed | transfer_out | transfer_in
    lot: str
    quantity: Decimal
    unit: str
    source: str | None = None  # the location (or plant) it left
    target: str | None = None  # the location it went to, or the returned lot
    document: str | None = None
    party: str | None = None  # the customer of a return, the witness of a destruction
    note: str = ""
    seq: int = 0  # the event's place in this station's log: the order of steps recorded at one instant

    def describe(self) -> Message:
        day = self.at.date()
        if self.kind == "returned":
            return msg(
                "{day}  {lot}: {quantity} {unit} came back from {customer} under {document} as lot {returned} ({reason})",
                day=day,
                lot=self.lot,
                quantity=self.quantity,
                unit=self.unit,
                customer=self.party,
                document=self.document,
                returned=self.target,
                reason=self.note,
            )
        if self.kind == "scrapped":
            return msg(
                "{day}  {lot}: {quantity} {unit} scrapped ({reason})",
                day=day,
                lot=self.lot,
                quantity=self.quantity,
                unit=self.unit,
                reason=self.note,
            )
        if self.kind == "destroyed":
            return msg(
                "{day}  {lot}: {quantity} {unit} destroyed ({reason}), witnessed by {witness}",
                day=day,
                lot=self.lot,
                quantity=self.quantity,
                unit=self.unit,
                reason=self.note,
                witness=self.party,
            )
        if self.kind == "transfer_out":
            return msg(
                "{day}  {lot}: {quantity} {unit} sent from {source} to plant {target} under {document} (in transit)",
                day=day,
                lot=self.lot,
                quantity=self.quantity,
                unit=self.unit,
                source=self.source or "—",
                target=self.target,
                document=self.document,
            )
        if self.kind == "transfer_in":
            return msg(
                "{day}  {lot}: {quantity} {unit} received into {target} under {document}{note}",
                day=day,
                lot=self.lot,
                quantity=self.quantity,
                unit=self.unit,
                target=self.target,
                document=self.document,
                note=f" ({self.note})" if self.note else "",
            )
        return msg(
            "{day}  {lot}: {quantity} {unit} moved {source} -> {target}",
            day=day,
            lot=self.lot,
            quantity=self.quantity,
            unit=self.unit,
            source=self.source or "—",
            target=self.target,
        )


def lot_steps(session: Session, codes: list[str]) -> list[LotStep]:
    """The warehouse and after-sales steps of the given lots, oldest first."""
    from tracedesk.db.id_sets import id_set
    from tracedesk.db.models import CustomerReturn, LotMove, Party, Scrap, Transfer

    ids = dict(session.execute(select(Lot.id, Lot.code).where(Lot.code.in_(id_set(codes)))).all())
    if not ids:
        return []
    places = dict(session.execute(select(Location.id, Location.code)).all())
    units = dict(session.execute(select(Lot.id, Lot.unit).where(Lot.id.in_(id_set(list(ids))))).all())
    steps: list[LotStep] = []
    for move in session.scalars(select(LotMove).where(LotMove.lot_id.in_(id_set(list(ids))))):
        steps.append(
            LotStep(
                move.moved_at,
                move.purpose,
                ids[move.lot_id],
                move.quantity,
                units[move.lot_id],
                places.get(move.from_location_id) if move.from_location_id else None,
                places.get(move.to_location_id),
                seq=move.created_event,
            )
        )
    returns = session.execute(
        select(CustomerReturn, Party.code, Lot.code)
        .join(Party, Party.id == CustomerReturn.customer_id)
        .join(Lot, Lot.id == CustomerReturn.lot_id)
        .where(CustomerReturn.source_lot_id.in_(id_set(list(ids))) | CustomerReturn.lot_id.in_(id_set(list(ids))))
    )
    for back, customer, returned in returns:
        source = ids.get(back.source_lot_id) or session.scalar(select(Lot.code).where(Lot.id == back.source_lot_id)) or ""
        steps.append(
            LotStep(
                back.returned_at,
                "returned",
                source,
                back.quantity,
                back.unit,
                None,
                returned,
                back.document,
                customer,
                back.reason,
                back.created_event,
            )
        )
    for scrap in session.scalars(select(Scrap).where(Scrap.lot_id.in_(id_set(list(ids))))):
        steps.append(
            LotStep(
                scrap.scrapped_at,
                "destroyed" if scrap.destroyed else "scrapped",
                ids[scrap.lot_id],
                scrap.quantity,
                scrap.unit,
                places.get(scrap.location_id) if scrap.location_id else None,
                None,
                None,
                scrap.witness,
                scrap.reason,
                scrap.created_event,
            )
        )
    for transfer in session.scalars(select(Transfer).where(Transfer.lot_id.in_(id_set(list(ids))))):
        if transfer.shipped_at is not None:
            steps.append(
                LotStep(
                    transfer.shipped_at,
                    "transfer_out",
                    ids[transfer.lot_id],
                    transfer.quantity,
                    transfer.unit,
                    places.get(transfer.from_location_id) if transfer.from_location_id else None,
                    places.get(transfer.to_plant_id) if transfer.to_plant_id else None,
                    transfer.document,
                    seq=transfer.created_event,
                )
            )
        if transfer.received_at is not None and transfer.received_quantity is not None:
            steps.append(
                LotStep(
                    transfer.received_at,
                    "transfer_in",
                    ids[transfer.lot_id],
                    transfer.received_quantity,
                    transfer.unit,
                    None,
                    places.get(transfer.received_location_id) if transfer.received_location_id else None,
                    transfer.document,
                    None,
                    transfer.note,
                    # The receipt is recorded after the shipment (its own event, not kept in the row).
                    transfer.created_event,
                )
            )
    order = {"transfer_out": 0, "transfer_in": 1}
    return sorted(steps, key=lambda x: (x.at, x.seq, order.get(x.kind, 0)))
