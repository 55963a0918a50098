"""FSMA 204 sortable spreadsheet: every KDE, one row per lot of each event, gaps listed, checked independently."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tracedesk.core.errors import NotFound
from tracedesk.core.quantity import format_quantity
from tracedesk.services.reports import exports


def _csv(runtime, admin, path, **filters):
    with runtime.unit_of_work() as s:
        result = exports.export_fsma(s, admin, path=path, **filters)
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return result, rows


def _key(row: dict[str, str]) -> tuple[str, ...]:
    return (
        row["Critical tracking event"],
        row["Role in event"],
        row["Traceability lot code"],
        row["Our lot code"],
        row["Quantity"],
        row["Unit of measure"],
        row["Reference document number"],
    )


def expected_rows(session) -> Counter[tuple[str, ...]]:
    """The rows the rule asks for, computed from the state tables alone (not from the log)."""

    def tlc(origin: str, code: str, supplier_lot: str | None) -> str:
        return (supplier_lot or "") if origin == "received" else code

    rows: Counter[tuple[str, ...]] = Counter()
    q = lambda sql: session.execute(text(sql)).all()  # noqa: E731
    for code, _origin, supplier_lot, quantity, unit, po in q(
        "SELECT code, origin, supplier_lot, quantity, unit, COALESCE(po, '') FROM lots WHERE origin = 'received'"
    ):
        rows[("Receiving", "received", supplier_lot, code, _q(quantity), unit, po)] += 1
    for code, origin, supplier_lot, quantity, unit, document in q(
        "SELECT l.code, l.origin, l.supplier_lot, s.quantity, s.unit, s.document FROM shipments s JOIN lots l ON l.id = s.lot_id"
    ):
        rows[("Shipping", "shipped", tlc(origin, code, supplier_lot), code, _q(quantity), unit, document)] += 1
    for code, origin, supplier_lot, quantity, unit, order in q(
        "SELECT l.code, l.origin, l.supplier_lot, i.quantity, l.unit, o.number FROM order_inputs i "
        "JOIN lots l ON l.id = i.lot_id JOIN work_orders o ON o.id = i.order_id"
    ):
        rows[("Transformation", "input", tlc(origin, code, supplier_lot), code, _q(quantity), unit, order)] += 1
    for code, quantity, unit, order in q(
        "SELECT l.code, x.quantity, l.unit, o.number FROM order_outputs x JOIN lots l ON l.id = x.lot_id "
        "JOIN work_orders o ON o.id = x.order_id"
    ):
        rows[("Transformation", "output", code, code, _q(quantity), unit, order)] += 1
    for parent, origin, supplier_lot, unit, event_id, total in q(
        "SELECT p.code, p.origin, p.supplier_lot, p.unit, e.id, SUM(k.quantity) FROM lot_links k JOIN lots p ON p.id = k.parent_id "
        "JOIN events e ON e.seq = k.created_event WHERE k.kind = 'split' GROUP BY k.created_event"
    ):
        rows[("Transformation", "input", tlc(origin, parent, supplier_lot), parent, _q(total), unit, event_id)] += 1
    for child, quantity, unit, event_id in q(
        "SELECT c.code, k.quantity, c.unit, e.id FROM lot_links k JOIN lots c ON c.id = k.child_id "
        "JOIN events e ON e.seq = k.created_event WHERE k.kind = 'split'"
    ):
        rows[("Transformation", "output", child, child, _q(quantity), unit, event_id)] += 1
    return rows


def _q(scaled: int) -> str:
    return format_quantity(Decimal(scaled) / 1_000_000)


def test_every_row_matches_an_independent_computation_from_the_state_tables(runtime, admin, plant, tmp_path):
    result, rows = _csv(runtime, admin, tmp_path / "fsma.csv")
    with runtime.reading() as s:
        assert Counter(_key(r) for r in rows) == expected_rows(s)
    assert result.count == len(rows) == 12


def test_receiving_rows_carry_the_supplier_tlc_its_source_and_our_lot_as_cross_reference(runtime, admin, plant, tmp_path):
    _, rows = _csv(runtime, admin, tmp_path / "fsma.csv")
    flour = next(r for r in rows if r["Our lot code"] == plant.base.flour and r["Role in event"] == "received")
    assert flour["Traceability lot code"] == "S-1"
    assert flour["Traceability lot code source"] == "Mill, Kai 7, 20095 Hamburg, HH, DE, tel. +49 40 123 456"
    assert flour["TLC source reference"] == "GLN 4000001000005"
    assert flour["Immediate previous source"] == flour["Traceability lot code source"]
    assert flour["Receiving location"].startswith("Biscuit Co, 1 Rue du Four, 69001 Lyon, ARA, FR")
    assert (flour["Reference document type"], flour["Reference document number"]) == ("Purchase order", "PO-1")
    assert flour["Product description"] == "Flour 面粉" and flour["Event date"] == "2026-11-02"


def test_transformations_have_a_row_per_input_and_per_output_with_the_new_products_quantity(runtime, admin, plant, tmp_path):
    _, rows = _csv(runtime, admin, tmp_path / "fsma.csv")
    dough = [r for r in rows if r["Reference document number"] == plant.base.dough_order]
    assert sorted((r["Role in event"], r["Traceability lot code"], r["Quantity"]) for r in dough) == [
        ("input", "S-1", "30"),
        ("input", "S-2", "15"),
        ("output", plant.base.dough, "45"),
    ]
    output = next(r for r in dough if r["Role in event"] == "output")
    assert (output["Unit of measure"], output["TLC source reference"]) == ("kg", "GLN 4012345000009")
    assert output["Transformation location"].startswith("Biscuit Co") and " " not in output["Traceability lot code"]
    split = [r for r in rows if r["Reference document type"] == "Lot split record"]
    assert sorted((r["Role in event"], r["Traceability lot code"], r["Quantity"]) for r in split) == [
        ("input", "S-2", "50"),
        ("output", plant.halves[0], "20"),
        ("output", plant.halves[1], "30"),
    ]


def test_rows_missing_a_kde_are_listed_in_the_gaps_csv_and_the_gaps_sheet(runtime, admin, plant, tmp_path):
    result, rows = _csv(runtime, admin, tmp_path / "fsma.csv")
    with result.gaps_path.open(encoding="utf-8-sig") as handle:
        gaps = list(csv.DictReader(handle))
    # The customer SHOP has no address; the sugar was received without a purchase order.
    assert {(g["Missing KDE"], g["Our lot code"]) for g in gaps} == {
        ("Immediate subsequent recipient", plant.base.biscuit),
        ("Reference document number", plant.base.sugar),
    }
    ship = next(g for g in gaps if g["Missing KDE"] == "Immediate subsequent recipient")
    assert "SHOP" in ship["What to do"] and rows[int(ship["Row"]) - 2]["Critical tracking event"] == "Shipping"
    assert result.gaps == 2
    with runtime.unit_of_work() as s:
        xlsx = exports.export_fsma(s, admin, path=tmp_path / "fsma.xlsx")
    book = load_workbook(tmp_path / "fsma.xlsx")
    sheet, gap_sheet = book["FSMA 204 KDEs"], book["Gaps"]
    assert xlsx.count == sheet.max_row - 1 == 12 and gap_sheet.max_row - 1 == 2 and not sheet.merged_cells.ranges
    quantities = [c.value for c in sheet["K"][1:]]
    assert all(isinstance(q, (int, float)) for q in quantities)


def test_filters_by_product_lot_supplier_lot_and_dates(runtime, admin, plant, tmp_path):
    assert {r["Item code"] for r in _csv(runtime, admin, tmp_path / "p.csv", product="BISCUIT")[1]} == {"DOUGH", "BISCUIT"}
    by_lot = _csv(runtime, admin, tmp_path / "l.csv", lot=plant.base.dough)[1]
    assert {r["Our lot code"] for r in by_lot} == {
        plant.base.flour,
        plant.base.sugar,
        plant.base.dough,
        plant.base.biscuit,
        *plant.halves,
    }
    by_supplier_lot = _csv(runtime, admin, tmp_path / "s.csv", supplier_lot="S-1")[1]
    # S-1 is the flour: its family is the flour, the dough and the biscuits (not the sugar beside it).
    assert {r["Our lot code"] for r in by_supplier_lot} == {plant.base.flour, plant.base.dough, plant.base.biscuit}
    assert _csv(runtime, admin, tmp_path / "d.csv", start=date(2020, 1, 1), end=date(2020, 1, 2))[0].count == 0
    with runtime.unit_of_work() as s, pytest.raises(NotFound, match="supplier lot NOPE"):
        exports.export_fsma(s, admin, path=tmp_path / "n.csv", supplier_lot="NOPE")
