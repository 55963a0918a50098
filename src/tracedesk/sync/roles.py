"""The hub's database roles: one login role per station, granted the station group role only."""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from tracedesk.core.errors import InvalidInput
from tracedesk.sync.hub import HubRefused, check_revision, hub_connection, hub_engine, shown_url

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def station_group(connection: Connection) -> str:
    """The group role every station role belongs to: `<database>_station`."""
    return str(connection.execute(text("SELECT current_database() || '_station'")).scalar_one())


def reader_group(connection: Connection) -> str:
    """The group role that may read only the ERP/BI views: `<database>_reader`."""
    return str(connection.execute(text("SELECT current_database() || '_reader'")).scalar_one())


def default_role(connection: Connection, station: str) -> str:
    """`<database>_<station code>` in lower case: unique on the server, readable in its logs."""
    database = str(connection.execute(text("SELECT current_database()")).scalar_one())
    return re.sub(r"[^a-z0-9_]", "_", f"{database}_{station}".lower())[:63]


def _quoted(connection: Connection, role: str) -> str:
    return str(connection.execute(text("SELECT quote_ident(:role)"), {"role": role}).scalar_one())


def _create_login(connection: Connection, role: str, password: str | None) -> None:
    if not _ROLE_NAME.match(role):
        raise InvalidInput(
            "{role} is not a usable role name: lower-case letters, digits and _, at most 63, not starting with a digit.",
            role=role,
        )
    exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first()
    quoted = _quoted(connection, role)
    if exists is None:
        connection.execute(text(f"CREATE ROLE {quoted} LOGIN"))
    if password:
        # A password is sent as a literal (DDL takes no parameters), quoted by the server itself.
        literal = connection.execute(text("SELECT quote_literal(:password)"), {"password": password}).scalar_one()
        connection.execute(text(f"ALTER ROLE {quoted} PASSWORD {literal}"))


def add_station(
    url: str, *, station: str, name: str, lot_prefix: str, role: str | None = None, password: str | None = None
) -> str:
    """Register a station with its own login role (run by the hub's administrator); the role's name.

    The role may read the hub and add events for this station only: it is granted the station
    group role, and the hub's functions check that the caller is the station's role.
    """
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            check_revision(connection, engine.url)
            if not connection.execute(text("SELECT tracedesk.is_admin()")).scalar_one():
                raise HubRefused(
                    "Only the hub's administrator (the owner of its schema) adds stations; connect to {url} as that user.",
                    url=shown_url(url),
                )
            role = role or default_role(connection, station)
            taken = connection.execute(
                text("SELECT id FROM tracedesk.stations WHERE role_name = :role AND id <> :id"), {"role": role, "id": station}
            ).scalar()
            if taken is not None:
                raise HubRefused("The role {role} already belongs to station {station} on this hub.", role=role, station=taken)
            _create_login(connection, role, password)
            connection.execute(text(f"GRANT {_quoted(connection, station_group(connection))} TO {_quoted(connection, role)}"))
            connection.execute(
                text("SELECT tracedesk.register_station(:id, :name, :prefix)"),
                {"id": station, "name": name, "prefix": lot_prefix},
            )
            connection.execute(
                text("UPDATE tracedesk.stations SET role_name = :role WHERE id = :id"), {"role": role, "id": station}
            )
        return role
    finally:
        engine.dispose()


def add_reader(url: str, *, role: str, password: str | None = None) -> str:
    """A login role for ERP, Excel or BI that may read only the hub's views (schema tracedesk_erp)."""
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            check_revision(connection, engine.url)
            _create_login(connection, role, password)
            connection.execute(text(f"GRANT {_quoted(connection, reader_group(connection))} TO {_quoted(connection, role)}"))
        return role
    finally:
        engine.dispose()
