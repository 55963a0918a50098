"""`tracedesk --version`: the app, the database it would open and the hub, quickly and without side effects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tracedesk
from tracedesk.cli import main
from tracedesk.db.engine import head_revision


def test_version_names_the_database_it_would_open_without_creating_it(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plant.sqlite3"
    assert main(["--db", str(path), "--version"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"TraceDesk {tracedesk.__version__}",
        f"Database: {path}",
        f"Database schema: none yet; it is created at {head_revision()} when first opened",
        "Hub: no hub",
    ]
    assert not path.exists()


def test_version_of_a_database_in_use(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = tmp_path / "plant.sqlite3"
    assert main(["--db", str(path), "init", "--station-name", "Dock 1"]) == 0
    capsys.readouterr()
    assert main([f"--db={path}", "--version"]) == 0
    assert f"Database schema: {head_revision()} (current)" in capsys.readouterr().out.splitlines()


def test_version_after_a_subcommand_is_the_subcommand_s_business(capsys) -> None:  # noqa: ANN001
    # `parse` has no --version: argparse refuses it instead of the version being printed.
    with pytest.raises(SystemExit) as stop:
        main(["parse", "--version"])
    assert stop.value.code == 2
    assert "TraceDesk" not in capsys.readouterr().out


def test_version_loads_no_subcommand_and_no_mapped_classes(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tracedesk.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'x.sqlite3')!r}, '--version']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('tracedesk.commands.', 'tracedesk.db.models', 'PySide6')))\n"
        # The context and the quick reader of the command line itself; no subcommand's module.
        "assert loaded == ['tracedesk.commands._context', 'tracedesk.commands._quick'], loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
