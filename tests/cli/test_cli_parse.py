"""`tracedesk parse`: JSON per input, stdin mode with a GS inside a line, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracedesk.cli import main

GTIN = "09520123456788"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACEDESK_HOME", str(tmp_path / "home"))


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_parse_prints_the_json_contract_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--json", "--today", "2026-06-01", f"01{GTIN}17270100\x1d10L1"]) == 0
    [result] = _json_lines(capsys.readouterr().out)
    assert result == {
        "input": f"01{GTIN}17270100\x1d10L1",
        "kind": "gs1",
        "symbology": None,
        "fields": {"01": GTIN, "17": "270100", "10": "L1"},
        "dates": {"17": "2027-01-31"},
        "gtin": GTIN,
        "lot": "L1",
        "serial": None,
    }


def test_bad_code_gives_an_error_object_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--json", "10ABC123"]) == 2
    [result] = _json_lines(capsys.readouterr().out)
    assert list(result) == ["input", "error"]
    assert "(10)" in str(result["error"])


def test_lenient_accepts_what_strict_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--json", "--lenient", "10ABC123"]) == 0
    assert _json_lines(capsys.readouterr().out)[0]["lot"] == "ABC123"


def test_epc_flag_decodes_rfid_hex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--json", "--epc", "3074257BF7194E4000001A85"]) == 0
    result = _json_lines(capsys.readouterr().out)[0]
    assert (result["kind"], result["gtin"], result["serial"]) == ("epc", "80614141123458", "6789")


def test_stdin_lines_keep_their_gs_and_a_bad_line_makes_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = f"]C101{GTIN}10A\x1d21S1\r\nTD:A2611-0042\n0109520123456787\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    assert main(["parse", "--json"]) == 2
    first, second, third = _json_lines(capsys.readouterr().out)
    assert first["input"] == f"]C101{GTIN}10A\x1d21S1"
    assert (first["lot"], first["serial"], first["symbology"]) == ("A", "S1", "]C1")
    assert (second["kind"], second["lot"]) == ("internal", "A2611-0042")
    assert "check digit" in str(third["error"])


def test_readable_summary_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--today", "2026-06-01", f"(01){GTIN}(17)270131"]) == 0
    out = capsys.readouterr().out
    assert "kind: gs1" in out and f"GTIN: {GTIN}" in out and "2027-01-31" in out


def test_the_summary_reads_a_weight_with_its_decimals_and_unit(capsys: pytest.CaptureFixture[str]) -> None:
    # (3103) 000500 is 0.500 kg: the fourth digit of the AI says how many digits are decimals.
    assert main(["parse", "--today", "2026-06-01", f"(01){GTIN}(3103)000500(3300)001250(10)B1"]) == 0
    out = capsys.readouterr().out
    assert "(3103) 000500  = 0.5 kg" in out and "(3300) 001250  = 1250 kg" in out and "(10) B1\n" in out
    # Every measure of the AI dictionary, in the unit its title names.
    assert main(["parse", "--today", "2026-06-01", f"(01){GTIN}(3202)001500(3150)000075"]) == 0
    out = capsys.readouterr().out
    assert "(3202) 001500  = 15 lb" in out and "(3150) 000075  = 75 l" in out


def test_parse_never_creates_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["parse", "--json", "TD:X1"])
    assert not any((tmp_path / "home").rglob("*.sqlite3"))


def test_installed_command_reads_stdin_and_reports_exit_code(tmp_path: Path) -> None:
    env = {**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "tracedesk", "parse", "--json"],
        input=f"01{GTIN}10L\x1d21S\nnot\x1dgs1\n".encode(),
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    good, bad = _json_lines(done.stdout.decode())
    assert good["fields"] == {"01": GTIN, "10": "L", "21": "S"}
    assert "error" in bad
