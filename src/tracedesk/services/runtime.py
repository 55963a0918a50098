"""An open TraceDesk database with this station's identity: what the GUI and CLI hold on to."""

from __future__ import annotations

import json
import secrets
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.actor import Actor, local_utc_offset_minutes
from tracedesk.core.errors import InvalidInput
from tracedesk.core.files import write_json_atomically
from tracedesk.core.numbering import DEFAULT_PATTERN, NumberingRule
from tracedesk.db.engine import driver_reading, health_of, make_read_sessionmaker, make_sessionmaker, open_database, sqlite_file
from tracedesk.db.health import DatabaseHealth
from tracedesk.db.inuse import InUseLock
from tracedesk.db.models import Station, User
from tracedesk.paths import AppPaths
from tracedesk.services.events import apply_event
from tracedesk.services.hub_password import full_hub_url, split_password, store_hub_password
from tracedesk.services.permissions import Action, acting_user, require


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
    # The plant's hub this station syncs with (`tracedesk hub connect URL`); empty: none.
    hub_url: str = ""
    # Seconds between two background syncs in the GUI.
    sync_interval: int = 5

    @classmethod
    def load_or_create(cls, path: Path) -> StationSettings:
        """The settings in `path` (the hub's password put back from its own file), or new ones saved there."""
        if path.exists():
            try:
                settings = cls(**json.loads(path.read_text("utf-8")))
            except (ValueError, TypeError) as error:
                raise InvalidInput(
                    "The station settings in {path} are damaged ({error}); fix or delete the file.", path=path, error=error
                ) from None
            if split_password(settings.hub_url)[1]:
                # Written by an older version with the password in it: moved out now, where the
                # folder may be written (a read-only one keeps working as it was).
                with suppress(OSError):
                    settings.save(path)
                return settings
            return replace(settings, hub_url=full_hub_url(path.parent, settings.hub_url))
        settings = cls(code="ST" + secrets.token_hex(3).upper(), name=socket.gethostname() or "Station")
        settings.save(path)
        return settings

    def save(self, path: Path) -> None:
        """Write the settings; a password in the hub's address goes to its own file (services.hub_password)."""
        bare, password = split_password(self.hub_url)
        store_hub_password(path.parent, bare, password)
        write_json_atomically(path, asdict(replace(self, hub_url=bare)))

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
        """Open (create or migrate) the database; nothing is recorded (see record_station).

        A damaged or read-only database opens for reading: `health` says why writes will be refused.
        """
        station = station or StationSettings.load_or_create(paths.config_dir / "station.json")
        path = sqlite_file(url)
        in_use = InUseLock(path) if path is not None else None
        new_folder = path is not None and not path.parent.is_dir()
        if in_use is not None and not new_folder:
            in_use.share()
        try:
            runtime = cls(open_database(url, backup_dir=paths.backup_dir, station=station.code), paths, station, in_use)
            if in_use is not None and new_folder:
                in_use.share()  # the folder exists now that the database was created in it
        except BaseException:
            if in_use is not None:
                in_use.release()
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
    def driver_reading(self) -> Iterator[Session | sqlite3.Connection]:
        """A read for the services that take a bare connection (services.trace): the pooled
        SQLite connection without a session around it (db.engine.driver_reading); a hub's
        PostgreSQL database is read in a session, as `reading` does."""
        if self.engine.dialect.name != "sqlite":
            with self.reading() as session:
                yield session
            return
        with self._faults_said(), driver_reading(self.engine) as connection:
            yield connection

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

    def station_actor(self) -> Actor:
        """Nobody in particular at this station: the station's clock and calendar for reads.

        It records nothing: every service that records or exports refuses an actor without a user.
        """
        return Actor("", self.station.code, local_utc_offset_minutes())

    def actor_for(self, user: str) -> Actor:
        """The actor of a user at this station (who they are; what they may do is the user store's answer)."""
        return Actor(user, self.station.code, local_utc_offset_minutes())

    def has_users(self) -> bool:
        with self.reading() as session:
            return session.scalar(select(User.id).limit(1)) is not None

    def sign_in(self, user: str, pin: str) -> Actor:
        """Check the user's PIN in a unit of work of its own; the signed-in actor, or a refusal.

        A wrong PIN is remembered for the lock-out although the refusal rolls everything else
        back (see services.sign_in_guard). Once signed in, the station's configuration is
        recorded under this user if the database lacks it (see record_station).
        """
        from tracedesk.services.users import sign_in

        with self.unit_of_work() as session:
            account = sign_in(session, self.actor_for(user.strip()), user, pin)
            actor = self.actor_for(account.code)
            self.record_station(session, actor)
        return actor

    def create_first_admin(self, *, code: str, name: str, pin: str, at: Actor | None = None) -> Actor:
        """The first administrator of a database without users, and this station's configuration, in one transaction."""
        from tracedesk.services.users import create_first_admin

        at = at or self.station_actor()
        with self.unit_of_work() as session:
            account = create_first_admin(session, at, code=code, name=name, pin=pin)
            actor = replace(at, user=account.code)
            self.record_station(session, actor)
        return actor

    def record_station(self, session: Session, actor: Actor) -> bool:
        """Record this station's name, lot-code prefix and numbering rule, when the database lacks or differs.

        Recorded by a named user, never by the program on its own: the first administrator as it
        is created, or the first user who signs in at a station the database does not know yet
        (a new database, a station joining a plant), or an admin changing the settings. Opening
        a database writes nothing, so a read-only answer (`trace`) never records anything.
        Returns whether anything was recorded.
        """
        row = session.get(Station, self.station.code)
        wanted = (self.station.name, self.station.lot_prefix, self.station.numbering)
        if row is not None and (row.name, row.lot_prefix, row.numbering) == wanted:
            return False
        _ = self.station.rule  # validates the pattern before it is recorded
        acting_user(session, actor)
        apply_event(
            session,
            actor,
            "station_configured",
            {
                "station": self.station.code,
                "name": self.station.name,
                "lot_prefix": self.station.lot_prefix,
                "numbering": self.station.numbering,
            },
        )
        return True

    def station_is_recorded(self) -> bool:
        """Whether the database holds this station's current configuration."""
        with self.reading() as session:
            row = session.get(Station, self.station.code)
            return row is not None and (row.name, row.lot_prefix, row.numbering) == (
                self.station.name,
                self.station.lot_prefix,
                self.station.numbering,
            )

    def with_station(self, actor: Actor, **changes: Any) -> StationSettings:
        """Change this station's name, prefix or numbering: an admin's decision, recorded under their name."""
        settings = replace(self.station, **changes)
        _ = settings.rule  # refuse a bad prefix or pattern before anything is saved
        with self.unit_of_work() as session:
            require(session, actor, Action.MASTER_DATA)
            previous, self.station = self.station, settings
            try:
                self.record_station(session, actor)
            except BaseException:
                self.station = previous
                raise
        settings.save(self.paths.config_dir / "station.json")
        return settings

    def close(self) -> None:
        self.engine.dispose()
        if self._in_use is not None:
            self._in_use.release()
