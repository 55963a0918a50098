"""The services refuse control characters, overlong text and absurd dates in every field they record,
with a sentence naming the field, and record nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.plant import master_data, mini_plant, received
from tracedesk.core.errors import InvalidInput
from tracedesk.db.models import Event
from tracedesk.services import complaints, inventory, production, quality, shipping
from tracedesk.services.events import apply_event
from tracedesk.services.receiving import ReceiveRequest, register_received_lot


def _events(runtime) -> int:
    with runtime.reading() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0


def _refused(runtime, work: Callable[[Session], object], match: str) -> None:
    before = _events(runtime)
    with pytest.raises(InvalidInput, match=match):
        with runtime.unit_of_work() as session:
            work(session)
    assert _events(runtime) == before


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"supplier_lot": "S-1\x00"}, "supplier lot contains the control character U\\+0000"),
        ({"supplier_lot": "S" * 65}, "supplier lot is 65 characters long"),
        ({"po": "PO\x1b[31m"}, "purchase order contains the control character U\\+001B"),
        ({"manufacturer_lot": "M\nX"}, "manufacturer lot contains a line break"),
        ({"expiry": date(1900, 1, 1)}, "expiry 1900-01-01 is before 2000-01-01"),
        ({"expiry": date(2126, 1, 1)}, "expiry 2126-01-01 is more than 50 years ahead"),
        ({"manufactured_on": date(2030, 1, 1)}, "manufacturing date 2030-01-01 is in the future"),
        ({"quantity": "1e3"}, "without an exponent"),
        ({"quantity": "+5"}, "without a sign"),
    ],
)
def test_receiving_refuses_bad_fields_by_name(runtime, admin, changes, match):
    with runtime.unit_of_work() as session:
        master_data(session, admin)
    fields = {"item": "FLOUR", "quantity": "10", "supplier": "MILL", "supplier_lot": "S-1", **changes}
    _refused(runtime, lambda s: register_received_lot(s, ReceiveRequest(**fields), admin), match)


def test_every_other_recording_service_refuses_control_characters(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
    _refused(runtime, lambda s: shipping.ship_lot(s, admin, lot=plant.flour, customer="SHOP", document="DN\x00"), "U\\+0000")
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, operator="op\x07"),
        "operator",
    )
    _refused(
        runtime,
        lambda s: production.record_parameter(s, admin, order=plant.order, name="oven\x1b", value="180"),
        "parameter name",
    )
    _refused(runtime, lambda s: quality.hold_lot(s, admin, lot=plant.flour, reason="mould\x00"), "reason contains")
    _refused(runtime, lambda s: quality.hold_lot(s, admin, lot=plant.flour, reason="x" * 501), "at most 500 fit")
    _refused(runtime, lambda s: inventory.adjust_lot(s, admin, lot=plant.flour, counted="5", reason="spill\x85"), "U\\+0085")
    _refused(
        runtime,
        lambda s: complaints.register_complaint(s, admin, lot=plant.flour, text="crack\x00ed", store=tmp_path),
        "complaint text contains",
    )
    _refused(
        runtime,
        lambda s: quality.inspect_lot(s, admin, lot=plant.flour, result="pass", notes="fine\x1b"),
        "inspection notes",
    )


def test_a_several_line_complaint_keeps_its_lines(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        lot = (master_data(session, admin), received(session, admin, "FLOUR"))[1]
        found = complaints.register_complaint(session, admin, lot=lot, text="Crack in\r\nthe carton\t(2x)", store=tmp_path)
    assert found.text == "Crack in\nthe carton\t(2x)"


def test_an_attachment_that_is_a_folder_or_missing_gets_a_sentence(runtime, admin, tmp_path):
    with runtime.unit_of_work() as session:
        lot = (master_data(session, admin), received(session, admin, "FLOUR"))[1]
    _refused(
        runtime,
        lambda s: complaints.register_complaint(s, admin, lot=lot, text="crack", store=tmp_path, attachments=[tmp_path]),
        "attachment .* is a folder, not a file",
    )
    _refused(
        runtime,
        lambda s: complaints.register_complaint(
            s, admin, lot=lot, text="crack", store=tmp_path, attachments=[tmp_path / "x.jpg"]
        ),
        "attachment .* does not exist",
    )


def test_the_last_check_refuses_what_a_path_forgot_to_clean(runtime, admin):
    _refused(
        runtime,
        lambda s: apply_event(s, admin, "location_created", {"code": "L1", "name": "Shelf\x00 1"}),
        "Nothing was recorded: the name contains the control character U\\+0000",
    )
