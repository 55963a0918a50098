"""moves.csv and returns.csv: imported through the services, all or nothing, the second time skipped."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_locations import build_plant
from tracedesk.core.errors import InvalidInput
from tracedesk.services import quality
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.importer import import_path
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.shipping import ship_lot
from tracedesk.services.warehouse import stock_lines


def _write(path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_moves_and_returns_import_once_and_a_bad_row_records_nothing(runtime, admin, tmp_path):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        lot = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1"), admin
        ).code
        quality.release_lot(s, qa_signer(s, admin), lot=lot, pin=QA_PIN)
        ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1", quantity="30")
    folder = tmp_path / "csv"
    folder.mkdir()
    _write(
        folder / "moves.csv",
        ["lot", "location", "moved_at", "quantity"],
        [[lot, "B-04", "2026-11-02T08:00:00Z", ""], [lot, "B-05", "2026-11-02T08:30:00Z", "20"]],
    )
    _write(
        folder / "returns.csv",
        ["lot", "document", "quantity", "returned_at", "reason", "location"],
        [[lot, "DN-1", "5", "2026-11-02T08:45:00Z", "torn bag", "QC"]],
    )
    with runtime.unit_of_work() as s:
        report = import_path(s, admin, folder)
        assert (report.added["moves"], report.added["returns"]) == (2, 1)
        assert {(x.location, x.balance) for x in stock_lines(s, item="FLOUR")} == {
            ("B-04", Decimal(50)),
            ("B-05", Decimal(20)),
            ("QC", Decimal(5)),
        }
    with runtime.unit_of_work() as s:
        again = import_path(s, admin, folder)
        assert (again.added["moves"], again.skipped["moves"], again.skipped["returns"]) == (0, 2, 1)
        assert compare_with_replay(s) == ()
    # A quarantined lot into a bin is refused, naming the file and row; nothing of the import stays.
    with runtime.unit_of_work() as s:
        fresh = register_received_lot(
            s, ReceiveRequest(item="SUGAR", quantity="10", supplier="MILL", supplier_lot="S-2"), admin
        ).code
    bad = tmp_path / "bad"
    bad.mkdir()
    _write(
        bad / "moves.csv",
        ["lot", "location", "moved_at"],
        [[fresh, "QC", "2026-11-02T08:50:00Z"], [fresh, "B-04", "2026-11-02T08:55:00Z"]],
    )
    with pytest.raises(InvalidInput, match="moves.csv, row 3: Lot .* is in quarantine"):
        with runtime.unit_of_work() as s:
            import_path(s, admin, bad)
    with runtime.unit_of_work() as s:
        assert lot_info(s, lot_by_code(s, fresh)).location is None


def test_locations_csv_brings_the_hierarchy_and_a_bin_out_of_place_is_named(runtime, admin, tmp_path):
    from tracedesk.services.locations import list_location_tree

    folder = tmp_path / "places"
    folder.mkdir()
    header = ["code", "name", "gln", "kind", "parent", "blocked"]
    # A bin before its area: parents may come later in the file.
    rows = [
        ["B-1", "Bin 1", "", "bin", "WH", ""],
        ["SZ", "Suzhou plant", "4012345000009", "plant", "", ""],
        ["WH", "Warehouse", "", "warehouse", "SZ", "no"],
        ["QC", "Cage", "", "area", "SZ", "yes"],
    ]
    _write(folder / "locations.csv", header, rows)
    with runtime.unit_of_work() as s:
        import_path(s, admin, folder)
        tree = {info.code: (depth, info.kind, info.parent, info.blocked, info.plant) for depth, info in list_location_tree(s)}
        assert tree == {
            "SZ": (0, "plant", None, False, "SZ"),
            "QC": (1, "area", "SZ", True, "SZ"),
            "WH": (1, "warehouse", "SZ", False, "SZ"),
            "B-1": (2, "bin", "WH", False, "SZ"),
        }
        assert compare_with_replay(s) == ()
    bad = tmp_path / "bad"
    bad.mkdir()
    _write(bad / "locations.csv", header, [["B-2", "Bin 2", "", "bin", "B-1", ""]])
    with pytest.raises(InvalidInput, match="locations.csv, row 2, column parent: The bin B-1 holds lots"):
        with runtime.unit_of_work() as s:
            import_path(s, admin, bad)
