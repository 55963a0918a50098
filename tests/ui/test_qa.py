"""QA: the lazy family tree, the family graph, history, hold/release/reject, recall and export."""

from __future__ import annotations

import csv
import gc
import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.plant import QA_PIN
from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.services import masterdata, production, shipping
from tracedesk.ui.formatting import day
from tracedesk.ui.genealogy_model import CODE_ROLE, SHIPMENT_ROLE, GenealogyModel
from tracedesk.ui.workspaces.qa import QaWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def family(runtime, admin, plant):
    """sugar -> order -> three output lots; returns their codes."""
    with runtime.unit_of_work() as s:
        production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.sugar, quantity="15")
        return [production.record_output(s, admin, order=plant.order, quantity="5", confirm_unissued=True).code for _ in range(3)]


@pytest.fixture
def qa(shell):
    sign_in_as(shell, "qa")
    workspace = shell.window.show_workspace(QaWorkspace)
    workspace.quiet_reports = True
    wait_idle(shell)
    return workspace


def test_tree_loads_children_lazily_in_pages_and_passes_the_model_tester(shell, plant, family, qtmodeltester):
    model = GenealogyModel(shell.db, page_size=2)
    model.set_lot(plant.sugar)
    wait_idle(shell)
    assert model.rowCount() == 2
    down = model.index(1, 0)
    assert model.hasChildren(down) and model.rowCount(down) == 0 and model.canFetchMore(down)
    model.fetchMore(down)
    wait_idle(shell)
    assert model.rowCount(down) == 2 and model.canFetchMore(down)
    model.fetchMore(down)
    wait_idle(shell)
    assert model.rowCount(down) == 3 and not model.canFetchMore(down)
    assert {model.index(r, 0, down).data(CODE_ROLE) for r in range(3)} == set(family)
    assert model.index(0, 4, down).data() == plant.order
    qtmodeltester.check(model)


def test_a_loaded_leaf_costs_the_cycle_collector_one_object(shell, plant, family):
    """A tree opened far down holds a hundred thousand rows, and every full pass of the cycle
    collector walks each object they hold, stopping the window meanwhile: a leaf row is its node
    alone, its texts plain values the collector stops walking once it has seen them."""
    model = GenealogyModel(shell.db)
    model.set_lot(plant.sugar)
    wait_idle(shell)
    down = model.index(1, 0)
    model.fetchMore(down)
    wait_idle(shell)
    gc.collect()
    leaves = [model.index(row, 0, down).internalPointer() for row in range(model.rowCount(down))]
    assert len(leaves) == 3
    for leaf in leaves:
        held = [o for o in gc.get_referents(leaf) if gc.is_tracked(o) and not isinstance(o, type)]
        assert held == [leaf.parent], [type(o).__name__ for o in held]
    assert {model.index(row, 0, down).data(CODE_ROLE) for row in range(3)} == set(family)


def test_scanning_a_lot_shows_details_history_tree_and_graph(shell, qa, plant, family):
    scan(shell, f"TD:{family[0]}")
    assert qa.lot.code == family[0]
    assert qa.detail_labels["order"].text() == plant.order
    assert [e.type for e in qa.history.records()][0] == "output_recorded"
    assert plant.sugar in qa.graph.boxes and family[0] in qa.graph.boxes
    up = qa.tree_model.index(0, 0)
    assert qa.tree_model.rowCount() == 2 and "Made from" in up.data()
    qa.graph.lot_clicked.emit(plant.sugar)
    wait_idle(shell)
    assert qa.lot.code == plant.sugar


def test_search_by_supplier_lot_and_item(shell, qa, plant):
    qa.search.setText("S-H")
    qa.run_search()
    wait_idle(shell)
    assert qa.lot is not None and qa.lot.code == plant.held
    qa.search.setText("no such thing")
    qa.run_search()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused"


def test_opening_a_held_or_suspect_lot_warns_in_amber_with_the_reason(shell, qa, plant, family):
    scan(shell, f"TD:{plant.held}")
    assert shell.ctx.banner.kind == "warning"
    assert shell.ctx.banner.text() == f"Lot {plant.held} is blocked: supplier complaint"
    with shell.runtime.unit_of_work() as s:
        from tracedesk.services import quality

        quality.hold_lot(s, shell.ctx.actor(), lot=plant.sugar, reason="glass found")
    qa.open_lot(family[0])
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and "is blocked" in shell.ctx.banner.text()
    assert plant.sugar in shell.ctx.banner.text() and "glass found" in shell.ctx.banner.text()


