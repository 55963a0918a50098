"""The lazy family tree and graph load one level and one page at a time."""

from __future__ import annotations

import csv
import io

import pytest

from tests.plant import mini_plant
from tracedesk.services import production, shipping
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
