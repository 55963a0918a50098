"""Customer returns against the shipment's document, QA's decision, rework, scrap and witnessed destruction."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_locations import build_plant
from tests.services.warehouse.test_moves import _receive
from tracedesk.core.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tracedesk.db.models import LotLink, Scrap, Signature
from tracedesk.services import quality
from tracedesk.services.aftersales import receive_return, rework_lot, scrap_lot
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.shipping import ship_lot
from tracedesk.services.users import create_user
from tracedesk.services.warehouse import move_lot

WITNESS_PIN = "7777"


def _shipped(s, admin) -> str:
    master_data(s, admin)
    build_plant(s, admin)
    lot = _receive(s, admin, release=True)
    move_lot(s, admin, lot=lot, to="B-04")
    ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1", quantity="60")
    return lot


def test_a_return_arrives_in_quarantine_as_a_lot_linked_to_the_shipped_one(runtime, admin):
    with runtime.unit_of_work() as s:
        lot = _shipped(s, admin)
        back = receive_return(s, admin, lot=lot, document="DN-1", quantity="20", reason="damaged cartons", to="QC")
        assert (back.customer, back.quantity, back.source_lot) == ("SHOP", Decimal(20), lot)
        assert (back.lot.status, back.lot.location, back.lot.origin, back.lot.item) == ("quarantine", "QC", "returned", "FLOUR")
        assert back.lot.supplier_lot == "S-1"
        link = s.scalar(select(LotLink).where(LotLink.child_id == lot_by_code(s, back.lot.code).id))
        assert link is not None and (link.kind, link.quantity) == ("return", Decimal(20))
        # The rest of the shipment may still come back, no more.
        with pytest.raises(Refused, match="Only 40 kg of lot .* shipped under DN-1 can still come back"):
            receive_return(s, admin, lot=lot, document="DN-1", quantity="41", reason="x", to="QC")
        rest = receive_return(s, admin, lot=lot, document="DN-1", reason="recall", to="QC")
        assert rest.quantity == Decimal(40)
        # The stock on the shelf is untouched by the returns.
        assert lot_info(s, lot_by_code(s, lot)).balance == Decimal(40)
        # QA releases a return; it then moves out of the cage.
        quality.release_lot(s, qa_signer(s, admin), lot=back.lot.code, pin=QA_PIN)
        assert move_lot(s, admin, lot=back.lot.code, to="B-05").lot.location == "B-05"
        assert compare_with_replay(s) == ()


def test_returns_that_do_not_match_a_shipment_are_refused(runtime, admin):
    with runtime.unit_of_work() as s:
        lot = _shipped(s, admin)
        with pytest.raises(NotFound, match="not shipped under document DN-9"):
            receive_return(s, admin, lot=lot, document="DN-9", reason="x", to="QC")
        with pytest.raises(InvalidInput, match="against the shipment's document"):
            receive_return(s, admin, lot=lot, document=" ", reason="x", to="QC")
        with pytest.raises(InvalidInput, match="Say why the customer"):
            receive_return(s, admin, lot=lot, document="DN-1", reason="", to="QC")
        with pytest.raises(Refused, match="B-05 is not a quarantine"):
            receive_return(s, admin, lot=lot, document="DN-1", reason="x", to="B-05")
        assert compare_with_replay(s) == ()


def test_rework_makes_a_new_lot_from_the_returned_one_and_scrap_and_destruction_leave_stock(runtime, admin):
    with runtime.unit_of_work() as s:
        lot = _shipped(s, admin)
        back = receive_return(s, admin, lot=lot, document="DN-1", quantity="30", reason="wet", to="QC").lot.code
        reworked = rework_lot(s, admin, lot=back, quantity="20", output_quantity="18", reason="dried and sieved")
        assert (reworked.status, reworked.location, reworked.balance, reworked.item) == ("quarantine", "QC", Decimal(18), "FLOUR")
        link = s.scalar(select(LotLink).where(LotLink.child_id == lot_by_code(s, reworked.code).id))
        assert link is not None and link.parent_id == lot_by_code(s, back).id and link.kind == "order"
        assert lot_info(s, lot_by_code(s, back)).balance == Decimal(10)
        with pytest.raises(Refused, match="is released; rework takes"):
            rework_lot(s, admin, lot=lot, output_quantity="1")
        # Scrap what is left of the return; destroy part of the shelf stock with a witness.
        scrapped = scrap_lot(s, admin, lot=back, reason="mould")
        assert (scrapped.quantity, scrapped.destroyed, scrapped.lot.balance) == (Decimal(10), False, Decimal(0))
        with pytest.raises(Refused, match="nothing left to scrap"):
            scrap_lot(s, admin, lot=back, reason="again")
        create_user(s, admin, code="wit", name="Witness", role="clerk", pin=WITNESS_PIN)
        with pytest.raises(Refused, match="a second user signs it"):
            scrap_lot(s, admin, lot=lot, quantity="5", reason="recall", destroy=True)
        with pytest.raises(Refused, match="someone other than admin"):
            scrap_lot(s, admin, lot=lot, quantity="5", reason="recall", destroy=True, witness="admin", witness_pin="1234")
        with pytest.raises(Refused, match="wrong PIN"):
            scrap_lot(s, admin, lot=lot, quantity="5", reason="recall", destroy=True, witness="wit", witness_pin="0000")
        with pytest.raises(Refused, match="cannot be scrapped"):
            scrap_lot(s, admin, lot=lot, quantity="500", reason="recall")
        with pytest.raises(PermissionDenied):
            scrap_lot(s, replace(admin, user="wit"), lot=lot, quantity="5", reason="recall")
        destroyed = scrap_lot(
            s, admin, lot=lot, quantity="5", reason="recall", destroy=True, witness="wit", witness_pin=WITNESS_PIN
        )
        assert (destroyed.destroyed, destroyed.witness, destroyed.lot.balance) == (True, "wit", Decimal(35))
        row = s.scalar(select(Scrap).where(Scrap.destroyed.is_(True)))
        assert row is not None and row.witness == "wit" and row.quantity == Decimal(5)
        sig = s.scalar(select(Signature).where(Signature.signer == "wit"))
        assert sig is not None and sig.meaning.startswith("witnessed destruction")
        assert compare_with_replay(s) == ()
