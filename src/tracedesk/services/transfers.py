"""Transfers between plants of ours: shipped out of plant A, in transit (neither plant's stock),
received at plant B under the same lot code, with any difference in quantity recorded.

Both ends are events (`transfer_shipped`, `transfer_received`), so stations that share their
events see one lot, one genealogy and the lot in transit between the two. Without a shared log
the transfer travels as a file: an EPCIS 2.0 document of the shipment (a shipping ObjectEvent
whose extension carries the lot's master data), imported at the receiving plant, where the lot
is created under the same code and arrives in quarantine.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused, TraceDeskError
from tracedesk.core.messages import msg
from tracedesk.core.numbering import check_lot_code
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.rules import check_usable
from tracedesk.core.timeparse import from_iso_utc, iso_utc
from tracedesk.db.eventlog import EventDraft
from tracedesk.db.location_tree import plant_of
from tracedesk.db.models import Item, Location, Lot, Party, Transfer
from tracedesk.db.rows import referenced
from tracedesk.services.events import apply_events
from tracedesk.services.locations import location_by_code
from tracedesk.services.lookup import check_location_usable, location_code, lot_by_code, lot_state
from tracedesk.services.numbering import mint_lot_codes
from tracedesk.services.permissions import Action, require
from tracedesk.services.reports.epcis import CONTEXT, EXTENSION_CONTEXT, UOM

SENT = msg("sent to another plant")


@dataclass(frozen=True)
class TransferInfo:
    document: str
    lot: str
    quantity: Decimal
    unit: str
    from_plant: str | None
    to_plant: str | None
    status: str  # in_transit | received
    received_quantity: Decimal | None = None
    received_at_location: str | None = None
    difference: Decimal | None = None


def _info(session: Session, row: Transfer) -> TransferInfo:
    places = {loc.id: loc for loc in session.scalars(select(Location))}
    source = places.get(row.from_location_id) if row.from_location_id else None
    target = places.get(row.to_plant_id) if row.to_plant_id else None
    received = places.get(row.received_location_id) if row.received_location_id else None
    lot = referenced(session, Lot, row.lot_id)
    return TransferInfo(
        row.document,
        lot.code,
        row.quantity,
        row.unit,
        plant_of(session, source).code if source else None,
        target.code if target else (plant_of(session, received).code if received else None),
        "received" if row.received_at is not None else "in_transit",
        row.received_quantity,
        received.code if received else None,
        row.received_quantity - row.quantity if row.received_quantity is not None else None,
    )


def transfer_by_document(session: Session, document: str, lot: str | None = None) -> Transfer:
    """The transfer under this document number (and of this lot, when two stations used one number)."""
    stmt = select(Transfer).where(Transfer.document == document.strip())
    if lot:
        stmt = stmt.join(Lot, Lot.id == Transfer.lot_id).where(Lot.code == lot.strip())
    rows = list(session.scalars(stmt.order_by(Transfer.id)))
    if not rows:
        raise NotFound("There is no transfer '{document}'.", document=document.strip())
    if len(rows) > 1:
        codes = [referenced(session, Lot, row.lot_id).code for row in rows]
        raise Refused(
            "Two transfers were sent under {document} (lots {lots}); name the lot to receive.",
            document=document.strip(),
            lots=codes,
        )
    return rows[0]


def in_transit(session: Session) -> list[TransferInfo]:
    """Transfers shipped and not yet received: stock of neither plant."""
    rows = session.scalars(select(Transfer).where(Transfer.received_at.is_(None)).order_by(Transfer.document))
    return [_info(session, row) for row in rows]


def ship_transfer(
    session: Session, actor: Actor, *, lot: str, to_plant: str, document: str, quantity: object | None = None
) -> TransferInfo:
    """Ship a lot (or a quantity, split off first) out of its plant towards another plant of ours."""
    require(session, actor, Action.SHIP)
    the_lot = lot_by_code(session, lot)
    document = clean_text(document, what="transfer document number", max_length=64)
    if not document:
        raise InvalidInput("A transfer needs its document number (the delivery note between the plants).")
    if session.scalar(select(Transfer.id).where(Transfer.document == document)) is not None:
        raise Refused("A transfer {document} exists already; give the new transfer its own number.", document=document)
    target = location_by_code(session, to_plant)
    if target.kind != "plant":
        raise InvalidInput("{location} is not a plant; a transfer goes to a plant of ours.", location=target.code)
    if the_lot.location_id is None:
        raise Refused("Lot {lot} is in no location yet; put it away before it leaves the plant.", lot=the_lot.code)
    source = referenced(session, Location, the_lot.location_id)
    if plant_of(session, source).id == target.id:
        raise Refused("Lot {lot} is in plant {plant} already; move it instead.", lot=the_lot.code, plant=target.code)
    check_usable(lot_state(the_lot), today=actor.today, action=SENT)
    check_location_usable(session, the_lot.id, the_lot.code, action=SENT)
    amount = the_lot.balance if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity)
    if amount > the_lot.balance or the_lot.balance <= 0:
        raise Refused(
            "Only {balance} {unit} of lot {lot} is left; {quantity} {unit} cannot be sent.",
            balance=the_lot.balance,
            unit=the_lot.unit,
            lot=the_lot.code,
            quantity=amount,
        )
    now = iso_utc(actor.now())
    drafts: list[EventDraft] = []
    code = the_lot.code
    if amount < the_lot.balance:
        ((code, minted),) = mint_lot_codes(session, actor, 1)
        drafts.append(
            EventDraft(
                "lot_split",
                {
                    "lot": the_lot.code,
                    "split_at": now,
                    "children": [{"lot": code, "quantity": format_quantity(amount), "minted": minted}],
                },
            )
        )
    drafts.append(
        EventDraft(
            "transfer_shipped",
            {
                "transfer": document,
                "lot": code,
                "quantity": format_quantity(amount),
                "unit": the_lot.unit,
                "from": location_code(session, the_lot),
                "to_plant": target.code,
                "shipped_at": now,
            },
        )
    )
    apply_events(session, actor, drafts)
    return _info(session, transfer_by_document(session, document, code))


def receive_transfer(
    session: Session,
    actor: Actor,
    *,
    document: str,
    to: str,
    quantity: object | None = None,
    note: str = "",
    lot: str | None = None,
) -> TransferInfo:
    """Receive a transfer shipped by another plant of ours (recorded in this station's log) into a location."""
    require(session, actor, Action.RECEIVE)
    row = transfer_by_document(session, document, lot)
    if row.received_at is not None:
        raise Refused("Transfer {document} was received already.", document=row.document)
    moving = referenced(session, Lot, row.lot_id)
    place = location_by_code(session, to)
    target = referenced(session, Location, row.to_plant_id) if row.to_plant_id else None
    if target is not None and plant_of(session, place).id != target.id:
        raise Refused(
            "Transfer {document} goes to plant {plant}; {location} is not in it.",
            document=row.document,
            plant=target.code,
            location=place.code,
        )
    received = row.quantity if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity, allow_zero=True)
    payload = {
        "transfer": row.document,
        "lot": moving.code,
        "quantity": format_quantity(received),
        "shipped_quantity": format_quantity(row.quantity),
        "unit": row.unit,
        "location": place.code,
        "received_at": iso_utc(actor.now()),
        "note": _note(received, row.quantity, row.unit, note),
    }
    apply_events(session, actor, [EventDraft("transfer_received", payload)])
    return _info(session, transfer_by_document(session, row.document, moving.code))


