"""Master data: items, suppliers and customers, locations and BOMs; edits recorded with old and new values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import Message, msg
from tracedesk.core.parsing import clean_text, parse_quantity
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import word
from tracedesk.db.location_tree import LOCATION_KINDS, plant_of
from tracedesk.db.models import Bom, BomLine, Item, Location, Lot, Party
from tracedesk.services.dto import BomLineInfo, ItemInfo, LocationInfo, PartyInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import item_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.validation import (
    PARTY_DESCRIPTION,
    clean_unit,
    item_payload,
    location_payload,
    party_payload,
)

# What `create_location`/`update_location` store beside code and name.
LOCATION_FIELDS = ("gln", "business_name", *PARTY_DESCRIPTION)


def item_info(item: Item) -> ItemInfo:
    return ItemInfo(item.code, item.name, item.unit, item.kind, item.tracking, item.gtin, item.shelf_life_days)


def create_item(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    unit: str,
    kind: str,
    tracking: str = "lot",
    gtin: str | None = None,
    shelf_life_days: int | None = None,
) -> ItemInfo:
    """Add an item to the item master."""
    require(session, actor, Action.MASTER_DATA)
    payload = item_payload(code, name, unit, kind, tracking, gtin, shelf_life_days)
    if session.scalar(select(Item.id).where(Item.code == payload["code"])) is not None:
        raise Refused("An item '{code}' already exists.", code=payload["code"])
    if payload["gtin"] and session.scalar(select(Item.code).where(Item.gtin == payload["gtin"])):
        raise Refused("The GTIN {gtin} already belongs to another item.", gtin=payload["gtin"])
    apply_event(session, actor, "item_created", payload)
    return item_info(item_by_code(session, payload["code"]))


def party_info(party: Party) -> PartyInfo:
    return PartyInfo(
        party.kind,
        party.code,
        party.name,
        party.gln,
        party.location,
        *(getattr(party, field) for field in PARTY_DESCRIPTION),
    )


def location_info(location: Location) -> LocationInfo:
    session = object_session(location)
    parent = session.get(Location, location.parent_id) if session is not None and location.parent_id else None
    plant = plant_of(session, location) if session is not None else location
    described: dict[str, Any] = {field: getattr(location, field) for field in LOCATION_FIELDS}
    return LocationInfo(
        code=location.code,
        name=location.name,
        **described,
        kind=location.kind,
        parent=parent.code if parent else None,
        blocked=bool(location.blocked),
        plant=plant.code,
    )


def create_party(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    code: str,
    name: str,
    gln: str | None = None,
    location: str = "",
    description: Mapping[str, Any] | None = None,
) -> PartyInfo:
    """Add a supplier or a customer; `description` holds phone, street, city, region, postal_code, country."""
    require(session, actor, Action.MASTER_DATA)
    payload = party_payload(kind, code, name, gln, location, description)
    exists = session.scalar(select(Party.id).where(Party.kind == kind, Party.code == payload["code"]))
    if exists is not None:
        raise Refused("A {kind} '{code}' already exists.", kind=word(kind), code=payload["code"])
    apply_event(session, actor, "party_created", payload)
    return PartyInfo(**payload)


def create_location(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    gln: str | None = None,
    description: Mapping[str, Any] | None = None,
    kind: str = "area",
    parent: str | None = None,
    blocked: bool = False,
) -> str:
    """Add a location; a site of ours also gets its GLN and location description (business name, address, phone).

    Locations form a hierarchy: a plant at the top, warehouses and areas inside it, bins inside
    those. A blocked location (a quarantine cage) holds stock nobody may use.
    """
    require(session, actor, Action.MASTER_DATA)
    payload = location_payload(code, name, gln, description)
    if session.scalar(select(Location.id).where(Location.code == payload["code"])) is not None:
        raise Refused("A location '{code}' already exists.", code=payload["code"])
    payload.update(place_payload(session, payload["code"], kind, parent))
    if blocked:
        payload["blocked"] = True
    apply_event(session, actor, "location_created", payload)
    return str(payload["code"])


def place_payload(session: Session, code: str, kind: str, parent: str | None) -> dict[str, Any]:
    """A location's place in the hierarchy, checked: its kind and its parent's code."""
    kind = (kind or "area").strip().lower()
    if kind not in LOCATION_KINDS:
        raise InvalidInput("A location is one of: {kinds}.", kinds=[word(k) for k in LOCATION_KINDS])
    parent_code = (parent or "").strip() or None
    if parent_code is None:
        if kind == "bin":
            raise InvalidInput("The bin {code} needs the warehouse or area it is in.", code=code)
        return {"kind": kind}
    if kind == "plant":
        raise InvalidInput("A plant is a top-level location; {code} cannot be inside {parent}.", code=code, parent=parent_code)
    found = session.scalar(select(Location).where(Location.code == parent_code))
    if found is None:
        raise NotFound("There is no location '{code}'.", code=parent_code)
    if found.kind == "bin":
        raise InvalidInput(
            "The bin {parent} holds lots, not other locations; put {code} in an area.", parent=found.code, code=code
        )
    return {"kind": kind, "parent": found.code}


def create_bom(session: Session, actor: Actor, *, product: str, lines: Sequence[dict[str, Any]]) -> int:
    """Add a new BOM version for a product: lines of component, quantity per unit, unit, substitutes."""
    require(session, actor, Action.MASTER_DATA)
    product_item = item_by_code(session, product)
    if not lines:
        raise InvalidInput("A BOM needs at least one component line.")
    clean: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in lines:
        component = item_by_code(session, line["component"])
        if component.code == product_item.code:
            raise InvalidInput("{item} cannot be a component of itself.", item=product_item.code)
        if component.code in seen:
            raise InvalidInput("The component {component} appears twice in the BOM.", component=component.code)
        seen.add(component.code)
        substitutes = [item_by_code(session, s).code for s in line.get("substitutes") or []]
        quantity = parse_quantity(line["quantity_per"], what=msg("quantity of {component} per unit", component=component.code))
        clean.append(
            {
                "component": component.code,
                "quantity_per": format_quantity(quantity),
                "unit": clean_unit(line.get("unit") or component.unit),
                "substitutes": substitutes,
            }
        )
    version = (session.scalar(select(func.max(Bom.version)).where(Bom.product_id == product_item.id)) or 0) + 1
    apply_event(session, actor, "bom_created", {"product": product_item.code, "version": version, "lines": clean})
    return version


def current_bom(session: Session, product_id: int) -> Bom | None:
    return session.scalar(select(Bom).where(Bom.product_id == product_id).order_by(Bom.version.desc()).limit(1))


def bom_lines(session: Session, bom_id: int) -> list[BomLineInfo]:
    rows = session.execute(
        select(BomLine, Item).join(Item, Item.id == BomLine.component_id).where(BomLine.bom_id == bom_id).order_by(Item.code)
    ).all()
    return [
        BomLineInfo(item.code, item.name, line.quantity_per, line.unit, tuple(line.substitutes.split())) for line, item in rows
    ]


def list_items(session: Session) -> list[ItemInfo]:
    return [item_info(i) for i in session.scalars(select(Item).order_by(Item.code))]


def list_parties(session: Session, kind: str) -> list[PartyInfo]:
    rows = session.scalars(select(Party).where(Party.kind == kind).order_by(Party.code))
    return [party_info(p) for p in rows]


# --- edits: one event per edit, carrying each changed field as [old, new] ------------------


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {field: [old[field], value] for field, value in new.items() if old[field] != value}


def _record_update(
    session: Session,
    actor: Actor,
    event_type: str,
    key: dict[str, str],
    changes: dict[str, list[Any]],
    reason: str,
    what: Message,
) -> None:
    if not changes:
        raise InvalidInput("Nothing was changed on {what}.", what=what)
    reason = clean_text(reason, what="reason", max_length=500)
    apply_event(session, actor, event_type, {**key, "changes": changes, "reason": reason})


def update_item(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    unit: str,
    kind: str,
    tracking: str = "lot",
    gtin: str | None = None,
    shelf_life_days: int | None = None,
    reason: str = "",
) -> ItemInfo:
    """Change an item's fields (not its code); unit and tracking are fixed once lots of it exist."""
    require(session, actor, Action.MASTER_DATA)
    item = item_by_code(session, code)
    new = item_payload(item.code, name, unit, kind, tracking, gtin, shelf_life_days)
    del new["code"]
    old = {
        "name": item.name,
        "unit": item.unit,
        "kind": item.kind,
        "tracking": item.tracking,
        "gtin": item.gtin,
        "shelf_life_days": item.shelf_life_days,
    }
    changes = _changes(old, new)
    has_lots = session.scalar(select(Lot.id).where(Lot.item_id == item.id).limit(1)) is not None
    # Lots keep the unit and tracking they were recorded with; changing the item would make them disagree.
    if "unit" in changes and has_lots:
        raise Refused("The unit of {item} cannot change: lots of it exist. Create a new item instead.", item=item.code)
    if "tracking" in changes and has_lots:
        raise Refused("The tracking of {item} cannot change: lots of it exist. Create a new item instead.", item=item.code)
    if "gtin" in changes and new["gtin"]:
        other = session.scalar(select(Item.code).where(Item.gtin == new["gtin"], Item.id != item.id))
        if other:
            raise Refused("The GTIN {gtin} already belongs to item {other}.", gtin=new["gtin"], other=other)
    _record_update(session, actor, "item_updated", {"code": item.code}, changes, reason, msg("item {code}", code=item.code))
    return item_info(item_by_code(session, item.code))


