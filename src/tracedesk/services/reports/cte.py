"""The critical tracking events behind the EPCIS and FSMA 204 exports, read from the log as a stream.

Each event type of the log that is a critical tracking event has an entry in `SOURCES`: which
lots it names and how it becomes `TrackingEvent`s (receiving, shipping, an issue to an order,
an output, a split). Another event type (a move, a return, a transfer) joins the exports by
registering its own entry and a kind in the EPCIS and FSMA mapping tables.

The log is read in pages of `PAGE` events with the lots, orders and places they name, so an
export of a million events holds one page at a time, never the whole log.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.timeparse import from_iso_utc
from tracedesk.db.event_types import of_types
from tracedesk.db.genealogy import trace
from tracedesk.db.id_sets import id_set
from tracedesk.db.models import Event, EventLot, Item, Location, Lot, Party, WorkOrder
from tracedesk.services.lookup import lot_by_code

PAGE = 2000


@dataclass(frozen=True, slots=True)
class LotFacts:
    """What the exports say about a lot: its identity, its item, where it came from, its dates."""

    code: str
    item: str
    item_name: str
    gtin: str | None
    tracking: str
    unit: str
    origin: str  # received | produced | split
    supplier: str | None
    supplier_lot: str | None
    expiry: date | None
    best_before: date | None
    manufactured_on: date | None
    produced_at: datetime | None
    location: str | None


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    """One critical tracking event: what happened to how much of which lot, where, under which documents."""

    event_id: str
    event_type: str
    kind: str  # receiving | shipping | issue | output | split (see SOURCES)
    time: datetime
    utc_offset_minutes: int
    station: str
    lot: LotFacts
    quantity: Decimal
    outputs: tuple[tuple[LotFacts, Decimal], ...] = ()  # a split's children
    order: str | None = None
    order_event: str | None = None  # the UUID of the event that opened the order
    product: str | None = None  # the item the order makes
    party: str | None = None  # supplier (receiving) or customer (shipping) code
    location: str | None = None  # our location code where it happened
    documents: tuple[tuple[str, str], ...] = ()  # (CBV business transaction type, number)
    # The other place of a move or a transfer: where a move came from, where a transfer goes to
    # (shipped) or came from (received).
    other_place: str | None = None


@dataclass(frozen=True, slots=True)
class LogEntry:
    """The header of a log event, as its translation into tracking events needs it."""

    event_id: str
    event_type: str
    station: str
    recorded_at: datetime
    utc_offset_minutes: int


class Page:
    """The lots and orders one page of events names, read in one statement each."""

    def __init__(self, lots: dict[str, LotFacts], orders: dict[str, tuple[str, str]]) -> None:
        self.lots = lots
        self.orders = orders  # number -> (product item code, UUID of the order_created event)

    def order(self, number: str | None) -> tuple[str | None, str | None]:
        found = self.orders.get(number or "")
        return found if found else (None, None)


@dataclass(frozen=True)
class CteSource:
    """How one event type of the log becomes tracking events: the lots it names, and the translation."""

    lots: Callable[[dict[str, Any]], Iterable[str]]
    build: Callable[[LogEntry, dict[str, Any], Page], Iterable[TrackingEvent]]
    orders: Callable[[dict[str, Any]], Iterable[str]] = lambda _payload: ()


def _when(payload: dict[str, Any], key: str, entry: LogEntry) -> datetime:
    return from_iso_utc(payload[key]) if payload.get(key) else entry.recorded_at


def _event(entry: LogEntry, kind: str, when: datetime, lot: LotFacts, quantity: Decimal, **details: Any) -> TrackingEvent:
    """A tracking event with the log entry's header; `details` are the kind's own fields."""
    return TrackingEvent(
        entry.event_id, entry.event_type, kind, when, entry.utc_offset_minutes, entry.station, lot, quantity, **details
    )


def _received(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    documents = [("po", p["po"])] if p.get("po") else []
    if p.get("despatch"):
        documents.append(("desadv", p["despatch"]))
    yield _event(
        entry,
        "receiving",
        _when(p, "received_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        party=p.get("supplier"),
        location=p.get("location"),
        documents=tuple(documents),
    )


def _shipped(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    lot = page.lots[p["lot"]]
    yield _event(
        entry,
        "shipping",
        _when(p, "shipped_at", entry),
        lot,
        Decimal(p["quantity"]),
        party=p["customer"],
        location=lot.location,
        documents=(("desadv", p["document"]),) if p.get("document") else (),
    )


def _for_order(entry: LogEntry, p: dict[str, Any], page: Page, kind: str, when: str, location: str | None) -> TrackingEvent:
    """An issue to or an output of a work order: the order, the event that opened it, its product."""
    product, opened = page.order(p.get("order"))
    lot = page.lots[p["lot"]]
    return _event(
        entry,
        kind,
        _when(p, when, entry),
        lot,
        Decimal(p["quantity"]),
        order=p.get("order"),
        order_event=opened,
        product=product,
        location=location or lot.location,
        documents=(("prodorder", p["order"]),) if p.get("order") else (),
    )


def _issued(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _for_order(entry, p, page, "issue", "issued_at", None)


def _output(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _for_order(entry, p, page, "output", "produced_at", p.get("location"))


def _split(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    parent = page.lots[p["lot"]]
    children = tuple((page.lots[c["lot"]], Decimal(c["quantity"])) for c in p["children"])
    yield _event(
        entry,
        "split",
        _when(p, "split_at", entry),
        parent,
        sum((quantity for _, quantity in children), Decimal(0)),
        outputs=children,
        location=parent.location,
    )


def _moved(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _event(
        entry,
        "move",
        _when(p, "moved_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        location=p["to"],
        other_place=p.get("from"),
    )


def _returned(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _event(
        entry,
        "return",
        _when(p, "returned_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        party=p["customer"],
        location=p.get("location"),
        documents=(("desadv", p["document"]),),
    )


def _scrapped(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _event(
        entry,
        "destroy" if p.get("destroyed") else "scrap",
        _when(p, "scrapped_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        location=p.get("location"),
    )


def _transfer_shipped(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    yield _event(
        entry,
        "transfer_out",
        _when(p, "shipped_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        location=p.get("from"),
        documents=(("desadv", p["transfer"]),),
        other_place=p["to_plant"],
    )


def _transfer_received(entry: LogEntry, p: dict[str, Any], page: Page) -> Iterable[TrackingEvent]:
    carried = p.get("carried") or {}
    yield _event(
        entry,
        "transfer_in",
        _when(p, "received_at", entry),
        page.lots[p["lot"]],
        Decimal(p["quantity"]),
        location=p["location"],
        documents=(("desadv", p["transfer"]),),
        other_place=carried.get("from_plant"),
    )


SOURCES: dict[str, CteSource] = {
    "lot_moved": CteSource(lambda p: (p["lot"],), _moved),
    "lot_returned": CteSource(lambda p: (p["lot"],), _returned),
    "lot_scrapped": CteSource(lambda p: (p["lot"],), _scrapped),
    "transfer_shipped": CteSource(lambda p: (p["lot"],), _transfer_shipped),
    "transfer_received": CteSource(lambda p: (p["lot"],), _transfer_received),
    "lot_received": CteSource(lambda p: (p["lot"],), _received),
    "lot_issued": CteSource(lambda p: (p["lot"],), _issued, lambda p: (p["order"],)),
    "output_recorded": CteSource(lambda p: (p["lot"],), _output, lambda p: (p["order"],)),
    "lot_shipped": CteSource(lambda p: (p["lot"],), _shipped),
    "lot_split": CteSource(lambda p: (p["lot"], *(c["lot"] for c in p["children"])), _split),
}


def family_of(session: Session, code: str) -> list[int]:
    """The lot, everything it came from and everything made from it."""
    lot = lot_by_code(session, code)
    return [lot.id, *(r.lot_id for r in trace(session, lot.id, "up")), *(r.lot_id for r in trace(session, lot.id, "down"))]


def iter_tracking_events(
    session: Session,
    *,
    lot_ids: Sequence[int] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    page_size: int = PAGE,
) -> Iterator[TrackingEvent]:
    """Tracking events in log order, for some lots (None: all) and/or a time range, a page at a time."""
    for rows in _pages(session, lot_ids, page_size):
        entries = [(LogEntry(r[1], r[2], r[3], r[4], r[5]), json.loads(r[6])) for r in rows]
        page = Page(
            _lot_facts(session, {code for e, p in entries for code in SOURCES[e.event_type].lots(p)}),
            _orders(session, {number for e, p in entries for number in SOURCES[e.event_type].orders(p)}),
        )
        for entry, payload in entries:
            for event in SOURCES[entry.event_type].build(entry, payload, page):
                if (since and event.time < since) or (until and event.time >= until):
                    continue
                yield event


_COLUMNS = (Event.seq, Event.id, Event.type, Event.station, Event.recorded_at, Event.utc_offset_minutes, Event.payload)


def _pages(session: Session, lot_ids: Sequence[int] | None, size: int) -> Iterator[list[Any]]:
    types = sorted(SOURCES)
    if lot_ids is None:
        last = 0
        while True:
            stmt = select(*_COLUMNS).where(of_types(types), Event.seq > last).order_by(Event.seq).limit(size)
            rows = list(session.execute(stmt))
            if not rows:
                return
            last = rows[-1][0]
            yield rows
        return
    # The family's events, found once through the lot index, then read a page at a time.
    seqs = sorted(set(session.scalars(select(EventLot.event_seq).where(EventLot.lot_id.in_(id_set(lot_ids))))))
    for start in range(0, len(seqs), size):
        stmt = select(*_COLUMNS).where(Event.seq.in_(id_set(seqs[start : start + size])), Event.type.in_(types))
        rows = list(session.execute(stmt.order_by(Event.seq)))
        if rows:
            yield rows


def _lot_facts(session: Session, codes: set[str]) -> dict[str, LotFacts]:
    if not codes:
        return {}
    stmt = (
        select(
            Lot.code,
            Item.code,
            Item.name,
            Item.gtin,
            Item.tracking,
            Lot.unit,
            Lot.origin,
            Party.code,
            Lot.supplier_lot,
            Lot.expiry,
            Lot.best_before,
            Lot.manufactured_on,
            Lot.produced_at,
            Location.code,
        )
        .join(Item, Item.id == Lot.item_id)
        .outerjoin(Party, Party.id == Lot.supplier_id)
        .outerjoin(Location, Location.id == Lot.location_id)
        .where(Lot.code.in_(id_set(codes)))
    )
    # Plain rows, not ORM objects: nothing accumulates in the session from page to page.
    facts = {}
    for (
        code,
        item,
        name,
        gtin,
        tracking,
        unit,
        origin,
        supplier,
        supplier_lot,
        expiry,
        best,
        made,
        produced,
        place,
    ) in session.execute(stmt):
        facts[code] = LotFacts(
            code, item, name, gtin, tracking, unit, origin, supplier, supplier_lot, expiry, best, made, produced, place
        )
    return facts


def _orders(session: Session, numbers: set[str]) -> dict[str, tuple[str, str]]:
    if not numbers:
        return {}
    stmt = (
        select(WorkOrder.number, Item.code, Event.id)
        .join(Item, Item.id == WorkOrder.product_id)
        .join(Event, Event.seq == WorkOrder.created_event)
        .where(WorkOrder.number.in_(id_set(numbers)))
    )
    return {number: (product, event_id) for number, product, event_id in session.execute(stmt)}
