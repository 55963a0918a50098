"""A lot's history as a timeline: every event that concerns it, who did it, when, where, and what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.db.models import Event, EventLot, Station
from tracedesk.services.lookup import lot_by_code


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the timeline; `summary` is an English sentence the GUI may show as is."""

    seq: int
    type: str
    recorded_at: datetime  # aware, UTC
    utc_offset_minutes: int
    user: str
    station: str
    station_name: str
    summary: str
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


def describe(event_type: str, p: dict[str, Any], lot: str, unit: str = "") -> str:
    """A short sentence for an event as seen from `lot` (whose unit an issue's payload omits)."""
    q = f"{p.get('quantity', '')} {p.get('unit', '')}".strip()
    if event_type == "lot_received":
        extra = f", PO {p['po']}" if p.get("po") else ""
        return f"Received {q} from {p.get('supplier')} (supplier lot {p.get('supplier_lot')}{extra}) into quarantine."
    if event_type == "lot_issued":
        if p.get("lot") == lot:
            return f"Issued {p.get('quantity')} {unit} to work order {p.get('order')}.".replace("  ", " ")
        return f"Lot {p.get('lot')} issued to work order {p.get('order')}."
    if event_type == "output_recorded":
        return f"Produced {q} on work order {p.get('order')}."
    if event_type == "lot_shipped":
        return f"Shipped {q} to {p.get('customer')}, document {p.get('document')}."
    if event_type == "lot_split":
        if p.get("lot") == lot:
            children = ", ".join(c.get("lot", "") for c in p.get("children", []))
            return f"Split into {children}."
        return f"Split off from lot {p.get('lot')}."
    if event_type == "lot_inspected":
        notes = f": {p['notes']}" if p.get("notes") else ""
        return f"Inspected, result {p.get('result')}{notes}."
    if event_type == "lot_released":
        return f"Released ({p.get('reason')})."
    if event_type == "lot_rejected":
        return f"Rejected ({p.get('reason')})."
    if event_type == "lot_held":
        return f"Put on hold ({p.get('reason')})."
    if event_type == "hold_released":
        return f"Hold lifted ({p.get('reason')})."
    if event_type == "lot_adjusted":
        return f"Quantity adjusted by {p.get('delta')} ({p.get('reason')})."
    if event_type == "label_printed":
        return f"Label printed ({p.get('template')}, {p.get('format', '').upper()}) on {p.get('printer')}."
    return event_type.replace("_", " ").capitalize() + "."
