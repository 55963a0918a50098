"""Conflicts: facts recorded at different stations that contradict each other once merged.

Every event is kept and the state shows the contradiction (a negative balance, a lot used while
held); a conflict row tells QA. Conflict rows are derived state like every other table: after
each projected batch, the conflicts of what the batch touched are derived again from the events
this station holds, by rules that depend on the set of events only, never on the order they
arrived in. So every station that holds the same events holds the same conflicts, under the same
codes (a digest of the kind and the events involved), and a replay of the log rebuilds them.

The kinds, and when each one exists (every rule needs events from two stations or more):

- `over_issue`: a lot's balance is below zero and what took from it (issues, shipments, splits,
  scrap, transfers out, negative adjustments) was recorded at two or more stations. Its events
  are every event that took from the lot, so the row grows as more arrive.
- `used_while_held`: an issue, shipment or transfer out of a lot recorded at one station at or
  after the moment a hold on that lot (or a spreading hold on a lot it was made from) was placed at
  another station, while that hold was open (not lifted or ended by a rejection recorded
  before the use). The issuing station cannot have known: it would have refused the scan.
- `concurrent_status`: a release and a rejection of the same lot recorded at two stations,
  neither of which had seen the other's decision. Each decision names the last decision its
  station had seen (`after`); a decision without that field (recorded before sync existed)
  counts as having seen every decision recorded before it.
- `master_data`: two stations created the same item, party, location, user or BOM version, or
  changed the same field of one from the same old value to different new values.

A conflict stays open until QA resolves it with a signed `conflict_resolved` event; a resolved
conflict stays listed (resolved) even when later events take its cause away. An open one whose
cause is gone (the hold turned out lifted before the use) disappears at every station alike.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from tracedesk.db.driver import driver
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.genealogy import with_descendants
from tracedesk.db.models import Conflict, ConflictResolution, Event, EventLot, Hold, Lot, OrderOutput, WorkOrder

OVER_ISSUE = "over_issue"
USED_WHILE_HELD = "used_while_held"
CONCURRENT_STATUS = "concurrent_status"
MASTER_DATA = "master_data"
KINDS = (OVER_ISSUE, USED_WHILE_HELD, CONCURRENT_STATUS, MASTER_DATA)

_TAKING = ("lot_issued", "lot_shipped", "lot_split", "lot_adjusted", "lot_scrapped", "transfer_shipped")
# Uses a hold forbids: issues, shipments to customers and transfers to another plant.
_USES = ("lot_issued", "lot_shipped", "transfer_shipped")
_PLACING = ("lot_held", "recall_started")
_CLOSING = ("hold_released", "lot_rejected")
_DECISIONS = ("lot_released", "lot_rejected")
# Master-data event type -> (kind of record, the payload fields that name it).
_MASTER: dict[str, tuple[str, tuple[str, ...]]] = {
    "item_created": ("item", ("code",)),
    "item_updated": ("item", ("code",)),
    "party_created": ("party", ("kind", "code")),
    "party_updated": ("party", ("kind", "code")),
    "location_created": ("location", ("code",)),
    "location_updated": ("location", ("code",)),
    "user_created": ("user", ("code",)),
    "user_updated": ("user", ("code",)),
    "bom_created": ("bom", ("product", "version")),
}


@dataclass(frozen=True)
class _Fact:
    """An event as a conflict names it."""

    id: str
    station: str
    recorded_at: datetime
    type: str
    payload: dict[str, Any]
    station_seq: int = 0

    @property
    def key(self) -> tuple[datetime, str, int]:
        return (self.recorded_at, self.station, self.station_seq)


def conflict_code(kind: str, event_ids: Iterable[str], subject: str = "") -> str:
    """The code of a conflict: the same wherever the same events meet."""
    material = "|".join([kind, subject, *sorted(event_ids)])
    return "C-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:12].upper()


def _row(kind: str, subject: str, facts: Sequence[_Fact], lots: Iterable[str], *, code: str | None = None) -> Conflict:
    ordered = sorted(facts, key=lambda f: f.key)
    return Conflict(
        code=code or conflict_code(kind, (f.id for f in ordered)),
        kind=kind,
        subject=subject,
        lots=json.dumps(sorted(set(lots)), ensure_ascii=False),
        stations=json.dumps(sorted({f.station for f in ordered}), ensure_ascii=False),
        events=json.dumps([f.id for f in ordered]),
        detected_at=max(f.recorded_at for f in ordered),
    )


def _settle(
    session: Session, kind: str, subjects: Iterable[str], found: Sequence[Conflict], keep: Sequence[Conflict] = ()
) -> None:
    """Make the conflicts of `kind` for `subjects` be `found`: open ones no longer found go,
    resolved ones stay (updated from `keep` when the rule still describes them)."""
    subjects = sorted(set(subjects))
    if not subjects:
        return
    existing: set[str] = set()
    for start in range(0, len(subjects), 500):
        existing.update(
            session.scalars(
                select(Conflict.code).where(Conflict.kind == kind, Conflict.subject.in_(subjects[start : start + 500]))
            )
        )
    wanted = {c.code: c for c in found}
    kept = {c.code: c for c in keep}
    resolved = set(session.scalars(select(ConflictResolution.conflict).where(ConflictResolution.conflict.in_(list(existing)))))
    gone = sorted(existing - wanted.keys() - resolved)
    if gone:
        session.execute(delete(Conflict).where(Conflict.code.in_(gone)))
    for row in wanted.values():
        session.merge(row)
    for code in sorted((existing & resolved) - wanted.keys()):
        if code in kept:
            session.merge(kept[code])


def _facts(rows: Iterable[Any]) -> list[_Fact]:
    return [_Fact(r.id, r.station, r.recorded_at, r.type, json.loads(r.payload), r.station_seq) for r in rows]


def _lot_facts(session: Session, lot_ids: Sequence[int], types: Sequence[str]) -> dict[int, list[_Fact]]:
    found: dict[int, list[_Fact]] = defaultdict(list)
    for start in range(0, len(lot_ids), 500):
        rows = session.execute(
            select(EventLot.lot_id, Event.id, Event.station, Event.recorded_at, Event.type, Event.payload, Event.station_seq)
            .join(Event, Event.seq == EventLot.event_seq)
            .where(EventLot.lot_id.in_(lot_ids[start : start + 500]), Event.type.in_(types))
        )
        for r in rows:
            found[r.lot_id].append(_Fact(r.id, r.station, r.recorded_at, r.type, json.loads(r.payload), r.station_seq))
    return found


def _lot_codes(session: Session, codes: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(codes))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        found.update(
            (c, i) for c, i in session.execute(select(Lot.code, Lot.id).where(Lot.code.in_(wanted[start : start + 500])))
        )
    return found


# --- over_issue -------------------------------------------------------------------------------


def _takes(fact: _Fact, lot: str) -> bool:
    if fact.type == "lot_adjusted":
        return Decimal(fact.payload["delta"]) < 0
    return fact.payload.get("lot") == lot


# The lots among the codes whose over-issue must be derived again: those below zero, and those
# with a conflict row (open or resolved) the rule may drop or update. A lot in stock with no row
# has nothing to derive, and reading its every taking event (a silo lot's thousands, on every
# scan once a second station exists) would decide nothing. Balances are scaled integers here.
_OVER_ISSUE_CANDIDATES = """
SELECT l.code, l.id, l.balance FROM lots l
WHERE l.code IN (SELECT value FROM json_each(?))
  AND (l.balance < 0 OR EXISTS (SELECT 1 FROM conflicts c WHERE c.kind = ? AND c.subject = l.code))
