"""Complaints with attachments that can hold their lot; alerts for what needs attention."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.qa_helpers import build_plant
from tracedesk.core.errors import InvalidInput, PermissionDenied
from tracedesk.services import complaints, quality
from tracedesk.services.alerts import alerts
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.receiving import ReceiveRequest, register_received_lot


@pytest.fixture
def plant(runtime, admin):
    return build_plant(runtime, admin)


def test_complaint_with_attachment_investigated_held_and_closed(runtime, admin, plant, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    store = tmp_path / "data"
    with runtime.unit_of_work() as s:
        c = complaints.register_complaint(
            s, plant.clerk, lot=plant.biscuit, customer="SHOP", text="hair in pack 包装里有头发", attachments=[photo], store=store
        )
        assert (store / c.attachments[0]).read_bytes() == photo.read_bytes()
        complaint, trace = complaints.complaint_trace(s, c.code)
        assert plant.flour in {n.code for n in trace.upstream}
    with pytest.raises(PermissionDenied):
        with runtime.unit_of_work() as s:
            complaints.update_complaint(s, plant.clerk, code=c.code, status="investigating", action="hold")
    with runtime.unit_of_work() as s:
        complaints.update_complaint(s, plant.qa, code=c.code, status="investigating", action="hold")
        assert lot_info(s, lot_by_code(s, plant.biscuit)).status == "on_hold"
        with pytest.raises(InvalidInput, match="conclusion"):
            complaints.update_complaint(s, plant.qa, code=c.code, status="closed")
        done = complaints.update_complaint(s, plant.qa, code=c.code, status="closed", conclusion="hair net rule retrained")
        assert (done.status, done.action) == ("closed", "hold")
        assert compare_with_replay(s) == ()


def test_alerts_name_what_needs_attention(runtime, admin, plant, clock):
    with runtime.unit_of_work() as s:
        register_received_lot(s, ReceiveRequest(item="SUGAR", quantity="5", supplier="MILL", supplier_lot="Q"), admin)
        quality.hold_lot(s, plant.qa, lot=plant.dough, reason="check")
    clock.now += timedelta(days=5)
    with runtime.unit_of_work() as s:
        kinds = {(a.kind, a.subject) for a in alerts(s, now=clock.now)}
        later = alerts(s, now=clock.now + timedelta(days=25))
    assert ("held_in_open_order", plant.biscuit_order) in kinds
    assert any(k == "quarantine" for k, _ in kinds)
    # Dough: 30 kg flour for 45 kg where the BOM says 27 (+11%); biscuits used exactly 1.1 x 20 kg of dough.
    assert ("bom_deviation", plant.dough_order) in kinds and ("bom_deviation", plant.biscuit_order) not in kinds
    assert any(a.kind == "expiring" for a in later)
