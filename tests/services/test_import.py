"""Import from spreadsheets: all or nothing, errors that name file, row and column, idempotent."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.cli.random_plant import generate
from tracedesk.core.errors import InvalidInput
from tracedesk.db.models import Event, Lot
from tracedesk.services.audit import compare_with_replay, table_fingerprints
from tracedesk.services.importer import import_path


def _state(runtime):
    with runtime.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Event)), table_fingerprints(session)


def _edit(folder: Path, name: str, row: int, column: str, value: str) -> None:
    path = folder / f"{name}.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _import(runtime, admin, path):
    with runtime.unit_of_work() as session:
        return import_path(session, admin, path)


def test_importing_the_same_data_twice_records_nothing_the_second_time(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 11)
    first = _import(runtime, admin, tmp_path / "csv")
    assert first.events > 0 and first.added["receipts"] == 8
    before = _state(runtime)
    second = _import(runtime, admin, tmp_path / "csv")
    assert second.events == 0 and not second.added and second.skipped["receipts"] == 8
    assert _state(runtime) == before
    with runtime.unit_of_work() as session:
        assert compare_with_replay(session) == ()


@pytest.mark.parametrize(
    ("name", "row", "column", "value", "message"),
    [
        ("receipts", 3, "quantity", "12,5", "receipts.csv, row 3, column quantity: .*decimal point"),
        ("receipts", 2, "received_at", "yesterday", "receipts.csv, row 2, column received_at: .*ISO 8601"),
        ("receipts", 4, "item", "UNOBTAINIUM", "receipts.csv, row 4, column item: unknown item 'UNOBTAINIUM'"),
        ("receipts", 2, "supplier", "NOBODY", "receipts.csv, row 2, column supplier: unknown supplier"),
        ("receipts", 3, "lot", "R000", "receipts.csv, row 3: lot R000 appears twice"),
        ("issues", 2, "lot", "GHOST", "issues.csv, row 2, column lot: unknown lot 'GHOST'"),
        ("issues", 2, "quantity", "-3", "issues.csv, row 2, column quantity: .*negative"),
        ("issues", 2, "quantity", "99999", "issues.csv, row 2, column quantity: lot .* would go below zero"),
        ("orders", 2, "product", "", "orders.csv, row 2, column product: unknown item"),
        ("items", 2, "kind", "gas", "items.csv, row 2, column kind: .*raw, intermediate"),
        ("items", 2, "gtin", "09501101530004", "items.csv, row 2, column gtin: .*check digit"),
    ],
)
def test_a_bad_row_aborts_the_whole_import_and_names_its_place(runtime, admin, tmp_path, name, row, column, value, message):
    generate(tmp_path / "csv", 12)
    _edit(tmp_path / "csv", name, row, column, value)
    before = _state(runtime)
    with pytest.raises(InvalidInput, match=message):
        _import(runtime, admin, tmp_path / "csv")
    assert _state(runtime) == before


def test_extra_columns_and_unknown_files_are_errors(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 13)
    items = tmp_path / "csv" / "items.csv"
    text = items.read_text().splitlines()
    items.write_text("\n".join([text[0] + ",colour"] + [line + ",red" for line in text[1:]]) + "\n")
    with pytest.raises(InvalidInput, match=r"items.csv, row 1: unknown columns 'colour'"):
        _import(runtime, admin, tmp_path / "csv")
    shutil.copy(tmp_path / "csv" / "suppliers.csv", tmp_path / "csv" / "vendors.csv")
    with pytest.raises(InvalidInput, match="Unknown files .*vendors.csv"):
        _import(runtime, admin, tmp_path / "csv")


def test_a_lot_used_before_it_was_received_is_refused(runtime, admin, tmp_path):
    plant = generate(tmp_path / "csv", 14)
    order, lot, _, _ = plant.issues[0]
    _edit(tmp_path / "csv", "issues", 2, "issued_at", "2020-01-01T00:00:00")
    with pytest.raises(InvalidInput, match=f"issues.csv, row 2: lot {lot} is used at 2019|2020"):
        _import(runtime, admin, tmp_path / "csv")


def test_a_workbook_imports_like_the_csv_folder(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 15)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for path in sorted((tmp_path / "csv").glob("*.csv")):
        sheet = workbook.create_sheet(path.stem)
        for n, record in enumerate(csv.reader(path.read_text(encoding="utf-8").splitlines())):
            sheet.append([float(v) if n and v.replace(".", "", 1).isdigit() and "." in v else v for v in record])
    workbook.save(tmp_path / "plant.xlsx")
    report = _import(runtime, admin, tmp_path / "plant.xlsx")
    assert report.added["receipts"] == 8
    with runtime.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Lot)) == 8 + report.added.get("outputs", 0)
    bad = Workbook()
    bad.active.title = "lots"
    bad.save(tmp_path / "bad.xlsx")
    with pytest.raises(InvalidInput, match="unknown sheets lots"):
        _import(runtime, admin, tmp_path / "bad.xlsx")


def test_times_without_offset_are_station_local(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 16)
    _import(runtime, admin, tmp_path / "csv")
    with runtime.unit_of_work() as session:
        lot = session.scalar(select(Lot).where(Lot.code == "R000"))
    first = list(csv.reader((tmp_path / "csv" / "receipts.csv").read_text().splitlines()))[1]
    # The admin fixture's station is at UTC+1: 06:xx local is 05:xx UTC.
    assert lot.received_at.isoformat().startswith(first[5][:11])
    assert lot.received_at.hour == int(first[5][11:13]) - 1


def test_the_garbage_collector_is_paused_during_an_import_and_back_after_it(runtime, admin, tmp_path, monkeypatch):
    import gc

    from tracedesk.services import importer

    generate(tmp_path / "csv", 17)
    seen = []
    apply_events = importer.apply_events

    def watching(*args, **kwargs):
        seen.append(gc.isenabled())
        return apply_events(*args, **kwargs)

    monkeypatch.setattr(importer, "apply_events", watching)
    assert gc.isenabled()
    _import(runtime, admin, tmp_path / "csv")
    assert seen and not any(seen) and gc.isenabled()
    _edit(tmp_path / "csv", "issues", 2, "quantity", "99999")
    with pytest.raises(InvalidInput, match="would go below zero"):
        _import(runtime, admin, tmp_path / "csv")
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(InvalidInput):
            _import(runtime, admin, tmp_path / "csv")
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def _statuses(runtime) -> dict[str, int]:
    with runtime.reading() as session:
        return dict(session.execute(select(Lot.status, func.count()).group_by(Lot.status)).all())


def test_released_lots_arrive_released_only_under_a_qa_signature(runtime, admin, tmp_path):
    from tests.conftest import ADMIN_PIN
    from tracedesk.db.models import Signature
    from tracedesk.services.reports.dossier import lot_dossier

    generate(tmp_path / "csv", 11)
    with runtime.unit_of_work() as session:
        report = import_path(session, admin, tmp_path / "csv", pin=ADMIN_PIN)
    assert report.quarantined == 0 and not report.notes and set(_statuses(runtime)) == {"released"}
    with runtime.reading() as session:
        first = session.scalars(select(Event).where(Event.type == "import_signed")).one()
        assert first.user == "admin" and '"released":' in first.payload
        sig = session.scalars(select(Signature).where(Signature.event_seq == first.seq)).one()
        assert (sig.signer, sig.role) == ("admin", "admin") and sig.meaning.endswith("on import of csv")
        dossier = lot_dossier(session, "R000", now=admin.now())
        assert [s.signer for s in dossier.signatures] == ["admin"]
        assert compare_with_replay(session) == ()


def test_without_a_signature_released_lots_arrive_in_quarantine_with_a_sentence(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 11)
    report = _import(runtime, admin, tmp_path / "csv")
    assert report.quarantined == report.added["receipts"] + report.added["outputs"] > 0
    assert set(_statuses(runtime)) == {"quarantine"}
    assert "arrived in quarantine" in str(report.notes[0]) and str(report.quarantined) in str(report.notes[0])
    with runtime.reading() as session:
        assert session.scalar(select(func.count()).select_from(Event).where(Event.type == "import_signed")) == 0


def test_a_clerk_imports_receipts_into_quarantine_and_a_reimport_releases_nothing(runtime, admin, tmp_path):
    from dataclasses import replace

    from tracedesk.core.errors import PermissionDenied
    from tracedesk.services.users import create_user

    generate(tmp_path / "csv", 11)
    with runtime.unit_of_work() as session:
        create_user(session, admin, code="clerk", name="Clerk", role="clerk", pin="1111")
    clerk = replace(admin, user="clerk")
    before = _state(runtime)
    with pytest.raises(PermissionDenied, match=r"clerk \(clerk\) may not edit master data"), runtime.unit_of_work() as session:
        import_path(session, clerk, tmp_path / "csv", pin="1111")  # new items and suppliers are the admin's
    assert _state(runtime) == before
    masters = tmp_path / "masters"
    masters.mkdir()
    for name in ("items", "suppliers", "customers", "boms"):
        if (tmp_path / "csv" / f"{name}.csv").exists():
            shutil.move(tmp_path / "csv" / f"{name}.csv", masters / f"{name}.csv")
    _import(runtime, admin, masters)
    with runtime.unit_of_work() as session:
        report = import_path(session, clerk, tmp_path / "csv", pin="1111")
    assert report.quarantined > 0 and set(_statuses(runtime)) == {"quarantine"}
    with runtime.reading() as session:
        assert set(session.scalars(select(Event.user).where(Event.type == "lot_received"))) == {"clerk"}
    with runtime.unit_of_work() as session:
        again = import_path(session, clerk, tmp_path / "csv", pin="1111")
    assert again.events == 0 and set(_statuses(runtime)) == {"quarantine"}


def test_a_wrong_pin_on_a_signed_import_records_nothing_but_the_failure(runtime, admin, tmp_path):
    generate(tmp_path / "csv", 11)
    before = _state(runtime)[0]
    with pytest.raises(Exception, match="wrong PIN"), runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv", pin="0000")
    with runtime.reading() as session:
        kinds = session.scalars(select(Event.type).where(Event.seq > before)).all()
    assert kinds == ["sign_in_failed"] and not _statuses(runtime)
