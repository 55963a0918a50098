"""Shipping: recording which lot left for which customer, under which document."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.rules import SHIPPED, check_quantity_available, check_usable
from tracedesk.core.timeparse import iso_utc
from tracedesk.services.dto import ShipmentInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import check_location_usable, location_code, lot_by_code, lot_state, party_by_code
from tracedesk.services.permissions import Action, require


def ship_lot(
    session: Session, actor: Actor, *, lot: str, customer: str, document: str, quantity: object | None = None
) -> ShipmentInfo:
    """Record a shipment of a released, unexpired lot (its whole balance when no quantity is given)."""
    require(session, actor, Action.SHIP)
    the_lot = lot_by_code(session, lot)
    party = party_by_code(session, "customer", customer)
    document = clean_text(document, what="shipping document number", max_length=64)
    if not document:
        raise InvalidInput("The shipping document number (delivery note) is missing.")
    state = lot_state(the_lot)
    check_usable(state, today=actor.today, action=SHIPPED)
    check_location_usable(session, the_lot.id, the_lot.code, action=SHIPPED)
    amount = the_lot.balance if quantity is None else parse_quantity(quantity)
    check_quantity_available(state, amount, action=SHIPPED)
    now = actor.now()
    apply_event(
        session,
        actor,
        "lot_shipped",
        {
            "lot": the_lot.code,
            "customer": party.code,
            "quantity": format_quantity(amount),
            "unit": the_lot.unit,
            "shipped_at": iso_utc(now),
            "document": document,
            # Where it was picked from (the lot's location), so the stock left per location is known.
            **({"location": where} if (where := location_code(session, the_lot)) else {}),
        },
    )
    return ShipmentInfo(the_lot.code, party.code, amount, the_lot.unit, now, document, party.name)
