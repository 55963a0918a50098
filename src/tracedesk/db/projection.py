"""The projection: how each event type changes the state tables.

This is the only code that writes state tables. Live requests, imports and replays all pass
their events through `project`; handlers work on runs of consecutive events of one type, so
an import of a million rows costs a few statements per run rather than per row. Genealogy
links for orders are derived from stored facts only (an output links to the order's inputs
issued at or before it was produced), so the result does not depend on how events were batched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any, TypeVar

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from tracedesk.core.timeparse import from_iso_utc
from tracedesk.db.bulk import driver, insert_rows, insert_values, processor
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import (
    Bom,
    BomLine,
    EventLot,
    Item,
    Location,
    Lot,
    Party,
    Station,
    User,
    WorkOrder,
)

CHUNK = 900
K = TypeVar("K")
Handler = Callable[["Projector", list[StoredEvent]], None]
HANDLERS: dict[str, Handler] = {}


def handles(event_type: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[event_type] = handler
        return handler

    return register


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

    def _ids(self, sql: str, keys: Iterable[str], *extra: Any) -> dict[str, int]:
        wanted = sorted({k for k in keys if k is not None})
        if not wanted:
            return {}
        # Through the driver: one statement for any number of codes, plain tuples back.
        return dict(driver(self.session).execute(sql, (json.dumps(wanted), *extra)).fetchall())

    def lot_ids(self, codes: Iterable[str]) -> dict[str, int]:
        return self._ids(_LOT_IDS, codes)

    def item_ids(self, codes: Iterable[str]) -> dict[str, int]:
        return self._ids(_ITEM_IDS, codes)

    def order_ids(self, numbers: Iterable[str]) -> dict[str, int]:
        return self._ids(_ORDER_IDS, numbers)

    def party_ids(self, kind: str, codes: Iterable[str]) -> dict[str, int]:
        return self._ids(_PARTY_IDS, codes, kind)

    def location_ids(self, codes: Iterable[str]) -> dict[str, int]:
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
        totals: dict[int, int] = {}
        for lot, delta in deltas:
            totals[lot] = totals.get(lot, 0) + scaled(delta)
        driver(self.session).executemany(
            "UPDATE lots SET balance = balance + ? WHERE id = ?", [(total, lot) for lot, total in sorted(totals.items())]
        )

    def set_lots(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(update(Lot), rows)


def project(session: Session, events: Sequence[StoredEvent]) -> None:
    """Apply events, in order, to the state tables (same transaction as the caller's)."""
    projector = Projector(session)
    for event_type, run in groupby(events, key=lambda e: e.type):
        handler = HANDLERS.get(event_type)
        if handler is None:
            raise ValueError(f"no projection for event type {event_type!r}")
        handler(projector, list(run))
    session.expire_all()


# --- master data ----------------------------------------------------------------------------


@handles("station_configured")
def _station_configured(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        station = p.session.get(Station, e.payload["station"])
        if station is None:
            station = Station(code=e.payload["station"], last_seq=0, last_hash="")
            p.session.add(station)
        station.name = e.payload["name"]
        station.lot_prefix = e.payload["lot_prefix"]
        station.numbering = e.payload["numbering"]
    p.session.flush()


@handles("user_created")
def _user_created(p: Projector, events: list[StoredEvent]) -> None:
    p.insert(
        User,
        [
            {
                "code": e.payload["code"],
                "name": e.payload["name"],
                "role": e.payload["role"],
                "pin_hash": e.payload["pin_hash"],
                "badge_hash": e.payload.get("badge_hash"),
                "active": True,
                "created_event": e.seq,
            }
            for e in events
        ],
    )


@handles("user_updated")
def _user_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        values = {field: new for field, (_old, new) in e.payload["changes"].items()}
        p.session.execute(update(User).where(User.code == e.payload["code"]).values(**values))


@handles("item_created")
def _item_created(p: Projector, events: list[StoredEvent]) -> None:
    p.insert(
        Item,
        [
            {
                "code": e.payload["code"],
                "name": e.payload["name"],
                "unit": e.payload["unit"],
                "kind": e.payload["kind"],
                "tracking": e.payload["tracking"],
                "gtin": e.payload.get("gtin"),
                "shelf_life_days": e.payload.get("shelf_life_days"),
                "created_event": e.seq,
            }
            for e in events
        ],
    )


@handles("item_updated")
def _item_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        values = {field: new for field, (_old, new) in e.payload["changes"].items()}
        p.session.execute(update(Item).where(Item.code == e.payload["code"]).values(**values))


@handles("party_created")
def _party_created(p: Projector, events: list[StoredEvent]) -> None:
    p.insert(
        Party,
        [
            {
                "kind": e.payload["kind"],
                "code": e.payload["code"],
                "name": e.payload["name"],
                "gln": e.payload.get("gln"),
                "location": e.payload.get("location") or "",
                # Events recorded before location descriptions existed have none of these.
                **{field: e.payload.get(field) or "" for field in _PARTY_DESCRIPTION},
                "created_event": e.seq,
            }
            for e in events
        ],
    )


_PARTY_DESCRIPTION = ("phone", "street", "city", "region", "postal_code", "country")


@handles("location_created")
def _location_created(p: Projector, events: list[StoredEvent]) -> None:
    p.insert(
        Location,
        [
            {
                "code": e.payload["code"],
                "name": e.payload["name"],
                "gln": e.payload.get("gln"),
                "business_name": e.payload.get("business_name") or "",
                **{field: e.payload.get(field) or "" for field in _PARTY_DESCRIPTION},
                "created_event": e.seq,
            }
            for e in events
        ],
    )


@handles("bom_created")
def _bom_created(p: Projector, events: list[StoredEvent]) -> None:
    codes = [e.payload["product"] for e in events] + [ln["component"] for e in events for ln in e.payload["lines"]]
    items = p.item_ids(codes)
    for e in events:
        bom_id = p.session.execute(
            insert(Bom).values(product_id=items[e.payload["product"]], version=e.payload["version"], created_event=e.seq)
        ).inserted_primary_key[0]
        p.insert(
            BomLine,
            [
                {
                    "bom_id": bom_id,
                    "component_id": items[ln["component"]],
                    "quantity_per": Decimal(ln["quantity_per"]),
                    "unit": ln["unit"],
                    "substitutes": " ".join(ln.get("substitutes") or []),
                }
                for ln in e.payload["lines"]
            ],
        )


# Lot, order and quality handlers live beside this module; importing registers them.
from tracedesk.db import lot_handlers as _lot_handlers  # noqa: E402,F401
from tracedesk.db import master_handlers as _master_handlers  # noqa: E402,F401
