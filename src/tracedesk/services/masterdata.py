"""Master data: items, suppliers and customers, locations and BOMs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.core.quantity import format_quantity, parse_quantity
from tracedesk.db.models import Bom, BomLine, Item, Location, Party
from tracedesk.services.dto import BomLineInfo, ItemInfo, PartyInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import item_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.validation import clean_code, clean_name, clean_unit, item_payload, party_payload


def item_info(item: Item) -> ItemInfo:
    return ItemInfo(item.code, item.name, item.unit, item.kind, item.tracking, item.gtin, item.shelf_life_days)


def create_item(
    session: Session, actor: Actor, *, code: str, name: str, unit: str, kind: str,
    tracking: str = "lot", gtin: str | None = None, shelf_life_days: int | None = None,
) -> ItemInfo:
    """Add an item to the item master."""
    require(actor, Action.MASTER_DATA)
    payload = item_payload(code, name, unit, kind, tracking, gtin, shelf_life_days)
    if session.scalar(select(Item.id).where(Item.code == payload["code"])) is not None:
        raise Refused(f"An item {payload['code']!r} already exists.")
    if payload["gtin"] and session.scalar(select(Item.code).where(Item.gtin == payload["gtin"])):
        raise Refused(f"The GTIN {payload['gtin']} already belongs to another item.")
    apply_event(session, actor, "item_created", payload)
    return item_info(item_by_code(session, payload["code"]))


def create_party(session: Session, actor: Actor, *, kind: str, code: str, name: str, gln: str | None = None, location: str = "") -> PartyInfo:
    """Add a supplier or a customer."""
    require(actor, Action.MASTER_DATA)
    payload = party_payload(kind, code, name, gln, location)
    exists = session.scalar(select(Party.id).where(Party.kind == kind, Party.code == payload["code"]))
    if exists is not None:
        raise Refused(f"A {kind} {payload['code']!r} already exists.")
    apply_event(session, actor, "party_created", payload)
    return PartyInfo(kind, payload["code"], payload["name"], payload["gln"], payload["location"])


def create_location(session: Session, actor: Actor, *, code: str, name: str) -> str:
    require(actor, Action.MASTER_DATA)
    payload = {"code": clean_code(code, "location"), "name": clean_name(name, "location")}
    if session.scalar(select(Location.id).where(Location.code == payload["code"])) is not None:
        raise Refused(f"A location {payload['code']!r} already exists.")
    apply_event(session, actor, "location_created", payload)
    return payload["code"]


def create_bom(session: Session, actor: Actor, *, product: str, lines: Sequence[dict[str, Any]]) -> int:
    """Add a new BOM version for a product: lines of component, quantity per unit, unit, substitutes."""
    require(actor, Action.MASTER_DATA)
    product_item = item_by_code(session, product)
    if not lines:
        raise InvalidInput("A BOM needs at least one component line.")
    clean: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in lines:
        component = item_by_code(session, line["component"])
        if component.code == product_item.code:
            raise InvalidInput(f"{product_item.code} cannot be a component of itself.")
        if component.code in seen:
            raise InvalidInput(f"The component {component.code} appears twice in the BOM.")
        seen.add(component.code)
        substitutes = [item_by_code(session, s).code for s in line.get("substitutes") or []]
        quantity = parse_quantity(line["quantity_per"], what=f"quantity of {component.code} per unit")
        clean.append({
            "component": component.code, "quantity_per": format_quantity(quantity),
            "unit": clean_unit(line.get("unit") or component.unit), "substitutes": substitutes,
        })
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
        BomLineInfo(item.code, item.name, line.quantity_per, line.unit, tuple(line.substitutes.split()))
        for line, item in rows
    ]


def list_items(session: Session) -> list[ItemInfo]:
    return [item_info(i) for i in session.scalars(select(Item).order_by(Item.code))]


def list_parties(session: Session, kind: str) -> list[PartyInfo]:
    rows = session.scalars(select(Party).where(Party.kind == kind).order_by(Party.code))
    return [PartyInfo(p.kind, p.code, p.name, p.gln, p.location) for p in rows]
