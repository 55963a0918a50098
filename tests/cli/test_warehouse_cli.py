"""The warehouse from the command line: location labels, moves, returns, scrap, transfers."""

from __future__ import annotations

from tests.cli.conftest import first_admin
from tracedesk.cli import main
from tracedesk.core.actor import Actor
from tracedesk.paths import AppPaths
from tracedesk.services import masterdata
from tracedesk.services.runtime import Runtime


def _with_locations(db_url: str) -> None:
    runtime = Runtime.open(db_url, AppPaths.from_environment().ensure())
    try:
        with runtime.unit_of_work() as s:
            admin = Actor("admin", runtime.station.code, 0)
            masterdata.create_location(s, admin, code="SZ", name="Suzhou", gln="4012345000009", kind="plant")
            masterdata.create_location(s, admin, code="B-04", name="Bin", kind="bin", parent="SZ")
    finally:
        runtime.close()


def test_location_labels_are_printed_like_lot_labels(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    signed = first_admin(db)
    _with_locations(db)
    out = tmp_path / "bins.pdf"
    assert main([*signed, "label", "--locations", "B-04", "SZ", "--out", str(out)]) == 0
    assert "2 locations" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert main([*signed, "label", "--locations", "NOPE", "--out", str(out)]) == 2
    assert "no location 'NOPE'" in capsys.readouterr().err
