"""A script's `trace LOT --json`, `recall LOT --json` and `parse TEXT --json` are read by hand (commands._quick): the same
arguments and answers as the full parser's, and every other line is left to the full parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import build_parser, main
from tracedesk.commands import _quick
from tracedesk.commands._quick import quick_command


@pytest.fixture
def plant_db(tmp_path: Path) -> tuple[str, list[str]]:
    plant = generate(tmp_path / "csv", 11)
    db = str(tmp_path / "plant.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    return db, sorted(plant.lots)


QUICK_LINES = [
    ["trace", "L1", "--json"],
    ["--db", "x.sqlite3", "trace", "L1", "--json"],
    ["--db=x.sqlite3", "--lang", "zh", "trace", "--json", "L1"],
    ["trace", "L1", "--direction", "up", "--json"],
    ["trace", "L1", "--json", "--direction=down"],
    ["--lang=en", "recall", "L1", "--json"],
    ["recall", "start", "--json"],
    ["parse", "TD:A1", "--json"],
    ["--lang", "zh_CN", "parse", "--json", "--epc", "--lenient", "3034257BF7194E4000001A85"],
    ["parse", "--json"],  # standard input
]


@pytest.mark.parametrize("line", QUICK_LINES)
def test_a_quick_line_gives_the_handler_what_the_full_parser_gives(line):
    quick = quick_command(line)
    assert quick is not None
    full = build_parser(quick.command).parse_args(line)
    assert vars(quick.args) == {k: v for k, v in vars(full).items() if k != "handler"}
    assert quick.handler is full.handler


@pytest.mark.parametrize(
    "line",
    [
        [],
        ["trace", "L1"],  # the tree for people: not a script's read
        ["trace", "L1", "--json", "--help"],
        ["-h", "trace", "L1", "--json"],
        ["trace", "L1", "L2", "--json"],
        ["trace", "--json"],
        ["trace", "L1", "--js"],  # an abbreviation: argparse decides
        ["trace", "L1", "--json", "--json"],
        ["trace", "L1", "--json=1"],
        ["trace", "L1", "--json", "--direction", "sideways"],
        ["trace", "L1", "--json", "--direction"],
        ["trace", "--", "-L1", "--json"],
        ["--version", "trace", "L1", "--json"],
        ["--user", "qa", "trace", "L1", "--json"],
        ["--db", "--lang", "en", "trace", "L1", "--json"],
        ["--lang", "fr", "trace", "L1", "--json"],  # the full parser says what is wrong
        ["recall", "L1", "L2", "--json"],
        ["recall", "L1", "--report", "--json"],
        ["recall", "L1", "--direction", "up", "--json"],
        ["parse", "TD:A1", "--json", "--today", "2026-03-01"],
        ["parse", "TD:A1", "TD:A2", "--json"],
        ["parse", "TD:A1"],
        ["--db", "x.sqlite3", "parse", "--json", "--direction", "up"],
        ["users", "--json"],
    ],
)
def test_any_other_line_is_left_to_the_full_parser(line):
    assert quick_command(line) is None


def test_quick_and_full_parsing_print_the_same_answers(plant_db, capsys, monkeypatch):
    db, lots = plant_db
    lines = [
        *(["--db", db, "trace", code, "--json"] for code in lots[::3]),
        ["--db", db, "trace", lots[-1], "--direction", "up", "--json"],
        *(["--db", db, "recall", code, "--json"] for code in lots[::4]),
        ["--db", db, "trace", "NO-SUCH-LOT", "--json"],
        ["--db", db, "--lang", "zh_CN", "recall", "NO-SUCH-LOT", "--json"],
        ["parse", "(01)09506000134352(10)ABC(17)260228", "--json"],
        ["--lang", "zh", "parse", "(01)09506000134353", "--json"],
        ["parse", "--epc", "3034257BF7194E4000001A85", "--json"],
    ]

    def answers() -> list[tuple[int, str, str]]:
        found = []
        for line in lines:
            status = main(line)
            out, err = capsys.readouterr()
            found.append((status, out, err))
        return found

    quick = answers()
    monkeypatch.setattr(_quick, "quick_command", lambda arguments: None)
    full = answers()
    assert quick == full
    refused = [answer for line, answer in zip(lines, quick, strict=True) if "NO-SUCH-LOT" in line]
    assert len(refused) == 2 and all(status == 2 and "NO-SUCH-LOT" in err for status, _out, err in refused)
    parsed = [json.loads(out) for line, (_s, out, _e) in zip(lines, quick, strict=True) if "parse" in line]
    assert parsed[0]["lot"] == "ABC" and "error" in parsed[1] and parsed[2]["kind"] == "epc"
    assert json.loads(quick[0][1])["lot"]["code"] == lots[0]


def test_a_script_s_read_loads_neither_argparse_nor_dataclasses(plant_db, tmp_path):
    # parse loads what the codes need (its records are dataclasses); not argparse.
    db, lots = plant_db
    for command in ("trace", "recall"):
        code = (
            "import sys\n"
            "from tracedesk.cli import main\n"
            f"status = main(['--db', {db!r}, {command!r}, {lots[0]!r}, '--json'])\n"
            "print(status, sorted(m for m in ('argparse', 'dataclasses', 'inspect') if m in sys.modules))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"TRACEDESK_HOME": str(tmp_path / "home"), "PATH": ""},
            check=True,
        )
        assert done.stdout.splitlines()[-1] == "0 []", done.stdout
