"""A lot's status, holds and hold reason, derived from its QA events in one order every station agrees on.

Status does not commute: "released, then rejected" is not "rejected, then released". Stations
receive each other's events in different orders, so the status is never the result of the order
in which events happened to arrive: after any QA event, the lot's status is folded again from
all its status events in their canonical order, the time each event was recorded (UTC) and then
its station and place in that station's chain. A decision that arrives late, but was recorded before later ones, takes its place in
that order. Hold rows stay (one per hold placed); only their closing is derived.

The fold: the disposition starts as the lot was created (a split child takes its parent's
disposition at the moment of the split), a release or rejection replaces it, a rejection closes
every open hold, a hold release closes the holds it names (or all open ones). The lot is
`on_hold` while any of its own holds is open, with the disposition beneath kept in
`status_before_hold`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from tracedesk.db.models import Event, EventLot, Hold, Lot, LotLink
from tracedesk.db.projector import CHUNK, Projector

# The events that decide a lot's status (creations give its first disposition).
STATUS_EVENTS = (
    "lot_received",
    "output_recorded",
    "lot_split",
    "lot_held",
    "recall_started",
    "hold_released",
    "lot_released",
    "lot_rejected",
)
_PLACING = ("lot_held", "recall_started")

Key = tuple[datetime, str, int]


@dataclass
class _Step:
    seq: int
    id: str
    type: str
    user: str
    recorded_at: datetime
    payload: dict[str, Any]
    station: str
    station_seq: int

    @property
    def key(self) -> Key:
        return (self.recorded_at, self.station, self.station_seq)


@dataclass
class _HoldState:
    reason: str
    closed_by: str | None = None
    closed_at: datetime | None = None
    outcome: str | None = None


@dataclass
class _Folded:
    disposition: str
    holds: dict[int, _HoldState] = field(default_factory=dict)  # placing event seq -> state, in canonical order

    def open_reasons(self) -> list[str]:
        return list(dict.fromkeys(h.reason for h in self.holds.values() if h.closed_at is None))


class _Lots:
    """What the fold reads, loaded per lot on first use."""

    def __init__(self, p: Projector) -> None:
        self.p = p
        self.steps: dict[int, list[_Step]] = {}
        self.created: dict[int, int] = {}
        self.split_parent: dict[int, int] = {}
        self.hold_ids: dict[int, dict[int, int]] = {}  # lot -> hold id -> placing event seq

    def load(self, lot_ids: Iterable[int]) -> None:
        wanted = sorted(set(lot_ids) - self.steps.keys())
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for lot_id in chunk:
                self.steps[lot_id] = []
                self.hold_ids[lot_id] = {}
            rows = self.p.session.execute(
                select(
                    EventLot.lot_id,
                    Event.seq,
                    Event.id,
                    Event.type,
                    Event.user,
                    Event.recorded_at,
                    Event.payload,
                    Event.station,
                    Event.station_seq,
                )
                .join(Event, Event.seq == EventLot.event_seq)
                .where(EventLot.lot_id.in_(chunk), Event.type.in_(STATUS_EVENTS))
            )
            for lot_id, seq, event_id, event_type, user, recorded_at, payload, station, station_seq in rows:
                self.steps[lot_id].append(
                    _Step(seq, event_id, event_type, user, recorded_at, json.loads(payload), station, station_seq)
                )
            for lot_id, created in self.p.session.execute(select(Lot.id, Lot.created_event).where(Lot.id.in_(chunk))):
                self.created[lot_id] = created
            for child, parent in self.p.session.execute(
                select(LotLink.child_id, LotLink.parent_id).where(LotLink.kind == "split", LotLink.child_id.in_(chunk))
            ):
                self.split_parent[child] = parent
            for hold_id, lot_id, placed in self.p.session.execute(
                select(Hold.id, Hold.lot_id, Hold.created_event).where(Hold.lot_id.in_(chunk))
            ):
                self.hold_ids[lot_id][hold_id] = placed
        for steps in (self.steps[lot] for lot in wanted):
            steps.sort(key=lambda s: s.key)

    def fold(self, lot_id: int, until: Key | None = None) -> _Folded:
        self.load([lot_id])
        created = self.created.get(lot_id)
        steps = self.steps[lot_id]
        origin = next((s for s in steps if s.seq == created), None)
        disposition = "quarantine"
        if origin is not None and origin.type == "lot_split":
            parent = self.split_parent.get(lot_id)
            if parent is not None:
                disposition = self.fold(parent, origin.key).disposition
        elif origin is not None:
            disposition = str(origin.payload.get("status") or "quarantine")
        state = _Folded(disposition)
        by_uuid = {s.id: s.seq for s in steps if s.type in _PLACING}
        for step in steps:
            if step is origin or step.type == "lot_split" or step.type in ("lot_received", "output_recorded"):
                continue
            if until is not None and step.key >= until:
                break
            if step.type in _PLACING:
                state.holds[step.seq] = _HoldState(str(step.payload.get("reason", "")))
            elif step.type == "hold_released":
                if step.payload.get("hold_events"):
                    named = {by_uuid[u] for u in step.payload["hold_events"] if u in by_uuid}
                elif step.payload.get("holds"):
                    named = {self.hold_ids[lot_id][h] for h in step.payload["holds"] if h in self.hold_ids[lot_id]}
                else:
                    named = set(state.holds)
                for placed in named:
                    hold = state.holds.get(placed)
                    if hold is not None and hold.closed_at is None:
                        hold.closed_by, hold.closed_at, hold.outcome = step.user, step.recorded_at, "released"
            elif step.type == "lot_released":
                state.disposition = "released"
            elif step.type == "lot_rejected":
                state.disposition = "rejected"
                for hold in state.holds.values():
                    if hold.closed_at is None:
                        hold.closed_by, hold.closed_at, hold.outcome = step.user, step.recorded_at, "rejected"
        return state


def rederive_lots(p: Projector, lot_ids: Iterable[int]) -> None:
    """Fold the status and holds of these lots (and of the lots split from them) again."""
    lots = _Lots(p)
    pending = sorted(set(lot_ids))
    done: set[int] = set()
    while pending:
        lots.load(pending)
        lot_rows: list[dict[str, Any]] = []
        hold_rows: list[dict[str, Any]] = []
        for lot_id in pending:
            folded = lots.fold(lot_id)
            reasons = folded.open_reasons()
            lot_rows.append(
                {
                    "id": lot_id,
                    "status": "on_hold" if reasons else folded.disposition,
                    "status_before_hold": folded.disposition if reasons else None,
                    "hold_reason": "; ".join(reasons) if reasons else None,
                }
            )
            placed_to_id = {placed: hold_id for hold_id, placed in lots.hold_ids[lot_id].items()}
            for placed, hold in folded.holds.items():
                if placed in placed_to_id:
                    hold_rows.append(
                        {
                            "id": placed_to_id[placed],
                            "closed_by": hold.closed_by,
                            "closed_at": hold.closed_at,
                            "outcome": hold.outcome,
                        }
                    )
        p.set_lots(lot_rows)
        if hold_rows:
            p.session.execute(update(Hold), hold_rows)
        done.update(pending)
        children: set[int] = set()
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            children.update(
                p.session.scalars(select(LotLink.child_id).where(LotLink.kind == "split", LotLink.parent_id.in_(chunk)))
            )
        pending = sorted(children - done)
    p.session.flush()
