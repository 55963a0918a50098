"""The after-sales leg: customer returns, rework, scrap and witnessed destruction.

A return is received against the shipment's document as a lot of its own (linked to the
shipped lot, so a trace and a recall follow it), in quarantine, in a quarantine location.
QA then decides: release it (services.quality), rework it (a work order whose input is the
returned or held lot and whose output is a new lot linked to it), or scrap it. A destruction
is scrap witnessed by a second signed-in person, whose signature is kept with the event.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import msg
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.eventlog import EventDraft
from tracedesk.db.models import CustomerReturn, Item, Party, Shipment
from tracedesk.db.rows import referenced
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event, apply_events
from tracedesk.services.locations import location_by_code
from tracedesk.services.lookup import item_by_code, location_code, lot_by_code, lot_info
from tracedesk.services.numbering import mint_lot_codes, next_order_number
from tracedesk.services.permissions import Action, require
from tracedesk.services.users import signature


def _reason(reason: str, what: str) -> str:
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        if what == "return":
            raise InvalidInput("Say why the customer sent it back (e.g. damaged, wrong item, recall).")
        raise InvalidInput("Say why the material is scrapped (e.g. damaged, expired, recall).")
    return reason


# --- returns ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReturnInfo:
    lot: LotInfo  # the returned lot, in quarantine
    source_lot: str
    customer: str
    document: str
    quantity: Decimal
    unit: str


def returnable(session: Session, lot: str, document: str) -> tuple[Decimal, Decimal, str]:
    """(shipped under the document, returned so far, customer) for a lot; NotFound when it was not shipped so."""
    the_lot = lot_by_code(session, lot)
    rows = session.execute(
        select(Shipment.quantity, Party.code)
        .join(Party, Party.id == Shipment.customer_id)
        .where(Shipment.lot_id == the_lot.id, Shipment.document == document.strip())
    ).all()
    if not rows:
        raise NotFound(
            "Lot {lot} was not shipped under document {document}; check the delivery note.", lot=the_lot.code, document=document
        )
    shipped = sum((q for q, _ in rows), Decimal(0))
    returned = sum(
        session.scalars(
            select(CustomerReturn.quantity).where(
                CustomerReturn.source_lot_id == the_lot.id, CustomerReturn.document == document.strip()
            )
        ),
        Decimal(0),
    )
    return shipped, returned, rows[0][1]


def receive_return(
    session: Session,
    actor: Actor,
    *,
    lot: str,
    document: str,
    quantity: object | None = None,
    reason: str,
    to: str | None = None,
) -> ReturnInfo:
    """Receive back a shipped lot, or part of it, against the shipment's document; it arrives in quarantine."""
    require(session, actor, Action.RECEIVE)
    document = clean_text(document, what="shipping document number", max_length=64)
    if not document:
        raise InvalidInput("A return is received against the shipment's document: give its number.")
    source = lot_by_code(session, lot)
    shipped, returned, customer = returnable(session, source.code, document)
    left = shipped - returned
    amount = left if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity)
    if amount > left or left <= 0:
        raise Refused(
            "Only {left} {unit} of lot {lot} shipped under {document} can still come back; {quantity} {unit} cannot.",
            left=left,
            unit=source.unit,
            lot=source.code,
            document=document,
            quantity=amount,
        )
    reason = _reason(reason, "return")
    place = location_by_code(session, to) if to else None
    if place is not None and not place.blocked:
        raise Refused("A return arrives in quarantine: {location} is not a quarantine (blocked) location.", location=place.code)
    ((code, minted),) = mint_lot_codes(session, actor, 1)
    payload = {
        "lot": code,
        "source_lot": source.code,
        "customer": customer,
        "document": document,
        "quantity": format_quantity(amount),
        "unit": source.unit,
        "reason": reason,
        "returned_at": iso_utc(actor.now()),
        "minted": minted,
    }
    if place is not None:
        payload["location"] = place.code
    apply_event(session, actor, "lot_returned", payload)
    return ReturnInfo(lot_info(session, lot_by_code(session, code)), source.code, customer, document, amount, source.unit)


# --- scrap and destruction --------------------------------------------------------------------


@dataclass(frozen=True)
class ScrapInfo:
    lot: LotInfo
    quantity: Decimal
    unit: str
    reason: str
    destroyed: bool
    witness: str | None


