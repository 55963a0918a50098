"""The lazy family tree and graph load one level and one page at a time."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest

from tests.plant import mini_plant
from tracedesk.services import masterdata, production, shipping
from tracedesk.services.family import Cancelled, export_trace_csv, family_graph, family_page, family_totals, root_node


@pytest.fixture
def family(runtime, admin):
    """flour + sugar -> order -> dough lot A, dough lot B; A shipped."""
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.sugar, quantity="15")
        a = production.record_output(session, admin, order=plant.order, quantity="20", confirm_unissued=True).code
        b = production.record_output(session, admin, order=plant.order, quantity="25", confirm_unissued=True).code
        shipping.ship_lot(session, admin, lot=a, customer="SHOP", document="DN-1", quantity="5")
        return plant, a, b


def test_root_counts_parents_and_children(runtime, family):
    plant, a, _ = family
    with runtime.unit_of_work() as session:
        node, ups, downs = root_node(session, plant.flour)
        assert (node.code, ups, downs) == (plant.flour, 0, 2)
        node, ups, downs = root_node(session, a)
        assert (ups, downs) == (2, 0)


def test_pages_carry_details_and_whether_each_node_leads_further(runtime, family):
    plant, a, b = family
    with runtime.unit_of_work() as session:
        flour_id = root_node(session, plant.flour)[0].lot_id
        page = family_page(session, flour_id, "down", limit=1)
        assert page.total == 2 and [n.code for n in page.nodes] == [a]
        assert page.nodes[0].order == plant.order and page.nodes[0].item == "DOUGH"
        rest = family_page(session, flour_id, "down", offset=1)
        assert [n.code for n in rest.nodes] == [b]
        up = family_page(session, root_node(session, a)[0].lot_id, "up")
        assert {n.code for n in up.nodes} == {plant.flour, plant.sugar}
        assert all(n.branches == 0 for n in up.nodes)


def test_graph_lays_out_levels_and_edges_around_the_centre(runtime, family):
    plant, a, b = family
    with runtime.unit_of_work() as session:
        graph = family_graph(session, a)
    assert graph.centre == a
    assert {n.code for n in graph.levels[-1]} == {plant.flour, plant.sugar}
    assert (plant.flour, a) in graph.edges and (plant.sugar, a) in graph.edges


def test_export_writes_every_level_and_can_be_cancelled(runtime, admin, family):
    plant, a, b = family
    seen: list[int] = []
    with runtime.unit_of_work() as session:
        text = export_trace_csv(session, admin, plant.flour, on_progress=seen.append)
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {(r["direction"], r["lot"]) for r in rows} == {("self", plant.flour), ("down", a), ("down", b)}
        assert seen and seen[-1] == 3
        with pytest.raises(Cancelled):
            export_trace_csv(session, admin, plant.flour, is_cancelled=lambda: True)


def test_totals_count_every_level_and_each_lot_once(runtime, admin, family):
    plant, a, b = family
    with runtime.unit_of_work() as session:
        order = production.create_work_order(session, admin, product="BISCUIT", quantity="10").number
        production.issue_lot_to_order(session, admin, order=order, lot=a, quantity="5")
        production.issue_lot_to_order(session, admin, order=order, lot=b, quantity="6")
        biscuit = production.record_output(session, admin, order=order, quantity="10").code
        flour_id = root_node(session, plant.flour)[0].lot_id
        biscuit_id = root_node(session, biscuit)[0].lot_id
        # flour -> A, B (first level) -> the biscuit lot, reached along two paths and counted once
        assert root_node(session, plant.flour)[1:] == (0, 2)
        assert family_totals(session, flour_id) == (0, 3)
        assert family_totals(session, biscuit_id) == (4, 0)  # A, B, flour, sugar


def test_a_lot_shipped_to_two_customers_shows_both_under_it_going_down(runtime, admin, clock, family):
    plant, a, b = family
    first = clock.now
    with runtime.unit_of_work() as session:
        masterdata.create_party(session, admin, kind="customer", code="CAFE", name="Corner Café")
        clock.now = first + timedelta(hours=3)
        shipping.ship_lot(session, admin, lot=a, customer="CAFE", document="DN-2", quantity="3.5")
    with runtime.reading() as session:
        shipped, _, downs = root_node(session, a)
        assert (shipped.shipments, downs) == (2, 0)  # the shipments are counted apart from the lots
        under_flour = family_page(session, root_node(session, plant.flour)[0].lot_id, "down")
        assert {n.code: n.shipments for n in under_flour.nodes} == {a: 2, b: 0}
        # The page that holds a lot brings its first shipments along: opening it needs no second read.
        assert {n.code: [s.document for s in n.shipped] for n in under_flour.nodes} == {a: ["DN-1", "DN-2"], b: []}
        (small,) = family_page(session, root_node(session, plant.flour)[0].lot_id, "down", limit=1).nodes
        assert (small.shipments, [s.document for s in small.shipped]) == (2, ["DN-1"])  # no more than a page of them
        assert under_flour.total == 2 and under_flour.shipments == ()  # flour itself was not shipped
        page = family_page(session, shipped.lot_id, "down")
    assert page.total == 2 and page.nodes == ()
    assert [(s.customer, s.customer_name, s.document, s.quantity, s.unit) for s in page.shipments] == [
        ("SHOP", "Shop", "DN-1", Decimal(5), "kg"),
        ("CAFE", "Corner Café", "DN-2", Decimal("3.5"), "kg"),
    ]
    assert [s.shipped_at for s in page.shipments] == [first, first + timedelta(hours=3)]


def test_an_unshipped_lot_has_no_shipments_under_it(runtime, family):
    _, _, b = family
    with runtime.reading() as session:
        node, _, _ = root_node(session, b)
        page = family_page(session, node.lot_id, "down")
    assert node.shipments == 0 and page.total == 0 and page.nodes == () and page.shipments == ()


def test_upstream_shows_lots_only_even_when_they_were_shipped(runtime, admin, family):
    plant, a, b = family
    with runtime.unit_of_work() as session:
        order = production.create_work_order(session, admin, product="BISCUIT", quantity="10").number
        production.issue_lot_to_order(session, admin, order=order, lot=a, quantity="5")
        biscuit = production.record_output(session, admin, order=order, quantity="5").code
    with runtime.reading() as session:
        node, ups, _ = root_node(session, biscuit)
        up = family_page(session, node.lot_id, "up")
        flour_up = family_page(session, root_node(session, a)[0].lot_id, "up")
    assert ups == 1 and up.total == 1 and [n.code for n in up.nodes] == [a]
    assert up.nodes[0].shipments == 0 and up.nodes[0].branches == 2 and up.shipments == ()
    assert flour_up.total == 2 and flour_up.shipments == ()


def test_pages_run_on_from_a_lots_children_into_its_shipments(runtime, admin, clock, family):
    """Flour went into two dough lots and was shipped five times: seven rows, paged three at a time."""
    plant, a, b = family
    start = clock.now
    with runtime.unit_of_work() as session:
        for n in range(5):
            clock.now = start + timedelta(days=n)
            shipping.ship_lot(session, admin, lot=plant.flour, customer="SHOP", document=f"DN-F{n}", quantity="1")
    with runtime.reading() as session:
        flour, _, downs = root_node(session, plant.flour)
        pages = [family_page(session, flour.lot_id, "down", offset=offset, limit=3) for offset in (0, 3, 6)]
        past_the_end = family_page(session, flour.lot_id, "down", offset=7, limit=3)
    assert (flour.shipments, downs) == (5, 2)
    assert {p.total for p in pages} == {7}
    assert [([n.code for n in p.nodes], [s.document for s in p.shipments]) for p in pages] == [
        ([a, b], ["DN-F0"]),
        ([], ["DN-F1", "DN-F2", "DN-F3"]),
        ([], ["DN-F4"]),
    ]
    assert past_the_end.nodes == () and past_the_end.shipments == ()
