"""Moves, put-away, stock per location and plant, and picking first-expired-first-out."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_locations import build_plant
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.db.models import LotLink, Shipment
from tracedesk.services import production, quality
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.shipping import ship_lot
from tracedesk.services.warehouse import (
    move_lot,
    pick_list,
    put_away,
    ship_picked,
    stock_lines,
    totals_by_location,
    totals_by_plant,
)


def _receive(s, admin, item="FLOUR", quantity="100", expiry=None, release=False, supplier_lot="S-1") -> str:
    code = register_received_lot(
        s, ReceiveRequest(item=item, quantity=quantity, supplier="MILL", supplier_lot=supplier_lot, expiry=expiry), admin
    ).code
    if release:
        quality.release_lot(s, qa_signer(s, admin), lot=code, pin=QA_PIN)
    return code


def test_a_received_lot_goes_to_quarantine_then_to_a_bin_and_a_quantity_moves_as_a_split(runtime, admin):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        lot = _receive(s, admin)
        # Quarantined material is refused anywhere but a quarantine location, with the reason.
        with pytest.raises(Refused, match="in quarantine.*not moved into B-04, which is not a quarantine location"):
            put_away(s, admin, lot=lot, to="B-04")
        assert lot_info(s, lot_by_code(s, lot)).location is None
        first = put_away(s, admin, lot=lot, to="QC")
        assert (first.moved_from, first.moved_to, first.lot.location) == (None, "QC", "QC")
        quality.release_lot(s, qa_signer(s, admin), lot=lot, pin=QA_PIN)
        move_lot(s, admin, lot=lot, to="B-04")
        part = move_lot(s, admin, lot=lot, to="B-05", quantity="30")
        assert part.split_from == lot and part.lot.code != lot
        assert (part.lot.location, part.lot.balance, part.lot.status) == ("B-05", Decimal(30), "released")
        parent = lot_info(s, lot_by_code(s, lot))
        assert (parent.location, parent.balance) == ("B-04", Decimal(70))
        link = s.scalar(select(LotLink).where(LotLink.child_id == lot_by_code(s, part.lot.code).id))
        assert link is not None and link.kind == "split" and link.quantity == Decimal(30)
        lines = stock_lines(s, item="FLOUR")
        assert totals_by_location(lines) == [
            ("SZ", "B-04", "FLOUR", Decimal(70), "kg"),
            ("SZ", "B-05", "FLOUR", Decimal(30), "kg"),
        ]
        assert totals_by_plant(lines) == [("SZ", "FLOUR", Decimal(100), "kg")]
        # Everything inside the warehouse, not the cage.
        assert {x.location for x in stock_lines(s, location="SZ-WH")} == {"B-04", "B-05"}
        assert compare_with_replay(s) == ()


def test_moves_that_cannot_be_are_refused_and_nothing_is_recorded(runtime, admin, clock):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        lot = _receive(s, admin, release=True)
        move_lot(s, admin, lot=lot, to="B-04")
        held = _receive(s, admin, release=True, supplier_lot="S-2")
        quality.hold_lot(s, admin, lot=held, reason="foreign body")
        soon = _receive(s, admin, release=True, supplier_lot="S-3", expiry=admin.today + timedelta(days=2))
        before = lot_info(s, lot_by_code(s, lot))
        with pytest.raises(NotFound, match="no location 'NOPE'"):
            move_lot(s, admin, lot=lot, to="NOPE")
        with pytest.raises(NotFound, match="no lot"):
            move_lot(s, admin, lot="NOPE", to="B-05")
        with pytest.raises(Refused, match="in B-04 already"):
            move_lot(s, admin, lot=lot, to="B-04")
        with pytest.raises(Refused, match="Only 100 kg of lot .* cannot be moved"):
            move_lot(s, admin, lot=lot, to="B-05", quantity="120")
        with pytest.raises(InvalidInput):
            move_lot(s, admin, lot=lot, to="B-05", quantity="-3")
        with pytest.raises(Refused, match="on hold: foreign body.*Move it into a blocked"):
            move_lot(s, admin, lot=held, to="B-05")
        assert move_lot(s, admin, lot=held, to="QC").lot.location == "QC"
        clock.now += timedelta(days=3)
        with pytest.raises(Refused, match="expired on"):
            move_lot(s, admin, lot=soon, to="B-05")
        assert lot_info(s, lot_by_code(s, lot)) == before
        # A released lot may go into the cage; from there it is neither shipped nor issued.
        move_lot(s, admin, lot=lot, to="QC")
        with pytest.raises(Refused, match="lies in QC, a blocked location — not shipped"):
            ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1")
        order = production.create_work_order(s, admin, product="DOUGH", quantity="10").number
        with pytest.raises(Refused, match="lies in QC, a blocked location — not issued"):
            production.issue_lot_to_order(s, admin, order=order, lot=lot, quantity="1")
        assert compare_with_replay(s) == ()


def test_a_pick_list_takes_the_first_expiring_usable_stock_and_ships_from_where_it_was_picked(runtime, admin, clock):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        today = admin.today
        late = _receive(s, admin, quantity="50", expiry=today + timedelta(days=90), release=True, supplier_lot="L")
        early = _receive(s, admin, quantity="40", expiry=today + timedelta(days=10), release=True, supplier_lot="E")
        caged = _receive(s, admin, quantity="60", expiry=today + timedelta(days=5), release=True, supplier_lot="C")
        middle = _receive(s, admin, quantity="30", expiry=today + timedelta(days=30), release=True, supplier_lot="M")
        for code, place in ((late, "B-04"), (early, "B-05"), (caged, "QC"), (middle, "SH-01")):
            move_lot(s, admin, lot=code, to=place)
        picks = pick_list(s, item="FLOUR", quantity="80", today=today)
        assert [(p.lot, p.location, p.quantity) for p in picks] == [
            (early, "B-05", Decimal(40)),
            (middle, "SH-01", Decimal(30)),
            (late, "B-04", Decimal(10)),
        ]
        # Within one plant only.
        in_suzhou = pick_list(s, item="FLOUR", quantity="80", today=today, plant="SZ")
        assert [(p.lot, p.quantity) for p in in_suzhou] == [(early, Decimal(40)), (late, Decimal(40))]
        with pytest.raises(Refused, match="Only 120 kg of FLOUR can be picked"):
            pick_list(s, item="FLOUR", quantity="500", today=today)
        shipped = ship_picked(s, admin, customer="SHOP", document="DN-7", picks=in_suzhou)
        assert shipped == [(early, Decimal(40), "B-05"), (late, Decimal(40), "B-04")]
        rows = s.execute(select(Shipment.document, Shipment.quantity, Shipment.location_id)).all()
        assert len(rows) == 2 and all(r.location_id is not None for r in rows)
        assert lot_info(s, lot_by_code(s, late)).balance == Decimal(10)
        # A lot moved after it was picked is not shipped from the wrong place.
        again = pick_list(s, item="FLOUR", quantity="5", today=today, plant="SZ")
        move_lot(s, admin, lot=again[0].lot, to="B-05")
        with pytest.raises(Refused, match="make the pick list again"):
            ship_picked(s, admin, customer="SHOP", document="DN-8", picks=again)
        assert compare_with_replay(s) == ()
