"""Location descriptions (FSMA 204) and GLNs of suppliers, customers and our sites: recorded, edited, imported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tracedesk.core.errors import InvalidInput
from tracedesk.db.models import Event
from tracedesk.services import masterdata
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.importer import import_path
from tracedesk.services.queries import list_locations

MILL = {
    "phone": "+49 40 1234 567",
    "street": "Mühlenweg 1",
    "city": "Hamburg",
    "region": "HH",
    "postal_code": "20095",
    "country": "de",
}


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_a_supplier_keeps_its_location_description_and_an_edit_records_old_and_new(runtime, admin):
    with runtime.unit_of_work() as s:
        mill = masterdata.create_party(s, admin, kind="supplier", code="MILL", name="Nordmühle GmbH", description=MILL)
        assert mill.description.one_line() == "Nordmühle GmbH, Mühlenweg 1, 20095 Hamburg, HH, DE, tel. +49 40 1234 567"
        assert mill.description.missing() == ()
        moved = masterdata.update_party(
            s, admin, kind="supplier", code="MILL", name="Nordmühle GmbH", description={**MILL, "street": "Kai 7"}, reason="moved"
        )
        assert (moved.street, moved.city) == ("Kai 7", "Hamburg")
        # An edit without a description keeps the stored one.
        renamed = masterdata.update_party(s, admin, kind="supplier", code="MILL", name="Nordmühle AG", gln="4000001000005")
        assert (renamed.street, renamed.gln) == ("Kai 7", "4000001000005")
        payload = json.loads(s.scalars(select(Event.payload).where(Event.type == "party_updated").order_by(Event.seq)).first())
        assert payload["changes"] == {"street": ["Mühlenweg 1", "Kai 7"]}
        assert compare_with_replay(s) == ()


def test_a_site_has_a_gln_and_a_description_and_a_bad_phone_is_refused(runtime, admin):
    with runtime.unit_of_work() as s:
        masterdata.create_location(
            s, admin, code="PLANT", name="Biscuit plant", gln="4012345000009", description={"business_name": "Biscuit Co", **MILL}
        )
        masterdata.create_location(s, admin, code="RCV", name="Receiving dock")
        with pytest.raises(InvalidInput, match="phone number call-me"):
            masterdata.create_location(s, admin, code="X", name="X", description={"phone": "call-me"})
        with pytest.raises(InvalidInput, match="GLN"):
            masterdata.update_location(s, admin, code="RCV", name="Dock", gln="4012345000008")
        masterdata.update_location(s, admin, code="RCV", name="Dock", description={"street": "Gate 3"})
        sites = {loc.code: loc for loc in list_locations(s)}
        assert sites["PLANT"].is_site and sites["PLANT"].gln == "4012345000009"
        assert sites["PLANT"].description.business_name == "Biscuit Co"
        assert (sites["RCV"].name, sites["RCV"].street, sites["RCV"].is_site) == ("Dock", "Gate 3", True)
        assert compare_with_replay(s) == ()


def test_imported_addresses_fill_in_stored_parties_once_and_sites_import_from_locations_csv(runtime, admin, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    _write(folder / "suppliers.csv", ["code", "name", "gln"], [["MILL", "Nordmühle GmbH", ""]])
    _write(folder / "customers.csv", ["code", "name", "gln"], [["SHOP", "Shop", "4000001000012"]])
    with runtime.unit_of_work() as s:
        report = import_path(s, admin, folder)
    assert report.added == {"suppliers": 1, "customers": 1}
    # The same files with addresses added: the parties are edited, not refused, and a site arrives.
    header = ["code", "name", "gln", *MILL]
    _write(folder / "suppliers.csv", header, [["MILL", "Nordmühle GmbH", "4000001000005", *MILL.values()]])
    _write(folder / "customers.csv", ["code", "name", "gln", "city"], [["SHOP", "Shop", "", "Lyon"]])
    _write(
        folder / "locations.csv",
        ["code", "name", "gln", "business_name", "street", "city", "postal_code", "country", "phone"],
        [["PLANT", "Plant", "4012345000009", "Biscuit Co", "1 Rue du Four", "Lyon", "69001", "FR", "+33 4 00 00 00 00"]],
    )
    with runtime.unit_of_work() as s:
        report = import_path(s, admin, folder)
        assert report.updated == {"suppliers": 1, "customers": 1} and report.added == {"locations": 1}
        mill, shop = masterdata.list_parties(s, "supplier")[0], masterdata.list_parties(s, "customer")[0]
        assert (mill.gln, mill.city, mill.country) == ("4000001000005", "Hamburg", "DE")
        assert (shop.gln, shop.city) == ("4000001000012", "Lyon")  # an empty cell erased nothing
        assert list_locations(s)[0].description.one_line().startswith("Biscuit Co, 1 Rue du Four, 69001 Lyon")
        events = s.scalar(select(func.count()).select_from(Event))
    with runtime.unit_of_work() as s:
        again = import_path(s, admin, folder)
        assert again.events == 0 and again.skipped == {"suppliers": 1, "customers": 1, "locations": 1}
        assert s.scalar(select(func.count()).select_from(Event)) == events
        assert compare_with_replay(s) == ()


def test_a_different_gln_or_a_bad_address_cell_is_refused_naming_file_row_and_column(runtime, admin, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    _write(folder / "suppliers.csv", ["code", "name", "gln"], [["MILL", "Mill", "4000001000005"]])
    with runtime.unit_of_work() as s:
        import_path(s, admin, folder)
    _write(folder / "suppliers.csv", ["code", "name", "gln"], [["MILL", "Mill", "4000001000012"]])
    with runtime.unit_of_work() as s, pytest.raises(InvalidInput, match="suppliers.csv, row 2, column gln: .*4000001000005"):
        import_path(s, admin, folder)
    _write(folder / "suppliers.csv", ["code", "name", "gln", "phone"], [["MILL", "Mill", "", "ring twice"]])
    with runtime.unit_of_work() as s, pytest.raises(InvalidInput, match="suppliers.csv, row 2, column phone"):
        import_path(s, admin, folder)
    _write(folder / "suppliers.csv", ["code", "name", "gln", "fax"], [["MILL", "Mill", "", "1"]])
    with runtime.unit_of_work() as s, pytest.raises(InvalidInput, match="unknown columns 'fax'"):
        import_path(s, admin, folder)
