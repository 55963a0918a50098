"""The `tracedesk verify` examples of docs/verification.md, typed into a shell as written, reach the
signature check: the label's separator arrives as a separator, not as the four characters \\x1d."""

from __future__ import annotations

import base64
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import first_admin
from tracedesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
CODE = base64.urlsafe_b64encode(bytes([1]) + bytes(64)).decode().rstrip("=")  # 87 characters, no key of ours


def examples() -> list[str]:
    text = (ROOT / "docs" / "verification.md").read_text(encoding="utf-8")
    return [line.split("  #")[0].strip() for line in re.findall(r"^tracedesk verify .*$", text, re.MULTILINE)]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs a POSIX shell")
@pytest.mark.parametrize("line", examples())
def test_each_example_is_an_answer_not_a_refusal(line, tmp_path, capsys):  # noqa: ANN001
    label = f"https://id.gs1.org/01/09501101530010/21/12345?8030={CODE}"  # CODE: a whole scanned label
    line = line.replace("AQ...", CODE).replace(" CODE ", f" {label} ")
    # The shell does the quoting and the escapes; the arguments it passes are what the command gets.
    shown = subprocess.run(
        ["bash", "-c", f'for a in {line.removeprefix("tracedesk ")}; do printf "%s\\0" "$a"; done'],
        capture_output=True,
        check=True,
    ).stdout.decode()
    arguments = shown.split("\0")[:-1]
    assert arguments[0] == "verify", shlex.split(line)
    db = str(tmp_path / "plant.sqlite3")
    assert main([*first_admin(db), "keys", "generate"]) == 0  # the plant has a key; CODE is not its signature
    capsys.readouterr()
    code = main(["--db", db, *arguments])
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "not issued by this plant" in captured.out
