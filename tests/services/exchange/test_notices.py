"""A supplier's EPCIS shipping events as advance notices: imported once, refused whole when bad, received against."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.conftest import ADMIN_PIN
from tests.notice_doc import SSCC, UNKNOWN_GTIN, notice_document, write_notice
from tracedesk.cli import main
from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import InvalidInput, Refused
from tracedesk.db.models import Event, Lot, NoticeReceipt
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.notice_lines import open_notice_lines
from tracedesk.services.notices import import_notices, match_scan, receive_against_notice
from tracedesk.services.receiving import ReceiveRequest

TODAY = date(2026, 11, 2)


def _commissioned_as(lot: str) -> dict:
    document = notice_document()
    document["epcisBody"]["eventList"][0]["ilmd"]["cbvmda:lotNumber"] = lot
    return document


def _events(runtime) -> int:
    with runtime.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(Event)) or 0


def test_a_notice_is_recorded_with_its_lines_and_re_importing_it_records_nothing(runtime, admin, plant, tmp_path):
    path = write_notice(tmp_path / "asn.jsonld")
    with runtime.unit_of_work() as s:
        result = import_notices(s, admin, path)
        assert (result.recorded, result.lines, result.supplier) == (1, 2, "MILL")
        lines = {line.gtin: line for line in open_notice_lines(s)}
    flour = lines["09501101530003"]
    assert (flour.item, flour.supplier_lot, flour.expected, flour.unit) == ("FLOUR", "MILL-LOT-7", Decimal(250), "kg")
    assert (flour.expiry, flour.best_before, flour.production_date) == (date(2027, 5, 1), date(2027, 4, 1), date(2026, 10, 20))
    assert (flour.despatch, flour.po, flour.ssccs) == ("ASN-881", "PO-77", (SSCC,))
    oats = lines[UNKNOWN_GTIN]
    assert (oats.item, oats.expected, oats.ssccs) == (None, Decimal("12.5"), ())  # not on the packed pallet
    before = _events(runtime)
    with runtime.unit_of_work() as s:
        again = import_notices(s, admin, path)
    assert (again.recorded, again.already) == (0, 1) and _events(runtime) == before


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            notice_document(
                shipping={"quantityList": [{"epcClass": "urn:epc:class:lgtin:9501101.053000.X", "quantity": 5, "uom": "kilo"}]}
            ),
            r"asn.jsonld does not follow GS1's EPCIS 2.0 schema: event 3 \(urn:uuid:6f1c1a52-1f0e-4b8e-9d3a-3b1f0c2a9e01\), field quantityList\[0\].uom",
        ),
        (notice_document(shipping={"eventTime": "yesterday"}), r"event 3 .*field eventTime"),
        (notice_document(shipping={"bizStep": "receiving"}), "has no shipping event"),
        (
            notice_document(shipping={"quantityList": [{"epcClass": "urn:epc:class:lgtin:9501101.053000.X", "quantity": -5}]}),
            r"event 3 .*quantityList\[0\].quantity: the quantity -5 is not a positive number",
        ),
        (
            notice_document(shipping={"quantityList": [{"epcClass": "urn:example:thing", "quantity": 5}]}),
            r"quantityList\[0\].epcClass: urn:example:thing is not an EPC URI",
        ),
        (
            _commissioned_as("OTHER"),
            r"event 1, field ilmd.cbvmda:lotNumber: the lot number OTHER differs from the lot MILL-LOT-7",
        ),
        # ILMD belongs to the event that makes the lot (action ADD): GS1's schema refuses it on a shipment.
        (
            notice_document(shipping={"ilmd": {"cbvmda:lotNumber": "MILL-LOT-7"}}),
            r"event 3 .*field ilmd: the field is not allowed in this event",
        ),
    ],
)
def test_a_malformed_or_schema_invalid_notice_is_refused_naming_event_and_field_and_records_nothing(
    runtime, admin, plant, tmp_path, document, message
):
    path = write_notice(tmp_path / "asn.jsonld", document)
    before = _events(runtime)
    with runtime.unit_of_work() as s, pytest.raises(InvalidInput, match=message):
        import_notices(s, admin, path)
    assert _events(runtime) == before


def test_not_json_an_unknown_shipper_and_a_unit_that_does_not_fit_the_item_are_refused(runtime, admin, plant, tmp_path):
    bad = tmp_path / "bad.jsonld"
    bad.write_text('{"type": "EPCISDocument",\n "epcisBody": [', "utf-8")
    with runtime.unit_of_work() as s, pytest.raises(InvalidInput, match="bad.jsonld is not JSON: .* line 2"):
        import_notices(s, admin, bad)
    stranger = notice_document(shipping={"sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4999999.00000"}]})
    path = write_notice(tmp_path / "asn.jsonld", stranger)
    with (
        runtime.unit_of_work() as s,
        pytest.raises(Refused, match="urn:epc:id:pgln:4999999.00000, whose GLN belongs to no supplier"),
    ):
        import_notices(s, admin, path)
    with runtime.unit_of_work() as s:
        assert import_notices(s, admin, path, supplier="MILL").recorded == 1
    pieces = notice_document(
        shipping={
            "eventID": "urn:uuid:00000000-0000-4000-8000-000000000001",
            "quantityList": [{"epcClass": "urn:epc:class:lgtin:9501101.053000.X", "quantity": 5}],
        }
    )
    with runtime.unit_of_work() as s, pytest.raises(Refused, match="counted in pcs here, but our item is counted in kg"):
        import_notices(s, admin, write_notice(tmp_path / "pcs.jsonld", pieces))


def test_scanning_a_carton_or_the_pallets_sscc_finds_the_notice_line(runtime, admin, plant, tmp_path):
    with runtime.unit_of_work() as s:
        import_notices(s, admin, write_notice(tmp_path / "asn.jsonld"))
        carton = match_scan(s, parse_scan("(01)09501101530003(10)MILL-LOT-7", today=TODAY))
        pallet = match_scan(s, parse_scan(f"(00){SSCC}", today=TODAY))
        other_lot = match_scan(s, parse_scan("(01)09501101530003(10)MILL-LOT-9", today=TODAY))
        nothing = match_scan(s, parse_scan("(01)09501101530010(21)X1", today=TODAY))
    assert carton is not None and carton.line.supplier_lot == "MILL-LOT-7" and carton.scanned_lot is None
    assert pallet is not None and pallet.line.key == carton.line.key
    assert other_lot is not None and other_lot.scanned_lot == "MILL-LOT-9"
    assert nothing is None


def test_receiving_against_the_notice_fills_its_data_and_records_the_differences(runtime, admin, plant, tmp_path):
    with runtime.unit_of_work() as s:
        import_notices(s, admin, write_notice(tmp_path / "asn.jsonld"))
        line = next(line for line in open_notice_lines(s) if line.item == "FLOUR")
        request = ReceiveRequest(
            item="FLOUR", quantity="240", supplier="MILL", supplier_lot="MILL-LOT-7", po=line.po, notice_line=line.key
        )
        short = receive_against_notice(s, request, admin)
        lot = s.scalar(select(Lot).where(Lot.code == short.lot.code))
        assert (lot.expiry, lot.best_before, lot.manufactured_on) == (date(2027, 5, 1), date(2027, 4, 1), date(2026, 10, 20))
        assert [str(d) for d in short.differences] == ["Short: 240 kg received, 250 kg expected."]
        remaining = next(x for x in open_notice_lines(s) if x.key == line.key)
        assert remaining.remaining == Decimal(10)
        oats = next(x for x in open_notice_lines(s) if x.item is None)
        unknown = receive_against_notice(
            s,
            ReceiveRequest(item="SUGAR", quantity="12.5", supplier="MILL", supplier_lot="OAT-9", notice_line=oats.key),
            admin,
        )
        assert [str(d) for d in unknown.differences] == [
            f"GTIN {UNKNOWN_GTIN} of the notice belongs to no item; received as SUGAR.",
            "Lot OAT-9 is not the lot OAT-3 of the notice.",
        ]
        stored = [json.loads(d) for d in s.scalars(select(NoticeReceipt.differences).order_by(NoticeReceipt.id))]
        assert [d["kind"] for d in stored[1]] == ["item_unknown", "lot_unexpected"]
        assert [x.key for x in open_notice_lines(s)] == [line.key]
        assert compare_with_replay(s) == ()


def test_import_epcis_command(runtime, admin, plant, tmp_path, capsys):
    from sqlalchemy.engine import make_url

    db = make_url(str(runtime.engine.url)).database
    path = write_notice(tmp_path / "asn.jsonld")
    assert main(["--db", db, "import-epcis", str(path)]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err
    db = [db, "--user", "admin", "--pin", ADMIN_PIN]
    assert main(["--db", *db, "import-epcis", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"supplier": "MILL", "notices": 1, "lines": 2, "already": 0}
    assert main(["--db", *db, "import-epcis", str(path)]) == 0
    assert "1 notice was recorded before" in capsys.readouterr().out
    assert main(["--db", *db, "import-epcis", str(tmp_path / "missing.jsonld")]) == 2
    assert "There is no file" in capsys.readouterr().err


def test_the_schema_that_checks_notices_is_gs1s_as_the_tests_use_it():
    from pathlib import Path

    from tests.exchange_plant import DATA
    from tracedesk.core.messages import catalog_dir

    shipped = catalog_dir().parent / "standards" / "epcis" / "EPCIS-JSON-Schema.json"
    assert shipped.read_bytes() == (DATA / "EPCIS-JSON-Schema.json").read_bytes()
    assert (Path(shipped).parent / "LICENSE-EPCIS").exists()
