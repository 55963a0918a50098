"""The hub's read-only views for ERP and BI: the plant's genealogy from the events alone, for a role that reads only them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.plant import mini_plant, qa_signer
from tests.sync.conftest import role_url
from tracedesk.services import inventory, production, quality, shipping
from tracedesk.sync.roles import add_reader


def rows(url: str, sql: str) -> list[tuple]:
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_views_show_lots_links_balances_shipments_and_holds_to_a_reader_only(stations, hub):  # noqa: ANN001
    dock = stations("DOCK", "T")
    actor = dock.first_admin()
    with dock.runtime.unit_of_work() as session:
        plant = mini_plant(session, actor)
        production.issue_lot_to_order(session, actor, order=plant.order, lot=plant.flour, quantity="10")
        production.issue_lot_to_order(session, actor, order=plant.order, lot=plant.sugar, quantity="5")
        dough = production.record_output(session, actor, order=plant.order, quantity="15").code
        shipping.ship_lot(session, actor, lot=dough, customer="SHOP", document="D1", quantity="3")
        inventory.split_lot(session, actor, lot=dough, quantities=["2"])
        qa = qa_signer(session, actor)
        quality.hold_lot(session, qa, lot=plant.sugar, reason="smell")
    dock.sync()
    reader = add_reader(hub, role=f"{make_url(hub).database}_bi")
    url = role_url(hub, reader)
    lots = {lot: (origin, item) for lot, origin, item in rows(url, "SELECT lot, origin, item FROM tracedesk_erp.lots")}
    assert lots[plant.flour] == ("received", "FLOUR") and lots[dough] == ("produced", "DOUGH")
    child = next(lot for lot, (origin, _) in lots.items() if origin == "split")
    assert lots[child] == ("split", "DOUGH")
    links = set(rows(url, "SELECT parent_lot, child_lot, kind FROM tracedesk_erp.links"))
    assert links == {(plant.flour, dough, "order"), (plant.sugar, dough, "order"), (dough, child, "split")}
    balances = dict(rows(url, "SELECT lot, balance FROM tracedesk_erp.balances"))
    assert balances[plant.flour] == Decimal("90") and balances[dough] == Decimal("10") and balances[child] == Decimal("2")
    assert rows(url, "SELECT lot, customer, quantity FROM tracedesk_erp.shipments") == [(dough, "SHOP", Decimal("3"))]
    assert rows(url, "SELECT lot, reason, lifted_at FROM tracedesk_erp.holds") == [(plant.sugar, "smell", None)]
    assert rows(url, "SELECT count(*) FROM tracedesk_erp.conflicts") == [(0,)]
    with pytest.raises(Exception, match="permission denied"):
        rows(url, "SELECT count(*) FROM tracedesk.events")
    with pytest.raises(Exception, match="permission denied"):
        rows(url, "SELECT count(*) FROM tracedesk.credentials")
