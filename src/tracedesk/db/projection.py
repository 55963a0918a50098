"""The projection: how each event type changes the state tables.

This is the only code that writes state tables. Live requests, imports and replays all pass
their events through `project`; handlers work on runs of consecutive events of one type, so
an import of a million rows costs a few statements per run rather than per row. Genealogy
links for orders are derived from stored facts only (an output links to the order's inputs
issued at or before it was produced), so the result does not depend on how events were batched.

`HANDLERS` is composed explicitly from the handler modules' tables (the master data's own
handlers are here); the handler modules import the Projector from db/projector.py and never
this module, so there is no import cycle (an import-linter contract keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from tracedesk.core.errors import DatabaseError
from tracedesk.db import (
    conflict_handlers,
    key_handlers,
    lot_handlers,
    master_handlers,
    notice_handlers,
    quality_handlers,
    warehouse_handlers,
)
from tracedesk.db.conflicts import detect_conflicts
from tracedesk.db.event_types import of_types
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.master_handlers import new_values
from tracedesk.db.models import Bom, BomLine, Event, Item, Location, Party, Station, User
from tracedesk.db.ordering import after_in_order, canonical_key, later_changed_fields
from tracedesk.db.projector import HandlerTable, Projector, handler_table

_MASTER_DATA: HandlerTable = {}
handles = handler_table(_MASTER_DATA)


# --- master data ----------------------------------------------------------------------------


def _creations(
    p: Projector, events: list[StoredEvent], model: Any, match: Callable[[StoredEvent], dict[str, str]], fields: Sequence[str]
) -> list[StoredEvent]:
    """The creation events that create a record; the others name a record that exists already.

    Two stations may create the same code offline (a master-data conflict, db.conflicts). The
    record is the one created first in the canonical order wherever the events arrive: a creation
    that arrives late but was recorded earlier takes over the record's fields (those no later
    change has set) and its creation event.
    """
    first: dict[tuple[str, ...], StoredEvent] = {}
    for e in events:
        key = tuple(match(e).values())
        if key not in first or canonical_key(e) < canonical_key(first[key]):
            first[key] = e
    fresh: list[StoredEvent] = []
    columns = list(match(events[0])) if events else []
    codes = sorted({match(e)["code"] for e in first.values()})
    stored: set[tuple[str, ...]] = set()
    for start in range(0, len(codes), 500):
        found_keys = p.session.execute(
            select(*(getattr(model, c) for c in columns)).where(model.code.in_(codes[start : start + 500]))
        )
        stored.update(tuple(row) for row in found_keys)
    for key, e in first.items():
        if key not in stored:
            fresh.append(e)
            continue
        where = [getattr(model, column) == value for column, value in match(e).items()]
        found = p.session.execute(
            select(model.id, Event.recorded_at, Event.station, Event.station_seq)
            .join(Event, Event.seq == model.created_event)
            .where(*where)
        ).one_or_none()
        if found is None:
            fresh.append(e)
        elif canonical_key(e) < (found[1], found[2], found[3]):
            later = later_changed_fields(p.session, e, (e.type.replace("_created", "_updated"),), match(e))
            values = {f: e.payload.get(f) for f in fields if f not in later}
            p.session.execute(update(model).where(model.id == found[0]).values(**values, created_event=e.seq))
    return sorted(fresh, key=lambda e: e.seq)


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
    # The PIN hash and badge key are not state: they live in `credentials`, written by the service
    # beside the event (events before schema 0002 held them, redacted by that upgrade).
    events = _creations(p, events, User, lambda e: {"code": e.payload["code"]}, ("name", "role"))
    p.insert(
        User,
        [
            {
                "code": e.payload["code"],
                "name": e.payload["name"],
                "role": e.payload["role"],
                "active": True,
                "created_event": e.seq,
            }
            for e in events
        ],
    )


# A user's editable fields: older `user_updated` events also name a (redacted) "pin_hash".
_USER_FIELDS = ("name", "role", "active")


@handles("user_updated")
def _user_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        values = {field: new for field, new in new_values(p, e, {"code": e.payload["code"]}).items() if field in _USER_FIELDS}
        if values:
            p.session.execute(update(User).where(User.code == e.payload["code"]).values(**values))


def _no_state(p: Projector, events: list[StoredEvent]) -> None:
    """Events that are facts of the log only: credentials changes, failed sign-ins, the record of a redaction."""


for _type in ("user_pin_changed", "user_badge_changed", "sign_in_failed", "log_redacted"):
    handles(_type)(_no_state)


@handles("item_created")
def _item_created(p: Projector, events: list[StoredEvent]) -> None:
    events = _creations(
        p, events, Item, lambda e: {"code": e.payload["code"]}, ("name", "unit", "kind", "tracking", "gtin", "shelf_life_days")
    )
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
        values = new_values(p, e, {"code": e.payload["code"]})
        if values:
            p.session.execute(update(Item).where(Item.code == e.payload["code"]).values(**values))


@handles("party_created")
def _party_created(p: Projector, events: list[StoredEvent]) -> None:
    events = _creations(
        p,
        events,
        Party,
        lambda e: {"kind": e.payload["kind"], "code": e.payload["code"]},
        ("name", "gln", "location", *_PARTY_DESCRIPTION),
    )
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
    events = _creations(
        p, events, Location, lambda e: {"code": e.payload["code"]}, ("name", "gln", "business_name", *_PARTY_DESCRIPTION)
    )
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
                # Events recorded before the hierarchy existed name no kind, parent or block.
                "kind": e.payload.get("kind") or "area",
                "blocked": bool(e.payload.get("blocked")),
            }
            for e in events
        ],
    )
    # Parents after every row of the run exists: a plant and its bins may come in one import.
    placed = [e for e in events if e.payload.get("parent")]
    if placed:
        ids = p.location_ids([e.payload["code"] for e in placed] + [e.payload["parent"] for e in placed])
        p.session.execute(
            update(Location),
            [{"id": ids[e.payload["code"]], "parent_id": ids[e.payload["parent"]]} for e in placed],
        )


@handles("location_blocked")
def _location_blocked(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        # Blocked or not is what the last such event in the canonical order said, whatever arrived first.
        later = p.session.scalar(
            select(Event.seq)
            .where(of_types(e.type), func.json_extract(Event.payload, "$.code") == e.payload["code"], after_in_order(e))
            .limit(1)
        )
        if later is None:
            p.session.execute(
                update(Location).where(Location.code == e.payload["code"]).values(blocked=bool(e.payload["blocked"]))
            )


@handles("bom_created")
def _bom_created(p: Projector, events: list[StoredEvent]) -> None:
    codes = [e.payload["product"] for e in events] + [ln["component"] for e in events for ln in e.payload["lines"]]
    items = p.item_ids(codes)
    stored = {
        (product, version)
        for product, version in p.session.execute(
            select(Bom.product_id, Bom.version).where(Bom.product_id.in_(sorted({items[c] for c in codes})))
        )
    }
    for e in events:
        found = None
        if (items[e.payload["product"]], e.payload["version"]) in stored:
            found = p.session.execute(
                select(Bom.id, Event.recorded_at, Event.station, Event.station_seq)
                .join(Event, Event.seq == Bom.created_event)
                .where(Bom.product_id == items[e.payload["product"]], Bom.version == e.payload["version"])
            ).one_or_none()
        if found is not None:
            # The same version made at two stations offline (a master-data conflict): the first
            # in the canonical order gives the lines, wherever the events arrive first.
            # (Orders keep pointing at the version; its lines are replaced.)
            if canonical_key(e) > (found[1], found[2], found[3]):
                continue
            bom_id = found[0]
            p.session.execute(delete(BomLine).where(BomLine.bom_id == bom_id))
            p.session.execute(update(Bom).where(Bom.id == bom_id).values(created_event=e.seq))
        else:
            bom_id = p.session.execute(
                insert(Bom)
                .values(product_id=items[e.payload["product"]], version=e.payload["version"], created_event=e.seq)
                .returning(Bom.id)
            ).scalar_one()
            stored.add((items[e.payload["product"]], e.payload["version"]))
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


def _compose(*tables: HandlerTable) -> HandlerTable:
    composed: HandlerTable = {}
    for table in tables:
        for event_type, handler in table.items():
            if event_type in composed:
                raise ValueError("two handlers for one event type", event_type)
            composed[event_type] = handler
    return composed


# Every event type TraceDesk records, and the function that projects it.
HANDLERS: HandlerTable = _compose(
    _MASTER_DATA,
    master_handlers.HANDLERS,
    conflict_handlers.HANDLERS,
    lot_handlers.HANDLERS,
    quality_handlers.HANDLERS,
    notice_handlers.HANDLERS,
    key_handlers.HANDLERS,
    warehouse_handlers.HANDLERS,
)


def project(session: Session, events: Sequence[StoredEvent]) -> None:
    """Apply events, in order, to the state tables (same transaction as the caller's)."""
    projector = Projector(session)
    for event_type, run in groupby(events, key=lambda e: e.type):
        handler = HANDLERS.get(event_type)
        if handler is None:
            # Events from a newer station (a hub or an import) that this version cannot apply.
            raise DatabaseError(
                "This version of TraceDesk cannot apply events of type {event_type}; update TraceDesk on this station.",
                event_type=event_type,
            )
        handler(projector, list(run))
    detect_conflicts(session, events)
    session.expire_all()
