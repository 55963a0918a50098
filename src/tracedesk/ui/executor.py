"""One database worker thread: every unit of work runs there, results come back by queued signal."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.errors import DatabaseError, TraceDeskError
from tracedesk.db.health import DatabaseLocked
from tracedesk.services.runtime import reading

T = TypeVar("T")
log = logging.getLogger(__name__)


class DbExecutor(QObject):
    """Serialises database work on one worker thread; each job gets its own transaction.

    `run(work, on_done, on_error)` calls the callbacks on the GUI thread: the executor lives
    there, and a signal emitted from the worker thread is queued to it.
    """

    finished = Signal(object, object, object)  # callback, value, error
    busy_changed = Signal(bool)
    # Another program held the write lock past the busy timeout: retry `attempt` of `attempts`
    # is about to run. The window says so only now; a short wait passes unnoticed.
    waiting = Signal(int, int)
    # Pauses before each retry of a job that found the database locked (after SQLite's own
    # busy timeout, 10 s, ran out each time).
    retry_pauses: tuple[float, ...] = (0.5, 2.0, 5.0)

    def __init__(
        self, sessions: sessionmaker[Session], read_sessions: sessionmaker[Session] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._read_sessions = read_sessions
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-db")
        self._pending = 0
        self._closed = False
        self.finished.connect(self._deliver)

    def submit(self, work: Callable[[Session], T], *, read_only: bool = False) -> Future[T]:
        """Queue `work`; a read-only job runs in a snapshot that never blocks another station's writer."""

        def once() -> T:
            if read_only and self._read_sessions is not None:
                with reading(self._read_sessions) as session:
                    return work(session)
            with self._sessions.begin() as session:
                return work(session)

        def run() -> T:
            # A lock is found at BEGIN, before the job has done anything: running it again is safe.
            for attempt, pause in enumerate(self.retry_pauses, start=1):
                try:
                    return once()
                except DatabaseLocked:
                    self.waiting.emit(attempt, len(self.retry_pauses))
                    time.sleep(pause)
            return once()

        return self._pool.submit(run)

    def run(
        self,
        work: Callable[[Session], T],
        on_done: Callable[[T], Any] | None = None,
        on_error: Callable[[TraceDeskError], Any] | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """Run `work` on the worker thread; exactly one of the callbacks follows on the GUI thread.

        After `shutdown` (the window is closing) nothing more is queued: a timer that fires late
        (a poll, a sync status) has nobody left to answer.
        """
        if self._closed:
            return
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        future = self.submit(work, read_only=read_only)

        def done(f: Future[T]) -> None:
            error = f.exception()
            if error is not None and not isinstance(error, TraceDeskError):
                log.exception("database work failed", exc_info=error)
                error = DatabaseError("The database could not do this: {error}", error=error)
            self.finished.emit((on_done, on_error), None if error else f.result(), error)

        future.add_done_callback(done)

    def _deliver(self, callbacks: tuple[Any, Any], value: object, error: object) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        on_done, on_error = callbacks
        if error is None:
            if on_done is not None:
                on_done(value)
        elif on_error is not None:
            on_error(error)
        else:
            log.warning("unhandled database error: %s", error)

    @property
    def is_idle(self) -> bool:
        return self._pending == 0 and not self._closed

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
