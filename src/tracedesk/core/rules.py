"""Pure rules about what may happen to a lot, given its state (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracedesk.core.errors import Refused
from tracedesk.core.messages import Message, msg
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
    suspect_reason: Message | str | None = None


# What a refusal says was not done: "Lot L1 is on hold — not issued."
ISSUED = msg("issued")
SHIPPED = msg("shipped")


def check_usable(lot: LotState, *, today: date, action: Message) -> None:
    """Only released, unexpired lots may be issued or shipped; say why not otherwise."""
    if lot.status is LotStatus.ON_HOLD:
        if lot.hold_reason:
            raise Refused("Lot {lot} is on hold: {reason} — not {action}.", lot=lot.code, reason=lot.hold_reason, action=action)
        raise Refused("Lot {lot} is on hold — not {action}.", lot=lot.code, action=action)
    if lot.suspect_reason:
        raise Refused(
            "Lot {lot} is suspect and blocked: {reason} — not {action}.",
            lot=lot.code,
            reason=lot.suspect_reason,
            action=action,
        )
    if lot.status is LotStatus.QUARANTINE:
        raise Refused("Lot {lot} is in quarantine and has not been released by QA — not {action}.", lot=lot.code, action=action)
    if lot.status is LotStatus.REJECTED:
        raise Refused("Lot {lot} was rejected by QA — not {action}.", lot=lot.code, action=action)
    if lot.expiry is not None and lot.expiry < today:
        raise Refused("Lot {lot} expired on {expiry} — not {action}.", lot=lot.code, expiry=lot.expiry, action=action)


def check_quantity_available(lot: LotState, quantity: Decimal, *, action: Message) -> None:
    """The balance never goes negative silently."""
    if lot.balance <= 0:
        raise Refused("Lot {lot} has nothing left (balance 0 {unit}) — not {action}.", lot=lot.code, unit=lot.unit, action=action)
    if quantity > lot.balance:
        raise Refused(
            "Only {balance} {unit} of lot {lot} is left; {quantity} {unit} cannot be {action}.",
            balance=lot.balance,
            unit=lot.unit,
            lot=lot.code,
            quantity=quantity,
            action=action,
        )