def _note(received: Decimal, shipped: Decimal, unit: str, note: str) -> str:
    note = clean_text(note, what="note", max_length=300)
    if received == shipped:
        return note
    difference = received - shipped
    said = f"{'+' if difference > 0 else '-'}{format_quantity(abs(difference))} {unit}"
    return f"{said}; {note}" if note else said


# --- a transfer carried by a file (no shared log between the plants) ---------------------------


def transfer_document(session: Session, document: str, lot: str | None = None) -> dict[str, Any]:
    """The EPCIS 2.0 document of a transfer's shipment, with the lot's master data to create it at the other plant."""
    row = transfer_by_document(session, document, lot)
    the_lot = referenced(session, Lot, row.lot_id)
    item = referenced(session, Item, the_lot.item_id)
    supplier = session.get(Party, the_lot.supplier_id) if the_lot.supplier_id else None
    info = _info(session, row)
    source = session.get(Location, row.from_location_id) if row.from_location_id else None
    plant = plant_of(session, source) if source else None
    target = session.get(Location, row.to_plant_id) if row.to_plant_id else None
    quantity: dict[str, Any] = {"epcClass": f"urn:tracedesk:lot:{the_lot.code}", "quantity": float(row.quantity)}
    if row.unit.lower() in UOM:
        quantity["uom"] = UOM[row.unit.lower()]
    shipped_at = row.shipped_at.isoformat() if row.shipped_at else iso_utc(the_lot.received_at or the_lot.produced_at)  # type: ignore[arg-type]
    event: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventTime": shipped_at,
        "eventTimeZoneOffset": "+00:00",
        "action": "OBSERVE",
        "bizStep": "shipping",
        "disposition": "in_transit",
        "quantityList": [quantity],
        "readPoint": {"id": f"urn:tracedesk:location:{source.code}" if source else "urn:tracedesk:location:unknown"},
        "bizTransactionList": [{"type": "desadv", "bizTransaction": f"urn:tracedesk:transfer:{row.document}"}],
        "sourceList": [{"type": "location", "source": _place(plant)}],
        "destinationList": [{"type": "location", "destination": _place(target)}],
        "tracedesk:transfer": {
            "document": row.document,
            "lot": the_lot.code,
            "item": item.code,
            "itemName": item.name,
            "unit": row.unit,
            "quantity": format_quantity(row.quantity),
            "fromPlant": info.from_plant,
            "toPlant": info.to_plant,
            "shippedAt": shipped_at,
            "supplier": supplier.code if supplier else None,
            "supplierLot": the_lot.supplier_lot,
            "manufacturerLot": the_lot.manufacturer_lot,
            "expiry": the_lot.expiry.isoformat() if the_lot.expiry else None,
            "bestBefore": the_lot.best_before.isoformat() if the_lot.best_before else None,
            "manufacturedOn": the_lot.manufactured_on.isoformat() if the_lot.manufactured_on else None,
        },
    }
    return {
        "@context": [CONTEXT, EXTENSION_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": shipped_at,
        "epcisBody": {"eventList": [event]},
    }


def _place(location: Location | None) -> str:
    if location is None:
        return "urn:tracedesk:location:unknown"
    if location.gln:
        return f"urn:epc:id:sgln:{location.gln}"  # the plain GLN form; readers resolve it by the GLN
    return f"urn:tracedesk:location:{location.code}"


def write_transfer_document(session: Session, document: str, path: Path, lot: str | None = None) -> Path:
    data = transfer_document(session, document, lot)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)
    return path


