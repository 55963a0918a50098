"""Two stations use the same lot offline, then sync through the hub: both issues kept, one over_issue at each."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from tests.plant import master_data, qa_signer, received
from tests.stations import StepClock, join, open_station
from tests.sync.test_converge_hub import fingerprints, sync
from tracedesk.db.models import Conflict, Lot
from tracedesk.services import production, quality


def test_the_same_kilos_used_offline_at_two_stations_become_one_over_issue_everywhere(tmp_path: Path, hub: str) -> None:
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as session:
            master_data(session, a.actor())
            lot = received(session, a.actor(), "FLOUR")
            qa = qa_signer(session, a.actor())
            if session.scalar(select(Lot.status).where(Lot.code == lot)) != "released":
                quality.release_lot(session, qa, lot=lot, pin="3434")
            order_a = production.create_work_order(session, a.actor(), product="DOUGH", quantity="50").number
        sync(a, hub)
        sync(b, hub)
        join(b, a.actor())
        with b.work() as session:
            order_b = production.create_work_order(session, b.actor(), product="DOUGH", quantity="50").number
        # Offline: both use 80 of the lot's 100.
        with a.work() as session:
            production.issue_lot_to_order(session, a.actor(), order=order_a, lot=lot, quantity="80", over_reason="a double batch")
        with b.work() as session:
            production.issue_lot_to_order(session, b.actor(), order=order_b, lot=lot, quantity="80", over_reason="a double batch")
        first_a = sync(a, hub)
        then_b = sync(b, hub)
        then_a = sync(a, hub)
        # Each station counts the conflict when the other's issue reaches it.
        assert (first_a.conflicts, then_b.conflicts, then_a.conflicts) == (0, 1, 1)
        for station in (a, b):
            with station.runtime.reading() as session:
                kinds = [c.kind for c in session.scalars(select(Conflict))]
                assert kinds.count("over_issue") == 1
                assert session.scalar(select(Lot.balance).where(Lot.code == lot)) < 0
        assert fingerprints(a) == fingerprints(b)
    finally:
        a.close()
        b.close()
