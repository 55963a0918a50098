"""A lot's history as a timeline: every event that concerns it, who did it, when, where, and what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.messages import Message, msg
from tracedesk.core.words import event_name, word
from tracedesk.db.models import Event, EventLot, Station
from tracedesk.services.lookup import lot_by_code


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the timeline; `summary` is a sentence rendered in the reader's language."""

    seq: int
    type: str
    recorded_at: datetime  # aware, UTC
    utc_offset_minutes: int
    user: str
    station: str
    station_name: str
    summary: Message
    payload: dict[str, Any]

    @property
    def local_time(self) -> datetime:
        """The time as the station that recorded it saw it."""
        return self.recorded_at.astimezone(timezone(timedelta(minutes=self.utc_offset_minutes)))


def lot_history(session: Session, code: str) -> list[HistoryEntry]:
    """The events of a lot (via the `event_lots` index), oldest first."""
    lot = lot_by_code(session, code)
    stations = {s.code: s.name for s in session.scalars(select(Station))}
    rows = session.scalars(
        select(Event).join(EventLot, EventLot.event_seq == Event.seq).where(EventLot.lot_id == lot.id).order_by(Event.seq)
    )
    entries = []
    for event in rows:
        payload = json.loads(event.payload)
        recorded = event.recorded_at if event.recorded_at.tzinfo else event.recorded_at.replace(tzinfo=UTC)
        entries.append(
            HistoryEntry(
                event.seq,
                event.type,
                recorded,
                event.utc_offset_minutes,
                event.user,
                event.station,
                stations.get(event.station, event.station),
                describe(event.type, payload, lot.code, lot.unit),
                payload,
            )
        )
    return entries


def _quantity(value: object) -> Decimal | str:
    """A payload quantity as a number (so it is written without exponent or trailing zeros)."""
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value or "")


def describe(event_type: str, p: dict[str, Any], lot: str, unit: str = "") -> Message:
    """A short sentence for an event as seen from `lot` (whose unit an issue's payload omits)."""
    q, u = _quantity(p.get("quantity", "")), p.get("unit", "") or unit
    if event_type == "lot_received":
        if p.get("po"):
            return msg(
                "Received {quantity} {unit} from {supplier} (supplier lot {supplier_lot}, PO {po}) into quarantine.",
                quantity=q,
                unit=u,
                supplier=p.get("supplier"),
                supplier_lot=p.get("supplier_lot"),
                po=p["po"],
            )
        return msg(
            "Received {quantity} {unit} from {supplier} (supplier lot {supplier_lot}) into quarantine.",
            quantity=q,
            unit=u,
            supplier=p.get("supplier"),
            supplier_lot=p.get("supplier_lot"),
        )
    if event_type == "lot_issued":
        if p.get("lot") == lot:
            over = p.get("over_issue")
            if isinstance(over, dict):
                return msg(
                    "Issued {quantity} {unit} to work order {order}, more than the {outstanding} {unit} it still needed "
                    "({reason}).",
                    quantity=q,
                    unit=u,
                    order=p.get("order"),
                    outstanding=_quantity(over.get("outstanding")),
                    reason=over.get("reason"),
                )
            return msg("Issued {quantity} {unit} to work order {order}.", quantity=q, unit=u, order=p.get("order"))
        return msg("Lot {lot} issued to work order {order}.", lot=p.get("lot"), order=p.get("order"))
    if event_type == "output_recorded":
        return msg("Produced {quantity} {unit} on work order {order}.", quantity=q, unit=u, order=p.get("order"))
    if event_type == "lot_shipped":
        return msg(
            "Shipped {quantity} {unit} to {customer}, document {document}.",
            quantity=q,
            unit=u,
            customer=p.get("customer"),
            document=p.get("document"),
        )
    if event_type == "lot_split":
        if p.get("lot") == lot:
            return msg("Split into {lots}.", lots=[c.get("lot", "") for c in p.get("children", [])])
        return msg("Split off from lot {lot}.", lot=p.get("lot"))
    if event_type == "lot_inspected":
        if p.get("notes"):
            return msg("Inspected, result {result}: {notes}.", result=word(p.get("result")), notes=p["notes"])
        return msg("Inspected, result {result}.", result=word(p.get("result")))
    reason = p.get("reason")
    if event_type == "lot_moved":
        if p.get("from"):
            return msg(
                "Moved {quantity} {unit} from {source} to {target}.", quantity=q, unit=u, source=p["from"], target=p.get("to")
            )
        return msg("Put into {target} ({quantity} {unit}).", quantity=q, unit=u, target=p.get("to"))
    if event_type == "lot_returned":
        if p.get("lot") == lot:
            return msg(
                "Came back from {customer} under {document} (returned from lot {source}): {reason}.",
                customer=p.get("customer"),
                document=p.get("document"),
                source=p.get("source_lot"),
                reason=reason,
            )
        return msg(
            "{quantity} {unit} came back from {customer} under {document} as lot {returned}: {reason}.",
            quantity=q,
            unit=u,
            customer=p.get("customer"),
            document=p.get("document"),
            returned=p.get("lot"),
            reason=reason,
        )
    if event_type == "lot_scrapped":
        if p.get("destroyed"):
            return msg(
                "Destroyed {quantity} {unit} ({reason}), witnessed by {witness}.",
                quantity=q,
                unit=u,
                reason=reason,
                witness=p.get("witness"),
            )
        return msg("Scrapped {quantity} {unit} ({reason}).", quantity=q, unit=u, reason=reason)
    if event_type == "transfer_shipped":
        return msg(
            "Sent {quantity} {unit} to plant {plant} under {document} (in transit).",
            quantity=q,
            unit=u,
            plant=p.get("to_plant"),
            document=p.get("transfer"),
        )
    if event_type == "transfer_received":
        return msg(
            "Received {quantity} {unit} into {location} under transfer {document}.",
            quantity=q,
            unit=u,
            location=p.get("location"),
            document=p.get("transfer"),
        )
    if event_type == "lot_released":
        return msg("Released ({reason}).", reason=reason)
    if event_type == "lot_rejected":
        return msg("Rejected ({reason}).", reason=reason)
    if event_type == "lot_held":
        return msg("Put on hold ({reason}).", reason=reason)
    if event_type == "hold_released":
        return msg("Hold lifted ({reason}).", reason=reason)
    if event_type == "lot_adjusted":
        return msg("Quantity adjusted by {delta} ({reason}).", delta=_quantity(p.get("delta")), reason=reason)
    if event_type == "label_printed":
        printer = str(p.get("printer") or "")
        # A saved file is recorded as "file:NAME"; the window wrote "PDF file NAME" before, in English.
        for prefix in ("file:", "PDF file "):
            if printer.startswith(prefix):
                return msg(
                    "Label saved ({template}, {format}) to the file {file}.",
                    template=p.get("template"),
                    format=str(p.get("format", "")).upper(),
                    file=printer.removeprefix(prefix),
                )
        return msg(
            "Label printed ({template}, {format}) on {printer}.",
            template=p.get("template"),
            format=str(p.get("format", "")).upper(),
            printer=p.get("printer"),
        )
    return msg("{event}.", event=event_name(event_type))
