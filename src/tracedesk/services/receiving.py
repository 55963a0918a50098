"""Receiving: registering incoming material as a lot, in quarantine until QA releases it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.core.numbering import check_lot_code
from tracedesk.core.parsing import check_expiry, check_past_date, clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.status import LotStatus
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.models import Location, Lot
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import item_by_code, lot_by_code, lot_info, party_by_code
from tracedesk.services.notice_lines import differences, notice_line
from tracedesk.services.numbering import mint_lot_codes
from tracedesk.services.permissions import Action, require


@dataclass(frozen=True)
class ReceiveRequest:
    """What the clerk scanned and typed for one incoming lot."""

    item: str
    quantity: object
    supplier: str
    supplier_lot: str
    po: str | None = None
    expiry: date | None = None
    manufactured_on: date | None = None
    manufacturer_lot: str | None = None
    lot_code: str | None = None
    containers: int = 1
    location: str | None = None
    best_before: date | None = None
    # The advance-notice line the clerk received against (see services.notices), if any.
    notice_line: str | None = None


def register_received_lot(session: Session, request: ReceiveRequest, actor: Actor) -> LotInfo:
    """Record a received lot (code minted from the station's rule unless given); it starts in quarantine."""
    require(session, actor, Action.RECEIVE)
    item = item_by_code(session, request.item)
    supplier = party_by_code(session, "supplier", request.supplier)
    quantity = parse_quantity(request.quantity)
    supplier_lot = clean_text(request.supplier_lot, what="supplier lot", max_length=64)
    if not supplier_lot:
        raise InvalidInput("The supplier's lot number is missing; scan or type it from the supplier's label.")
    manufacturer_lot = clean_text(request.manufacturer_lot, what="manufacturer lot", max_length=64)
    po = clean_text(request.po, what="purchase order", max_length=64)
    if request.manufactured_on is not None:
        check_past_date(request.manufactured_on, today=actor.today, what="manufacturing date")
    if request.expiry is not None:
        check_expiry(request.expiry, today=actor.today)
    if not 1 <= request.containers <= 999:
        raise InvalidInput("The number of containers must be between 1 and 999.")
    if item.tracking == "serial" and quantity != 1:
        raise InvalidInput("{item} is tracked by serial number: each serial is received as quantity 1.", item=item.code)
    line = notice_line(session, request.notice_line) if request.notice_line else None
    # Against a notice, what the form left empty comes from the notice's lot master data.
    manufactured_on = request.manufactured_on or (line.production_date if line else None)
    best_before = request.best_before or (line.best_before if line else None)
    expiry = request.expiry or (line.expiry if line else None)
    if expiry is None and item.shelf_life_days:
        expiry = (manufactured_on or actor.today) + timedelta(days=item.shelf_life_days)
    if expiry is not None and expiry < actor.today:
        raise Refused("The expiry date {expiry} has passed: expired material is not received.", expiry=expiry)
    if request.lot_code:
        code, minted = check_lot_code(request.lot_code), None
        if session.scalar(select(Lot.id).where(Lot.code == code)) is not None:
            raise Refused("A lot {code} already exists; leave the code empty to get a new one.", code=code)
    else:
        code, minted = mint_lot_codes(session, actor, 1)[0]
    if request.location:
        if session.scalar(select(Location.id).where(Location.code == request.location)) is None:
            raise InvalidInput("There is no location '{location}'.", location=request.location)
    against: dict[str, object] = {}
    if line is not None:
        found = differences(
            line, item=item.code, supplier_lot=supplier_lot, quantity=quantity, expiry=expiry, supplier=supplier.code
        )
        against = {"notice_line": line.key, "despatch": line.despatch, "differences": found}
    apply_event(
        session,
        actor,
        "lot_received",
        {
            "lot": code,
            "item": item.code,
            "quantity": format_quantity(quantity),
            "unit": item.unit,
            "supplier": supplier.code,
            "supplier_lot": supplier_lot,
            "manufacturer_lot": manufacturer_lot or None,
            "po": po or None,
            "received_at": iso_utc(actor.now()),
            "manufactured_on": manufactured_on.isoformat() if manufactured_on else None,
            "expiry": expiry.isoformat() if expiry else None,
            "best_before": best_before.isoformat() if best_before else None,
            "location": request.location or None,
            "status": LotStatus.QUARANTINE.value,
            "containers": request.containers,
            "minted": minted,
            **against,
        },
    )
    return lot_info(session, lot_by_code(session, code))