def test_hold_then_lift_the_hold_with_a_signature(shell, qa, plant):
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.hold("foreign matter found")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and qa.lot.status == "on_hold"  # a blocking success is amber
    qa.release("investigated, no foreign matter", "0000")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused"
    qa.release("investigated, no foreign matter", QA_PIN)
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and qa.lot.status == "released"


def test_reject_recall_and_export(shell, qa, plant, family, tmp_path):
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.recall_summary()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and "4 lots" in shell.ctx.banner.text()
    assert all(code in qa.last_recall for code in family)
    target = tmp_path / "trace.csv"
    qa.export_to(target)
    wait_idle(shell)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert {r["lot"] for r in rows} == {plant.sugar, *family}
    # Counted in the plural form, not "4 lot(s)": the export's sentences are found by its own tr().
    assert f"Trace of {plant.sugar} exported: {len(rows)} lots in" in shell.ctx.banner.text()
    qa.reject("contaminated", QA_PIN)
    wait_idle(shell)
    assert qa.lot.status == "rejected"


def test_clerk_sees_the_tree_but_may_not_hold(shell, plant):
    sign_in_as(shell, "anna")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    assert not qa.hold_button.isEnabled() and qa.print_button.isEnabled()
    qa.hold("x")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "may not put lots on hold" in shell.ctx.banner.text()


def test_a_huge_recall_summary_lists_the_first_entries_and_counts_the_rest():
    """A silo lot's recall has a third of the plant: the window shows a readable part of it."""
    from decimal import Decimal

    from tracedesk.services.dto import OnHand, RecallResult, RecallSummary
    from tracedesk.ui.workspaces.qa import recall_text

    lots = tuple(f"L{n:05d}" for n in range(10))
    recall = RecallResult("R1", lots, ("WO1",), (), ("SHOP",), tuple(OnHand(code, 2_500_000, "kg") for code in lots))
    text = recall_text(RecallSummary(recall, lots=25, orders=1, shipments=0, on_hand=25))
    assert "25 lots, 1 work order, 0 shipments to 1 customer; 25 lots still have stock." in text
    assert "Affected lots (25):" in text and "L00009" in text
    assert text.count("... and 15 more: the recall report lists them all") == 2
    assert f"  {'L00000':<16} {'2.5 kg':>12}" in text and recall.on_hand[0].quantity == Decimal("2.5")


def test_the_tree_says_the_first_level_and_every_level_in_the_right_plural(shell, qa, plant, family, runtime, admin):
    with runtime.unit_of_work() as s:
        order = production.create_work_order(s, admin, product="BISCUIT", quantity="5").number
        production.issue_lot_to_order(s, admin, order=order, lot=family[0], quantity="5")
        production.record_output(s, admin, order=order, quantity="5")
    scan(shell, f"TD:{plant.sugar}")
    down = qa.tree_model.index(1, 0).data()
    assert down == "Used in (downstream): 3 lots directly, 4 at all levels", down
    scan(shell, f"TD:{family[0]}")
    assert qa.tree_model.index(0, 0).data() == "Made from (upstream): 1 lot"
    assert qa.tree_model.index(1, 0).data() == "Used in (downstream): 1 lot"


