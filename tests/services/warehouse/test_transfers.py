"""Transfers between plants: in transit between them, received under the same lot code, differences kept.

Through shared events (two stations exchanging their logs the way the hub passes them on) and
through a file (the EPCIS document of the shipment) when the plants share no log.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_locations import build_plant
from tests.stations import StepClock, exchange, join, open_station
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.db.fingerprint import state_fingerprints
from tracedesk.db.models import LotLink
from tracedesk.services import quality
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.transfers import (
    in_transit,
    receive_transfer,
    receive_transfer_file,
    ship_transfer,
    write_transfer_document,
)
from tracedesk.services.warehouse import lot_steps, move_lot, stock_lines, totals_by_plant


def _released_in_bin(s, actor, quantity="100") -> str:
    lot = register_received_lot(
        s, ReceiveRequest(item="FLOUR", quantity=quantity, supplier="MILL", supplier_lot="S-1"), actor
    ).code
    quality.release_lot(s, qa_signer(s, actor), lot=lot, pin=QA_PIN)
    move_lot(s, actor, lot=lot, to="B-04")
    return lot


def test_a_transfer_between_two_stations_of_different_plants_keeps_one_lot_and_one_genealogy(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as s:
            master_data(s, a.actor())
            build_plant(s, a.actor())
            lot = _released_in_bin(s, a.actor())
        exchange(a, b)
        join(b, a.actor())
        with a.work() as s:
            sent = ship_transfer(s, a.actor(), lot=lot, to_plant="SH", document="TR-1", quantity="40")
            assert (sent.status, sent.from_plant, sent.to_plant, sent.quantity) == ("in_transit", "SZ", "SH", Decimal(40))
            moving = sent.lot
            assert moving != lot  # a quantity is split off first and travels under its own code
            # In transit: stock of neither plant.
            assert totals_by_plant(stock_lines(s, item="FLOUR")) == [("SZ", "FLOUR", Decimal(60), "kg")]
        exchange(a, b)
        with b.work() as s:
            assert [t.document for t in in_transit(s)] == ["TR-1"]
            with pytest.raises(Refused, match="goes to plant SH; B-04 is not in it"):
                receive_transfer(s, b.actor(), document="TR-1", to="B-04")
            got = receive_transfer(s, b.actor(), document="TR-1", to="SH-01", quantity="39.5", note="one bag torn")
            assert (got.status, got.received_quantity, got.difference) == ("received", Decimal("39.5"), Decimal("-0.5"))
            info = lot_info(s, lot_by_code(s, moving))
            assert (info.location, info.plant, info.balance, info.status) == ("SH-01", "SH", Decimal("39.5"), "released")
            with pytest.raises(Refused, match="received already"):
                receive_transfer(s, b.actor(), document="TR-1", to="SH-01")
            kinds = [step.kind for step in lot_steps(s, [moving])]
            assert kinds == ["transfer_out", "transfer_in"]
        exchange(b, a)
        with a.work() as s:
            assert in_transit(s) == []
            assert totals_by_plant(stock_lines(s, item="FLOUR")) == [
                ("SH", "FLOUR", Decimal("39.5"), "kg"),
                ("SZ", "FLOUR", Decimal(60), "kg"),
            ]
            links = s.scalars(select(LotLink).where(LotLink.child_id == lot_by_code(s, moving).id)).all()
            assert [(link.parent_id, link.kind) for link in links] == [(lot_by_code(s, lot).id, "split")]
            assert compare_with_replay(s) == ()
        prints = []
        for station in (a, b):
            with station.runtime.reading() as s:
                prints.append(state_fingerprints(s))
        assert prints[0] == prints[1]
    finally:
        a.close()
        b.close()


def test_transfers_that_cannot_be_are_refused(runtime, admin):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        lot = _released_in_bin(s, admin)
        with pytest.raises(InvalidInput, match="B-05 is not a plant"):
            ship_transfer(s, admin, lot=lot, to_plant="B-05", document="TR-1")
        with pytest.raises(Refused, match="in plant SZ already; move it instead"):
            ship_transfer(s, admin, lot=lot, to_plant="SZ", document="TR-1")
        with pytest.raises(InvalidInput, match="document number"):
            ship_transfer(s, admin, lot=lot, to_plant="SH", document="")
        with pytest.raises(Refused, match="cannot be sent"):
            ship_transfer(s, admin, lot=lot, to_plant="SH", document="TR-1", quantity="101")
        quality.hold_lot(s, admin, lot=lot, reason="lab check")
        with pytest.raises(Refused, match="on hold: lab check — not sent to another plant"):
            ship_transfer(s, admin, lot=lot, to_plant="SH", document="TR-1")
        with pytest.raises(NotFound, match="no transfer 'TR-9'"):
            receive_transfer(s, admin, document="TR-9", to="SH-01")
        assert in_transit(s) == []
        assert compare_with_replay(s) == ()


def test_a_transfer_carried_by_a_file_creates_the_lot_under_its_code_at_the_other_plant(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    (tmp_path / "other").mkdir()
    b = open_station(tmp_path / "other", "B", clock, first=True)
    try:
        for station in (a, b):
            with station.work() as s:
                master_data(s, station.actor())
                build_plant(s, station.actor())
        with a.work() as s:
            lot = _released_in_bin(s, a.actor())
            ship_transfer(s, a.actor(), lot=lot, to_plant="SH", document="TR-5")
            path = write_transfer_document(s, "TR-5", tmp_path / "TR-5.jsonld")
        with b.work() as s:
            with pytest.raises(Refused, match="goes to plant SH"):
                receive_transfer_file(s, b.actor(), path=path, to="B-04")
            got = receive_transfer_file(s, b.actor(), path=path, to="SH-01", quantity="98")
            assert (got.lot, got.received_quantity, got.difference) == (lot, Decimal(98), Decimal(-2))
            info = lot_info(s, lot_by_code(s, lot))
            assert (info.code, info.origin, info.status, info.location, info.supplier_lot) == (
                lot,
                "transferred",
                "quarantine",
                "SH-01",
                "S-1",
            )
            with pytest.raises(Refused, match="received already"):
                receive_transfer_file(s, b.actor(), path=path, to="SH-01")
            bad = tmp_path / "bad.jsonld"
            bad.write_text('{"epcisBody": {"eventList": []}}', encoding="utf-8")
            with pytest.raises(InvalidInput, match="holds no transfer"):
                receive_transfer_file(s, b.actor(), path=bad, to="SH-01")
            assert compare_with_replay(s) == ()
    finally:
        a.close()
        b.close()


def test_moves_recorded_offline_at_two_stations_converge_on_the_latest(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as s:
            master_data(s, a.actor())
            build_plant(s, a.actor())
            lot = _released_in_bin(s, a.actor())
        exchange(a, b)
        join(b, a.actor())
        # Offline: A moves the lot to B-05, then (a second later) B moves it into the cage.
        with a.work() as s:
            move_lot(s, a.actor(), lot=lot, to="B-05")
        with b.work() as s:
            move_lot(s, b.actor(), lot=lot, to="QC")
        exchange(a, b)
        exchange(b, a)
        for station in (a, b):
            with station.runtime.reading() as s:
                assert lot_info(s, lot_by_code(s, lot)).location == "QC"
        prints = []
        for station in (a, b):
            with station.runtime.reading() as s:
                prints.append(state_fingerprints(s))
        assert prints[0] == prints[1]
        with a.work() as s:
            assert compare_with_replay(s) == ()
    finally:
        a.close()
        b.close()


def test_one_transfer_number_used_offline_at_two_stations_keeps_both_and_asks_for_the_lot(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    try:
        with a.work() as s:
            master_data(s, a.actor())
            build_plant(s, a.actor())
            first = _released_in_bin(s, a.actor())
        exchange(a, b)
        join(b, a.actor())
        with b.work() as s:
            second = _released_in_bin(s, b.actor(), quantity="50")
        with a.work() as s:
            ship_transfer(s, a.actor(), lot=first, to_plant="SH", document="TR-9")
        with b.work() as s:
            ship_transfer(s, b.actor(), lot=second, to_plant="SH", document="TR-9")
        exchange(a, b)
        exchange(b, a)
        with a.work() as s:
            assert sorted(t.lot for t in in_transit(s)) == sorted([first, second])
            with pytest.raises(Refused, match="Two transfers were sent under TR-9"):
                receive_transfer(s, a.actor(), document="TR-9", to="SH-01")
            got = receive_transfer(s, a.actor(), document="TR-9", to="SH-01", lot=second)
            assert (got.lot, got.status) == (second, "received")
            assert [t.lot for t in in_transit(s)] == [first]
            assert compare_with_replay(s) == ()
    finally:
        a.close()
        b.close()
