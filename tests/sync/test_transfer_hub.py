"""A transfer between two stations of different plants through a real hub: one lot code, one genealogy, in transit between."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from tests.plant import master_data
from tests.services.warehouse.test_locations import build_plant
from tests.services.warehouse.test_transfers import _released_in_bin
from tests.stations import StepClock, join, open_station
from tests.sync.test_converge_hub import fingerprints, sync
from tracedesk.db.models import Lot, LotLink
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.trace import trace_lot
from tracedesk.services.transfers import in_transit, receive_transfer, ship_transfer
from tracedesk.services.warehouse import stock_lines, totals_by_plant


def test_a_transfer_through_the_hub_keeps_one_lot_code_and_one_genealogy(tmp_path: Path, hub: str) -> None:
    clock = StepClock()
    suzhou = open_station(tmp_path, "A", clock, first=True)
    shanghai = open_station(tmp_path, "B", clock)
    try:
        with suzhou.work() as s:
            master_data(s, suzhou.actor())
            build_plant(s, suzhou.actor())
            lot = _released_in_bin(s, suzhou.actor())
        sync(suzhou, hub)
        sync(shanghai, hub)
        join(shanghai, suzhou.actor())
        with suzhou.work() as s:
            moving = ship_transfer(s, suzhou.actor(), lot=lot, to_plant="SH", document="TR-HUB-1", quantity="30").lot
        sync(suzhou, hub)
        sync(shanghai, hub)
        # In transit: both stations see it, neither plant holds it.
        for station in (suzhou, shanghai):
            with station.runtime.reading() as s:
                assert [t.document for t in in_transit(s)] == ["TR-HUB-1"]
                assert totals_by_plant(stock_lines(s, item="FLOUR")) == [("SZ", "FLOUR", Decimal(70), "kg")]
        with shanghai.work() as s:
            receive_transfer(s, shanghai.actor(), document="TR-HUB-1", to="SH-01", quantity="29", note="one bag short")
        sync(shanghai, hub)
        sync(suzhou, hub)
        for station in (suzhou, shanghai):
            with station.runtime.reading() as s:
                assert in_transit(s) == []
                info = lot_info(s, lot_by_code(s, moving))
                assert (info.location, info.plant, info.balance) == ("SH-01", "SH", Decimal(29))
                # One lot of that code, linked once to the lot it was split from.
                assert s.scalar(select(Lot.id).where(Lot.code == moving)) is not None
                parents = s.scalars(select(LotLink.parent_id).where(LotLink.child_id == lot_by_code(s, moving).id)).all()
                assert parents == [lot_by_code(s, lot).id]
                assert [n.code for n in trace_lot(s, moving, "up").upstream] == [lot]
        assert fingerprints(suzhou) == fingerprints(shanghai)
    finally:
        suzhou.close()
        shanghai.close()
