"""Holds spread downstream and block issue and shipping; signed releases; overlapping holds."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.qa_helpers import QA_PIN, build_plant, events_count
from tracedesk.core.errors import PermissionDenied, Refused
from tracedesk.db.models import Event, Signature
from tracedesk.services import production, quality, shipping
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.lookup import lot_by_code, lot_info


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def _info(runtime, code):
    with runtime.unit_of_work() as s:
        return lot_info(s, lot_by_code(s, code))


def test_hold_spreads_downstream_and_blocks_issue_and_ship_with_the_reason(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.flour, reason="foreign matter found")
    dough, biscuit = _info(runtime, plant.dough), _info(runtime, plant.biscuit)
    assert _info(runtime, plant.flour).status == "on_hold"
    assert dough.is_blocked and "foreign matter found" in dough.suspect_reason and plant.flour in dough.suspect_reason
    assert biscuit.is_blocked and biscuit.status == "released"
    assert not _info(runtime, plant.sugar).is_blocked
    with pytest.raises(Refused, match="suspect.*foreign matter found"):
        with runtime.unit_of_work() as s:
            shipping.ship_lot(s, admin, lot=plant.biscuit, customer="SHOP", quantity="1", document="DN-2")
    with pytest.raises(Refused, match="suspect.*foreign matter found"):
        with runtime.unit_of_work() as s:
            production.issue_lot_to_order(s, admin, order=plant.biscuit_order, lot=plant.dough, quantity="1")
    with pytest.raises(Refused, match="on hold: foreign matter found"):
        with runtime.unit_of_work() as s:
            production.issue_lot_to_order(s, admin, order=plant.biscuit_order, lot=plant.flour, quantity="1")
    with runtime.unit_of_work() as s:
        scopes = quality.open_holds(s)
    assert scopes[0].suspect_lots == tuple(sorted((plant.dough, plant.biscuit)))
    assert scopes[0].open_orders == (plant.biscuit_order,)  # work in progress made from the flour
    with runtime.unit_of_work() as s:
        quality.lift_hold(s, plant.qa, lot=plant.flour, reason="re-inspected, no foreign matter", pin=QA_PIN)
    assert not _info(runtime, plant.biscuit).is_blocked and _info(runtime, plant.flour).status == "released"
    with runtime.unit_of_work() as s:
        shipping.ship_lot(s, admin, lot=plant.biscuit, customer="SHOP", quantity="1", document="DN-2")
        production.issue_lot_to_order(
            s, admin, order=plant.biscuit_order, lot=plant.dough, quantity="1", over_reason="second mix"
        )
        assert compare_with_replay(s) == ()


def test_output_recorded_after_the_hold_is_suspect_too(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.dough, reason="texture")
        late = production.record_output(s, admin, order=plant.biscuit_order, quantity="1", confirm_unissued=True).code
    assert "texture" in _info(runtime, late).suspect_reason


def test_a_hold_that_does_not_spread_blocks_only_its_lot(runtime, plant):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.flour, reason="label torn", spread=False)
    assert _info(runtime, plant.flour).is_blocked and not _info(runtime, plant.dough).is_blocked


@pytest.mark.parametrize("order", [("upstream", "own"), ("own", "upstream")])
def test_overlapping_holds_released_in_any_order(runtime, plant, order):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.flour, reason="flour complaint")
        quality.hold_lot(s, plant.qa, lot=plant.dough, reason="dough too wet")
        quality.hold_lot(s, plant.qa, lot=plant.dough, reason="metal detector alarm")
    dough = _info(runtime, plant.dough)
    assert dough.status == "on_hold" and dough.hold_reason == "dough too wet; metal detector alarm"
    with runtime.unit_of_work() as s:
        first, second = (h.number for h in quality.holds_of(s, plant.dough, open_only=True))
    steps = {
        "upstream": lambda s: quality.lift_hold(s, plant.qa, lot=plant.flour, reason="ok", pin=QA_PIN),
        "own": lambda s: [
            quality.lift_hold(s, plant.qa, lot=plant.dough, reason="ok", pin=QA_PIN, hold=h) for h in (second, first)
        ],
    }
    with runtime.unit_of_work() as s:
        steps[order[0]](s)
    dough = _info(runtime, plant.dough)
    assert dough.is_blocked
    assert (dough.status == "on_hold") == (order[0] == "upstream")
    with runtime.unit_of_work() as s:
        steps[order[1]](s)
    dough, biscuit = _info(runtime, plant.dough), _info(runtime, plant.biscuit)
    assert dough.status == "released" and not dough.is_blocked and dough.hold_reason is None
    assert not biscuit.is_blocked
    with runtime.unit_of_work() as s:
        assert compare_with_replay(s) == ()


def test_lifting_one_of_two_holds_keeps_the_lot_held(runtime, plant):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.sugar, reason="A")
        quality.hold_lot(s, plant.qa, lot=plant.sugar, reason="B")
        first = quality.holds_of(s, plant.sugar)[0].number
        info = quality.lift_hold(s, plant.qa, lot=plant.sugar, reason="A cleared", pin=QA_PIN, hold=first)
    assert info.status == "on_hold" and info.hold_reason == "B"


def test_release_and_reject_need_the_pin_and_record_a_signature(runtime, admin, plant):
    from tracedesk.services.receiving import ReceiveRequest, register_received_lot

    with runtime.unit_of_work() as s:
        lot = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="10", supplier="MILL", supplier_lot="S-9"), admin
        ).code
    before = events_count(runtime)
    for pin in (None, "0000"):
        with pytest.raises(Refused, match="PIN"):
            with runtime.unit_of_work() as s:
                quality.release_lot(s, plant.qa, lot=lot, reason="checked", pin=pin)
    # Nothing of the refused releases; the wrong PIN alone is recorded, for the lock-out.
    assert events_count(runtime) == before + 1 and _info(runtime, lot).status == "quarantine"
    with runtime.reading() as s:
        assert s.scalars(select(Event.type).order_by(Event.seq.desc())).first() == "sign_in_failed"
    with runtime.unit_of_work() as s:
        quality.release_lot(s, plant.qa, lot=lot, reason="released after re-inspection", pin=QA_PIN)
        sig = s.scalars(select(Signature).order_by(Signature.id.desc())).first()
        assert (sig.signer, sig.role, sig.meaning) == ("qa1", "qa", "released: released after re-inspection")
        assert compare_with_replay(s) == ()


def test_rejecting_a_held_lot_closes_its_holds(runtime, plant):
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, plant.qa, lot=plant.sugar, reason="A")
        info = quality.reject_lot(s, plant.qa, lot=plant.sugar, reason="contaminated", pin=QA_PIN)
        assert info.status == "rejected" and quality.holds_of(s, plant.sugar)[0].outcome == "rejected"
        assert compare_with_replay(s) == ()


def test_a_clerk_cannot_take_qa_decisions_and_nothing_is_recorded(runtime, plant):
    before = events_count(runtime)
    for action in (
        lambda s: quality.hold_lot(s, plant.clerk, lot=plant.flour, reason="x"),
        lambda s: quality.release_lot(s, plant.clerk, lot=plant.flour, reason="x", pin="1111"),
        lambda s: quality.reject_lot(s, plant.clerk, lot=plant.flour, reason="x", pin="1111"),
        lambda s: quality.lift_hold(s, plant.clerk, lot=plant.flour, reason="x", pin="1111"),
    ):
        with pytest.raises(PermissionDenied):
            with runtime.unit_of_work() as s:
                action(s)
    assert events_count(runtime) == before
