"""Small plants for tests, built through the services (the same path as real work)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.db.models import User
from tracedesk.services import masterdata, production, quality
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.users import create_user

QA_PIN = "3434"


def qa_signer(session: Session, actor: Actor) -> Actor:
    """The plant's QA user (created on first use): releases and rejections are signed with QA_PIN."""
    if session.scalar(select(User.id).where(User.code == "qa")) is None:
        create_user(session, actor, code="qa", name="Plant QA", role="qa", pin=QA_PIN)
    return replace(actor, user="qa")


@dataclass
class MiniPlant:
    flour: str
    sugar: str
    order: str


def master_data(session: Session, actor: Actor) -> None:
    """Flour and sugar make dough; a customer and a supplier."""
    masterdata.create_item(
        session, actor, code="FLOUR", name="Flour 面粉", unit="kg", kind="raw", gtin="09501101530003", shelf_life_days=180
    )
    masterdata.create_item(session, actor, code="SUGAR", name="Sugar", unit="kg", kind="raw")
    masterdata.create_item(session, actor, code="SALT", name="Salt", unit="kg", kind="raw")
    masterdata.create_item(session, actor, code="DOUGH", name="Dough", unit="kg", kind="intermediate", shelf_life_days=3)
    masterdata.create_item(session, actor, code="BISCUIT", name="Biscuits", unit="kg", kind="finished", shelf_life_days=200)
    masterdata.create_party(session, actor, kind="supplier", code="MILL", name="Mill")
    masterdata.create_party(session, actor, kind="customer", code="SHOP", name="Shop")
    masterdata.create_bom(
        session,
        actor,
        product="DOUGH",
        lines=[
            {"component": "FLOUR", "quantity_per": "0.6"},
            {"component": "SUGAR", "quantity_per": "0.3"},
        ],
    )
    masterdata.create_bom(session, actor, product="BISCUIT", lines=[{"component": "DOUGH", "quantity_per": "1.1"}])


def received(
    session: Session, actor: Actor, item: str, quantity: str = "100", *, release: bool = True, supplier_lot: str = "S-1"
) -> str:
    lot = register_received_lot(
        session, ReceiveRequest(item=item, quantity=quantity, supplier="MILL", supplier_lot=supplier_lot), actor
    )
    if release:
        quality.release_lot(session, qa_signer(session, actor), lot=lot.code, pin=QA_PIN)
    return lot.code


def mini_plant(session: Session, actor: Actor) -> MiniPlant:
    master_data(session, actor)
    flour, sugar = received(session, actor, "FLOUR"), received(session, actor, "SUGAR")
    order = production.create_work_order(session, actor, product="DOUGH", quantity="50").number
    return MiniPlant(flour, sugar, order)
