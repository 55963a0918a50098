"""Running the station's serial devices: one reader per device, restarted at once when its settings change."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from tracedesk.devices.config import DeviceConfig, load_devices
from tracedesk.devices.scan import Scan
from tracedesk.ui.bridge import DeviceBridge

log = logging.getLogger(__name__)


def _reader_for(device: DeviceConfig, bridge: DeviceBridge) -> Any:
    from tracedesk.devices.rfid import SerialRfidReader
    from tracedesk.devices.scanner import SerialScanner

    kind = SerialRfidReader if device.kind == "rfid" else SerialScanner
    return kind(device, bridge.on_scan, bridge.on_status)


class DeviceManager:
    """Keeps a reader running for each device in `devices.json`; `reload()` applies the file as it is now."""

    def __init__(
        self, bridge: DeviceBridge, path: Path, reader_factory: Callable[[DeviceConfig, DeviceBridge], Any] = _reader_for
    ) -> None:
        self.bridge = bridge
        self.path = path
        self._factory = reader_factory
        self._running: dict[str, tuple[DeviceConfig, Any]] = {}
        self.stopped: list[str] = []  # devices the last reload stopped (removed or changed)
        # Devices removed from the settings: a scan of theirs still on its way is said, not used.
        self.retired: set[str] = set()

    def reload(self) -> list[str]:
        """Stop removed or changed devices, start new or changed ones; returns the names (re)started.

        Unchanged devices keep running, so a scan in flight on them is not lost.
        Raises TraceDeskError when the file is damaged (nothing is stopped then).
        """
        wanted = {device.name: device for device in load_devices(self.path)}
        self.stopped = []
        for name, (config, reader) in list(self._running.items()):
            if wanted.get(name) != config:
                reader.stop()
                del self._running[name]
                self.stopped.append(name)
        self.retired = (self.retired | set(self.stopped)) - set(wanted)
        started = []
        for name, device in wanted.items():
            if name not in self._running:
                reader = self._factory(device, self.bridge)
                reader.start()
                self._running[name] = (device, reader)
                started.append(name)
        return started

    def running(self) -> list[str]:
        return sorted(self._running)

    def stop_all(self) -> None:
        for _config, reader in self._running.values():
            reader.stop()
        self._running.clear()


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class ConfigWatcher(QObject):
    """Notices when a station file (devices, printers) changes, whoever wrote it: this window's
    settings, `tracedesk devices add` in a terminal, or another program; `changed(path)` follows
    within `interval_ms`. Looking at two small local files' sizes and times is all it does."""

    changed = Signal(object)  # Path

    def __init__(self, paths: list[Path], interval_ms: int = 2000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stamps = {path: _stamp(path) for path in paths}
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        for path, known in list(self._stamps.items()):
            now = _stamp(path)
            if now != known:
                self._stamps[path] = now
                self.changed.emit(path)


class DeviceTestDialog(QDialog):
    """Shows what one device sends for a few seconds; its scans go here instead of to the workspace."""

    def __init__(self, bridge: DeviceBridge, device: str, seconds: int = 10, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.device = device
        self.remaining = seconds
        self.setWindowTitle(self.tr("Test {0}").format(device))
        self.resize(520, 320)
        layout = QVBoxLayout(self)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.received = QPlainTextEdit()
        self.received.setReadOnly(True)
        layout.addWidget(self.received)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        bridge.testing = device
        bridge.test_scanned.connect(self.show_scan)
        bridge.status_changed.connect(self._status)
        self.finished.connect(self._stop)
        self.timer.start()
        self._update_prompt()

    def _update_prompt(self) -> None:
        if self.remaining > 0:
            self.prompt.setText(
                self.tr(
                    "Scan a barcode with {0} now ({1} s left). What it sends appears below, exactly; nothing is recorded."
                ).format(self.device, self.remaining)
            )
        else:
            self.prompt.setText(self.tr("Test over: %n code(s) received from {0}.", "", self.count).format(self.device))

    @property
    def count(self) -> int:
        text = self.received.toPlainText()
        return sum(1 for line in text.splitlines() if line.startswith("▶"))

    def show_scan(self, scan: Scan) -> None:
        # Control characters made visible: GS is what a GS1 code needs, and the most common set-up fault.
        visible = scan.text.replace("\x1d", "<GS>").replace("\r", "<CR>").replace("\n", "<LF>")
        self.received.appendPlainText(f"▶ {visible}")

    def _status(self, name: str, _state: str, message: object) -> None:
        if name == self.device:
            self.received.appendPlainText(f"  ({message})")

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._stop()
        self._update_prompt()

    def _stop(self, *_args: object) -> None:
        self.timer.stop()
        if self.bridge.testing == self.device:
            self.bridge.testing = None
