"""The DB-API connection the hot paths send their SQL to.

Only the standard library at import: the command line's quick reads (db.reader) hand the
queries a bare sqlite3 connection, with no session around it, and load no SQLAlchemy at all.
"""

from __future__ import annotations

import sqlite3

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import Any

    from sqlalchemy.orm import Session


def driver(session: Session | sqlite3.Connection) -> Any:
    """The DB-API connection of the session's transaction, pending ORM changes flushed first.

    A bare connection (a quick read) is its own transaction and is returned as it is.
    """
    if isinstance(session, sqlite3.Connection):
        return session
    session.flush()
    return session.connection().connection.driver_connection