def scrap_lot(
    session: Session,
    actor: Actor,
    *,
    lot: str,
    reason: str,
    quantity: object | None = None,
    destroy: bool = False,
    witness: str | None = None,
    witness_pin: str | None = None,
) -> ScrapInfo:
    """Scrap a quantity of a lot (all of it by default); a destruction needs a second person's signature."""
    require(session, actor, Action.SCRAP)
    the_lot = lot_by_code(session, lot)
    if the_lot.balance <= 0:
        raise Refused("Lot {lot} has nothing left to scrap (balance 0 {unit}).", lot=the_lot.code, unit=the_lot.unit)
    amount = the_lot.balance if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity)
    if amount > the_lot.balance:
        raise Refused(
            "Only {balance} {unit} of lot {lot} is left; {quantity} {unit} cannot be scrapped.",
            balance=the_lot.balance,
            unit=the_lot.unit,
            lot=the_lot.code,
            quantity=amount,
        )
    reason = _reason(reason, "scrap")
    payload = {
        "lot": the_lot.code,
        "quantity": format_quantity(amount),
        "unit": the_lot.unit,
        "reason": reason,
        "destroyed": destroy,
        "scrapped_at": iso_utc(actor.now()),
    }
    if (where := location_code(session, the_lot)) is not None:
        payload["location"] = where
    if destroy:
        witness = (witness or "").strip()
        if not witness:
            raise Refused("A destruction is witnessed: a second user signs it with their PIN.")
        if witness == actor.user:
            raise Refused("The witness of a destruction is someone other than {user}, who records it.", user=actor.user)
        payload["witness"] = witness
        payload["signature"] = signature(
            session, replace(actor, user=witness), witness_pin, f"witnessed destruction: {format_quantity(amount)} {the_lot.unit}"
        )
    elif witness:
        raise InvalidInput("Only a destruction is witnessed; scrap without a witness, or destroy.")
    apply_event(session, actor, "lot_scrapped", payload)
    return ScrapInfo(lot_info(session, the_lot), amount, the_lot.unit, reason, destroy, witness if destroy else None)


# --- rework -------------------------------------------------------------------------------------


def rework_lot(
    session: Session,
    actor: Actor,
    *,
    lot: str,
    output_quantity: object,
    quantity: object | None = None,
    product: str | None = None,
    reason: str = "",
) -> LotInfo:
    """Rework a returned or held lot: a work order with the lot as its input and a new lot, linked to it,
    as its output. The new lot starts in quarantine in the input's location; QA releases it.
    """
    require(session, actor, Action.REWORK)
    source = lot_by_code(session, lot)
    if source.balance <= 0:
        raise Refused("Lot {lot} has nothing left to rework (balance 0 {unit}).", lot=source.code, unit=source.unit)
    if source.status == "released":
        raise Refused("Lot {lot} is released; rework takes a returned, held or quarantined lot.", lot=source.code)
    amount = source.balance if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity)
    if amount > source.balance:
        raise Refused(
            "Only {balance} {unit} of lot {lot} is left; {quantity} {unit} cannot be reworked.",
            balance=source.balance,
            unit=source.unit,
            lot=source.code,
            quantity=amount,
        )
    out = parse_quantity(output_quantity, what=msg("reworked quantity"))
    item = item_by_code(session, product) if product else referenced(session, Item, source.item_id)
    reason = clean_text(reason, what="reason", max_length=500)
    now = iso_utc(actor.now())
    number = next_order_number(session, actor)
    ((code, minted),) = mint_lot_codes(session, actor, 1)
    where = location_code(session, source)
    output = {
        "order": number,
        "lot": code,
        "item": item.code,
        "quantity": format_quantity(out),
        "unit": item.unit,
        "produced_at": now,
        "expiry": source.expiry.isoformat() if source.expiry else None,
        "status": "quarantine",
        "inputs": [source.code],
        "minted": minted,
    }
    if where:
        output["location"] = where
    apply_events(
        session,
        actor,
        [
            EventDraft(
                "order_created",
                {
                    "order": number,
                    "product": item.code,
                    "bom_version": None,
                    "quantity": format_quantity(out),
                    "unit": item.unit,
                    "line": "",
                    "equipment": "",
                    "operators": "",
                    "started_at": now,
                    "rework": True,
                    "reason": reason,
                },
            ),
            EventDraft(
                "lot_issued",
                {
                    "order": number,
                    "lot": source.code,
                    "quantity": format_quantity(amount),
                    "issued_at": now,
                    "operator": actor.user,
                },
            ),
            EventDraft("output_recorded", output),
            EventDraft("order_closed", {"order": number, "closed_at": now}),
        ],
    )
    return lot_info(session, lot_by_code(session, code))
