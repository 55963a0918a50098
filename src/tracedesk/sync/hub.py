"""Opening the hub (PostgreSQL): connecting, creating or upgrading its schema, refusing a newer one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from tracedesk.core.addresses import without_password
from tracedesk.core.errors import DatabaseError, InvalidInput, Refused
from tracedesk.core.messages import msg

HUB_MIGRATIONS_DIR = Path(__file__).with_name("hub_migrations")
SCHEMA = "tracedesk"
# Seconds a station waits for the hub before it says the hub is unreachable and goes on offline.
CONNECT_TIMEOUT = 5


class HubUnreachable(DatabaseError):
    """The hub cannot be reached or the connection broke: the station goes on working offline."""


class HubRefused(Refused):
    """The hub refused what the station sent or asked (chain, role, prefix, version)."""


def hub_url(url: str) -> URL:
    """The SQLAlchemy URL of a hub given as postgresql://... (psycopg 3 is the driver)."""
    try:
        parsed = make_url(url.strip())
    except (ArgumentError, ValueError):  # ValueError: a port that is no number
        raise InvalidInput(
            "{url} is not a hub address; give one like postgresql://station@server/tracedesk?sslmode=require.",
            url=without_password(url),
        ) from None
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise InvalidInput(
            "{url} is not a PostgreSQL address; a hub is a PostgreSQL database (postgresql://user@server/database).",
            url=shown_url(url),
        )
    return parsed.set(drivername="postgresql+psycopg")


def shown_url(url: str | URL) -> str:
    """The address without its password, as a person may read it."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
        return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return without_password(str(url))


def hub_engine(url: str, *, connect_timeout: int = CONNECT_TIMEOUT) -> Engine:
    """An engine on the hub; connects lazily, gives up after `connect_timeout` seconds (2 at least)."""
    return create_engine(
        hub_url(url),
        connect_args={"connect_timeout": max(2, connect_timeout), "application_name": "tracedesk"},
        pool_pre_ping=True,
    )


def _alembic_config(engine: Engine | None = None) -> Config:
    # Alembic finds its scripts by file path, so a frozen build ships this folder as data.
    config = Config()
    config.set_main_option("script_location", str(HUB_MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def hub_head_revision() -> str:
    """The hub schema revision this version of TraceDesk writes."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:
        raise DatabaseError("This installation of TraceDesk has no hub migrations; reinstall TraceDesk.")
    return head


def known_hub_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def stored_hub_revision(connection: Connection) -> str | None:
    """The hub's schema revision, None for a database without a hub schema."""
    exists = connection.execute(text("SELECT to_regclass('tracedesk.alembic_version') IS NOT NULL")).scalar()
    if not exists:
        return None
    value = connection.execute(text("SELECT version_num FROM tracedesk.alembic_version")).scalar()
    return None if value is None else str(value)


def unreachable(url: str | URL, error: BaseException) -> HubUnreachable:
    """The sentence for a hub that cannot be reached (or a connection that broke)."""
    reason = str(getattr(error, "orig", None) or error).strip().splitlines()
    return HubUnreachable(
        "The hub {url} cannot be reached ({reason}); the station goes on working offline and syncs when it is back.",
        url=shown_url(url),
        reason=reason[0] if reason else type(error).__name__,
    )


@contextmanager
def hub_connection(engine: Engine) -> Iterator[Connection]:
    """One transaction on the hub; a hub that cannot be reached or that cuts the line becomes HubUnreachable."""
    try:
        with engine.begin() as connection:
            yield connection
    except DBAPIError as error:
        refusal = refusal_of(error)
        if refusal is not None:
            raise refusal from None
        if error.connection_invalidated or _is_connection_error(error):
            raise unreachable(engine.url, error) from None
        raise
    except SQLAlchemyError as error:
        if _is_connection_error(error):
            raise unreachable(engine.url, error) from None
        raise


def _is_connection_error(error: BaseException) -> bool:
    import psycopg

    original = getattr(error, "orig", error)
    return isinstance(original, psycopg.OperationalError | psycopg.InterfaceError) and not isinstance(
        original, psycopg.errors.QueryCanceled
    )


