"""Import with its lots, movements and planned events in a scratch file: same sentences, same database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.cli.random_plant import generate
from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput
from tracedesk.db.models import Event
from tracedesk.services.audit import compare_with_replay, table_fingerprints
from tracedesk.services.import_planner import APPLY_ORDER
from tracedesk.services.import_spool import Spool
from tracedesk.services.importer import import_path
from tracedesk.services.runtime import Runtime

HEADERS = {
    "items": "code,name,unit,kind,tracking,gtin,shelf_life_days",
    "suppliers": "code,name,gln",
    "customers": "code,name,gln",
    "receipts": "lot,item,quantity,supplier,supplier_lot,received_at,expiry,po,status",
    "orders": "order,product,quantity,started_at",
    "issues": "order,lot,quantity,issued_at,operator",
    "outputs": "order,lot,quantity,produced_at",
    "shipments": "lot,quantity,customer,shipped_at,document",
}


def _plant(folder: Path, **rows: list[str]) -> Path:
    """A small plant: one raw item, one product, a receipt and an order; `rows` add or replace files."""
    files = {
        "items": ["RAW,Raw,kg,raw,lot,,", "MIX,Mix,kg,intermediate,lot,,"],
        "suppliers": ["SUP,Supplier,"],
        "customers": ["C1,Customer,"],
        "receipts": ["R1,RAW,10.50,SUP,S1,2026-03-02T08:00:00Z,,,"],
        "orders": ["WO1,MIX,10,2026-03-02T09:00:00Z"],
        **rows,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (folder / f"{name}.csv").write_text("\n".join([HEADERS[name], *lines]) + "\n", encoding="utf-8")
    return folder


def _refused(runtime, admin, folder: Path) -> str:
    with pytest.raises(InvalidInput) as refused, runtime.unit_of_work() as session:
        import_path(session, admin, folder)
    with runtime.reading() as session:
        assert session.scalars(select(Event.type).where(Event.type == "lot_received")).first() is None
    return str(refused.value)


def test_a_lot_taken_below_zero_is_named_with_the_exact_balance_left(runtime, admin, tmp_path):
    folder = _plant(tmp_path / "csv", issues=["WO1,R1,6,2026-03-02T10:00:00Z,op", "WO1,R1,4.6,2026-03-02T11:00:00Z,op"])
    assert _refused(runtime, admin, folder) == (
        "issues.csv, row 3, column quantity: lot R1 would go below zero: only 4.5 left, 4.6 taken"
    )


def test_a_lot_used_before_it_arrived_is_named_with_both_times(runtime, admin, tmp_path):
    folder = _plant(tmp_path / "csv", issues=["WO1,R1,1,2026-03-02T07:59:59.5Z,op"])
    assert _refused(runtime, admin, folder) == (
        "issues.csv, row 2: lot R1 is used at 2026-03-02T07:59:59.500000+00:00, "
        "before it was received or produced (2026-03-02T08:00:00+00:00)"
    )


def test_the_first_broken_movement_in_time_is_named_whatever_the_file_order(runtime, admin, tmp_path):
    # The shipment (a later file) breaks the rules at an earlier time than the issue.
    folder = _plant(
        tmp_path / "csv",
        receipts=["R1,RAW,10,SUP,S1,2026-03-02T08:00:00Z,,,", "R2,RAW,5,SUP,S1,2026-03-02T08:00:00Z,,,"],
        issues=["WO1,R1,11,2026-03-03T10:00:00Z,op"],
        shipments=["R2,6,C1,2026-03-03T09:00:00Z,DN1"],
    )
    assert _refused(runtime, admin, folder) == (
        "shipments.csv, row 2, column quantity: lot R2 would go below zero: only 5 left, 6 taken"
    )


def test_an_output_lot_twice_or_an_output_with_a_received_lot_code_is_refused(runtime, admin, tmp_path):
    twice = _plant(
        tmp_path / "twice",
        outputs=["WO1,P1,5,2026-03-02T10:00:00Z", "WO1,P2,5,2026-03-02T10:00:00Z", "WO1,P1,5,2026-03-02T11:00:00Z"],
    )
    assert _refused(runtime, admin, twice) == "outputs.csv, row 4: output lot P1 appears twice (also row 2)"
    received = _plant(tmp_path / "received", outputs=["WO1,R1,5,2026-03-02T10:00:00Z"])
    assert _refused(runtime, admin, received) == (
        "outputs.csv, row 2, column lot: lot R1 already exists; an output needs a new lot code"
    )


def _events(runtime: Runtime) -> list[tuple[str, str]]:
    with runtime.reading() as session:
        query = select(Event.type, Event.payload).where(Event.type != "user_created").order_by(Event.seq)
        return [(kind, payload) for kind, payload in session.execute(query)]


def _state(runtime: Runtime) -> dict[str, tuple[int, str]]:
    with runtime.reading() as session:
        state = table_fingerprints(session)
    del state["users"]  # the administrator's PIN is salted differently in each database
    return state


def test_one_import_gives_the_database_of_its_files_imported_one_by_one(runtime, admin, tmp_path, clock):
    """In one go the new lots live in the scratch file; one by one, the later files find them stored."""
    generate(tmp_path / "csv", 21)
    with runtime.unit_of_work() as session:
        import_path(session, admin, tmp_path / "csv")
    stepwise = Runtime.open(f"sqlite:///{tmp_path / 'stepwise.sqlite3'}", runtime.paths, runtime.station)
    me = stepwise.create_first_admin(code="admin", name="Admin", pin="1234", at=Actor("", runtime.station.code, 60, clock))
    for name in APPLY_ORDER:
        if (tmp_path / "csv" / f"{name}.csv").exists():
            part = tmp_path / "parts" / name
            part.mkdir(parents=True)
            shutil.copy(tmp_path / "csv" / f"{name}.csv", part)
            with stepwise.unit_of_work() as session:
                import_path(session, me, part)
    try:
        assert len(_events(runtime)) > 50
        assert _events(stepwise) == _events(runtime)
        assert _state(stepwise) == _state(runtime)
        with runtime.unit_of_work() as session:
            assert compare_with_replay(session) == ()
    finally:
        stepwise.close()


def test_the_scratch_file_is_gone_when_the_import_ends(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    with Spool() as spool:
        spool.add(0, 2, "b", "{}")
        spool.add(0, 1, "a", "{}")
        spool.add(0, 1, "c", "{}")
        assert list(tmp_path.iterdir())
        assert [row for batch in spool.batches(2) for row in batch] == [("a", "{}"), ("c", "{}"), ("b", "{}")]
    assert not list(tmp_path.iterdir())


def test_an_output_issued_to_its_own_order_is_refused(runtime, admin, tmp_path):
    folder = _plant(
        tmp_path / "csv",
        outputs=["WO1,P1,5,2026-03-02T10:00:00Z"],
        issues=["WO1,R1,1,2026-03-02T09:30:00Z,op", "WO1,P1,1,2026-03-02T11:00:00Z,op"],
    )
    assert _refused(runtime, admin, folder) == (
        "issues.csv, row 3, column lot: lot P1 is an output of order WO1 and cannot also be its input"
    )


def test_the_scratch_file_lies_beside_the_database_not_in_the_temporary_folder(runtime, admin, tmp_path, monkeypatch):
    # The temporary folder is often memory (tmpfs), which would undo the import's bound: here it
    # does not even exist, and the import still runs, with its spool beside the database.
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
    folder = _plant(tmp_path / "csv", issues=["WO1,R1,11,2026-03-02T10:00:00Z,op"])
    assert "would go below zero" in _refused(runtime, admin, folder)
    folder = _plant(tmp_path / "csv", issues=["WO1,R1,6,2026-03-02T10:00:00Z,op"])
    with runtime.unit_of_work() as session:
        assert import_path(session, admin, folder).events > 0
    database = Path(runtime.engine.url.database).resolve()
    assert not [p.name for p in database.parent.iterdir() if p.name.startswith("tracedesk-import-")]
