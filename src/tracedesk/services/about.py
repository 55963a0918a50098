"""Which TraceDesk this is: the app version, the database's schema revision and the hub's (`--version`, About box).

Read without side effects: a database that does not exist yet is not created, and one from
an older version is not migrated, so `tracedesk --version` can be asked about any file.
Imports stay inside the functions: `tracedesk --version` loads only what it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tracedesk import __version__
from tracedesk.core.errors import DatabaseError, TraceDeskError
from tracedesk.core.messages import Message, msg

if TYPE_CHECKING:
    from tracedesk.services.runtime import Runtime

# Seconds the About box and `--version` wait for the hub: a question, not a sync, so shorter.
HUB_TIMEOUT = 2


@dataclass(frozen=True)
class AboutInfo:
    """What a person reports when asking for help: versions of the app, its database and its hub."""

    version: str
    database: str  # the file, or the URL without its password
    schema: str | None  # the database's revision; None when there is no database yet
    schema_head: str  # the revision this version writes
    schema_known: bool  # this version knows `schema` (it is current or older)
    hub_schema: str | None  # None: no hub (see hub_revision)
    problem: Message | None = None  # why the database could not be read
    hub_asked: bool = False  # the hub's answer is still on its way (the About box asks it apart)

    def lines(self) -> tuple[Message, ...]:
        """One sentence per line, for the command line and the About box alike."""
        lines = [msg("TraceDesk {version}", version=self.version), msg("Database: {database}", database=self.database)]
        if self.problem is not None:
            lines += [msg("Database schema: unknown"), self.problem]
        elif self.schema is None:
            lines.append(msg("Database schema: none yet; it is created at {head} when first opened", head=self.schema_head))
        elif self.schema == self.schema_head:
            lines.append(msg("Database schema: {revision} (current)", revision=self.schema))
        elif self.schema_known:
            lines.append(
                msg(
                    "Database schema: {revision}; it is upgraded to {head} when next opened",
                    revision=self.schema,
                    head=self.schema_head,
                )
            )
        else:
            lines.append(
                msg(
                    "Database schema: {revision}, from a newer version of TraceDesk (this one writes {head})",
                    revision=self.schema,
                    head=self.schema_head,
                )
            )
        if self.hub_asked:
            lines.append(msg("Hub: asking the hub…"))
        elif self.hub_schema is None:
            lines.append(msg("Hub: no hub"))
        else:
            lines.append(msg("Hub schema: {revision}", revision=self.hub_schema))
        return tuple(lines)

    def text(self) -> str:
        """The lines rendered in the process's language, one per line."""
        return "\n".join(str(line) for line in self.lines())


def about(source: Runtime | str, *, ask_hub: bool = True) -> AboutInfo:
    """About the open runtime's database, or about the database at a URL (read-only, never created).

    `ask_hub=False` leaves the hub out (`hub_asked` when there is one): the About box asks it on
    a worker of its own, so the database thread never waits for the network.
    """
    from tracedesk.db.reader import migration_head, migration_revisions

    problem: Message | None = None
    schema: str | None = None
    if isinstance(source, str):
        database = _shown_location(source)
        try:
            schema = _revision_at(source)
        except DatabaseError as error:
            problem = error.message
    else:
        database = _shown_location(source.engine.url.render_as_string(hide_password=False))
        schema = _revision_of_runtime(source)
    # Read from the migration scripts' lines: `--version` loads neither Alembic nor SQLAlchemy.
    head = migration_head()
    if head is None:
        from tracedesk.db.engine import head_revision

        head = head_revision()  # says what is wrong with the installation
    return AboutInfo(
        version=__version__,
        database=database,
        schema=schema,
        schema_head=head,
        schema_known=schema is None or schema in migration_revisions(),
        hub_schema=hub_revision(source) if ask_hub else None,
        problem=problem,
        hub_asked=not ask_hub and bool(_hub_of(source)),
    )


def with_hub(info: AboutInfo, hub_schema: str | None) -> AboutInfo:
    """The lines of `about(..., ask_hub=False)` completed with the hub's answer (see hub_revision)."""
    return replace(info, hub_schema=hub_schema, hub_asked=False)


def _hub_of(source: Runtime | str) -> str:
    return source.station.hub_url if not isinstance(source, str) else _configured_hub()


def hub_revision(source: Runtime | str) -> str | None:
    """The schema revision of the hub this station synchronises with; None while it has no hub.

    For a database named by URL alone (`--version`) the station's settings are read from the
    config directory; the hub is asked with a short time-out (HUB_TIMEOUT), and an unreachable
    one is said so. It waits for the network: never call it on the database or GUI thread.
    """
    url = _hub_of(source)
    if not url:
        return None
    from sqlalchemy import text

    from tracedesk.sync.hub import check_revision, hub_connection, hub_engine

    engine = hub_engine(url, connect_timeout=HUB_TIMEOUT)
    try:
        with hub_connection(engine) as connection:
            connection.execute(text(f"SET statement_timeout = {HUB_TIMEOUT * 1000}"))
            return check_revision(connection, engine.url)
    except TraceDeskError as error:
        return str(msg("{url}: {problem}", url=_shown_location(url), problem=error.message))
    finally:
        engine.dispose()


def _configured_hub() -> str:
    import json

    from tracedesk.paths import AppPaths
    from tracedesk.services.hub_password import full_hub_url

    path = AppPaths.from_environment().config_dir / "station.json"
    try:
        url = str(json.loads(path.read_text("utf-8")).get("hub_url") or "")
    except (OSError, ValueError, AttributeError):
        return ""
    return full_hub_url(path.parent, url)


def _shown_location(url: str) -> str:
    from tracedesk.db.reader import plain_sqlite_path

    plain = plain_sqlite_path(url)
    if plain is not None:
        return str(plain)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from tracedesk.db.engine import sqlite_file

    try:
        path = sqlite_file(url)
        return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        # Not a URL SQLAlchemy understands: shown as typed, less any user and password.
        return re.sub(r"//[^/@]*@", "//", url)


def _revision_at(url: str) -> str | None:
    """The stored revision, read without creating the database or changing a byte of it."""
    from tracedesk.db.reader import plain_sqlite_path, stored_revision

    path = plain_sqlite_path(url)
    if path is None:
        from tracedesk.db.engine import sqlite_file

        path = sqlite_file(url)
    if path is not None:
        return stored_revision(path)
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError

    try:
        # A malformed URL or a missing database driver fails here already.
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError) as error:
        raise DatabaseError(
            "The database {database} cannot be read: {error}",
            database=_shown_location(url),
            error=" ".join(str(getattr(error, "orig", None) or error).split()),
        ) from None


def _revision_of_runtime(runtime: Runtime) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with runtime.reading() as session:
        return MigrationContext.configure(session.connection()).get_current_revision()
