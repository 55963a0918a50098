"""Conflicts between stations for QA: listing them, the ones a scanned lot has, and resolving one (signed)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.parsing import clean_text
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.models import Conflict, ConflictResolution
from tracedesk.services.events import apply_event
from tracedesk.services.permissions import Action, require
from tracedesk.services.users import signature

OPEN = "open"
RESOLVED = "resolved"


@dataclass(frozen=True)
class ConflictInfo:
    """One conflict as QA reads it (and as `tracedesk conflicts --json` prints it)."""

    id: str
    kind: str
    lots: tuple[str, ...]
    stations: tuple[str, ...]
    events: tuple[str, ...]
    detected_at: datetime
    status: str
    note: str = ""
    resolved_by: str = ""
    resolved_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def _info(row: Conflict, resolution: ConflictResolution | None) -> ConflictInfo:
    return ConflictInfo(
        row.code,
        row.kind,
        tuple(json.loads(row.lots)),
        tuple(json.loads(row.stations)),
        tuple(json.loads(row.events)),
        row.detected_at,
        RESOLVED if resolution is not None else OPEN,
        resolution.note if resolution is not None else "",
        resolution.resolved_by if resolution is not None else "",
        resolution.resolved_at if resolution is not None else None,
    )


def list_conflicts(session: Session, *, open_only: bool = False) -> list[ConflictInfo]:
    """Every conflict, newest first (open ones only when asked)."""
    rows = session.execute(
        select(Conflict, ConflictResolution)
        .outerjoin(ConflictResolution, ConflictResolution.conflict == Conflict.code)
        .order_by(Conflict.detected_at.desc(), Conflict.code)
    ).all()
    found = [_info(row, resolution) for row, resolution in rows]
    return [c for c in found if c.is_open] if open_only else found


def open_conflicts_of(session: Session, lots: list[str]) -> dict[str, list[ConflictInfo]]:
    """The open conflicts each of these lots is part of (a scan's banner asks)."""
    wanted = set(lots)
    if not wanted:
        return {}
    found: dict[str, list[ConflictInfo]] = {}
    for conflict in list_conflicts(session, open_only=True):
        for lot in wanted.intersection(conflict.lots):
            found.setdefault(lot, []).append(conflict)
    return found


def resolve_conflict(session: Session, actor: Actor, *, conflict: str, note: str, pin: str | None) -> ConflictInfo:
    """QA's decision on a conflict, with a note, signed with the PIN; it travels to every station."""
    require(session, actor, Action.RESOLVE_CONFLICTS)
    code = conflict.strip().upper()
    row = session.get(Conflict, code)
    if row is None:
        raise NotFound("There is no conflict {conflict}; `tracedesk conflicts` lists them.", conflict=conflict.strip())
    if session.get(ConflictResolution, code) is not None:
        raise Refused("Conflict {conflict} is resolved already.", conflict=code)
    note = clean_text(note, what="note", max_length=2000, multiline=True)
    if not note:
        raise InvalidInput("Say how conflict {conflict} was settled; the note is kept with it.", conflict=code)
    signed = signature(session, actor, pin, f"conflict resolved: {note}")
    # The conflict as this station sees it travels with the decision: a station where its cause
    # was already gone when the decision arrives shows the same resolved conflict.
    described = {
        "kind": row.kind,
        "subject": row.subject,
        "lots": json.loads(row.lots),
        "stations": json.loads(row.stations),
        "events": json.loads(row.events),
        "detected_at": iso_utc(row.detected_at),
    }
    apply_event(session, actor, "conflict_resolved", {"conflict": code, **described, "note": note, "signature": signed})
    resolved = session.get(ConflictResolution, code)
    return _info(referenced_conflict(session, code), resolved)


def referenced_conflict(session: Session, code: str) -> Conflict:
    row = session.get(Conflict, code)
    if row is None:  # the event just recorded derives nothing away; only a damaged database lacks it
        raise NotFound("There is no conflict {conflict}; `tracedesk conflicts` lists them.", conflict=code)
    return row
