"""The audit trail: events filtered by lot, user, station, type and time, and their CSV export.

Every entry is an event of the log as it was recorded; corrections appear as their own
events with the old and new values, never as edits of earlier entries.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.messages import Message, msg
from tracedesk.core.quantity import plain_text
from tracedesk.core.timeparse import iso_utc
from tracedesk.core.words import event_name, word
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event, EventLot, Lot
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.permissions import Action, require

CSV_COLUMNS = ("seq", "event_id", "recorded_at_utc", "local_time", "station", "user", "type", "lots", "summary", "payload")


@dataclass(frozen=True)
class AuditEntry:
    """One event as the audit trail shows it."""

    seq: int
    id: str
    station: str
    user: str
    recorded_at: datetime
    utc_offset_minutes: int
    type: str
    lots: tuple[str, ...]
    summary: Message
    payload: str

    @property
    def local_time(self) -> datetime:
        return self.recorded_at.astimezone(timezone(timedelta(minutes=self.utc_offset_minutes)))


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show; every field narrows, None means any."""

    lot: str | None = None
    user: str | None = None
    station: str | None = None
    types: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    limit: int | None = None
    newest_first: bool = False  # a viewer shows the latest events; exports keep log order


# The payload fields a summary names, as the reader calls them.
_FIELDS: dict[str, Callable[[Any], Message]] = {
    "reason": lambda v: msg("reason {value}", value=v),
    "result": lambda v: msg("result {value}", value=v),
    "order": lambda v: msg("order {value}", value=v),
    "customer": lambda v: msg("customer {value}", value=v),
    "document": lambda v: msg("document {value}", value=v),
    "quantity": lambda v: msg("quantity {value}", value=v),
    "recall": lambda v: msg("recall {value}", value=v),
    "complaint": lambda v: msg("complaint {value}", value=v),
    "code": lambda v: msg("code {value}", value=v),
}


# What a credential or sign-in event says (the payload holds no secret, only a commitment).
_SAYS: dict[str, Callable[[dict[str, Any]], Message]] = {
    "user_pin_changed": lambda p: msg("PIN of {user} changed", user=p.get("code", "")),
    "user_badge_changed": lambda p: (
        msg("badge of {user} given", user=p.get("code", ""))
        if p.get("badge") == "set"
        else msg("badge of {user} taken away", user=p.get("code", ""))
        if p.get("badge") == "removed"
        else msg("badge key of {user} salted", user=p.get("code", ""))
    ),
    "sign_in_failed": lambda p: msg("wrong PIN for {user}", user=p.get("user", "")),
    "log_redacted": lambda p: msg(
        "{count} {count|event|events} redacted by upgrade {migration}",
        count=len(p.get("events") or []),
        migration=p.get("migration", ""),
    ),
}


def _summary(event_type: str, payload: dict[str, Any]) -> Message:
    """A one-line reading of the payload; changes show old -> new."""
    if event_type in _SAYS:
        return _SAYS[event_type](payload)
    parts: list[Message | str] = []
    if "changes" in payload:
        parts += [f"{field}: {_short(old)} -> {_short(new)}" for field, (old, new) in payload["changes"].items()]
    for key, phrase in _FIELDS.items():
        if payload.get(key) not in (None, "", []):
            value = word(payload[key]) if key == "result" else payload[key]
            parts.append(phrase(value))
    if payload.get("signature"):
        sig = payload["signature"]
        parts.append(msg("signed by {signer} ({meaning})", signer=sig["signer"], meaning=sig["meaning"]))
    return msg("{parts}", parts=parts) if parts else msg("{event}", event=event_name(event_type))


def _short(value: Any) -> str:
    return plain_text(value)


def query_audit(session: Session, actor: Actor, flt: AuditFilter = AuditFilter()) -> list[AuditEntry]:
    """Events in log order that match the filter (the lot filter uses the lot-event index)."""
    require(session, actor, Action.VIEW_AUDIT)
    return audit_entries(session, flt)


def audit_entries(session: Session, flt: AuditFilter) -> list[AuditEntry]:
    """The query behind the audit trail, for reports that show a lot's own timeline."""
    stmt = select(Event).order_by(Event.seq.desc() if flt.newest_first else Event.seq)
    if flt.lot:
        lot = lot_by_code(session, flt.lot)
        stmt = stmt.where(Event.seq.in_(select(EventLot.event_seq).where(EventLot.lot_id == lot.id)))
    if flt.user:
        stmt = stmt.where(Event.user == flt.user.strip())
    if flt.station:
        stmt = stmt.where(Event.station == flt.station.strip())
    if flt.types:
        stmt = stmt.where(of_types(flt.types))
    if flt.since:
        stmt = stmt.where(Event.recorded_at >= flt.since)
    if flt.until:
        stmt = stmt.where(Event.recorded_at < flt.until)
    if flt.limit:
        stmt = stmt.limit(flt.limit)
    rows = list(session.scalars(stmt))
    lots = _lots_of(session, [r.seq for r in rows])
    entries = []
    for row in rows:
        payload = json.loads(row.payload)
        entries.append(
            AuditEntry(
                row.seq,
                row.id,
                row.station,
                row.user,
                row.recorded_at,
                row.utc_offset_minutes,
                row.type,
                tuple(lots.get(row.seq, ())),
                _summary(row.type, payload),
                row.payload,
            )
        )
    return entries


def _lots_of(session: Session, seqs: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for start in range(0, len(seqs), 900):
        part = seqs[start : start + 900]
        stmt = (
            select(EventLot.event_seq, Lot.code)
            .join(Lot, Lot.id == EventLot.lot_id)
            .where(EventLot.event_seq.in_(part))
            .order_by(Lot.code)
        )
        for seq, code in session.execute(stmt):
            found.setdefault(seq, []).append(code)
    return found


def write_audit_csv(entries: Iterable[AuditEntry], path: Path) -> int:
    """The entries as CSV (UTF-8 with BOM so spreadsheet programs read Chinese text right)."""
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for e in entries:
            writer.writerow(
                [
                    e.seq,
                    e.id,
                    iso_utc(e.recorded_at),
                    e.local_time.isoformat(timespec="seconds"),
                    e.station,
                    e.user,
                    e.type,
                    " ".join(e.lots),
                    e.summary,
                    e.payload,
                ]
            )
            count += 1
    return count
