"""An open TraceDesk database with this station's identity: what the GUI and CLI hold on to."""

from __future__ import annotations

import json
import secrets
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.actor import Actor, local_utc_offset_minutes
from tracedesk.core.errors import InvalidInput
from tracedesk.core.files import write_json_atomically
from tracedesk.core.numbering import DEFAULT_PATTERN, NumberingRule
from tracedesk.core.status import Role
from tracedesk.db.engine import health_of, make_read_sessionmaker, make_sessionmaker, open_database, sqlite_file
from tracedesk.db.health import DatabaseHealth
from tracedesk.db.inuse import InUseLock
from tracedesk.db.models import Station
from tracedesk.paths import AppPaths
from tracedesk.services.events import apply_event

SYSTEM_USER = "system"


@contextmanager
def reading(read_sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work that only reads (events.apply_events refuses to record in it); rolled back."""
    with read_sessions() as session:
        yield session


@dataclass(frozen=True)
class StationSettings:
    """This workstation's identity, kept in the config directory so it survives a new database."""

    code: str
    name: str
    lot_prefix: str = "L"
    numbering: str = DEFAULT_PATTERN

    @classmethod
    def load_or_create(cls, path: Path) -> StationSettings:
        if path.exists():
            try:
                return cls(**json.loads(path.read_text("utf-8")))
            except (ValueError, TypeError) as error:
                raise InvalidInput(f"The station settings in {path} are damaged ({error}); fix or delete the file.") from None
        settings = cls(code="ST" + secrets.token_hex(3).upper(), name=socket.gethostname() or "Station")
        settings.save(path)
        return settings

    def save(self, path: Path) -> None:
        write_json_atomically(path, asdict(self))

    @property
    def rule(self) -> NumberingRule:
        return NumberingRule(self.lot_prefix, self.numbering)


class Runtime:
    """The engine, the session factory and the station; opened once per process."""

    def __init__(self, engine: Engine, paths: AppPaths, station: StationSettings, in_use: InUseLock | None = None) -> None:
        self.engine = engine
        self.paths = paths
        self.station = station
        self.sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self.read_sessions: sessionmaker[Session] = make_read_sessionmaker(engine)
        self._in_use = in_use

    @classmethod
    def open(cls, url: str, paths: AppPaths, station: StationSettings | None = None) -> Runtime:
        """Open (create or migrate) the database and make sure it knows this station.

        A damaged or read-only database opens for reading: nothing is recorded at open, and
        `health` says why writes will be refused.
        """
        station = station or StationSettings.load_or_create(paths.config_dir / "station.json")
        path = sqlite_file(url)
        in_use = InUseLock(path) if path is not None else None
        new_folder = path is not None and not path.parent.is_dir()
        if in_use is not None and not new_folder:
            in_use.share()
        try:
            runtime = cls(open_database(url, backup_dir=paths.backup_dir), paths, station, in_use)
            if in_use is not None and new_folder:
                in_use.share()  # the folder exists now that the database was created in it
        except BaseException:
            if in_use is not None:
                in_use.release()
            raise
        if runtime.health.may_write:
            try:
                runtime.register_station()
            except BaseException:
                runtime.close()
                raise
        return runtime

    @property
    def database_file(self) -> Path | None:
        """The SQLite file (None for another kind of database)."""
        return sqlite_file(str(self.engine.url)) if self.health.path is None else self.health.path

    @property
    def health(self) -> DatabaseHealth:
        """Whether the database may be written, and if not, why (read-only media, damage)."""
        return health_of(self.engine)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self._faults_said(), self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: a consistent snapshot that never blocks a writer."""
        with self._faults_said(), reading(self.read_sessions) as session:
            yield session

    @contextmanager
    def _faults_said(self) -> Iterator[None]:
        # SQL the services send straight to the driver (the hot paths) raises the driver's
        # errors: a locked, damaged or full file becomes the same sentence as elsewhere.
        try:
            yield
        except sqlite3.Error as error:
            fault = self.health.fault(error)
            if fault is None:
                raise
            raise fault from None

    def system_actor(self) -> Actor:
        return Actor(SYSTEM_USER, Role.ADMIN, self.station.code, local_utc_offset_minutes())

    def actor_for(self, user: str, role: Role) -> Actor:
        return Actor(user, role, self.station.code, local_utc_offset_minutes())

    def cli_actor(self, user: str | None, pin: str | None) -> Actor:
        """The command line acts as a signed-in user when one is named, else as the system."""
        if not user:
            return self.system_actor()
        from tracedesk.services.users import sign_in

        with self.unit_of_work() as session:
            account = sign_in(session, self.system_actor(), user, pin or "")
        return self.actor_for(account.code, account.role)

    def register_station(self, settings: StationSettings | None = None) -> None:
        """Record the station's name, prefix and numbering rule when the database lacks or differs."""
        if settings is not None:
            self.station = settings
        with self.unit_of_work() as session:
            row = session.get(Station, self.station.code)
            wanted = (self.station.name, self.station.lot_prefix, self.station.numbering)
            if row is None or (row.name, row.lot_prefix, row.numbering) != wanted:
                _ = self.station.rule  # validates the pattern before it is recorded
                apply_event(
                    session,
                    self.system_actor(),
                    "station_configured",
                    {
                        "station": self.station.code,
                        "name": self.station.name,
                        "lot_prefix": self.station.lot_prefix,
                        "numbering": self.station.numbering,
                    },
                )

    def with_station(self, **changes: str) -> StationSettings:
        settings = replace(self.station, **changes)
        _ = settings.rule  # refuse a bad prefix or pattern before anything is saved
        settings.save(self.paths.config_dir / "station.json")
        self.register_station(settings)
        return settings

    def close(self) -> None:
        self.engine.dispose()
        if self._in_use is not None:
            self._in_use.release()
