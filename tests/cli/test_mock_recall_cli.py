"""`tracedesk recall start LOT --mock`: a timed drill with its report; `--drills` lists past ones; no second open recall."""

from __future__ import annotations

import json

import pypdfium2
import pytest
from sqlalchemy.engine import make_url

from tests.conftest import ADMIN_PIN as FIRST_ADMIN_PIN
from tests.qa_helpers import QA_PIN, build_plant, events_count
from tracedesk.cli import main


@pytest.fixture
def cli_plant(runtime, admin, capsys):
    plant = build_plant(runtime, admin)
    db = make_url(str(runtime.engine.url)).database
    assert main(["--db", db, "--user", "admin", "--pin", FIRST_ADMIN_PIN, "init"]) == 0
    capsys.readouterr()
    return plant, ["--db", db, "--user", "qa1", "--pin", QA_PIN]


def test_a_mock_recall_writes_its_timed_report_and_is_listed(cli_plant, capsys, tmp_path):
    plant, qa = cli_plant
    out = tmp_path / "drill.pdf"
    assert main([*qa, "recall", "start", plant.flour, "--mock", "--out", str(out), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    first = answer["mock"]["drill"]
    assert first.startswith("MR-") and first.endswith("-0001") and answer["mock"]["run_by"] == "qa1" and answer["recall"] is None
    document = pypdfium2.PdfDocument(str(out))
    try:
        assert all("MOCK RECALL" in page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    assert main([*qa, "recall", "--mock", "--supplier-lot", "S-1"]) == 0
    second = first.replace("-0001", "-0002")
    assert f"Mock recall {second} finished in" in capsys.readouterr().out
    assert main([*qa, "recall", "--drills", "--json"]) == 0
    drills = json.loads(capsys.readouterr().out)
    assert [d["drill"] for d in drills] == [second, first]
    assert drills[1]["report"] == "drill.pdf" and drills[1]["elapsed_seconds"] >= 0
    assert main([*qa, "recall", "--drills"]) == 0
    assert first in capsys.readouterr().out


def test_starting_a_recall_on_a_lot_in_an_open_recall_names_it(runtime, cli_plant, capsys):
    plant, qa = cli_plant
    assert main([*qa, "recall", "start", plant.flour, "--reason", "metal", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["recall"]
    before = events_count(runtime)
    assert main([*qa, "recall", "start", plant.dough, "--reason", "again"]) == 2
    err = capsys.readouterr().err
    assert first in err and plant.dough in err and len(err.strip().splitlines()) == 1
    assert events_count(runtime) == before
