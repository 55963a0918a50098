"""moves.csv and returns.csv: warehouse history imported row by row through the same services as a scan.

Each row is recorded at its own time (the row's `moved_at` / `returned_at`), checked as the
service checks a scan (quarantined lots only into quarantine locations, returns only against a
shipment's document); the first bad row names its file, row and column, and the caller's
transaction records nothing of the import. A row identical to what is stored is skipped, so
importing the same files twice records nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import TraceDeskError
from tracedesk.core.parsing import parse_quantity, parse_timestamp
from tracedesk.db.models import CustomerReturn, Location, Lot, LotMove
from tracedesk.services.import_sources import ImportProblem, Row, Table, cell

WAREHOUSE_TABLES = ("moves", "returns")


def _at(actor: Actor, when: datetime) -> Actor:
    """The acting user, recording as of the row's time."""
    return replace(actor, clock=lambda: when)


def _time(row: Row, column: str, actor: Actor) -> datetime:
    return cell(row, column, lambda t: parse_timestamp(t, local=actor.tz, now=actor.now()))


@contextmanager
def _named(row: Row) -> Iterator[None]:
    """A service's refusal for a row is the row's problem, named with its file and row."""
    try:
        yield
    except TraceDeskError as error:
        raise ImportProblem("{error}", at=row.where(), error=error) from None


def import_warehouse(session: Session, actor: Actor, tables: dict[str, Table]) -> dict[str, tuple[int, int]]:
    """Record the rows of moves.csv, then returns.csv, in time order; (added, skipped) per table."""
    from tracedesk.services.aftersales import receive_return
    from tracedesk.services.warehouse import move_lot

    result: dict[str, tuple[int, int]] = {}
    if "moves" in tables:
        rows = [(_time(row, "moved_at", actor), row) for row in tables["moves"].rows]
        added = skipped = 0
        for when, row in sorted(rows, key=lambda pair: (pair[0], pair[1].number)):
            lot, place = row.text("lot"), row.text("location")
            quantity = row.text("quantity") or None
            purpose = row.text("purpose") or "move"
            if quantity is not None:
                cell(row, "quantity", parse_quantity)
            if _move_stored(session, lot, place, when):
                skipped += 1
                continue
            with _named(row):
                move_lot(session, _at(actor, when), lot=lot, to=place, quantity=quantity, purpose=purpose)
            added += 1
        result["moves"] = (added, skipped)
    if "returns" in tables:
        rows = [(_time(row, "returned_at", actor), row) for row in tables["returns"].rows]
        added = skipped = 0
        for when, row in sorted(rows, key=lambda pair: (pair[0], pair[1].number)):
            lot, document = row.text("lot"), row.text("document")
            amount = cell(row, "quantity", parse_quantity)
            if _return_stored(session, lot, document, amount, when):
                skipped += 1
                continue
            with _named(row):
                receive_return(
                    session,
                    _at(actor, when),
                    lot=lot,
                    document=document,
                    quantity=amount,
                    reason=row.text("reason"),
                    to=row.text("location") or None,
                )
            added += 1
        result["returns"] = (added, skipped)
    return result


def _move_stored(session: Session, lot: str, place: str, when: datetime) -> bool:
    """A move of this lot into this place at this time is recorded already (or of a lot split off it then)."""
    target = session.scalar(select(Location.id).where(Location.code == place))
    lot_id = session.scalar(select(Lot.id).where(Lot.code == lot))
    if target is None or lot_id is None:
        return False
    moved = select(LotMove.id).where(LotMove.to_location_id == target, LotMove.moved_at == when)
    if session.scalar(moved.where(LotMove.lot_id == lot_id)) is not None:
        return True
    from tracedesk.db.models import LotLink

    children = select(LotLink.child_id).where(LotLink.parent_id == lot_id, LotLink.kind == "split")
    return session.scalar(moved.where(LotMove.lot_id.in_(children))) is not None


def _return_stored(session: Session, lot: str, document: str, quantity: Decimal, when: datetime) -> bool:
    lot_id = session.scalar(select(Lot.id).where(Lot.code == lot))
    if lot_id is None:
        return False
    return (
        session.scalar(
            select(CustomerReturn.id).where(
                CustomerReturn.source_lot_id == lot_id,
                CustomerReturn.document == document,
                CustomerReturn.quantity == quantity,
                CustomerReturn.returned_at == when,
            )
        )
        is not None
    )
