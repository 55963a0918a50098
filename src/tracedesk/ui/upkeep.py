"""The window's care of its database: the daily checked backup on a worker, and saying what state the file is in.

The automatic backup copies the database and runs SQLite's full integrity check on the copy:
on the 1M-lot bench database that takes a quarter of a minute, so it runs on its own thread
(never the GUI thread, never the database worker the scans queue on). It is tried shortly after
start and every hour, and made when the last one is a day old. A copy that fails its check
marks the database damaged: the banner says so with the backup to restore, and every write is
refused from then on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.backups import BackupInfo, auto_backup
from tracedesk.services.runtime import Runtime
from tracedesk.ui.banner import StatusBanner

log = logging.getLogger(__name__)

FIRST_TRY_MS = 60_000  # after start: the window is up and the first scans are in
EVERY_MS = 60 * 60_000


class DatabaseUpkeep(QObject):
    """Runs `auto_backup` off the GUI thread when due; reports through the banner and the status bar."""

    backup_finished = Signal(object)  # BackupInfo | None (not due)
    backup_failed = Signal(str)

    def __init__(
        self, runtime: Runtime, banner: Callable[[], StatusBanner], show_status: object = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self._banner = banner  # the current one: a language switch builds the window again
        self._show_status = show_status  # a callable(str) for the status bar, or None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-backup")
        self._running: Future[BackupInfo | None] | None = None
        self.message: QMessageBox | None = None  # the last message about the file's state (tests read it)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.run_now)
        self.backup_finished.connect(self._finished)
        self.backup_failed.connect(self._failed)

    @property
    def banner(self) -> StatusBanner:
        return self._banner()

    def start(self, first_ms: int = FIRST_TRY_MS, every_ms: int = EVERY_MS) -> None:
        """Say what state the database is in now, then try the daily backup on a schedule."""
        self.report_health()
        if not self.runtime.health.is_damaged:
            QTimer.singleShot(first_ms, self.run_now)
            self._timer.start(every_ms)

    def report_health(self) -> None:
        """A damaged file: the banner and a message with the backup to restore; read-only: the banner."""
        health = self.runtime.health
        if health.is_damaged:
            self.tell_damage()
        elif health.is_read_only:
            try:
                health.check_writable()
            except TraceDeskError as error:
                # The whole sentence (path, reason, what to do) is too long for the banner's two lines.
                self.banner.warning(self.tr("The database is read-only: everything can be read, nothing can be recorded."))
                self.banner.setToolTip(str(error))

    def tell_damage(self) -> None:
        full = str(self.runtime.health.damaged_message())
        self.banner.show_message(
            "refused", self.tr("The database is damaged: TraceDesk records nothing more in it. Restore a backup.")
        )
        self.banner.setToolTip(full)
        # Not modal: the window stays usable for what can still be read.
        self.message = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("The database is damaged"), full, parent=self.banner.window()
        )
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.open()

    def run_now(self) -> Future[BackupInfo | None] | None:
        """Start the automatic backup on the worker unless one is running; its future (tests wait on it)."""
        if self._running is not None and not self._running.done():
            return self._running
        self._running = self._pool.submit(auto_backup, self.runtime)
        self._running.add_done_callback(self._deliver)
        return self._running

    def _deliver(self, future: Future[BackupInfo | None]) -> None:
        # On the worker thread: signals carry the outcome to the GUI thread.
        error = future.exception()
        if error is None:
            self.backup_finished.emit(future.result())
        elif isinstance(error, TraceDeskError):
            self.backup_failed.emit(str(error))
        else:
            log.error("automatic backup failed", exc_info=error)
            self.backup_failed.emit(f"{type(error).__name__}: {error}")

    def _finished(self, backup: BackupInfo | None) -> None:
        if backup is None:
            return
        if backup.is_good:
            if callable(self._show_status):
                self._show_status(self.tr("Backup checked and saved: {0}").format(backup.folder.name))
        else:
            self._timer.stop()
            self.tell_damage()

    def _failed(self, text: str) -> None:
        self.banner.warning(self.tr("The automatic backup could not be made: {0}").format(text))

    def shutdown(self) -> None:
        self._timer.stop()
        # A backup under way finishes before the process ends (its folder gets its name only when
        # complete); the window need not stay open for it.
        self._pool.shutdown(wait=False, cancel_futures=True)
