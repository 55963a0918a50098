"""Rows another row refers to, read by key; a sentence instead of a crash when the database has lost one."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from tracedesk.core.errors import DatabaseError
from tracedesk.db.models import Base

M = TypeVar("M", bound=Base)


def referenced(session: Session, model: type[M], key: Any) -> M:
    """The row of `model` with primary key `key`, which a foreign key (or an event) says exists.

    Foreign keys keep such rows in place, so a miss means a damaged or hand-edited database:
    the person is told how to check it rather than shown a traceback.
    """
    row = session.get(model, key)
    if row is None:
        raise DatabaseError(
            "The database has lost the {table} record {key} that another record refers to; check it with tracedesk audit verify.",
            table=model.__tablename__,
            key=key,
        )
    return row