def test_the_tree_shows_the_customers_under_a_shipped_lot(shell, qa, plant, family, runtime, admin, clock, qtmodeltester):
    with runtime.unit_of_work() as s:
        masterdata.create_party(s, admin, kind="customer", code="CAFE", name="Corner Café")
        shipping.ship_lot(s, admin, lot=family[0], customer="SHOP", document="DN-7", quantity="2")
        clock.now += timedelta(hours=2)
        shipping.ship_lot(s, admin, lot=family[0], customer="CAFE", document="DN-8", quantity="1.5")
    scan(shell, f"TD:{plant.sugar}")
    model = qa.tree_model
    down = model.index(1, 0)
    rows = {model.index(r, 0, down).data(CODE_ROLE): model.index(r, 0, down) for r in range(model.rowCount(down))}
    shipped, unshipped = rows[family[0]], rows[family[1]]
    assert model.hasChildren(shipped) and not model.hasChildren(unshipped)
    qa.tree.expand(shipped)
    wait_idle(shell)
    leaves = [[model.index(r, c, shipped).data() for c in range(6)] for r in range(model.rowCount(shipped))]
    assert leaves == [
        ["Customer SHOP — Shop", "Shipped under document DN-7", "2 kg", "shipped", "", day(clock.now - timedelta(hours=2))],
        ["Customer CAFE — Corner Café", "Shipped under document DN-8", "1.5 kg", "shipped", "", day(clock.now)],
    ]
    first = model.index(0, 0, shipped)
    assert first.data(CODE_ROLE) is None and first.data(SHIPMENT_ROLE).document == "DN-7"
    decoration = Qt.ItemDataRole.DecorationRole
    assert not model.hasChildren(first) and not first.data(decoration).isNull() and shipped.data(decoration) is None
    qtmodeltester.check(model)
    keep = os.environ.get("TRACEDESK_KEEP_TREE")
    if keep:  # a picture of the tree with its shipments, to look at
        qa.tree.setFocus()
        wait_idle(shell)
        shell.window.grab().save(str(Path(keep) / "family-tree-shipments.png"))
    # The lot itself shipped: its own customers are the first rows downstream.
    scan(shell, f"TD:{family[0]}")
    down = model.index(1, 0)
    assert down.data() == "Used in (downstream): 0 lots; the lot itself shipped 2 times"
    assert [model.index(r, 0, down).data() for r in range(model.rowCount(down))] == [
        "Customer SHOP — Shop",
        "Customer CAFE — Corner Café",
    ]
    from tracedesk.core.messages import set_language

    shell.switch_language("zh_CN")
    try:
        tree = shell.window.show_workspace(QaWorkspace).tree_model
        wait_idle(shell)
        down = tree.index(1, 0)
        assert down.data() == "去向（下游）：0 个批次；本批次自身发货 2 次"
        assert [tree.index(0, c, down).data() for c in range(4)] == ["客户 SHOP — Shop", "发货单据 DN-7", "2 kg", "已发货"]
        if keep:
            shell.window.grab().save(str(Path(keep) / "family-tree-shipments-zh.png"))
    finally:
        shell.switch_language("en")
        set_language("en")


def test_a_shipped_lots_customers_load_in_pages_like_its_lots(shell, plant, family, runtime, admin, qtmodeltester):
    with runtime.unit_of_work() as s:
        for n in range(3):
            shipping.ship_lot(s, admin, lot=family[1], customer="SHOP", document=f"DN-{n}", quantity="1")
    model = GenealogyModel(shell.db, page_size=2)
    model.set_lot(family[1])
    wait_idle(shell)
    down = model.index(1, 0)  # the lot's own shipments, read page by page
    for expected in (2, 3):
        assert model.canFetchMore(down)
        model.fetchMore(down)
        wait_idle(shell)
        assert model.rowCount(down) == expected
    assert not model.canFetchMore(down)
    assert [model.index(r, 1, down).data() for r in range(3)] == [f"Shipped under document DN-{n}" for n in range(3)]

    model.set_lot(plant.sugar)  # the same shipments seen from above: the first page came with the lot's row
    wait_idle(shell)
    down = model.index(1, 0)
    model.fetchMore(down)
    wait_idle(shell)
    shipped = next(
        model.index(r, 0, down) for r in range(model.rowCount(down)) if model.index(r, 0, down).data(CODE_ROLE) == family[1]
    )
    model.fetchMore(shipped)
    assert model.rowCount(shipped) == 2 and model.canFetchMore(shipped)  # at once, without the database
    model.fetchMore(shipped)
    wait_idle(shell)
    assert [model.index(r, 1, shipped).data() for r in range(model.rowCount(shipped))] == [
        f"Shipped under document DN-{n}" for n in range(3)
    ]
    qtmodeltester.check(model)


def test_the_list_marks_the_lot_that_is_open_not_the_one_clicked_before(shell, qa, plant):
    """A lot clicked in the list stayed marked after another was scanned: hold and release act on the scanned one."""
    codes = [lot.code for lot in qa.results.records()]
    clicked, scanned = codes[-1], codes[0]
    qa.results_view.selectRow(codes.index(clicked))
    qa.open_lot(clicked)
    wait_idle(shell)
    scan(shell, f"TD:{scanned}")
    assert qa.lot.code == scanned
    assert qa.selected_result() is not None and qa.selected_result().code == scanned
    qa.results.set_records([lot for lot in qa.results.records() if lot.code != clicked])
    scan(shell, f"TD:{clicked}")  # a lot the list does not show: nothing in it is marked
    assert qa.lot.code == clicked and qa.selected_result() is None
