"""QA actions on the command line: QA users sign with --pin; a clerk is refused, nothing recorded."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import ADMIN_PIN as FIRST_ADMIN_PIN
from tests.qa_helpers import ADMIN_PIN, CLERK_PIN, QA_PIN, build_plant, events_count
from tracedesk.cli import main


@pytest.fixture
def cli_plant(runtime, admin, capsys):
    plant = build_plant(runtime, admin)
    db = make_url(str(runtime.engine.url)).database
    # This station's configuration is recorded once, by the first user who signs in here.
    assert main(["--db", db, "--user", "admin", "--pin", FIRST_ADMIN_PIN, "init"]) == 0
    capsys.readouterr()
    return plant, db


@pytest.mark.parametrize(
    "command",
    [
        ["hold", "{lot}", "--reason", "x"],
        ["release", "{lot}", "--reason", "x"],
        ["reject", "{lot}", "--reason", "x"],
        ["lift-hold", "{lot}", "--reason", "x"],
        ["recall", "start", "{lot}", "--reason", "x"],
        ["correct", "{lot}", "--reason", "x", "--po", "PO-2"],
        ["users", "role", "clerk1", "admin"],
    ],
)
def test_a_clerk_is_refused_qa_actions_and_nothing_is_recorded(runtime, cli_plant, capsys, command):
    plant, db = cli_plant
    before = events_count(runtime)
    args = [part.format(lot=plant.flour) for part in command]
    assert main(["--db", db, "--user", "clerk1", "--pin", CLERK_PIN, *args]) == 2
    err = capsys.readouterr().err
    assert "may not" in err and len(err.strip().splitlines()) == 1
    assert events_count(runtime) == before


def test_qa_holds_and_releases_with_a_signature_on_the_command_line(runtime, cli_plant, capsys):
    plant, db = cli_plant
    qa = ["--db", db, "--user", "qa1", "--pin", QA_PIN]
    assert main([*qa, "hold", plant.flour, "--reason", "metal found", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "on_hold"
    before = events_count(runtime)
    assert main(["--db", db, "--user", "qa1", "--pin", "0000", "lift-hold", plant.flour, "--reason", "ok"]) == 2
    assert events_count(runtime) == before
    assert main([*qa, "lift-hold", plant.flour, "--reason", "re-inspected", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "released"
    assert main(["--db", db, "--user", "boss", "--pin", ADMIN_PIN, "users", "role", "clerk1", "line_lead"]) == 0
    assert main(["--db", db, "audit", "verify"]) == 0


def test_recall_start_and_mock_recall_on_the_command_line(runtime, cli_plant, capsys, tmp_path):
    plant, db = cli_plant
    qa = ["--db", db, "--user", "qa1", "--pin", QA_PIN]
    assert main([*qa, "recall", "--mock", "--supplier-lot", "S-1", "--json", "--out", str(tmp_path / "r.xlsx")]) == 0
    mock = json.loads(capsys.readouterr().out)
    assert mock["elapsed_seconds"] is not None and plant.biscuit in [x["code"] for x in mock["lots"]]
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    assert main([*qa, "recall", "start", "--supplier-lot", "S-1", "--reason", "allergen", "--json"]) == 0
    started = json.loads(capsys.readouterr().out)
    assert started["recall"] and {x["code"] for x in started["lots"]} == {plant.flour, plant.dough, plant.biscuit}
    assert main(["--db", db, "trace", plant.biscuit, "--json"]) == 0


def test_qa_decisions_from_the_command_line_need_a_named_user(cli_plant, capsys):
    plant, db = cli_plant
    capsys.readouterr()
    assert main(["--db", db, "hold", plant.flour, "--reason", "metal found"]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err
    assert main(["--db", db, "users", "add", "eve", "--name", "Eve", "--role", "admin", "--new-pin", "1234"]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err


def test_plain_trace_marks_lots_blocked_by_a_hold_upstream(cli_plant, capsys):
    plant, db = cli_plant
    qa = ["--db", db, "--user", "qa1", "--pin", QA_PIN]
    assert main([*qa, "hold", plant.flour, "--reason", "metal found"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "trace", plant.flour, "--direction", "down"]) == 0
    out = capsys.readouterr().out
    assert "[on hold]" in out.splitlines()[0]
    assert f"SUSPECT: made from lot {plant.flour} on hold (metal found)" in out
