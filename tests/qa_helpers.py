"""A small plant with a QA user and a clerk, built through the services, for quality tests."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from tracedesk.core.actor import Actor
from tracedesk.db.models import Event
from tracedesk.services import masterdata, production, quality, shipping
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.runtime import Runtime
from tracedesk.services.users import create_user

QA_PIN = "4321"
CLERK_PIN = "1111"
ADMIN_PIN = "9999"


@dataclass
class Plant:
    """Flour + sugar -> dough (order 1, closed) -> biscuits (order 2, open); one shipment."""

    qa: Actor
    clerk: Actor
    admin: Actor
    flour: str
    sugar: str
    dough: str
    biscuit: str
    dough_order: str
    biscuit_order: str


def events_count(runtime: Runtime) -> int:
    with runtime.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0


def build_plant(runtime: Runtime, admin: Actor) -> Plant:
    qa = replace(admin, user="qa1")
    clerk = replace(admin, user="clerk1")
    boss = replace(admin, user="boss")
    with runtime.unit_of_work() as s:
        create_user(s, admin, code="qa1", name="Quality 质量", role="qa", pin=QA_PIN)
        create_user(s, admin, code="clerk1", name="Clerk", role="clerk", pin=CLERK_PIN)
        create_user(s, admin, code="boss", name="Admin", role="admin", pin=ADMIN_PIN)
        masterdata.create_item(
            s, admin, code="FLOUR", name="Flour 面粉", unit="kg", kind="raw", gtin="09501101530003", shelf_life_days=180
        )
        masterdata.create_item(s, admin, code="SUGAR", name="Sugar", unit="kg", kind="raw")
        masterdata.create_item(s, admin, code="DOUGH", name="Dough 面团", unit="kg", kind="intermediate", shelf_life_days=30)
        masterdata.create_item(s, admin, code="BISCUIT", name="Biscuits 饼干", unit="kg", kind="finished", shelf_life_days=200)
        masterdata.create_party(s, admin, kind="supplier", code="MILL", name="Mill")
        masterdata.create_party(s, admin, kind="customer", code="SHOP", name="Shop 商店")
        masterdata.create_bom(
            s,
            admin,
            product="DOUGH",
            lines=[{"component": "FLOUR", "quantity_per": "0.6"}, {"component": "SUGAR", "quantity_per": "0.3"}],
        )
        masterdata.create_bom(s, admin, product="BISCUIT", lines=[{"component": "DOUGH", "quantity_per": "1.1"}])
        flour = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1", po="PO-1"), admin
        ).code
        sugar = register_received_lot(
            s, ReceiveRequest(item="SUGAR", quantity="100", supplier="MILL", supplier_lot="S-2"), admin
        ).code
        for lot in (flour, sugar):
            quality.release_lot(s, qa, lot=lot, pin=QA_PIN)
        order = production.create_work_order(s, admin, product="DOUGH", quantity="50").number
        production.issue_lot_to_order(s, admin, order=order, lot=flour, quantity="30")
        production.issue_lot_to_order(s, admin, order=order, lot=sugar, quantity="15")
        dough = production.record_output(s, admin, order=order, quantity="45", confirm_unissued=True).code
        production.close_order(s, admin, order=order)
        order2 = production.create_work_order(s, admin, product="BISCUIT", quantity="20").number
        production.issue_lot_to_order(s, admin, order=order2, lot=dough, quantity="22")
        biscuit = production.record_output(s, admin, order=order2, quantity="20", confirm_unissued=True).code
        shipping.ship_lot(s, admin, lot=biscuit, customer="SHOP", quantity="5", document="DN-1")
    return Plant(qa, clerk, boss, flour, sugar, dough, biscuit, order, order2)
