"""A digest of the state tables by what rows mean, not where they were stored: equal at converged stations.

Each station numbers its rows (lot ids, hold ids, local event sequence numbers) in the order
events reached it, so two stations that hold the same facts store different integers. The
fingerprint leaves every surrogate id out and writes each reference as the natural key of what
it points at (a lot's code, an item's code, an order's number, an event's UUID), then hashes
each table's rows as a sorted multiset. Two stations, or a station and a replay of its log into
an empty database, hold the same state exactly when their fingerprints are equal.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from tracedesk.db.models import STATE_TABLES, Base

# The columns that name a row of each table that other tables reference.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "events": ("id",),
    "stations": ("code",),
    "users": ("code",),
    "items": ("code",),
    "parties": ("kind", "code"),
    "locations": ("code",),
    "boms": ("product_id", "version"),
    "lots": ("code",),
    "work_orders": ("number",),
    "recalls": ("code",),
    "complaints": ("code",),
    "advance_notices": ("key",),
    "notice_lines": ("key",),
}

# Besides the projected tables: the stations' names and prefixes, set by station_configured.
_EXTRA = ("stations",)
# Chain heads and local bookkeeping that differ between stations holding the same facts.
_LOCAL_COLUMNS = {("stations", "last_seq"), ("stations", "last_hash")}


def _surrogate(table: Table, column: str) -> bool:
    """An integer id the database made up (the event log's UUIDs are natural; it is not fingerprinted)."""
    return column == "id" and table.name != "events"


class _Keys:
    """Local id -> natural key, per referenced table, filled on first use."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.maps: dict[str, dict[Any, Any]] = {}

    def of(self, table: str, value: Any) -> Any:
        if value is None:
            return None
        if table not in self.maps:
            self.maps[table] = self._load(table)
        return self.maps[table].get(value, ("missing", table, value))

    def _load(self, name: str) -> dict[Any, Any]:
        table = Base.metadata.tables[name]
        key_column = "seq" if name == "events" else "id"
        columns = NATURAL_KEYS[name]
        found: dict[Any, Any] = {}
        for row in self.session.execute(select(table.c[key_column], *(table.c[c] for c in columns))):
            parts = []
            for column, value in zip(columns, row[1:]):
                reference = _reference(table, column)
                parts.append(self.of(reference, value) if reference is not None else value)
            found[row[0]] = tuple(parts) if len(parts) > 1 else parts[0]
        return found


def _reference(table: Table, column: str) -> str | None:
    for fk in table.c[column].foreign_keys:
        return str(fk.column.table.name)
    return None


def table_fingerprint(session: Session, name: str, keys: _Keys | None = None) -> tuple[int, str]:
    """(rows, digest) of one table, by natural keys."""
    keys = keys or _Keys(session)
    table = Base.metadata.tables[name]
    kept = [c.name for c in table.columns if not _surrogate(table, c.name) and (name, c.name) not in _LOCAL_COLUMNS]
    references = {c: _reference(table, c) for c in kept}
    rows = []
    for row in session.execute(select(*(table.c[c] for c in kept))):
        rows.append(
            repr(
                tuple(
                    (column, keys.of(ref, value) if (ref := references[column]) is not None else value)
                    for column, value in zip(kept, row)
                )
            )
        )
    rows.sort()
    digest = hashlib.sha256()
    for text in rows:
        digest.update(text.encode("utf-8"))
        digest.update(b"\n")
    return len(rows), digest.hexdigest()


def state_fingerprints(session: Session) -> dict[str, tuple[int, str]]:
    """(rows, digest) of every state table, by natural keys."""
    keys = _Keys(session)
    return {name: table_fingerprint(session, name, keys) for name in (*STATE_TABLES, *_EXTRA)}


def state_fingerprint(session: Session) -> str:
    """One digest of the whole state: equal at two stations exactly when they hold the same state."""
    digest = hashlib.sha256()
    for name, (count, table_digest) in sorted(state_fingerprints(session).items()):
        digest.update(f"{name}:{count}:{table_digest}\n".encode())
    return digest.hexdigest()
