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

from collections.abc import Sequence
from decimal import Decimal
from itertools import groupby

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from tracedesk.core.errors import DatabaseError
from tracedesk.db import lot_handlers, master_handlers, notice_handlers, quality_handlers
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.master_handlers import new_values
from tracedesk.db.models import Bom, BomLine, Item, Location, Party, Station, User
from tracedesk.db.projector import HandlerTable, Projector, handler_table

_MASTER_DATA: HandlerTable = {}
handles = handler_table(_MASTER_DATA)


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
    # The PIN hash and badge key are not state: they live in `credentials`, written by the service
    # beside the event (events before schema 0002 held them, redacted by that upgrade).
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
            insert(Bom)
            .values(product_id=items[e.payload["product"]], version=e.payload["version"], created_event=e.seq)
            .returning(Bom.id)
        ).scalar_one()
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
    _MASTER_DATA, master_handlers.HANDLERS, lot_handlers.HANDLERS, quality_handlers.HANDLERS, notice_handlers.HANDLERS
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
    session.expire_all()
