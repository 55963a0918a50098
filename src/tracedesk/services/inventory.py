"""Inventory corrections: splitting a lot into child lots, adjusting a counted quantity."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.core.messages import msg
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.timeparse import iso_utc
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.numbering import mint_lot_codes
from tracedesk.services.permissions import Action, require


def split_lot(session: Session, actor: Actor, *, lot: str, quantities: Sequence[object]) -> list[LotInfo]:
    """Split part of a lot's balance into new child lots (same item, supplier lot, status, expiry)."""
    require(session, actor, Action.SPLIT)
    parent = lot_by_code(session, lot)
    if parent.status == "rejected":
        raise Refused("Lot {lot} was rejected; a rejected lot is not split.", lot=parent.code)
    if not quantities:
        raise InvalidInput("Give at least one quantity to split off.")
    if len(quantities) > 500:
        raise InvalidInput("A lot is split into at most 500 child lots at once.")
    amounts = [parse_quantity(q, what=msg("quantity of child lot {number}", number=n)) for n, q in enumerate(quantities, start=1)]
    total = sum(amounts, Decimal(0))
    if total > parent.balance:
        raise Refused(
            "Lot {lot} has {balance} {unit} left; {total} {unit} cannot be split off.",
            lot=parent.code,
            balance=parent.balance,
            unit=parent.unit,
            total=total,
        )
    codes = mint_lot_codes(session, actor, len(amounts))
    apply_event(
        session,
        actor,
        "lot_split",
        {
            "lot": parent.code,
            "split_at": iso_utc(actor.now()),
            "children": [
                {"lot": code, "quantity": format_quantity(q), "minted": minted} for (code, minted), q in zip(codes, amounts)
            ],
        },
    )
    return [lot_info(session, lot_by_code(session, code)) for code, _ in codes]


def adjust_lot(session: Session, actor: Actor, *, lot: str, counted: object, reason: str) -> LotInfo:
    """Set a lot's balance to what was counted, recording the difference and the reason."""
    require(session, actor, Action.ADJUST)
    the_lot = lot_by_code(session, lot)
    new_balance = parse_quantity(counted, what=msg("counted quantity"), allow_zero=True)
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        raise InvalidInput("Say why the quantity is adjusted (e.g. counted at stocktake, spillage).")
    delta = new_balance - the_lot.balance
    if delta == 0:
        raise InvalidInput(
            "Lot {lot} already has {balance} {unit}; nothing to adjust.",
            lot=the_lot.code,
            balance=new_balance,
            unit=the_lot.unit,
        )
    apply_event(
        session,
        actor,
        "lot_adjusted",
        {
            "lot": the_lot.code,
            "delta": format_quantity(delta) if delta > 0 else "-" + format_quantity(-delta),
            "old_balance": format_quantity(the_lot.balance),
            "new_balance": format_quantity(new_balance),
            "reason": reason,
            "adjusted_at": iso_utc(actor.now()),
        },
    )
    return lot_info(session, lot_by_code(session, lot))
