"""Who has a database open: every TraceDesk holds a shared lock beside it, a restore an exclusive one.

SQLite cannot say whether another process has a file open, and replacing a database under a
running window would lose what it records next. Each process that opens the database takes a
shared `flock` on `<name>.inuse`; `tracedesk restore` needs the exclusive lock, so it is refused
while a window or a command is open, and they wait for nothing: a process that finds a restore
under way is told so. Where `flock` is missing (Windows) nothing is detected and the user
documentation asks to close TraceDesk first. A folder nobody may write to gets no lock file:
nothing there can be restored anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracedesk.core.errors import DatabaseError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def lock_file(database: Path) -> Path:
    return database.with_name(database.name + ".inuse")


class InUseLock:
    """A lock on `<database>.inuse`, shared by users of the database, exclusive for a restore."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_file(database)
        self._fd: int | None = None

    def share(self) -> None:
        """Mark the database as open by this process; refused while a restore is under way."""
        if not self._lock(exclusive=False):
            raise DatabaseError(
                "A backup is being restored into the database {path}; try again in a moment.", path=str(self.database)
            )

    def take(self) -> bool:
        """The exclusive lock, if no other TraceDesk has the database open (False otherwise)."""
        return self._lock(exclusive=True)

    def _lock(self, *, exclusive: bool) -> bool:
        if fcntl is None or self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:
            return True  # read-only media: nothing can replace the file there
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the lock
            self._fd = None
