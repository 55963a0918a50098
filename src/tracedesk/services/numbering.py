"""Minting lot and order codes from the station's numbering rule, never colliding."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.numbering import DEFAULT_PATTERN, NumberingRule
from tracedesk.db.models import Lot, LotCounter, Station, WorkOrder


def station_rule(session: Session, station: str) -> NumberingRule:
    row = session.get(Station, station)
    if row is None or not row.numbering:
        return NumberingRule(row.lot_prefix if row else "L", DEFAULT_PATTERN)
    return NumberingRule(row.lot_prefix, row.numbering)


def mint_lot_codes(session: Session, actor: Actor, count: int, *, day: date | None = None) -> list[tuple[str, dict[str, Any]]]:
    """`count` fresh lot codes with the `minted` record the projection uses to advance the counter."""
    rule = station_rule(session, actor.station)
    day = day or actor.today
    period = rule.period(day)
    counter = session.get(LotCounter, (actor.station, period))
    number = counter.last if counter else 0
    minted: list[tuple[str, dict[str, Any]]] = []
    while len(minted) < count:
        number += 1
        code = rule.format(day, number)
        # Imported or hand-given codes may already use the next number: skip over them.
        if session.scalar(select(Lot.id).where(Lot.code == code)) is None:
            minted.append((code, {"station": actor.station, "period": period, "number": number}))
    return minted


def next_order_number(session: Session, actor: Actor) -> str:
    """WO-<prefix><yymmdd>-<n>: readable, unique per station and day."""
    rule = station_rule(session, actor.station)
    stem = f"WO-{rule.prefix}{actor.today:%y%m%d}-"
    taken = session.scalars(select(WorkOrder.number).where(WorkOrder.number.like(stem + "%"))).all()
    numbers = [int(n[len(stem) :]) for n in taken if n[len(stem) :].isdigit()]
    return f"{stem}{max(numbers, default=0) + 1:03}"
