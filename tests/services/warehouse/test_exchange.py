"""The warehouse and after-sales legs in EPCIS 2.0 (validated) and FSMA 204."""

from __future__ import annotations

import csv
import json

from tests.exchange_plant import validate_epcis
from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_aftersales import WITNESS_PIN
from tests.services.warehouse.test_locations import PLANT_GLN, build_plant
from tracedesk.services import quality
from tracedesk.services.aftersales import receive_return, scrap_lot
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.reports import exports
from tracedesk.services.shipping import ship_lot
from tracedesk.services.transfers import ship_transfer
from tracedesk.services.users import create_user
from tracedesk.services.warehouse import move_lot, put_away


def _life(s, admin) -> tuple[str, str]:
    master_data(s, admin)
    build_plant(s, admin)
    lot = register_received_lot(s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1"), admin).code
    put_away(s, admin, lot=lot, to="QC")
    quality.release_lot(s, qa_signer(s, admin), lot=lot, pin=QA_PIN)
    move_lot(s, admin, lot=lot, to="B-04")
    ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1", quantity="30")
    back = receive_return(s, admin, lot=lot, document="DN-1", quantity="10", reason="torn", to="QC").lot.code
    create_user(s, admin, code="wit", name="Witness", role="clerk", pin=WITNESS_PIN)
    scrap_lot(s, admin, lot=back, reason="recall", destroy=True, witness="wit", witness_pin=WITNESS_PIN)
    ship_transfer(s, admin, lot=lot, to_plant="SH", document="TR-1", quantity="20")
    return lot, back


def test_moves_returns_destruction_and_transfers_are_epcis_events_with_cbv_steps(runtime, admin, tmp_path):
    with runtime.unit_of_work() as s:
        lot, back = _life(s, admin)
        exports.export_epcis(s, admin, path=tmp_path / "lot.jsonld", lot=lot)
    document = json.loads((tmp_path / "lot.jsonld").read_text("utf-8"))
    validate_epcis(document)
    events = document["epcisBody"]["eventList"]
    steps = [(e["bizStep"], e.get("disposition")) for e in events]
    assert steps.count(("storing", "in_progress")) == 2
    moved = [e for e in events if e["bizStep"] == "storing"]
    # Into the cage, then into bin B-04: the bizLocation changes; the bin is an extension of the plant's GLN.
    assert moved[1]["bizLocation"]["id"] == "urn:epc:id:sgln:4012345.00000.B-04"
    assert moved[1]["tracedesk:previousBizLocation"] == "urn:epc:id:sgln:4012345.00000.QC"
    returned = next(e for e in events if e.get("disposition") == "returned")
    assert (returned["type"], returned["action"], returned["bizStep"]) == ("ObjectEvent", "ADD", "receiving")
    assert returned["sourceList"][0]["type"] == "owning_party" and "customer" in returned["sourceList"][0]["source"]
    assert returned["ilmd"]["cbvmda:lotNumber"] == back
    assert returned["bizTransactionList"][0]["type"] == "desadv"
    destroyed = next(e for e in events if e["bizStep"] == "destroying")
    assert (destroyed["action"], destroyed["disposition"]) == ("DELETE", "destroyed")
    sent = [e for e in events if e["bizStep"] == "shipping"]
    assert len(sent) == 2 and any(d["destination"].endswith("SH") for e in sent for d in e.get("destinationList", []))
    assert PLANT_GLN  # the plant's GLN stands behind every SGLN above


def test_a_return_is_a_receiving_row_in_fsma_204(runtime, admin, tmp_path):
    with runtime.unit_of_work() as s:
        lot, back = _life(s, admin)
        exports.export_fsma(s, admin, path=tmp_path / "fsma.csv", lot=lot)
    with (tmp_path / "fsma.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    receipts = [r for r in rows if r["Critical tracking event"] == "Receiving"]
    assert len(receipts) == 2  # the supplier's delivery and the customer's return
    returned = next(r for r in receipts if r["Traceability lot code"] == back)
    assert returned["Reference document number"] == "DN-1"
    assert "Shop" in returned["Immediate previous source"] or returned["Immediate previous source"]
