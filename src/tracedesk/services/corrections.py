"""Correcting recorded lot data (supplier lot, expiry, PO typos) by events that keep old and new."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg
from tracedesk.core.parsing import check_expiry, check_past_date, clean_text, parse_date
from tracedesk.core.quantity import plain_text
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.permissions import Action, require

TEXT_FIELDS = ("supplier_lot", "manufacturer_lot", "po")
DATE_FIELDS = ("expiry", "manufactured_on")


# How a refusal names a correctable field.
_FIELD_NAMES = {
    "supplier_lot": msg("supplier lot"),
    "manufacturer_lot": msg("manufacturer lot"),
    "po": msg("purchase order"),
    "expiry": msg("expiry date"),
    "manufactured_on": msg("manufacturing date"),
}


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return plain_text(value)


def correct_lot(session: Session, actor: Actor, *, lot: str, reason: str, **changes: object) -> LotInfo:
    """Record a correction of the lot's recorded data; the history keeps what it said before.

    `changes` names fields among supplier_lot, manufacturer_lot, po, expiry, manufactured_on;
    an empty string clears a field.
    """
    require(session, actor, Action.CORRECT)
    the_lot = lot_by_code(session, lot)
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        raise InvalidInput("Say why the lot's data is corrected (e.g. supplier lot mistyped at receiving).")
    unknown = set(changes) - set(TEXT_FIELDS) - set(DATE_FIELDS)
    if unknown:
        raise InvalidInput(
            "Only {fields} can be corrected, not {unknown}.",
            fields=[_FIELD_NAMES[f] for f in TEXT_FIELDS + DATE_FIELDS],
            unknown=sorted(unknown),
        )
    recorded: dict[str, list[str | None]] = {}
    for field, value in changes.items():
        if value is None:
            continue
        new: str | None
        what = field.replace("_", " ")
        if field in DATE_FIELDS:
            day = parse_date(value, what=_FIELD_NAMES.get(field, field)) if str(value).strip() else None
            if day is not None and field == "expiry":
                check_expiry(day, today=actor.today)
            elif day is not None:
                check_past_date(day, today=actor.today, what=what)
            new = day.isoformat() if day else None
        else:
            new = clean_text(_as_text(value), what=what, max_length=64) or None
        old = _as_text(getattr(the_lot, field))
        if old != new:
            recorded[field] = [old, new]
    if not recorded:
        raise InvalidInput("Lot {lot} already has these values; nothing to correct.", lot=the_lot.code)
    apply_event(session, actor, "lot_corrected", {"lot": the_lot.code, "changes": recorded, "reason": reason})
    return lot_info(session, lot_by_code(session, lot))
