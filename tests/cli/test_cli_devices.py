"""`tracedesk devices`: configure devices in the station's settings and listen to one."""

from __future__ import annotations

import json
import os
import threading
import time
import tty
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PIN
from tracedesk.cli import main


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The station's own database with its first administrator, signed in through the environment."""
    monkeypatch.setenv("TRACEDESK_HOME", str(tmp_path / "home"))
    assert main(["init", "--admin", "admin", "--admin-pin", ADMIN_PIN]) == 0
    monkeypatch.setenv("TRACEDESK_USER", "admin")
    monkeypatch.setenv("TRACEDESK_PIN", ADMIN_PIN)


def test_configuring_a_device_needs_a_signed_in_admin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TRACEDESK_USER")
    capsys.readouterr()
    assert main(["devices", "add", "receiving", "--port", "/dev/ttyACM0"]) == 2
    assert "needs a signed-in user" in capsys.readouterr().err
    assert main(["--user", "admin", "--pin", "0000", "devices", "add", "receiving", "--port", "/dev/ttyACM0"]) == 2
    assert "wrong PIN" in capsys.readouterr().err
    assert main(["devices", "--json"]) == 0  # the listing stays open
    assert json.loads(capsys.readouterr().out)["devices"] == []


def test_added_device_is_listed_and_kept_in_the_config_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices", "add", "receiving", "--port", "/dev/ttyACM0", "--suffix", "crlf", "--gs-substitute", "^]"]) == 0
    assert main(["devices", "add", "dock", "--kind", "rfid", "--usb", "0C2E:0B61", "--suffix", "LF"]) == 0
    capsys.readouterr()
    assert main(["devices", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in listed["devices"]] == ["receiving", "dock"]
    assert listed["devices"][0]["suffix"] == "CRLF"
    assert (tmp_path / "home" / "config" / "devices.json").is_file()
    assert main(["devices", "remove", "receiving"]) == 0
    assert main(["devices", "remove", "receiving"]) == 2
    assert "No device named 'receiving'" in capsys.readouterr().err


def test_bad_device_settings_exit_2_with_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["devices", "add", "x", "--usb", "12"]) == 2
    assert "VID:PID" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs POSIX pseudo-terminals")
def test_device_test_prints_each_scan_parsed(capsys: pytest.CaptureFixture[str]) -> None:
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        assert main(["devices", "add", "bench", "--port", os.ttyname(slave)]) == 0
        capsys.readouterr()

        def scan_later() -> None:
            time.sleep(1.0)  # after the reader has opened (and flushed) the port
            os.write(master, b"TD:A2611-0042\r10ABC\r")

        threading.Thread(target=scan_later, daemon=True).start()
        assert main(["devices", "test", "bench", "--seconds", "3", "--json"]) == 0
        lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert lines[0]["lot"] == "A2611-0042"
        assert "(10)" in lines[1]["error"]
    finally:
        os.close(master)
        os.close(slave)
