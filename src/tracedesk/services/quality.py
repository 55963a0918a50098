"""QA decisions on a lot: inspections, holds that spread downstream, signed releases and rejections.

A hold is a record of its own: a lot may carry several, each lifted separately, and its
status follows from the holds still open. By default a hold spreads: every lot made from the
held one (now or later) is suspect and blocked from issue and shipping with the hold's reason.
Releasing, rejecting and lifting a hold are electronic signatures: the QA user re-enters the
PIN, and the event records who signed, when, and what the signature means.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import clean_text
from tracedesk.core.status import LotStatus
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.hold_queries import describe, open_orders_using, suspect_lots
from tracedesk.db.models import Event, EventLot, Hold, Lot
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, lot_codes, lot_ids_of, lot_info
from tracedesk.services.permissions import Action, require
from tracedesk.services.users import signature

INSPECTION_RESULTS = ("pass", "fail", "conditional")


@dataclass(frozen=True)
class HoldInfo:
    """An open or closed hold on one lot."""

    number: int
    lot: str
    reason: str
    placed_by: str
    placed_at: datetime
    spreads: bool
    recall: str | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None
    outcome: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class HoldScope:
    """What an open hold blocks: the held lot, the suspect lots made from it, open orders using them."""

    hold: HoldInfo
    suspect_lots: tuple[str, ...]
    open_orders: tuple[str, ...]


# What a signature means is recorded in English ("released: CoA checked"), as signed; it is
# shown in the reader's language by its prefix.
_MEANINGS = {
    "released": lambda reason: msg("released: {reason}", reason=reason),
    "rejected": lambda reason: msg("rejected: {reason}", reason=reason),
    "hold lifted": lambda reason: msg("hold lifted: {reason}", reason=reason),
    "conflict resolved": lambda reason: msg("conflict resolved: {reason}", reason=reason),
}


def signature_meaning(meaning: str) -> Message | str:
    """A recorded signature meaning for people: `released: CoA ok` -> "放行：CoA ok" in Chinese."""
    prefix, separator, reason = meaning.partition(": ")
    phrase = _MEANINGS.get(prefix)
    return phrase(reason) if separator and phrase else meaning


def _reason(reason: str, what: Message) -> str:
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        raise InvalidInput("Give a reason to {what}; it is kept in the lot's history.", what=what)
    return reason


def hold_info(hold: Hold, lot_code: str) -> HoldInfo:
    return HoldInfo(
        hold.id,
        lot_code,
        hold.reason,
        hold.placed_by,
        hold.placed_at,
        hold.spreads,
        hold.recall,
        hold.closed_by,
        hold.closed_at,
        hold.outcome,
    )


def inspect_lot(
    session: Session, actor: Actor, *, lot: str, result: str, notes: str = "", attachments: list[str] | None = None
) -> LotInfo:
    """Record an inspection result (the release or reject decision is separate)."""
    require(session, actor, Action.INSPECT)
    the_lot = lot_by_code(session, lot)
    if result not in INSPECTION_RESULTS:
        raise InvalidInput("An inspection result is one of: {results}.", results=INSPECTION_RESULTS)
    apply_event(
        session,
        actor,
        "lot_inspected",
        {
            "lot": the_lot.code,
            "result": result,
            "notes": clean_text(notes, what="inspection notes", max_length=4000, multiline=True),
            "attachments": attachments or [],
            "inspected_at": iso_utc(actor.now()),
        },
    )
    return lot_info(session, the_lot)


def last_decision(session: Session, lot_id: int) -> str | None:
    """The latest release or rejection of the lot this station knows (its event UUID): a decision
    names it, so stations tell a decision that followed another from two made concurrently."""
    return session.scalar(
        select(Event.id)
        .join(EventLot, EventLot.event_seq == Event.seq)
        .where(EventLot.lot_id == lot_id, Event.type.in_(("lot_released", "lot_rejected")))
        .order_by(Event.recorded_at.desc(), Event.station.desc(), Event.station_seq.desc())
        .limit(1)
    )


def release_lot(
    session: Session, actor: Actor, *, lot: str, pin: str | None, reason: str = "released after inspection"
) -> LotInfo:
    """Release a lot from quarantine so it may be issued and shipped (signed with the PIN)."""
    require(session, actor, Action.RELEASE)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.RELEASED:
        raise Refused("Lot {lot} is already released.", lot=the_lot.code)
    if the_lot.status == LotStatus.REJECTED:
        raise Refused("Lot {lot} was rejected; a rejected lot is not released.", lot=the_lot.code)
    if the_lot.status == LotStatus.ON_HOLD:
        raise Refused(
            "Lot {lot} is on hold ({reason}); lift the hold instead.",
            lot=the_lot.code,
            reason=the_lot.hold_reason,
        )
    reason = _reason(reason, msg("release the lot"))
    signed = signature(session, actor, pin, f"released: {reason}")
    apply_event(
        session,
        actor,
        "lot_released",
        {"lot": the_lot.code, "reason": reason, "signature": signed, "after": last_decision(session, the_lot.id)},
    )
    return lot_info(session, lot_by_code(session, lot))


def reject_lot(session: Session, actor: Actor, *, lot: str, reason: str, pin: str | None) -> LotInfo:
    """Reject a lot for good (its open holds close): it can never be issued or shipped."""
    require(session, actor, Action.REJECT)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.REJECTED:
        raise Refused("Lot {lot} is already rejected.", lot=the_lot.code)
    reason = _reason(reason, msg("reject the lot"))
    signed = signature(session, actor, pin, f"rejected: {reason}")
    apply_event(
        session,
        actor,
        "lot_rejected",
        {"lot": the_lot.code, "reason": reason, "signature": signed, "after": last_decision(session, the_lot.id)},
    )
    return lot_info(session, lot_by_code(session, lot))


def hold_lot(session: Session, actor: Actor, *, lot: str, reason: str, spread: bool = True) -> LotInfo:
    """Put a lot on hold; with `spread` every lot made from it is suspect and blocked too."""
    require(session, actor, Action.HOLD)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.REJECTED:
        raise Refused("Lot {lot} is rejected already; a hold would change nothing.", lot=the_lot.code)
    apply_event(
        session,
        actor,
        "lot_held",
        {"lot": the_lot.code, "reason": _reason(reason, msg("put the lot on hold")), "spreads": spread},
    )
    return lot_info(session, lot_by_code(session, lot))


def lift_hold(session: Session, actor: Actor, *, lot: str, reason: str, pin: str | None, hold: int | None = None) -> LotInfo:
    """Lift one hold (or all the lot's open holds when none is named), signed with the PIN.

    The lot returns to the status it had before only when no other hold of its own is open;
    lots made from it stay suspect while any other hold upstream of them is open.
    """
    require(session, actor, Action.RELEASE)
    the_lot = lot_by_code(session, lot)
    open_holds = list(session.scalars(select(Hold).where(Hold.lot_id == the_lot.id, Hold.closed_at.is_(None)).order_by(Hold.id)))
    if not open_holds:
        raise Refused("Lot {lot} is not on hold.", lot=the_lot.code)
    if hold is not None and hold not in {h.id for h in open_holds}:
        raise NotFound(
            "Lot {lot} has no open hold H{hold}; its open holds are {holds}.",
            lot=the_lot.code,
            hold=hold,
            holds=[f"H{h.id}" for h in open_holds],
        )
    reason = _reason(reason, msg("lift the hold"))
    lifted = [hold] if hold is not None else [h.id for h in open_holds]
    # Hold ids are this station's numbering; the events that placed them name them at every station.
    placing = dict(
        session.execute(select(Hold.id, Event.id).join(Event, Event.seq == Hold.created_event).where(Hold.id.in_(lifted))).all()
    )
    signed = signature(session, actor, pin, f"hold lifted: {reason}")
    apply_event(
        session,
        actor,
        "hold_released",
        {
            "lot": the_lot.code,
            "holds": lifted,
            "hold_events": [placing[h] for h in lifted],
            "reason": reason,
            "signature": signed,
        },
    )
    return lot_info(session, lot_by_code(session, lot))


def holds_of(session: Session, lot: str, *, open_only: bool = False) -> list[HoldInfo]:
    """A lot's holds, oldest first."""
    the_lot = lot_by_code(session, lot)
    stmt = select(Hold).where(Hold.lot_id == the_lot.id).order_by(Hold.id)
    if open_only:
        stmt = stmt.where(Hold.closed_at.is_(None))
    return [hold_info(h, the_lot.code) for h in session.scalars(stmt)]


def open_holds(session: Session) -> list[HoldScope]:
    """Every open hold with the suspect lots and open orders it blocks (one walk for all)."""
    rows = session.execute(
        select(Hold, Lot.code).join(Lot, Lot.id == Hold.lot_id).where(Hold.closed_at.is_(None)).order_by(Hold.id)
    ).all()
    # Grouped per hold in one pass: a held silo lot reaches a third of the plant.
    reached_by: dict[int, list[int]] = defaultdict(list)
    for lot, why in suspect_lots(session).items():
        for suspicion in why:
            reached_by[suspicion.hold_id].append(lot)
    codes = lot_codes(session, [lot for lots in reached_by.values() for lot in lots])
    scopes = []
    for hold, code in rows:
        reached = reached_by.get(hold.id, [])
        orders = sorted({o for o, _ in open_orders_using(session, [hold.lot_id, *reached])})
        scopes.append(HoldScope(hold_info(hold, code), tuple(sorted(codes[lot] for lot in reached)), tuple(orders)))
    return scopes


def suspect_reasons(session: Session, codes: list[str]) -> dict[str, Message]:
    """For the lots among `codes` that a hold upstream blocks: why, in words (one query for all)."""
    ids = lot_ids_of(session, codes)
    found = suspect_lots(session, ids)
    return {ids[lot]: reason for lot, suspicions in found.items() if (reason := describe(suspicions)) is not None}
