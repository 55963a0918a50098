"""Guards on the floor: the BOM bounds what an Enter issues, and an output names what was never issued."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.plant import mini_plant
from tracedesk.core.errors import NeedsConfirmation, NotFound, Refused
from tracedesk.core.messages import render
from tracedesk.db.models import Event
from tracedesk.services import production
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.history import lot_history
from tracedesk.services.queries import issue_preview
from tracedesk.services.users import sign_in_with_badge


@pytest.fixture
def plant(runtime, admin):
    with runtime.unit_of_work() as session:
        return mini_plant(session, admin)


def _events(runtime) -> int:
    with runtime.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0


def _last_payload(runtime, kind: str) -> dict:
    with runtime.unit_of_work() as session:
        event = session.scalars(select(Event).where(Event.type == kind).order_by(Event.seq.desc())).first()
        assert event is not None
        return json.loads(event.payload)


def test_the_proposed_quantity_is_what_the_bom_still_needs_capped_at_the_balance(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        assert issue_preview(session, admin, plant.order, plant.flour).quantity == Decimal(30)  # 50 x 0.6, lot has 100
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="25")
        assert issue_preview(session, admin, plant.order, plant.flour).quantity == Decimal(5)


def test_a_component_already_fully_issued_offers_nothing_and_a_bare_issue_is_refused(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour)  # the 30 kg the BOM needs
    with runtime.unit_of_work() as session:
        preview = issue_preview(session, admin, plant.order, plant.flour)
    assert (preview.quantity, preview.outstanding, preview.lot.balance) == (0, 0, 70)
    before = _events(runtime)
    with pytest.raises(NeedsConfirmation, match="needs no more FLOUR"):
        with runtime.unit_of_work() as session:
            production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour)
    assert _events(runtime) == before


def test_issuing_beyond_what_is_outstanding_needs_a_reason_and_the_event_keeps_it(runtime, admin, plant):
    before = _events(runtime)
    for reason in (None, "  "):
        with pytest.raises(NeedsConfirmation, match=r"still needs only 30 kg of FLOUR; issuing 40 kg"):
            with runtime.unit_of_work() as session:
                production.issue_lot_to_order(
                    session, admin, order=plant.order, lot=plant.flour, quantity="40", over_reason=reason
                )
    assert _events(runtime) == before
    with runtime.unit_of_work() as session:
        record = production.issue_lot_to_order(
            session, admin, order=plant.order, lot=plant.flour, quantity="40", over_reason=" dough too wet "
        )
        assert compare_with_replay(session) == ()
    assert record.balance_after == 60
    payload = _last_payload(runtime, "lot_issued")
    assert payload["over_issue"] == {"outstanding": "30", "reason": "dough too wet"}
    with runtime.unit_of_work() as session:
        said = [str(entry.summary) for entry in lot_history(session, plant.flour)]
    assert any("more than the 30 kg it still needed (dough too wet)" in text for text in said), said


def test_an_issue_within_the_bom_records_no_over_issue(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
    assert "over_issue" not in _last_payload(runtime, "lot_issued")


def test_the_balance_is_checked_before_the_bom(runtime, admin, plant):
    with pytest.raises(Refused, match="Only 100 kg") as caught:
        with runtime.unit_of_work() as session:
            production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="500", over_reason="x")
    assert not isinstance(caught.value, NeedsConfirmation)


def test_output_while_components_were_never_issued_needs_confirmation(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour)
    before = _events(runtime)
    with pytest.raises(NeedsConfirmation) as caught:
        with runtime.unit_of_work() as session:
            production.record_output(session, admin, order=plant.order, quantity="20")
    assert "Nothing of SUGAR has been issued" in str(caught.value) and "where it came from" in str(caught.value)
    assert "尚未投料 SUGAR" in render(caught.value.message, "zh_CN")
    assert _events(runtime) == before
    with runtime.unit_of_work() as session:
        production.record_output(session, admin, order=plant.order, quantity="20", confirm_unissued=True)
        assert compare_with_replay(session) == ()
    assert _last_payload(runtime, "output_recorded")["unissued_confirmed"] == ["SUGAR"]


def test_output_after_every_component_was_issued_asks_nothing(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour)
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.sugar)
        production.record_output(session, admin, order=plant.order, quantity="20")
    assert "unissued_confirmed" not in _last_payload(runtime, "output_recorded")


def test_a_lot_label_scanned_while_signed_out_says_sign_in_first(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        for text in (f"TD:{plant.flour}", plant.flour, "(01)09501101530003(10)S-1"):
            with pytest.raises(Refused, match="is a lot label, not a badge. Sign in first"):
                sign_in_with_badge(session, admin, text)
        with pytest.raises(NotFound, match="This badge belongs to no active user"):
            sign_in_with_badge(session, admin, "BADGE-NOBODY")