def update_party(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    code: str,
    name: str,
    gln: str | None = None,
    location: str = "",
    description: Mapping[str, Any] | None = None,
    reason: str = "",
) -> PartyInfo:
    """Change a supplier's or customer's name, GLN, location or location description (not its code).

    `description` None keeps the stored description; a mapping replaces every field of it.
    """
    require(session, actor, Action.MASTER_DATA)
    party = session.scalar(select(Party).where(Party.kind == kind, Party.code == code.strip()))
    if party is None:
        raise NotFound("There is no {kind} '{code}'.", kind=word(kind), code=code.strip())
    stored = {field: getattr(party, field) for field in PARTY_DESCRIPTION}
    new = party_payload(kind, party.code, name, gln, location, stored if description is None else description)
    old = {"name": party.name, "gln": party.gln, "location": party.location, **stored}
    changes = _changes(old, {k: new[k] for k in old})
    _record_update(
        session,
        actor,
        "party_updated",
        {"kind": kind, "code": party.code},
        changes,
        reason,
        msg("{kind} {code}", kind=word(kind), code=party.code),
    )
    return party_info(_party(session, kind, party.code))


def _party(session: Session, kind: str, code: str) -> Party:
    party = session.scalar(select(Party).where(Party.kind == kind, Party.code == code))
    if party is None:
        raise NotFound("There is no {kind} '{code}'.", kind=word(kind), code=code)
    return party


def update_location(
    session: Session,
    actor: Actor,
    *,
    code: str,
    name: str,
    gln: str | None = None,
    description: Mapping[str, Any] | None = None,
    reason: str = "",
) -> str:
    """Change a location's name, GLN or location description (its code stays: lots point at it).

    `gln` and `description` None keep what is stored.
    """
    require(session, actor, Action.MASTER_DATA)
    location = session.scalar(select(Location).where(Location.code == code.strip()))
    if location is None:
        raise NotFound("There is no location '{code}'.", code=code.strip())
    old = {"name": location.name, **{field: getattr(location, field) for field in LOCATION_FIELDS}}
    stored = {field: old[field] for field in LOCATION_FIELDS if field != "gln"}
    new = location_payload(
        location.code, name, old["gln"] if gln is None else gln, stored if description is None else description
    )
    changes = _changes(old, {k: new[k] for k in old})
    _record_update(
        session, actor, "location_updated", {"code": location.code}, changes, reason, msg("location {code}", code=location.code)
    )
    return location.code
