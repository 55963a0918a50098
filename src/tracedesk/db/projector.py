"""The projector: what every event handler writes the state tables with, and how handlers are declared.

Handlers live in the handler modules (db/*_handlers.py); each keeps its own table of the event
types it projects, filled by `handler_table`'s decorator when the module is imported, and
db/projection.py composes those tables. This module imports no handler module, so importing
a handler module registers nothing anywhere else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session

from tracedesk.core.timeparse import from_iso_utc
from tracedesk.db.bulk import driver, insert_rows, insert_values, processor
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import (
    EventLot,
    Item,
    Location,
    Lot,
    Party,
    WorkOrder,
)
from tracedesk.db.rows import referenced

CHUNK = 900
K = TypeVar("K")
Handler = Callable[["Projector", list[StoredEvent]], None]
HandlerTable = dict[str, Handler]
Ids = dict[str | None, int]  # code -> row id; None (an absent optional code) is never a key


def handler_table(table: HandlerTable) -> Callable[[str], Callable[[Handler], Handler]]:
    """A `@handles(event_type)` decorator that files handlers in the module's own `table`.

    One event type has one handler: declaring a second (a copy-paste slip) fails on import
    rather than silently replacing the first.
    """

    def handles(event_type: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if event_type in table:
                # A programming error seen by developers only, so no translated sentence.
                raise ValueError("two handlers for one event type", event_type)
            table[event_type] = handler
            return handler

        return register

    return handles


def _chunks(values: Sequence[K]) -> Iterable[Sequence[K]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _date(value: str | None) -> Any:
    from datetime import date

    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> Any:
    return from_iso_utc(value) if value else None


def _dec(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _id_query(key: Any, id_column: Any, where: str = "") -> str:
    """SELECT code -> id for a JSON list of codes (written once here: a scan resolves two codes,
    and building the text from the mapped attributes cost more than SQLite takes to answer)."""
    table = key.table.name
    return f'SELECT "{key.name}", "{id_column.name}" FROM "{table}" WHERE "{key.name}" IN (SELECT value FROM json_each(?)){where}'


_LOT_IDS = _id_query(Lot.__table__.c.code, Lot.__table__.c.id)
_ITEM_IDS = _id_query(Item.__table__.c.code, Item.__table__.c.id)
_ORDER_IDS = _id_query(WorkOrder.__table__.c.number, WorkOrder.__table__.c.id)
_PARTY_IDS = _id_query(Party.__table__.c.code, Party.__table__.c.id, " AND kind = ?")
_LOCATION_IDS = _id_query(Location.__table__.c.code, Location.__table__.c.id)


class Projector:
    """Applies stored events to the state tables of one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # Codes may be None (an optional field of a payload): they are skipped, so looking them up
    # with .get() gives None.
    def _ids(self, sql: str, keys: Iterable[str | None], *extra: Any) -> Ids:
        wanted = sorted({k for k in keys if k is not None})
        if not wanted:
            return {}
        # Through the driver: one statement for any number of codes, plain tuples back.
        return dict(driver(self.session).execute(sql, (json.dumps(wanted), *extra)).fetchall())

    def lot_ids(self, codes: Iterable[str | None]) -> Ids:
        return self._ids(_LOT_IDS, codes)

    def item_ids(self, codes: Iterable[str | None]) -> Ids:
        return self._ids(_ITEM_IDS, codes)

    def order_ids(self, numbers: Iterable[str | None]) -> Ids:
        return self._ids(_ORDER_IDS, numbers)

    def party_ids(self, kind: str, codes: Iterable[str | None]) -> Ids:
        return self._ids(_PARTY_IDS, codes, kind)

    def location_ids(self, codes: Iterable[str | None]) -> Ids:
        return self._ids(_LOCATION_IDS, codes)

    def insert(self, model: Any, rows: list[dict[str, Any]]) -> None:
        # Through the driver with the columns' own conversions (see db.bulk): the Core and ORM
        # paths cost several times more per row, and nothing here needs identity-map
        # bookkeeping (project() expires the session).
        insert_rows(self.session, model.__table__, rows)

    def insert_values(self, model: Any, keys: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Like insert, with each row as its values in the order of `keys` (no dict per row)."""
        insert_values(self.session, model.__table__, keys, rows)

    def touch_lots(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Index which lots each event concerns (the lot's timeline)."""
        self.insert_values(EventLot, ("lot_id", "event_seq"), dict.fromkeys(pairs))

    def change_balances(self, deltas: list[tuple[int, Decimal]]) -> None:
        """Apply signed balance changes; one write per lot of the run."""
        if not deltas:
            return
        # Balances are stored as scaled integers: each delta is converted by the column type
        # (which refuses more than six decimals, as an ORM write would), the deltas are summed
        # per lot and added in SQL; integer sums, so the stored balance is the same as reading,
        # adding in Python and writing back, without the read (a scan issues one lot).
        scaled = processor(Lot.__table__.c.balance, self.session.get_bind().dialect)
        if scaled is None:
            # Quantity always converts (Decimal -> scaled integer); adding unconverted deltas
            # would corrupt every balance, so stop rather than write them.
            raise TypeError("the lot balance column has no bind conversion")
        totals: dict[int, int] = {}
        for lot, delta in deltas:
            totals[lot] = totals.get(lot, 0) + scaled(delta)
        driver(self.session).executemany(
            "UPDATE lots SET balance = balance + ? WHERE id = ?", [(total, lot) for lot, total in sorted(totals.items())]
        )

    def lot(self, lot_id: int) -> Lot:
        """The lot row an event's handler changes; a damaged database may have lost it."""
        return referenced(self.session, Lot, lot_id)

    def set_lots(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(update(Lot), rows)
