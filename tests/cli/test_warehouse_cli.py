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


def _run_json(capsys, *argv: str) -> dict:
    import json

    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def _plant_with_a_shipped_lot(db: str) -> str:
    """Master data and plants; a lot received and released (through the services)."""
    from tests.plant import QA_PIN, master_data, qa_signer
    from tests.services.warehouse.test_locations import build_plant
    from tracedesk.services import quality
    from tracedesk.services.receiving import ReceiveRequest, register_received_lot

    runtime = Runtime.open(db, AppPaths.from_environment().ensure())
    try:
        with runtime.unit_of_work() as s:
            admin = Actor("admin", runtime.station.code, 0)
            master_data(s, admin)
            build_plant(s, admin)
            lot = register_received_lot(
                s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1"), admin
            ).code
            quality.release_lot(s, qa_signer(s, admin), lot=lot, pin=QA_PIN)
        return lot
    finally:
        runtime.close()


def test_move_return_rework_scrap_and_transfer_from_the_command_line(tmp_path, capsys, monkeypatch):
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    signed = first_admin(db)
    lot = _plant_with_a_shipped_lot(db)
    assert main(["--db", db, "move", lot, "B-04"]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err
    moved = _run_json(capsys, *signed, "move", lot, "B-04", "--put-away", "--json")
    assert (moved["location"], moved["plant"], moved["balance"]) == ("B-04", "SZ", "100")
    part = _run_json(capsys, *signed, "move", lot, "B-05", "--quantity", "10", "--json")
    assert (part["split_from"], part["location"], part["balance"]) == (lot, "B-05", "10")
    assert main([*signed, "move", lot, "B-04"]) == 2
    assert "in B-04 already" in capsys.readouterr().err
    stock = _run_json(capsys, *signed, "stock", "--item", "FLOUR", "--json")
    assert stock["by_plant"] == [{"plant": "SZ", "item": "FLOUR", "quantity": "100", "unit": "kg"}]
    picked = _run_json(capsys, *signed, "pick", "FLOUR", "50", "--customer", "SHOP", "--document", "DN-1", "--json")
    assert picked["shipped"] and sum(float(p["quantity"]) for p in picked["picks"]) == 50
    shipped_lot = picked["picks"][0]["lot"]
    back = _run_json(
        capsys,
        *signed,
        "return",
        shipped_lot,
        "--document",
        "DN-1",
        "--quantity",
        "5",
        "--reason",
        "torn",
        "--to",
        "QC",
        "--json",
    )
    assert (back["status"], back["location"], back["source_lot"], back["customer"]) == ("quarantine", "QC", shipped_lot, "SHOP")
    assert main([*signed, "return", shipped_lot, "--document", "DN-404", "--reason", "x", "--to", "QC"]) == 2
    assert "not shipped under document DN-404" in capsys.readouterr().err
    made = _run_json(capsys, *signed, "rework", back["lot"], "--quantity", "3", "--output-quantity", "3", "--json")
    assert (made["status"], made["from"], made["balance"]) == ("quarantine", back["lot"], "3")
    scrapped = _run_json(capsys, *signed, "scrap", back["lot"], "--reason", "mould", "--json")
    assert (scrapped["quantity"], scrapped["destroyed"], scrapped["balance"]) == ("2", False, "0")
    assert main([*signed, "scrap", made["lot"], "--reason", "recall", "--destroy"]) == 2
    assert "second user" in capsys.readouterr().err
    assert main([*signed, "users", "add", "wit", "--name", "Witness", "--role", "clerk", "--new-pin", "7777"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("TRACEDESK_WITNESS_PIN", "7777")
    destroyed = _run_json(capsys, *signed, "scrap", made["lot"], "--reason", "recall", "--destroy", "--witness", "wit", "--json")
    assert (destroyed["destroyed"], destroyed["witness"], destroyed["quantity"]) == (True, "wit", "3")
    out = tmp_path / "TR-1.jsonld"
    sent = _run_json(
        capsys, *signed, "transfer", "ship", lot, "--to-plant", "SH", "--document", "TR-1", "--out", str(out), "--json"
    )
    assert (sent["status"], sent["from_plant"], sent["to_plant"]) == ("in_transit", "SZ", "SH")
    assert out.exists()
    assert _run_json(capsys, *signed, "transfer", "list", "--json")["in_transit"][0]["document"] == "TR-1"
    got = _run_json(capsys, *signed, "transfer", "receive", "TR-1", "--to", "SH-01", "--quantity", "39", "--json")
    assert (got["status"], got["location"], got["difference"]) == ("received", "SH-01", "-1")
    assert main([*signed, "transfer", "receive", "TR-1", "--to", "SH-01"]) == 2
    assert "received already" in capsys.readouterr().err
    traced = _run_json(capsys, *signed, "trace", lot, "--json")
    kinds = [step["kind"] for step in traced["warehouse"]]
    assert kinds[:2] == ["put_away", "move"] and "returned" in kinds and "scrapped" in kinds
    assert traced["location"] == "SH-01" and kinds[-2:] == ["transfer_out", "transfer_in"]
    recall = _run_json(capsys, *signed, "recall", lot, "--report", "--json")
    assert {"plant": "SH", "item": "FLOUR", "quantity": "39", "unit": "kg"} in recall["stock_by_plant"]
    assert [(x["quantity"], x["destroyed"], x["witness"]) for x in recall["scrapped"]] == [("2", False, None), ("3", True, "wit")]
