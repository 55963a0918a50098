"""A scratch SQLite file where an import keeps what it has planned, so memory stays bounded.

A million-lot import plans a million events before it applies the first (all or nothing,
and the signature goes first with the count). Held in Python, their payload texts alone were
hundreds of megabytes; here they are written in batches to a private file beside the database,
sorted by SQLite's external sorter and read back through a cursor. The file is nobody's
database: it has no journal, is never synchronised, and goes when the import ends. Beside the
database rather than in the temporary folder: that is often memory (tmpfs), which would undo
the bound, and a disk that fills up is then the database's own, which its message names.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BATCH = 20_000
# The scratch file's page cache, and so about what its sorter holds before spilling to disk.
CACHE_KIB = 16_384


def sort_key(value: Any) -> Any:
    """A draft's sort key as SQLite orders it like Python: times as their UTC text, numbers as they are."""
    if isinstance(value, datetime):
        # isoformat pads the year to four digits, so the texts sort as the instants do.
        return value.astimezone(UTC).isoformat(timespec="microseconds")[:26]
    return value


class Spool:
    """Planned events per table, kept on disk until applied in (table, sort key, planned) order."""

    def __init__(self, near: Path | None = None) -> None:
        """A spool in a private folder inside `near` (the temporary folder when None)."""
        self._folder = tempfile.TemporaryDirectory(prefix="tracedesk-import-", dir=near)
        self.connection = sqlite3.connect(Path(self._folder.name) / "spool.sqlite3", isolation_level=None)
        # Exclusive: no other connection opens it, and each statement need not take and check the
        # file lock again (a lookup per row of a million-row import).
        pragmas = (
            "locking_mode = EXCLUSIVE",
            "journal_mode = OFF",
            "synchronous = OFF",
            f"cache_size = -{CACHE_KIB}",
            "temp_store = FILE",
        )
        for pragma in pragmas:
            self.connection.execute(f"PRAGMA {pragma}")
        self.connection.execute("CREATE TABLE drafts (rank INTEGER, key, type TEXT, payload TEXT)")
        self._pending: list[tuple[int, Any, str, str]] = []
        self.count = 0

    def add(self, rank: int, key: Any, event_type: str, payload: str) -> None:
        self._pending.append((rank, sort_key(key), event_type, payload))
        self.count += 1
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self.connection.executemany("INSERT INTO drafts VALUES (?, ?, ?, ?)", self._pending)
            self._pending = []

    def batches(self, size: int) -> Iterator[list[tuple[str, str]]]:
        """Every draft as (type, payload text), in the order they are applied, `size` at a time."""
        self._flush()
        cursor = self.connection.execute("SELECT type, payload FROM drafts ORDER BY rank, key, rowid")
        while batch := cursor.fetchmany(size):
            yield batch
        cursor.close()

    def close(self) -> None:
        self.connection.close()
        self._folder.cleanup()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