"""


def _over_issue(session: Session, codes: set[str]) -> None:
    rows = driver(session).execute(_OVER_ISSUE_CANDIDATES, (json.dumps(sorted(codes)), OVER_ISSUE)).fetchall()
    if not rows:
        return
    ids = {code: lot_id for code, lot_id, _ in rows}
    balances = {lot_id: balance for _, lot_id, balance in rows}
    facts = _lot_facts(session, sorted(ids.values()), _TAKING)
    found: list[Conflict] = []
    keep: list[Conflict] = []
    for code, lot_id in ids.items():
        taking = [f for f in facts.get(lot_id, []) if _takes(f, code)]
        if len({f.station for f in taking}) < 2:
            continue
        row = _row(OVER_ISSUE, code, taking, [code], code=conflict_code(OVER_ISSUE, [], code))
        (found if balances[lot_id] < 0 else keep).append(row)
    _settle(session, OVER_ISSUE, ids.keys(), found, keep)


# --- used_while_held --------------------------------------------------------------------------

_ANCESTORS = text("""
WITH RECURSIVE walk(start, id) AS (
    SELECT value, value FROM json_each(:starts)
    UNION
    SELECT w.start, l.parent_id FROM walk w JOIN lot_links l ON l.child_id = w.id
)
SELECT start, id FROM walk WHERE id IN (SELECT value FROM json_each(:held))
""")


def _used_while_held(session: Session, use_ids: set[str], changed_lots: set[int]) -> None:
    holds = session.execute(
        select(
            Hold.lot_id,
            Hold.spreads,
            Hold.closed_at,
            Event.id,
            Event.station,
            Event.recorded_at,
            Event.type,
            Event.payload,
            Event.station_seq,
        ).join(Event, Event.seq == Hold.created_event)
    ).all()
    if changed_lots:
        # Every use of the changed lots and of what was made from them is judged again.
        family = with_descendants(session, sorted(changed_lots))
        for start in range(0, len(family), 500):
            use_ids.update(
                session.scalars(
                    select(Event.id)
                    .join(EventLot, EventLot.event_seq == Event.seq)
                    .where(EventLot.lot_id.in_(family[start : start + 500]), Event.type.in_(_USES))
                )
            )
    if not use_ids:
        return
    wanted = sorted(use_ids)
    uses: list[_Fact] = []
    for start in range(0, len(wanted), 500):
        uses.extend(
            _facts(
                session.execute(
                    select(Event.id, Event.station, Event.recorded_at, Event.type, Event.payload, Event.station_seq).where(
                        Event.id.in_(wanted[start : start + 500])
                    )
                ),
            )
        )
    found: list[Conflict] = []
    hold_stations = {h.station for h in holds}
    if holds and any(hold_stations - {u.station} for u in uses):
        by_lot: dict[int, list[Any]] = defaultdict(list)
        for h in holds:
            by_lot[h.lot_id].append(h)
        lot_of = _lot_codes(session, (u.payload["lot"] for u in uses))
        code_of = {i: c for c, i in lot_of.items()}
        reached: dict[int, set[int]] = defaultdict(set)
        for start_lot, held_lot in session.execute(
            _ANCESTORS, {"starts": json.dumps(sorted(lot_of.values())), "held": json.dumps(sorted(by_lot))}
        ):
            reached[start_lot].add(held_lot)
        held_codes = dict(session.execute(select(Lot.id, Lot.code).where(Lot.id.in_(list(by_lot)))).all())
        for use in uses:
            lot_id = lot_of.get(use.payload["lot"])
            if lot_id is None:
                continue
            for held_lot in sorted(reached.get(lot_id, ())):
                for h in by_lot[held_lot]:
                    if h.station == use.station or (held_lot != lot_id and not h.spreads):
                        continue
                    if h.recorded_at > use.recorded_at or (h.closed_at is not None and h.closed_at <= use.recorded_at):
                        continue
                    hold = _Fact(h.id, h.station, h.recorded_at, h.type, {}, h.station_seq)
                    found.append(
                        _row(
                            USED_WHILE_HELD,
                            use.id,
                            [use, hold],
                            [code_of[lot_id], held_codes[held_lot]],
                            code=conflict_code(USED_WHILE_HELD, [use.id, h.id], held_codes[held_lot]),
                        )
                    )
    unique = {c.code: c for c in found}
    _settle(session, USED_WHILE_HELD, use_ids, list(unique.values()))


# --- concurrent_status ------------------------------------------------------------------------


def _seen(decision: _Fact, decisions: dict[str, _Fact]) -> set[str]:
    """The decisions the station had seen when it recorded `decision`."""
    if "after" not in decision.payload:
        return {d.id for d in decisions.values() if d.key < decision.key}
    seen: set[str] = set()
    current = decision.payload.get("after")
    while current and current not in seen and current in decisions:
        seen.add(current)
        current = decisions[current].payload.get("after")
    if current and current not in decisions:
        # A decision this station does not hold yet: what it had seen is judged when it arrives.
        seen.add(current)
    return seen


def _concurrent_status(session: Session, codes: set[str]) -> None:
    ids = _lot_codes(session, codes)
    facts = _lot_facts(session, sorted(ids.values()), _DECISIONS)
    found: list[Conflict] = []
    for code, lot_id in ids.items():
        decisions = {f.id: f for f in facts.get(lot_id, []) if f.payload.get("lot") == code}
        ordered = sorted(decisions.values(), key=lambda f: f.key)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                if first.station == second.station or first.type == second.type:
                    continue
                if first.id in _seen(second, decisions) or second.id in _seen(first, decisions):
                    continue
                found.append(_row(CONCURRENT_STATUS, code, [first, second], [code]))
    _settle(session, CONCURRENT_STATUS, ids.keys(), found)


# --- master_data ------------------------------------------------------------------------------


def _subject(event_type: str, payload: dict[str, Any]) -> str:
    kind, fields = _MASTER[event_type]
    return ":".join([kind, *(str(payload.get(f)) for f in fields)])


def _master_data(session: Session, subjects: dict[str, set[str]]) -> None:
    """`subjects`: subject -> the event types that name it."""
    by_subject: dict[str, list[_Fact]] = defaultdict(list)
    for kind in sorted({subject.partition(":")[0] for subject in subjects}):
        # Master-data events are few beside the lots' own: one read of a kind's events serves all.
        every = [t for t, (k, _fields) in _MASTER.items() if k == kind]
        rows = session.execute(
            select(Event.id, Event.station, Event.recorded_at, Event.type, Event.payload, Event.station_seq).where(
                Event.type.in_(every)
            )
        )
        for fact in _facts(rows):
            subject = _subject(fact.type, fact.payload)
            if subject in subjects:
                by_subject[subject].append(fact)
    found: list[Conflict] = []
    for subject in sorted(subjects):
        facts = sorted(by_subject.get(subject, []), key=lambda f: f.key)
        if len({f.station for f in facts}) < 2:
            continue
        created = [f for f in facts if f.type.endswith("_created")]
        updated = [f for f in facts if f.type.endswith("_updated")]
        for i, first in enumerate(created):
            for second in created[i + 1 :]:
                if first.station != second.station:
                    found.append(_row(MASTER_DATA, subject, [first, second], []))
        for i, first in enumerate(updated):
            for second in updated[i + 1 :]:
                if first.station == second.station:
                    continue
                mine, theirs = first.payload.get("changes") or {}, second.payload.get("changes") or {}
                if any(f in theirs and mine[f][0] == theirs[f][0] and mine[f][1] != theirs[f][1] for f in mine):
                    found.append(_row(MASTER_DATA, subject, [first, second], []))
    _settle(session, MASTER_DATA, subjects.keys(), found)


# --- the pass after each batch ----------------------------------------------------------------


# Without a hold nothing is used while held, and without a row of the kind none is there to
# drop: then the uses of an order's whole family need not be gathered (every scan's case).
_MAY_BE_HELD = "SELECT EXISTS (SELECT 1 FROM holds) OR EXISTS (SELECT 1 FROM conflicts WHERE kind = ?)"


def detect_conflicts(session: Session, events: Sequence[StoredEvent]) -> None:
    """Derive again the conflicts of everything these (just projected) events touched."""
    if not events:
        return
    # Conflicts need events from two stations; a station alone (and every import) skips the rest.
    # Asked after every scan: through the driver, as the projection's own statements are.
    connection = driver(session)
    (stations,) = connection.execute("SELECT count(*) FROM stations WHERE last_seq > 0").fetchone()
    if stations < 2:
        return
    taken: set[str] = set()
    uses: set[str] = set()
    changed: set[str] = set()
    decided: set[str] = set()
    master: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.type in _TAKING:
            taken.add(e.payload["lot"])
        if e.type in _USES:
            uses.add(e.id)
        if e.type in _PLACING or e.type in _CLOSING:
            changed.update(e.payload["lots"] if e.type == "recall_started" else [e.payload["lot"]])
        if e.type == "output_recorded" or e.type == "lot_split":
            changed.add(e.payload["lot"])
        if e.type in _DECISIONS:
            decided.add(e.payload["lot"])
        if e.type in _MASTER:
            master[_subject(e.type, e.payload)].add(e.type)
        if e.type == "conflict_resolved" and e.payload.get("kind") == OVER_ISSUE and e.payload.get("subject"):
            # A growing conflict: derived again, so its row lists every event that took from the lot.
            taken.add(e.payload["subject"])
    session.flush()
    if taken:
        _over_issue(session, taken)
    if (uses or changed) and connection.execute(_MAY_BE_HELD, (USED_WHILE_HELD,)).fetchone()[0]:
        lot_ids = set(_lot_codes(session, changed).values())
        if any(e.type == "lot_issued" for e in events):
            # An issue links its lot to the order's outputs: their uses may now reach a hold.
            orders = sorted({e.payload["order"] for e in events if e.type == "lot_issued"})
            lot_ids.update(
                session.scalars(
                    select(OrderOutput.lot_id)
                    .join(WorkOrder, WorkOrder.id == OrderOutput.order_id)
                    .where(WorkOrder.number.in_(orders))
                )
            )
        _used_while_held(session, uses, lot_ids)
    if decided:
        _concurrent_status(session, decided)
    if master:
        _master_data(session, master)
    session.flush()


def open_conflict_codes(session: Session) -> set[str]:
    """The codes of the conflicts no resolution closed."""
    resolved = select(ConflictResolution.conflict)
    return set(session.scalars(select(Conflict.code).where(Conflict.code.not_in(resolved))))
