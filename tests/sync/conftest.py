"""A real PostgreSQL hub per test: a database created for it and dropped after, with its roles.

The server comes from TRACEDESK_TEST_PG (a URL of a user who may create databases and roles),
by default postgresql://postgres@127.0.0.1:5432/postgres. Without a server the tests are
skipped with a sentence saying so; under CI=true a missing server fails the run instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import ADMIN_PIN
from tests.sync.proxy import CuttingProxy
from tracedesk.core.actor import Actor
from tracedesk.paths import AppPaths
from tracedesk.services.runtime import Runtime, StationSettings
from tracedesk.sync.client import SyncResult, sync_once
from tracedesk.sync.hub import init_hub
from tracedesk.sync.push import StationIdentity

PG_ENV = "TRACEDESK_TEST_PG"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    return os.environ.get(PG_ENV) or DEFAULT_SERVER


def _admin_engine():  # noqa: ANN202
    url = make_url(server_url()).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The server's URL, or a skip (a failure under CI=true) when none answers."""
    engine = _admin_engine()
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any reason the server cannot be used
        sentence = (
            f"No PostgreSQL server for the hub tests ({str(error).splitlines()[0]}); "
            f"set {PG_ENV}=postgresql://USER@HOST:PORT/postgres to a user who may create databases and roles."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(sentence)
        pytest.skip(sentence)
    finally:
        engine.dispose()
    return server_url()


def _url_of(database: str, user: str | None = None) -> str:
    url = make_url(server_url()).set(database=database)
    if user is not None:
        url = url.set(username=user, password=None)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def empty_pg(pg_server: str) -> Iterator[str]:
    """A new, empty database; dropped after the test with every role named after it."""
    name = f"tdhub_{secrets.token_hex(4)}"
    engine = _admin_engine()
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _url_of(name)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles = connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": f"{name}%"}).scalars()
            for role in list(roles):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        engine.dispose()


@pytest.fixture
def hub(empty_pg: str) -> str:
    """A hub at head, reached as its administrator."""
    init_hub(empty_pg)
    return empty_pg


def role_url(hub: str, role: str) -> str:
    """The hub reached as another role (trust authentication on the test server)."""
    return _url_of(make_url(hub).database or "", role)


class Station:
    """A station of the test plant: its own SQLite file and settings, synced with sync_once."""

    def __init__(self, root: Path, code: str, prefix: str, hub: str) -> None:
        self.code = code
        self.hub = hub
        home = root / code
        paths = AppPaths(home / "data", home / "config", home / "logs", home / "backups").ensure()
        self.settings = StationSettings(code=code, name=f"Station {code}", lot_prefix=prefix)
        self.runtime = Runtime.open(f"sqlite:///{home / 'station.sqlite3'}", paths, self.settings)

    @property
    def identity(self) -> StationIdentity:
        return StationIdentity(self.settings.code, self.settings.name, self.settings.lot_prefix)

    def sync(self, url: str | None = None) -> SyncResult:
        return sync_once(url or self.hub, self.runtime.sessions, self.identity)

    def first_admin(self, code: str = "admin") -> Actor:
        return self.runtime.create_first_admin(code=code, name=code.title(), pin=ADMIN_PIN)

    def close(self) -> None:
        self.runtime.close()


@pytest.fixture
def stations(tmp_path: Path, hub: str) -> Iterator[Callable[[str, str], Station]]:
    made: list[Station] = []

    def make(code: str, prefix: str) -> Station:
        station = Station(tmp_path, code, prefix, hub)
        made.append(station)
        return station

    yield make
    for station in made:
        station.close()


@pytest.fixture
def proxy(pg_server: str) -> Iterator[CuttingProxy]:
    url = make_url(pg_server)
    cutter = CuttingProxy(url.host or "127.0.0.1", url.port or 5432)
    yield cutter
    cutter.close()


def through(proxy: CuttingProxy, hub: str) -> str:
    """The hub's URL through the proxy."""
    return make_url(hub).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
