"""Background sync with the hub: on its own thread every few seconds, its state in the status bar.

Sync runs on a thread of its own, never the GUI thread and never the database worker that
scans queue on; it pulls in small batches, so the SQLite write lock it takes is short and a
scan recorded meanwhile waits at most a few milliseconds (bench/sync_bench.py measures it).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.errors import TraceDeskError
from tracedesk.db.models import Event
from tracedesk.services.runtime import Runtime
from tracedesk.sync.client import SyncResult, connect, sync_once
from tracedesk.sync.hub import HubUnreachable
from tracedesk.sync.push import StationIdentity

log = logging.getLogger(__name__)

# Events pulled per local transaction in the background: the write lock a scan may wait for stays short.
BACKGROUND_PULL_BATCH = 200


@dataclass(frozen=True)
class SyncState:
    """What the status bar says: whether the hub answered, when the last sync was, what waits to be sent."""

    has_hub: bool
    reachable: bool | None = None  # None: not asked yet
    last_sync: datetime | None = None
    waiting: int = 0
    problem: str = ""
    pulled: int = 0


class BackgroundSync(QObject):
    """Runs `sync_once` on its own thread every `interval` seconds while the station has a hub."""

    state_changed = Signal(object)  # SyncState
    events_pulled = Signal(int)
    connect_failed = Signal(str)
    _done = Signal(object, int, str)
    _connected = Signal(str, int, str)

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-sync")
        self._running: Future[tuple[SyncResult | None, int, str]] | None = None
        self.state = SyncState(has_hub=bool(runtime.station.hub_url))
        self._head = 0  # this station's head on the hub at the last sync that reached it
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._connected.connect(self._keep_hub, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._timer.start(max(1, self.runtime.station.sync_interval) * 1000)
        QTimer.singleShot(0, self.sync_now)

    def set_interval(self, seconds: int) -> None:
        self._timer.setInterval(max(1, seconds) * 1000)

    def sync_now(self) -> None:
        """Start a round unless one is running or the station has no hub."""
        url = self.runtime.station.hub_url
        if not url:
            if self.state.has_hub:
                self._set(SyncState(has_hub=False))
            return
        if self._running is not None and not self._running.done():
            return
        station = self.runtime.station
        identity = StationIdentity(station.code, station.name, station.lot_prefix)
        sessions = self.runtime.sessions
        read_sessions = self.runtime.read_sessions
        head = self._head

        def work() -> tuple[SyncResult | None, int, str]:
            try:
                result = sync_once(url, sessions, identity, pull_batch=BACKGROUND_PULL_BATCH)
                return result, 0, ""
            except HubUnreachable as error:
                return None, _waiting(read_sessions, identity.code, head), str(error)
            except TraceDeskError as error:
                return None, _waiting(read_sessions, identity.code, head), "!" + str(error)
            except Exception as error:  # noqa: BLE001 - a sync failure must never take the window down
                log.exception("background sync failed")
                return None, _waiting(read_sessions, identity.code, head), "!" + str(error)

        self._running = self._pool.submit(work)
        self._running.add_done_callback(lambda f: self._done.emit(*f.result()))

    def _finished(self, result: SyncResult | None, waiting: int, problem: str) -> None:
        if result is not None:
            self._head = result.head
            self._set(SyncState(True, True, datetime.now(UTC), 0, "", result.pulled))
            if result.pulled:
                self.events_pulled.emit(result.pulled)
        elif problem.startswith("!"):
            # The hub answered but refused (chain, role, prefix): reachable, and said on the status bar.
            self._set(SyncState(True, True, self.state.last_sync, waiting, problem[1:]))
        else:
            self._set(SyncState(True, False, self.state.last_sync, waiting, problem))

    def _set(self, state: SyncState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def connect_hub(self, url: str, interval: int) -> None:
        """Register this station on a new hub (on the sync thread), then keep it in the station's settings."""
        station = self.runtime.station
        identity = StationIdentity(station.code, station.name, station.lot_prefix)

        def work() -> str:
            if url:
                connect(url, identity)
            return ""

        def done(future: Future[str]) -> None:
            try:
                future.result()
                self._connected.emit(url, interval, "")
            except TraceDeskError as error:
                self._connected.emit(url, interval, str(error))

        self._pool.submit(work).add_done_callback(done)

    def _keep_hub(self, url: str, interval: int, problem: str) -> None:
        if problem:
            self.connect_failed.emit(problem)
            return
        settings = replace(self.runtime.station, hub_url=url, sync_interval=interval)
        settings.save(self.runtime.paths.config_dir / "station.json")
        self.runtime.station = settings
        self.set_interval(interval)
        self._set(SyncState(has_hub=bool(url)))
        self.sync_now()

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _waiting(read_sessions: sessionmaker[Session], station: str, head: int) -> int:
    """This station's events after the head the hub last confirmed: what waits to be sent."""
    with read_sessions() as session:
        query = select(func.count()).select_from(Event).where(Event.station == station, Event.station_seq > head)
        return int(session.scalar(query) or 0)


class SyncStatusLabel(QLabel):
    """The status bar's sync line: no hub, hub reachable with the last sync, or offline with what waits."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncStatus")

    def show_state(self, state: SyncState) -> None:
        if not state.has_hub:
            self.setText(self.tr("No hub"))
            self.setToolTip("")
            return
        last = state.last_sync.astimezone().strftime("%H:%M:%S") if state.last_sync else self.tr("not yet")
        if state.reachable is None:
            self.setText(self.tr("Hub: connecting…"))
        elif state.reachable and not state.problem:
            self.setText(self.tr("Hub reachable · last sync {0}").format(last))
        elif state.reachable:
            self.setText(self.tr("Hub refused · last sync {0} · {1} waiting").format(last, state.waiting))
        else:
            self.setText(self.tr("Hub unreachable, working offline · last sync {0} · {1} waiting").format(last, state.waiting))
        self.setToolTip(state.problem)