def _read_transfer(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput("{name} cannot be read as an EPCIS document: {error}.", name=Path(path).name, error=error) from None
    try:
        events = data["epcisBody"]["eventList"]
        found = [e["tracedesk:transfer"] for e in events if isinstance(e, dict) and "tracedesk:transfer" in e]
    except (KeyError, TypeError):
        found = []
    if len(found) != 1 or not isinstance(found[0], dict):
        raise InvalidInput(
            "{name} holds no transfer between plants of ours (one shipping event with its lot).", name=Path(path).name
        )
    transfer: dict[str, Any] = found[0]
    return transfer


def receive_transfer_file(
    session: Session, actor: Actor, *, path: Path, to: str, quantity: object | None = None, note: str = ""
) -> TransferInfo:
    """Receive a transfer from the EPCIS document the sending plant wrote: the lot keeps its code."""
    require(session, actor, Action.RECEIVE)
    data = _read_transfer(path)
    try:
        document = clean_text(data["document"], what="transfer document number", max_length=64)
        lot_code = check_lot_code(str(data["lot"]))
        shipped = parse_quantity(data["quantity"])
        unit = clean_text(data["unit"], what="unit", max_length=16)
        shipped_at = from_iso_utc(str(data["shippedAt"]))
        expiry = date.fromisoformat(data["expiry"]) if data.get("expiry") else None
    except (KeyError, ValueError, TypeError, TraceDeskError) as error:
        raise InvalidInput("{name}: the transfer is incomplete or wrong ({error}).", name=Path(path).name, error=error) from None
    existing = session.scalar(
        select(Transfer).join(Lot, Lot.id == Transfer.lot_id).where(Transfer.document == document, Lot.code == lot_code)
    )
    if existing is not None:
        # The sending plant's events are here too (a shared log): receive it as any transfer.
        if existing.received_at is not None:
            raise Refused("Transfer {document} was received already.", document=document)
        return receive_transfer(session, actor, document=document, to=to, quantity=quantity, note=note, lot=lot_code)
    item = session.scalar(select(Item).where(Item.code == str(data.get("item", ""))))
    if item is None:
        raise NotFound(
            "The item {item} of transfer {document} is not in this plant's item master; add it first.",
            item=data.get("item"),
            document=document,
        )
    if session.scalar(select(Lot.id).where(Lot.code == lot_code)) is not None:
        raise Refused(
            "A lot {code} already exists here; transfer {document} cannot create it again.", code=lot_code, document=document
        )
    place = location_by_code(session, to)
    target_plant = str(data.get("toPlant") or "")
    if target_plant and plant_of(session, place).code != target_plant:
        raise Refused(
            "Transfer {document} goes to plant {plant}; {location} is not in it.",
            document=document,
            plant=target_plant,
            location=place.code,
        )
    received = shipped if quantity is None or str(quantity).strip() == "" else parse_quantity(quantity, allow_zero=True)
    supplier = data.get("supplier")
    payload = {
        "transfer": document,
        "lot": lot_code,
        "quantity": format_quantity(received),
        "shipped_quantity": format_quantity(shipped),
        "unit": unit,
        "location": place.code,
        "received_at": iso_utc(actor.now()),
        "note": _note(received, shipped, unit, note),
        # The lot as the sending plant knows it: created here under the same code, in quarantine.
        "carried": {
            "item": item.code,
            "from_plant": data.get("fromPlant"),
            "shipped_at": iso_utc(shipped_at),
            "supplier": supplier
            if supplier and session.scalar(select(Party.id).where(Party.kind == "supplier", Party.code == supplier))
            else None,
            "supplier_lot": data.get("supplierLot"),
            "manufacturer_lot": data.get("manufacturerLot"),
            "expiry": expiry.isoformat() if expiry else None,
            "best_before": data.get("bestBefore"),
            "manufactured_on": data.get("manufacturedOn"),
        },
    }
    apply_events(session, actor, [EventDraft("transfer_received", payload)])
    return _info(session, transfer_by_document(session, document, lot_code))
