"""QA decisions on a lot: inspection results, release, reject, hold and lifting a hold."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.core.status import LotStatus
from tracedesk.core.timeparse import iso_utc
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.permissions import Action, require

INSPECTION_RESULTS = ("pass", "fail", "conditional")


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(f"Give a reason to {what}; it is kept in the lot's history.")
    return reason


def inspect_lot(
    session: Session, actor: Actor, *, lot: str, result: str, notes: str = "", attachments: list[str] | None = None
) -> LotInfo:
    """Record an inspection result (the release or reject decision is separate)."""
    require(actor, Action.INSPECT)
    the_lot = lot_by_code(session, lot)
    if result not in INSPECTION_RESULTS:
        raise InvalidInput(f"An inspection result is one of: {', '.join(INSPECTION_RESULTS)}.")
    apply_event(session, actor, "lot_inspected", {
        "lot": the_lot.code, "result": result, "notes": notes.strip(), "attachments": attachments or [],
        "inspected_at": iso_utc(actor.now()),
    })
    return lot_info(session, the_lot)


def release_lot(session: Session, actor: Actor, *, lot: str, reason: str = "released after inspection") -> LotInfo:
    """Release a lot from quarantine so it may be issued and shipped."""
    require(actor, Action.RELEASE)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.RELEASED:
        raise Refused(f"Lot {the_lot.code} is already released.")
    if the_lot.status == LotStatus.REJECTED:
        raise Refused(f"Lot {the_lot.code} was rejected; a rejected lot is not released.")
    if the_lot.status == LotStatus.ON_HOLD:
        raise Refused(f"Lot {the_lot.code} is on hold ({the_lot.hold_reason}); lift the hold instead.")
    apply_event(session, actor, "lot_released", {"lot": the_lot.code, "reason": _reason(reason, "release")})
    return lot_info(session, lot_by_code(session, lot))


def reject_lot(session: Session, actor: Actor, *, lot: str, reason: str) -> LotInfo:
    """Reject a lot for good: it can never be issued or shipped."""
    require(actor, Action.REJECT)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.REJECTED:
        raise Refused(f"Lot {the_lot.code} is already rejected.")
    apply_event(session, actor, "lot_rejected", {"lot": the_lot.code, "reason": _reason(reason, "reject")})
    return lot_info(session, lot_by_code(session, lot))


def hold_lot(session: Session, actor: Actor, *, lot: str, reason: str) -> LotInfo:
    """Put a lot on hold: nothing is issued or shipped from it until the hold is lifted."""
    require(actor, Action.HOLD)
    the_lot = lot_by_code(session, lot)
    if the_lot.status == LotStatus.REJECTED:
        raise Refused(f"Lot {the_lot.code} is rejected already; a hold would change nothing.")
    apply_event(session, actor, "lot_held", {"lot": the_lot.code, "reason": _reason(reason, "hold")})
    return lot_info(session, lot_by_code(session, lot))


def lift_hold(session: Session, actor: Actor, *, lot: str, reason: str) -> LotInfo:
    """Lift a hold; the lot returns to the status it had before."""
    require(actor, Action.RELEASE)
    the_lot = lot_by_code(session, lot)
    if the_lot.status != LotStatus.ON_HOLD:
        raise Refused(f"Lot {the_lot.code} is not on hold.")
    apply_event(session, actor, "hold_released", {"lot": the_lot.code, "reason": _reason(reason, "lift the hold")})
    return lot_info(session, lot_by_code(session, lot))
