"""Shared fixtures: a real SQLite database in tmp_path, app directories that never touch user data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings as hypothesis_settings  # noqa: E402

# Machines here are shared and noisy: a property test judges behaviour, never speed.
hypothesis_settings.register_profile("tracedesk", deadline=None)
hypothesis_settings.load_profile("tracedesk")

from tracedesk.core.actor import Actor  # noqa: E402
from tracedesk.paths import AppPaths  # noqa: E402
from tracedesk.services.runtime import Runtime, StationSettings  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own TRACEDESK_HOME, so nothing reaches the real user directories."""
    home = tmp_path / "home"
    monkeypatch.setenv("TRACEDESK_HOME", str(home))
    monkeypatch.delenv("TRACEDESK_DB", raising=False)
    monkeypatch.delenv("TRACEDESK_USER", raising=False)
    monkeypatch.delenv("TRACEDESK_PIN", raising=False)
    return home


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Sentences in English whatever the machine's locale; a test that wants Chinese asks for it."""
    from tracedesk.core import messages

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    messages.set_language("en")
    yield
    messages.set_language("en")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'plant.sqlite3'}"


@pytest.fixture
def runtime(db_url: str) -> Iterator[Runtime]:
    paths = AppPaths.from_environment().ensure()
    rt = Runtime.open(db_url, paths, StationSettings(code="ST1", name="Test station", lot_prefix="T"))
    yield rt
    rt.close()


class FixedClock:
    """A settable clock for actors: tests decide what "now" is."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


ADMIN_PIN = "1234"


@pytest.fixture
def admin(runtime: Runtime, clock: FixedClock) -> Actor:
    """The database's first administrator (created the one way a database gets one), acting at ST1."""
    return runtime.create_first_admin(code="admin", name="Admin", pin=ADMIN_PIN, at=Actor("", runtime.station.code, 60, clock))


@pytest.fixture(scope="session")
def analytics_template(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - tests.analytics_plant.Template
    """The half-year analytics plant, built once per run; tests open a copy (analytics_plant.open_copy)."""
    from tests import analytics_plant

    return analytics_plant.build_template(tmp_path_factory.mktemp("analytics-template"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty days of the demo plant, built once per run; tests open a copy (tests.templates.open_copy)."""
    from tests import templates

    return templates.build_demo_template(tmp_path_factory.mktemp("demo-template"))
