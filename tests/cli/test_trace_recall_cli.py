"""`tracedesk import`, `trace --json` and `recall --json` against an independent computation."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import main
from tracedesk.db.engine import open_database


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_trace_and_recall_match_an_independent_computation(tmp_path, capsys, seed):
    plant = generate(tmp_path / "csv", seed)
    db = str(tmp_path / "plant.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    for code in sorted(plant.lots):
        traced = run_json(capsys, "--db", db, "trace", code, "--json")
        down, up = plant.walk(code, "down"), plant.walk(code, "up")
        assert {n["code"]: (n["depth"], n["via"]) for n in traced["downstream"]} == down
        assert {n["code"]: (n["depth"], n["via"]) for n in traced["upstream"]} == up
        assert traced["lot"] == {
            "code": code,
            "item": plant.lots[code],
            "status": "released",
            "quantity": str(plant.quantity[code]),
            "unit": "kg",
        }
        affected = {code, *down}
        expected_shipments = sorted(
            (lot, customer, str(q), doc) for lot, q, customer, _, doc in plant.shipments if lot in affected
        )
        assert sorted((s["lot"], s["customer"], s["quantity"], s["document"]) for s in traced["shipments"]) == expected_shipments

        recall = run_json(capsys, "--db", db, "recall", code, "--json")
        assert recall["affected_lots"] == sorted(affected)
        assert recall["orders"] == sorted({o for o, lot, _, _ in plant.issues if lot in affected})
        assert recall["customers"] == sorted({c for _, c, *_ in expected_shipments})
        assert recall["on_hand"] == [
            {"code": lot, "quantity": str(plant.balance(lot)), "unit": "kg"} for lot in sorted(affected) if plant.balance(lot) > 0
        ]
        assert all(Decimal(s["quantity"]) > 0 for s in recall["shipments"])


def test_directions_leave_the_other_lists_empty(tmp_path, capsys):
    plant = generate(tmp_path / "csv", 9)
    db = str(tmp_path / "p.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    lot = next(o[1] for o in plant.outputs)
    up = run_json(capsys, "--db", db, "trace", lot, "--direction", "up", "--json")
    down = run_json(capsys, "--db", db, "trace", lot, "--direction", "down", "--json")
    assert up["downstream"] == [] and up["shipments"] == []
    assert down["upstream"] == []


def test_unknown_lot_exits_2_with_one_line(tmp_path, capsys):
    db = str(tmp_path / "p.sqlite3")
    open_database(f"sqlite:///{db}").dispose()  # an empty database (a missing one is another sentence)
    assert main(["--db", db, "trace", "NOPE", "--json"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no lot 'NOPE'" in err


def test_plain_trace_is_an_indented_tree(tmp_path, capsys):
    plant = generate(tmp_path / "csv", 5)
    db = str(tmp_path / "p.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    capsys.readouterr()
    code = max(plant.lots, key=lambda c: len(plant.walk(c, "down")))
    assert main(["--db", db, "trace", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(code) and "Used in" in out and "Made from" in out