def check_revision(connection: Connection, url: str | URL) -> str:
    """The hub's revision if this version can use it; refuses a hub without a schema or from a newer version."""
    revision = stored_hub_revision(connection)
    if revision is None:
        raise HubRefused(
            "The database {url} is not a TraceDesk hub yet; its administrator creates one with `tracedesk hub init URL`.",
            url=shown_url(url),
        )
    if revision not in known_hub_revisions():
        raise HubRefused(
            "The hub {url} was written by a newer version of TraceDesk (hub schema {revision}); "
            "install that version on this station. Nothing was changed.",
            url=shown_url(url),
            revision=revision,
        )
    if revision != hub_head_revision():
        raise HubRefused(
            "The hub {url} has an older schema ({revision}); its administrator upgrades it with `tracedesk hub init URL`.",
            url=shown_url(url),
            revision=revision,
        )
    return revision


def init_hub(url: str) -> tuple[str | None, str]:
    """Create or upgrade the hub schema; (revision before, revision now). A newer hub is left alone."""
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            before = stored_hub_revision(connection)
            if before is not None and before not in known_hub_revisions():
                raise HubRefused(
                    "The hub {url} was written by a newer version of TraceDesk (hub schema {revision}); "
                    "this version cannot upgrade it. Nothing was changed.",
                    url=shown_url(url),
                    revision=before,
                )
            connection.execute(text("CREATE SCHEMA IF NOT EXISTS tracedesk"))
        if before != hub_head_revision():
            try:
                command.upgrade(_alembic_config(engine), "head")
            except DBAPIError as error:
                if _is_connection_error(error):
                    raise unreachable(url, error) from None
                raise HubRefused(
                    "The hub schema could not be created in {url} ({reason}); the user in the address must own "
                    "the database and may create roles.",
                    url=shown_url(url),
                    reason=str(error.orig).strip().splitlines()[0],
                ) from None
        return before, hub_head_revision()
    finally:
        engine.dispose()


def refusal_of(error: BaseException) -> HubRefused | None:
    """The hub's own refusal behind a database error (SQLSTATE TDHnn raised by its functions,
    the parameters in DETAIL as JSON), as a sentence; None for any other error."""
    original: Any = getattr(error, "orig", None) or error
    diag = getattr(original, "diag", None)
    state = str(getattr(diag, "sqlstate", None) or "")
    if not state.startswith("TDH"):
        return None
    try:
        found = json.loads(diag.message_detail or "{}") if diag is not None else {}
    except ValueError:
        found = {}
    p: dict[str, Any] = {
        key: found.get(key, "?") for key in ("id", "station", "station_seq", "type", "expected", "role", "prefix")
    }
    event = msg(
        "event {id} (station {station}, sequence {sequence}, {type})",
        id=p["id"],
        station=p["station"],
        sequence=p["station_seq"],
        type=p["type"],
    )
    if state == "TDH02":
        return HubRefused(
            "The hub refused: the database role {role} may not act for station {station}; "
            "each station connects as its own role (see `tracedesk hub add-station`).",
            role=p["role"],
            station=p["station"],
        )
    if state == "TDH03":
        return HubRefused(
            "The hub refused {event}: it does not continue the chain the hub holds for this station "
            "(the hub expects sequence {expected}); the local history was changed.",
            event=event,
            expected=p["expected"],
        )
    if state == "TDH04":
        return HubRefused("The hub refused {event}: it does not match its hash.", event=event)
    if state == "TDH05":
        return HubRefused(
            "The hub refused {event}: it differs from the copy the hub holds; the local history was edited after it was synced.",
            event=event,
        )
    if state == "TDH06":
        return HubRefused(
            "Station {station} is not registered on the hub, and the role {role} may not register it; "
            "the hub's administrator adds it with `tracedesk hub add-station`.",
            station=p["station"],
            role=p["role"],
        )
    if state == "TDH07":
        return HubRefused(
            "The lot-code prefix {prefix} is already used by station {station} on this hub; "
            "choose another prefix for this station in its settings.",
            prefix=p["prefix"],
            station=p["station"],
        )
    return HubRefused("The hub never changes or deletes an event.")
