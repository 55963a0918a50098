"""Recall scope from a supplier lot on the demo plant, checked against an independent walk."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from tests import templates
from tests.qa_helpers import events_count
from tracedesk.core.actor import Actor
from tracedesk.core.errors import PermissionDenied, Refused
from tracedesk.db.models import Lot, Party, Shipment
from tracedesk.services import shipping
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.mock_recall import MockRecall
from tracedesk.services.recall import recall_report, start_recall


@pytest.fixture
def admin(runtime, clock):
    """The demo's own administrator (the demo creates the database's first one)."""
    return Actor("admin", runtime.station.code, 60, clock)


@pytest.fixture
def runtime(demo_template, tmp_path):
    """Thirty days of the demo plant: a copy of the one built for the whole run."""
    rt = templates.open_copy(demo_template, tmp_path)
    yield rt
    rt.close()


@pytest.fixture
def demo(runtime):
    return runtime


def _busiest_supplier_lot(session) -> str:
    """A flour supplier lot whose material reached customers (the interesting case)."""
    rows = (
        session.execute(
            text(
                "SELECT l.supplier_lot FROM lots l JOIN items i ON i.id = l.item_id WHERE i.code = 'FLOUR-T55' "
                "AND l.origin = 'received' AND EXISTS (SELECT 1 FROM order_inputs o WHERE o.lot_id = l.id) ORDER BY l.id"
            )
        )
        .scalars()
        .all()
    )
    return rows[0]


def _independent_scope(session, supplier_lot: str) -> tuple[set[str], dict[str, Decimal]]:
    """Breadth-first over every link in Python: no recursive SQL, no shared code."""
    children = defaultdict(set)
    for parent, child in session.execute(text("SELECT parent_id, child_id FROM lot_links")):
        children[parent].add(child)
    frontier = set(session.scalars(select(Lot.id).where(Lot.supplier_lot == supplier_lot, Lot.origin == "received")))
    seen = set(frontier)
    while frontier:
        frontier = {c for p in frontier for c in children[p]} - seen
        seen |= frontier
    codes = {lot.code for lot in session.scalars(select(Lot).where(Lot.id.in_(seen)))}
    per_customer: dict[str, Decimal] = defaultdict(Decimal)
    for s, party in session.execute(
        select(Shipment, Party).join(Party, Party.id == Shipment.customer_id).where(Shipment.lot_id.in_(seen))
    ):
        per_customer[party.code] += s.quantity
    return codes, dict(per_customer)


def test_recall_from_a_supplier_lot_matches_an_independent_walk(demo, admin):
    with demo.unit_of_work() as s:
        supplier_lot = _busiest_supplier_lot(s)
        report = recall_report(s, supplier_lot=supplier_lot, now=admin.now())
        codes, per_customer = _independent_scope(s, supplier_lot)
    assert set(report.lot_codes) == codes and len(codes) > 3
    assert {c.code: sum((x.quantity for x in c.shipments), Decimal(0)) for c in report.customers} == per_customer
    assert report.orders and all(any(o.number == order for o in report.orders) for x in report.lots for order, _ in x.consumed)
    stock = {x.code: x.balance for x in report.lots}
    with demo.unit_of_work() as s:
        assert stock == {lot.code: lot.balance for lot in s.scalars(select(Lot).where(Lot.code.in_(codes)))}


def test_starting_a_recall_holds_everything_affected_in_one_event(demo, admin):
    clerk = replace(admin, user="anna")
    qa = replace(admin, user="qa")
    with demo.unit_of_work() as s:
        supplier_lot = _busiest_supplier_lot(s)
    before = events_count(demo)
    with pytest.raises(PermissionDenied):
        with demo.unit_of_work() as s:
            start_recall(s, clerk, reason="x", supplier_lot=supplier_lot)
    assert events_count(demo) == before
    with demo.unit_of_work() as s:
        report = start_recall(s, qa, reason="undeclared allergen", supplier_lot=supplier_lot)
    assert events_count(demo) == before + 1 and report.recall_code
    with demo.unit_of_work() as s:
        statuses = {
            lot.code: (lot.status, lot.hold_reason) for lot in s.scalars(select(Lot).where(Lot.code.in_(report.lot_codes)))
        }
        assert all(st in ("on_hold", "rejected") for st, _ in statuses.values())
        assert any(reason and "undeclared allergen" in reason for _, reason in statuses.values())
        in_stock = next((x for x in report.lots if x.balance > 0 and x.item == "CARTON-12"), None)
        if in_stock is not None:
            with pytest.raises(Refused, match="undeclared allergen"):
                shipping.ship_lot(s, admin, lot=in_stock.code, customer="C001", quantity="1", document="DN-X")
        assert compare_with_replay(s) == ()


def test_mock_recall_is_timed_from_the_first_scan_and_holds_nothing(demo, admin):
    ticks = iter([100.0, 107.5])
    mock = MockRecall(clock=lambda: next(ticks))
    mock.first_scan()
    with demo.unit_of_work() as s:
        report = recall_report(s, supplier_lot=_busiest_supplier_lot(s), now=admin.now())
        timed = mock.finish(s, admin, report)
        assert timed.elapsed_seconds == 7.5
        assert not s.scalar(
            select(Lot.id).where(Lot.code.in_(report.lot_codes), Lot.status == "on_hold", Lot.hold_reason.like("recall%"))
        )
        assert compare_with_replay(s) == ()
