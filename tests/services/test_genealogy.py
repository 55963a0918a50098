"""Genealogy follows the stored rule: an output links to what was issued to its order before it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, select, text

from tests.cli.random_plant import generate
from tests.plant import mini_plant, received
from tracedesk.core.errors import InvalidInput
from tracedesk.db.genealogy import family
from tracedesk.services import inventory, production, shipping
from tracedesk.services import trace as trace_service
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.importer import import_path
from tracedesk.services.trace import recall_lot, trace_lot


@pytest.fixture
def plant(runtime, admin):
    with runtime.unit_of_work() as session:
        return mini_plant(session, admin)


def test_output_links_to_lots_issued_before_it_and_not_to_later_ones(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        clock.now += timedelta(minutes=5)
        first = production.record_output(session, admin, order=plant.order, quantity="20", confirm_unissued=True).code
        clock.now += timedelta(minutes=5)
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.sugar, quantity="15")
        clock.now += timedelta(minutes=5)
        second = production.record_output(session, admin, order=plant.order, quantity="30", confirm_unissued=True).code
    with runtime.unit_of_work() as session:
        assert [n.code for n in trace_lot(session, first, "up").upstream] == [plant.flour]
        assert sorted(n.code for n in trace_lot(session, second, "up").upstream) == sorted([plant.flour, plant.sugar])
        down = trace_lot(session, plant.sugar, "down").downstream
    assert [(n.code, n.depth, n.via) for n in down] == [(second, 1, plant.order)]


def test_explicit_allocation_narrows_the_links(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.sugar, quantity="15")
        out = production.record_output(
            session, admin, order=plant.order, quantity="20", inputs=[plant.sugar], confirm_unissued=True
        ).code
        assert [n.code for n in trace_lot(session, out, "up").upstream] == [plant.sugar]
        with pytest.raises(InvalidInput, match="Only lots issued"):
            production.record_output(
                session, admin, order=plant.order, quantity="1", inputs=["T9999-0001"], confirm_unissued=True
            )


def test_split_links_parent_to_each_child_and_recall_reaches_customers(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        children = [c.code for c in inventory.split_lot(session, admin, lot=plant.flour, quantities=["10", "20"])]
        production.issue_lot_to_order(session, admin, order=plant.order, lot=children[0], quantity="10")
        clock.now += timedelta(minutes=1)
        dough = production.record_output(session, admin, order=plant.order, quantity="15", confirm_unissued=True).code
        biscuit_order = production.create_work_order(session, admin, product="BISCUIT", quantity="10").number
        production.issue_lot_to_order(session, admin, order=biscuit_order, lot=dough, quantity="11")
        clock.now += timedelta(minutes=1)
        biscuit = production.record_output(session, admin, order=biscuit_order, quantity="10", confirm_unissued=True).code
        shipping.ship_lot(session, admin, lot=biscuit, customer="SHOP", document="DN-7", quantity="4")
    with runtime.unit_of_work() as session:
        down = trace_lot(session, plant.flour, "down")
        recall = recall_lot(session, plant.flour)
        up = trace_lot(session, biscuit, "up").upstream
    assert [(n.code, n.depth, n.via) for n in down.downstream] == [
        (children[0], 1, "split"),
        (children[1], 1, "split"),
        (dough, 2, plant.order),
        (biscuit, 3, biscuit_order),
    ]
    assert [(s.lot, s.customer, str(s.quantity), s.document) for s in down.shipments] == [(biscuit, "SHOP", "4", "DN-7")]
    assert recall.affected_lots == tuple(sorted([plant.flour, *children, dough, biscuit]))
    assert recall.orders == tuple(sorted([biscuit_order, plant.order])) and recall.customers == ("SHOP",)
    assert {(o.code, str(o.quantity)) for o in recall.on_hand} == {
        (plant.flour, "70"),
        (children[1], "20"),
        (dough, "4"),
        (biscuit, "6"),
    }
    assert [(n.code, n.depth, n.via) for n in up] == [
        (dough, 1, biscuit_order),
        (children[0], 2, plant.order),
        (plant.flour, 3, "split"),
    ]
    with runtime.reading() as session:
        driver = session.connection().connection.driver_connection
        for code, direction in ((plant.flour, "down"), (biscuit, "up")):
            lot_id = driver.execute("SELECT id FROM lots WHERE code = ?", (code,)).fetchone()[0]
            assert family(driver, lot_id, direction, small=0) == family(driver, lot_id, direction)


@pytest.mark.parametrize("seed", [5, 6])
def test_big_and_small_family_walks_agree_with_an_independent_walk(tmp_path, runtime, admin, seed):
    """A big family is walked level by level, a small one in one statement: same rows either way."""
    plant = generate(tmp_path / "csv", seed, raws=6, orders=40)
    with runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv")
    with runtime.reading() as session:
        driver = session.connection().connection.driver_connection
        ids = dict(driver.execute("SELECT code, id FROM lots"))
        for code in plant.lots:
            for direction in ("up", "down"):
                small = family(driver, ids[code], direction)
                assert family(driver, ids[code], direction, small=0) == small
                assert {row[0]: (row[3], row[5]) for row in small} == plant.walk(code, direction)
                assert [(row[3], row[0]) for row in small] == sorted((row[3], row[0]) for row in small)


@pytest.mark.parametrize("seed", [7])
def test_a_big_recall_scope_reads_the_same_orders_and_shipments(tmp_path, runtime, admin, monkeypatch, seed):
    """A big scope scans order inputs and shipments instead of probing per lot: same answer."""
    plant = generate(tmp_path / "csv", seed, raws=6, orders=40)
    with runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv")
    with runtime.reading() as session:
        probed = [recall_lot(session, code) for code in sorted(plant.lots)]
    monkeypatch.setattr(trace_service, "BIG_SCOPE", 0)
    with runtime.reading() as session:
        scanned = [recall_lot(session, code) for code in sorted(plant.lots)]
    assert scanned == probed and any(r.shipments for r in scanned) and any(r.on_hand for r in scanned)


@pytest.mark.parametrize("big", [False, True])
def test_a_recall_summary_counts_what_the_recall_lists_and_keeps_the_first(tmp_path, runtime, admin, monkeypatch, big):
    plant = generate(tmp_path / "csv", 8, raws=6, orders=40)
    with runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv")
    if big:
        monkeypatch.setattr(trace_service, "BIG_SCOPE", 0)
    with runtime.reading() as session:
        for code in sorted(plant.lots):
            whole = recall_lot(session, code)
            summary = trace_service.recall_summary(session, code, first=3)
            cut = summary.recall
            assert (summary.lots, summary.orders, summary.shipments, summary.on_hand) == (
                len(whole.affected_lots),
                len(whole.orders),
                len(whole.shipments),
                len(whole.on_hand),
            )
            assert cut.affected_lots == whole.affected_lots[:3] and cut.orders == whole.orders[:3]
            assert cut.shipments == whole.shipments[:3] and cut.on_hand == whole.on_hand[:3]
            assert cut.customers == whole.customers and cut.lot == whole.lot == code


def test_a_wide_family_is_traced_without_a_query_per_lot(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        for _n in range(300):
            order = production.create_work_order(session, admin, product="DOUGH", quantity="1").number
            production.issue_lot_to_order(session, admin, order=order, lot=plant.flour, quantity="0.1")
            clock.now += timedelta(seconds=1)
            production.record_output(session, admin, order=order, quantity="1", confirm_unissued=True)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(runtime.engine, "before_cursor_execute", listener)
    try:
        with runtime.unit_of_work() as session:
            result = trace_lot(session, plant.flour, "both")
            recall = recall_lot(session, plant.flour)
    finally:
        event.remove(runtime.engine, "before_cursor_execute", listener)
    assert len(result.downstream) == 300 and len(recall.affected_lots) == 301
    assert len(statements) < 25


def test_replaying_the_log_rebuilds_identical_state(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        clock.now += timedelta(minutes=1)
        out = production.record_output(session, admin, order=plant.order, quantity="20", confirm_unissued=True).code
        production.record_parameter(session, admin, order=plant.order, name="temperature", value="180", unit="°C")
        inventory.split_lot(session, admin, lot=out, quantities=["5"])
        inventory.adjust_lot(session, admin, lot=plant.sugar, counted="99.5", reason="stocktake")
        shipping.ship_lot(session, admin, lot=out, customer="SHOP", document="DN1", quantity="3")
        production.close_order(session, admin, order=plant.order)
        received(session, admin, "FLOUR", release=False)
    with runtime.unit_of_work() as session:
        assert compare_with_replay(session) == ()


def test_suspects_found_walking_up_from_a_few_lots_equal_those_found_walking_down(tmp_path, runtime, admin, monkeypatch):
    """A page of lots walks up its own ancestry; many lots walk down from the holds: same answer."""
    from tracedesk.db import hold_queries
    from tracedesk.services import quality

    plant = generate(tmp_path / "csv", 9, raws=6, orders=40)
    with runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv")
        # The two lots with the biggest families below them, so that holds spread.
        for code in sorted(plant.lots, key=lambda c: (-len(plant.walk(c, "down")), c))[:2]:
            quality.hold_lot(session, admin, lot=code, reason="supplier warned of contamination")
    with runtime.reading() as session:
        ids = [lot_id for (lot_id,) in session.execute(text("SELECT id FROM lots"))]
        upward = hold_queries.suspect_lots(session, ids)
        monkeypatch.setattr(hold_queries, "WALK_UP_LOTS", 0)
        downward = hold_queries.suspect_lots(session, ids)
    assert upward == downward and upward


def test_a_set_of_ids_larger_than_sqlites_parameter_limit_is_one_parameter(runtime):
    from tracedesk.db.id_sets import id_set
    from tracedesk.db.models import Lot

    with runtime.reading() as session:
        assert session.scalars(select(Lot.id).where(Lot.id.in_(id_set(range(-40_000, 0))))).all() == []
