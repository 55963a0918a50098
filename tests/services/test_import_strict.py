"""Import refuses what people do not mean (odd quantities, impossible times, absurd dates, control
characters, folders posing as files), naming file, row and column, and records nothing."""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.cli.random_plant import generate
from tests.services.test_import import _edit, _import, _state
from tracedesk.core.errors import InvalidInput
from tracedesk.db.models import Lot


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "message"),
    [
        ("receipts", 2, "quantity", "1e3", "without an exponent"),
        ("receipts", 2, "quantity", "1_000", "digits 0-9"),
        ("receipts", 2, "quantity", "١٢٣", "digits 0-9"),
        ("receipts", 2, "quantity", "５", "digits 0-9"),
        ("receipts", 2, "quantity", "+5", "without a sign"),
        ("receipts", 2, "quantity", "NaN", "not a number"),
        ("receipts", 2, "received_at", "2026-03-01T25:00", "no hour 25"),
        ("receipts", 2, "received_at", "2026-03-01T08:00+25:00", "UTC offset \\+25:00"),
        ("receipts", 2, "received_at", "0001-01-01T00:00", "the year 0001"),
        ("receipts", 2, "received_at", "2099-01-01T00:00", "in the future"),
        ("receipts", 2, "expiry", "1900-01-01", "before 2000-01-01"),
        ("receipts", 2, "expiry", "2126-01-01", "more than 50 years ahead"),
        ("receipts", 2, "expiry", "2027-03-01T25:00", "has a time of day"),
        ("receipts", 2, "expiry", "0001-01-01", "the year 0001"),
        ("receipts", 2, "supplier_lot", "S-12\x00", "control character U\\+0000"),
        ("receipts", 2, "po", "PO\x1b[2J", "control character U\\+001B"),
        ("receipts", 2, "supplier_lot", "S" * 65, "at most 64 fit"),
        ("issues", 2, "issued_at", "2026-03-01T08:30:60", "no second 60"),
        ("issues", 2, "operator", "op\x85", "U\\+0085"),
        ("shipments", 2, "document", "DN\x00", "U\\+0000"),
        ("orders", 2, "started_at", "2026-02-30T08:00", "no day 30"),
        ("items", 2, "name", "Flour\x07", "U\\+0007"),
        ("items", 2, "shelf_life_days", "３０", "whole number of days"),
    ],
)
def test_a_bad_cell_is_refused_with_file_row_and_column_and_nothing_is_recorded(
    runtime, admin, tmp_path, name, row, column, value, message
):
    generate(tmp_path / "csv", 21)
    _edit(tmp_path / "csv", name, row, column, value)
    before = _state(runtime)
    with pytest.raises(InvalidInput, match=f"{name}.csv, row {row}, column {column}: .*{message}"):
        _import(runtime, admin, tmp_path / "csv")
    assert _state(runtime) == before


def test_a_folder_posing_as_a_csv_file_is_refused(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 22)
    (tmp_path / "csv" / "shipments.csv").unlink()
    (tmp_path / "csv" / "shipments.csv").mkdir()
    before = _state(runtime)
    with pytest.raises(InvalidInput, match="shipments.csv is a folder, not a file"):
        _import(runtime, admin, tmp_path / "csv")
    assert _state(runtime) == before


def test_a_pipe_or_a_device_is_refused_instead_of_read_forever(runtime, admin, tmp_path):
    os.mkfifo(tmp_path / "plant.xlsx")
    with pytest.raises(InvalidInput, match="plant.xlsx is not a regular file \\(it is a pipe\\)"):
        _import(runtime, admin, tmp_path / "plant.xlsx")
    generate(tmp_path / "csv", 23)
    (tmp_path / "csv" / "receipts.csv").unlink()
    os.mkfifo(tmp_path / "csv" / "receipts.csv")
    with pytest.raises(InvalidInput, match="receipts.csv is not a regular file"):
        _import(runtime, admin, tmp_path / "csv")


def test_nul_bytes_anywhere_in_a_file_are_refused_where_they_are(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 24)
    receipts = tmp_path / "csv" / "receipts.csv"
    lines = receipts.read_bytes().split(b"\n")
    cells = lines[3].split(b",")
    cells[4] += b"\x00"  # the supplier lot
    lines[3] = b",".join(cells)
    receipts.write_bytes(b"\n".join(lines))
    before = _state(runtime)
    with pytest.raises(InvalidInput, match="receipts.csv, row 4, column supplier_lot: .*U\\+0000"):
        _import(runtime, admin, tmp_path / "csv")
    assert _state(runtime) == before


def test_a_workbook_cell_of_the_year_1_is_refused(runtime, admin, tmp_path):
    from datetime import datetime

    workbook = Workbook()
    workbook.active.title = "items"
    workbook.active.append(["code", "name", "unit", "kind", "tracking", "gtin", "shelf_life_days"])
    workbook.active.append(["CAKE", "Cake", "pcs", "finished", "lot", None, None])
    orders = workbook.create_sheet("orders")
    orders.append(["order", "product", "quantity", "started_at"])
    orders.append(["WO-1", "CAKE", 5, datetime(1, 1, 1, 8, 0)])
    workbook.save(tmp_path / "old.xlsx")
    before = _state(runtime)
    with pytest.raises(InvalidInput, match="sheet orders, row 2, column started_at: .*the year 0001"):
        _import(runtime, admin, tmp_path / "old.xlsx")
    assert _state(runtime) == before


COLUMNS = ["quantity", "supplier_lot", "received_at", "expiry", "po", "status", "item", "lot"]


@pytest.fixture(scope="module")
def plant_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plant") / "csv"
    generate(folder, 25)
    return folder


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(column=st.sampled_from(COLUMNS), value=st.text(max_size=24))
@example(column="quantity", value="1e3")
@example(column="received_at", value="2026-03-01T08:00+25:00")
@example(column="supplier_lot", value="\x00")
def test_any_text_in_an_import_cell_is_imported_or_refused_where_it_is(runtime, admin, tmp_path, plant_folder, column, value):
    folder = tmp_path / "example"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(plant_folder, folder)
    _edit(folder, "receipts", 3, column, value)
    before = _state(runtime)
    try:
        _import(runtime, admin, folder)
    except InvalidInput as error:
        assert "receipts.csv, row 3" in str(error) or ", row " in str(error)
        assert _state(runtime) == before
        return
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(Lot)) >= 8
