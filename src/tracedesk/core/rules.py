"""Pure rules about what may happen to a lot, given its state (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracedesk.core.errors import Refused
from tracedesk.core.quantity import format_quantity
from tracedesk.core.status import LotStatus


@dataclass(frozen=True)
class LotState:
    """What the rules need to know about a lot."""

    code: str
    status: LotStatus
    balance: Decimal
    unit: str
    expiry: date | None = None
    hold_reason: str | None = None
    # Set when an ancestor has an open spreading hold: the lot is blocked like a held one.
    suspect_reason: str | None = None


def check_usable(lot: LotState, *, today: date, action: str) -> None:
    """Only released, unexpired lots may be issued or shipped; say why not otherwise."""
    if lot.status is LotStatus.ON_HOLD:
        reason = f": {lot.hold_reason}" if lot.hold_reason else ""
        raise Refused(f"Lot {lot.code} is on hold{reason} — not {action}.")
    if lot.suspect_reason:
        raise Refused(f"Lot {lot.code} is suspect and blocked: {lot.suspect_reason} — not {action}.")
    if lot.status is LotStatus.QUARANTINE:
        raise Refused(f"Lot {lot.code} is in quarantine and has not been released by QA — not {action}.")
    if lot.status is LotStatus.REJECTED:
        raise Refused(f"Lot {lot.code} was rejected by QA — not {action}.")
    if lot.expiry is not None and lot.expiry < today:
        raise Refused(f"Lot {lot.code} expired on {lot.expiry.isoformat()} — not {action}.")


def check_quantity_available(lot: LotState, quantity: Decimal, *, action: str) -> None:
    """The balance never goes negative silently."""
    if lot.balance <= 0:
        raise Refused(f"Lot {lot.code} has nothing left (balance 0 {lot.unit}) — not {action}.")
    if quantity > lot.balance:
        raise Refused(
            f"Only {format_quantity(lot.balance)} {lot.unit} of lot {lot.code} is left; "
            f"{format_quantity(quantity)} {lot.unit} cannot be {action}."
        )
