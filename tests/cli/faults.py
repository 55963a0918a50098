"""Helpers for tests that damage, lock or write-protect a database and run the command on it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tracedesk.cli import main


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`tracedesk ARGS` in this process: exit code, stdout, stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_child(
    args: list[str], home: Path, *, wrap: list[str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`tracedesk ARGS` in a child process (optionally under a wrapper such as setpriv)."""
    env = {**os.environ, "TRACEDESK_HOME": str(home)}
    command = [*(wrap or []), sys.executable, "-m", "tracedesk", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)


def without_override() -> list[str]:
    """A wrapper under which file permissions bind: root normally writes a read-only file regardless."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to bind")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def one_sentence(err: str) -> str:
    """stderr holds exactly one line and no traceback; returns it."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err, err
    assert len(lines) == 1, err
    return lines[0]


def event_count(path: Path) -> int:
    """Events in the file, read without writing a byte (immutable: no WAL, no lock file)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        connection.close()


def pages_of(path: Path, table: str) -> list[int]:
    """The page numbers of a table's b-tree (SQLite's dbstat)."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (table,))]
    finally:
        connection.close()


def overwrite_pages(path: Path, pages: list[int], page_size: int = 4096) -> None:
    """Garbage over whole pages in the middle of the file, as a failing disk leaves them."""
    with path.open("r+b") as handle:
        for number in pages:
            handle.seek((number - 1) * page_size)
            handle.write(bytes((n * 37 + number) % 251 for n in range(page_size)))
