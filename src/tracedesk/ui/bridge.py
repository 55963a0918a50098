"""Scans from every source reach the GUI thread as one signal: device threads and wedge scanners alike."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit

from tracedesk.devices.scan import Scan
from tracedesk.devices.wedge import WedgeDetector


class DeviceBridge(QObject):
    """Created on the GUI thread; reader threads call on_scan/on_status, slots run on the GUI thread."""

    scanned = Signal(object)  # Scan
    device_failed = Signal(str, str)  # device name, message
    status_changed = Signal(str, str, str)  # device name, state, message
    test_scanned = Signal(object)  # Scan from the device under test (settings' Test button)

    def __init__(self) -> None:
        super().__init__()
        self.testing: str | None = None  # name of the device whose scans go to the test dialog

    def on_scan(self, scan: Scan) -> None:
        if self.testing is not None and scan.source == self.testing:
            self.test_scanned.emit(scan)
            return
        self.scanned.emit(scan)

    def on_status(self, name: str, state: str, message: str) -> None:
        self.status_changed.emit(name, state, message)
        if state in ("disconnected", "connecting"):
            self.device_failed.emit(name, message)


_KEY_NAMES = {Qt.Key.Key_Return: "Return", Qt.Key.Key_Enter: "Enter"}


class WedgeFilter(QObject):
    """Feeds window-level key presses to a WedgeDetector and turns scanner bursts into scans.

    Only the delivery to the QWindow is looked at: an application-wide filter would otherwise
    see the same key once per widget it propagates through. The burst's characters still reach
    the focused widget (a person's typing must never be swallowed); when the burst proves to be
    a scan, its text is taken back out of a line edit and the Enter is consumed.
    """

    def __init__(self, bridge: DeviceBridge, clock: Callable[[], float] = time.monotonic,
                 detector: WedgeDetector | None = None) -> None:
        super().__init__(bridge)
        self._bridge = bridge
        self._clock = clock
        self.detector = detector or WedgeDetector()
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.enabled or event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWindow):
            return False
        assert isinstance(event, QKeyEvent)
        key = _KEY_NAMES.get(Qt.Key(event.key()), event.text())
        code = self.detector.feed(key, self._clock() * 1000.0)
        if code is None:
            return False
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.text().endswith(code):
            focus.setText(focus.text()[: -len(code)])
        self._bridge.on_scan(Scan(code, "keyboard wedge"))
        return True
