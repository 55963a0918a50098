"""SIGKILL a writer at random moments, many times over; then prove nothing it acknowledged is lost.

Shared by the test suite (a few dozen kills) and `make soak` (a thousand).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tests.crash.writer import STATION
from tracedesk.db.health import damage_marker
from tracedesk.db.models import Lot
from tracedesk.paths import AppPaths
from tracedesk.services import masterdata
from tracedesk.services.audit import verify_log
from tracedesk.services.runtime import Runtime

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class KillReport:
    kills: int
    killed_before_first_commit: int
    acknowledged: int
    lots: int
    events: int


def prepare(database: Path) -> None:
    """The master data the writer needs: an item, a supplier, the administrator."""
    runtime = Runtime.open(f"sqlite:///{database}", AppPaths.from_environment().ensure(), STATION)
    try:
        who = runtime.create_first_admin(code="admin", name="Admin", pin="1234")
        with runtime.unit_of_work() as session:
            masterdata.create_item(session, who, code="FLOUR", name="Flour", unit="kg", kind="raw")
            masterdata.create_party(session, who, kind="supplier", code="MILL", name="Mill")
    finally:
        runtime.close()


def run_kills(database: Path, kills: int, seed: int = 1) -> KillReport:
    """Start writers one after another on `database`, SIGKILL each at a random moment."""
    prepare(database)
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.writer", "zygote", str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    acknowledged: set[str] = set()
    early = 0
    try:
        assert zygote.stdout.readline().strip() == "READY"
        for run in range(kills):
            zygote.stdin.write(f"go {run}\n")
            zygote.stdin.flush()
            pid = int(zygote.stdout.readline().split()[1])
            if rng.random() < 0.2:
                # During start-up: opening, WAL recovery after the last kill, registering the station.
                time.sleep(rng.uniform(0, 0.08))
                early += 1
            else:
                line = zygote.stdout.readline()
                if line.startswith("ACK"):
                    acknowledged.update(line.split()[1:])
                time.sleep(rng.uniform(0, 0.15))
            os.kill(pid, signal.SIGKILL)
            while not (line := zygote.stdout.readline()).startswith("DEAD"):
                assert line, "the zygote ended"
                if line.startswith("ACK"):
                    acknowledged.update(line.split()[1:])
            status = int(line.split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"writer {pid} ended by itself ({status})"
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=60)
        zygote.stdout.close()
    return _check(database, kills, early, acknowledged)


def _check(database: Path, kills: int, early: int, acknowledged: set[str]) -> KillReport:
    assert not damage_marker(database).exists()
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    runtime = Runtime.open(f"sqlite:///{database}", AppPaths.from_environment().ensure(), STATION)
    try:
        with runtime.reading() as session:
            present = set(session.scalars(select(Lot.code)))
            lost = acknowledged - present
            assert not lost, f"{len(lost)} acknowledged lots are missing, e.g. {sorted(lost)[:5]}"
            report = verify_log(session)
            assert report.is_intact, (report.chain.problem, report.replay_differences)
            return KillReport(kills, early, len(acknowledged), len(present), report.chain.checked)
    finally:
        runtime.close()
