"""Read-only lookups for the workstation screens: lot search, inspection list, order progress, FEFO."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.plant import QA_PIN, mini_plant, qa_signer, received
from tracedesk.services import production
from tracedesk.services.queries import (
    fefo_hint,
    issue_preview,
    order_progress,
    quarantine_lots,
    search_lots,
    supplier_lot_receipts,
)
from tracedesk.services.receiving import ReceiveRequest, register_received_lot


@pytest.fixture
def plant(runtime, admin):
    with runtime.unit_of_work() as session:
        return mini_plant(session, admin)


def test_search_finds_lots_by_code_supplier_lot_and_item_with_exact_code_first(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        received(session, admin, "FLOUR", supplier_lot="MILL-77")
        by_code = search_lots(session, plant.flour)
        by_supplier_lot = search_lots(session, "MILL-77")
        by_item = search_lots(session, "flour")
        assert by_code[0].code == plant.flour
        assert [lot.supplier_lot for lot in by_supplier_lot] == ["MILL-77"]
        assert {lot.item for lot in by_item} == {"FLOUR"} and len(by_item) == 2
        assert search_lots(session, "   ") == []


def test_quarantine_list_holds_only_lots_waiting_for_qa(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        waiting = received(session, admin, "SUGAR", release=False, supplier_lot="Q-1")
        assert [lot.code for lot in quarantine_lots(session)] == [waiting]
        assert [lot.code for lot in supplier_lot_receipts(session, "Q-1")] == [waiting]


def test_order_progress_shows_required_issued_and_outstanding_per_component(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="20")
        production.record_parameter(session, admin, order=plant.order, name="temperature", value="180", unit="°C")
        progress = order_progress(session, plant.order)
    flour = next(c for c in progress.components if c.component == "FLOUR")
    sugar = next(c for c in progress.components if c.component == "SUGAR")
    assert (flour.required, flour.issued, flour.outstanding) == (Decimal(30), Decimal(20), Decimal(10))
    assert (sugar.required, sugar.issued, sugar.outstanding) == (Decimal(15), Decimal(0), Decimal(15))
    assert progress.issued_lots[0][:3] == (plant.flour, "FLOUR", Decimal(20))
    assert progress.parameters[0].name == "temperature"


def test_fefo_hint_names_an_older_expiry_released_lot_of_the_same_item(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        old = register_received_lot(
            session,
            ReceiveRequest(
                item="FLOUR", quantity="10", supplier="MILL", supplier_lot="OLD", expiry=admin.today + timedelta(days=5)
            ),
            admin,
        )
        from tracedesk.services.quality import release_lot

        release_lot(session, qa_signer(session, admin), lot=old.code, pin=QA_PIN)
        hint = fefo_hint(session, plant.flour, admin.today)
        assert hint is not None and hint.code == old.code
        assert fefo_hint(session, old.code, admin.today) is None
        assert fefo_hint(session, plant.flour, date(2099, 1, 1)) is None


def test_issue_preview_defaults_to_the_lesser_of_outstanding_and_balance(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        preview = issue_preview(session, admin, plant.order, plant.flour)
        assert preview.quantity == Decimal(30) and preview.outstanding == Decimal(30)
        small = received(session, admin, "SUGAR", quantity="4")
        assert issue_preview(session, admin, plant.order, small).quantity == Decimal(4)


def test_issue_preview_refuses_with_the_reason(runtime, admin, plant):
    from tracedesk.core.errors import Refused
    from tracedesk.services import quality

    with runtime.unit_of_work() as session:
        salt = received(session, admin, "SALT")
        waiting = received(session, admin, "FLOUR", release=False)
        quality.hold_lot(session, admin, lot=plant.sugar, reason="supplier complaint")
        for lot, words in ((salt, "not a component"), (waiting, "quarantine"), (plant.sugar, "on hold: supplier complaint")):
            with pytest.raises(Refused, match=words):
                issue_preview(session, admin, plant.order, lot)
