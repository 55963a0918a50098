"""A lot's history: every event that concerns it, with who, when and where."""

from __future__ import annotations

from tests.plant import mini_plant
from tracedesk.services import production, quality
from tracedesk.services.history import lot_history


def test_history_lists_the_lots_events_oldest_first_with_user_and_station(runtime, admin):
    with runtime.unit_of_work() as session:
        plant = mini_plant(session, admin)
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="10")
        quality.hold_lot(session, admin, lot=plant.flour, reason="supplier complaint")
        entries = lot_history(session, plant.flour)
    assert [e.type for e in entries] == ["lot_received", "lot_released", "lot_issued", "lot_held"]
    assert (
        entries[0].user == "admin"
        and entries[1].user == "qa"
        and entries[0].station == "ST1"
        and entries[0].station_name == "Test station"
    )
    assert "supplier complaint" in entries[-1].summary
    assert str(entries[2].summary) == f"Issued 10 kg to work order {plant.order}."
    assert entries[0].local_time.utcoffset().total_seconds() == 3600
