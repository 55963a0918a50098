"""Databases built once per run and copied for each test that reads or changes one.

Building a plant through the services is the slow part of many tests (PINs are hashed slowly on
purpose, and a month of history is thousands of events); copying the finished file is not.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tracedesk.core.actor import Actor
from tracedesk.paths import AppPaths
from tracedesk.services.runtime import Runtime, StationSettings

# The station of the shared conftest's `runtime`: a copy opens as if that fixture had built it.
STATION = StationSettings(code="ST1", name="Test station", lot_prefix="T")
# The shared conftest's clock: "now" while a template is built.
BUILT_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def open_template(folder: Path) -> Runtime:
    """A new database in `folder`, with app directories of its own (never the environment's)."""
    paths = AppPaths(folder / "data", folder / "config", folder / "logs", folder / "backups").ensure()
    return Runtime.open(f"sqlite:///{folder / 'template.sqlite3'}", paths, STATION)


def copy_database(source: Path, target: Path) -> str:
    """A consistent copy of the database file `source` at `target`; returns its URL."""
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copied:
        original.backup(copied)
    original.close()
    copied.close()
    return f"sqlite:///{target}"


def open_copy(source: Path, folder: Path) -> Runtime:
    """A runtime on a copy of `source` in `folder`, with the test's app directories."""
    url = copy_database(source, folder / "plant.sqlite3")
    return Runtime.open(url, AppPaths.from_environment().ensure(), STATION)


def build_demo_template(folder: Path) -> Path:
    """Thirty days of the demo plant (services.demo), recorded under the demo's own users."""
    from tests.conftest import FixedClock
    from tracedesk.services.demo import build_demo

    runtime = open_template(folder)
    try:
        admin = Actor("admin", STATION.code, 60, FixedClock(BUILT_AT))
        with runtime.unit_of_work() as s:
            build_demo(s, replace(admin, user=""), days=30, record_station=runtime.record_station)
    finally:
        runtime.close()
    return folder / "template.sqlite3"
