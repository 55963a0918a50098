"""Scans from every source reach the GUI thread as one signal: device threads and wedge scanners alike."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDialog, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from tracedesk.devices.scan import Scan
from tracedesk.devices.wedge import WedgeDetector


class DeviceBridge(QObject):
    """Created on the GUI thread; reader threads call on_scan/on_status, slots run on the GUI thread."""

    scanned = Signal(object)  # Scan
    device_failed = Signal(str, object)  # device name, message (a Message, rendered when shown)
    status_changed = Signal(str, str, object)  # device name, state, message
    test_scanned = Signal(object)  # Scan from the device under test (settings' Test button)

    def __init__(self) -> None:
        super().__init__()
        self.testing: str | None = None  # name of the device whose scans go to the test dialog

    def on_scan(self, scan: Scan) -> None:
        if self.testing is not None and scan.source == self.testing:
            self.test_scanned.emit(scan)
            return
        self.scanned.emit(scan)

    def on_status(self, name: str, state: str, message: object) -> None:
        self.status_changed.emit(name, state, message)
        if state in ("disconnected", "connecting"):
            self.device_failed.emit(name, message)


_KEY_NAMES = {Qt.Key.Key_Return: "Return", Qt.Key.Key_Enter: "Enter"}
# Shift makes capitals and the keypad modifier marks keypad digits: both occur in scanner bursts.
# Ctrl, Alt and Meta never do: such a key is a shortcut and ends any burst.
_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier


BADGE_FIELD = "acceptsBadgeScans"


def is_secret_field(widget: QWidget | None) -> bool:
    """A PIN or password field: its keys are never looked at, let alone taken away.

    The sign-in PIN field is the exception (property BADGE_FIELD): a badge scanned while it
    has focus must sign in, and no person types six characters 30 ms apart.
    """
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal and not widget.property(BADGE_FIELD)


def field_snapshot(widget: QWidget | None) -> Callable[[], None] | None:
    """A way to put the focused field back as it was before a burst typed into it.

    A scan's keys reach the focused widget before they can be recognised as a scan; when they
    are, the field gets back its value, cursor and selection: wherever the cursor stood,
    whatever was selected, and in number boxes too (their digits would otherwise stay).
    """
    # A number box's focus goes to the line edit inside it: the box is then its parent.
    parent = widget.parent() if widget is not None else None
    spin = widget if isinstance(widget, QAbstractSpinBox) else parent
    if isinstance(spin, QSpinBox):
        whole, number = spin, spin.value()
        return lambda: whole.setValue(number)
    if isinstance(spin, QDoubleSpinBox):
        real, value = spin, spin.value()
        return lambda: real.setValue(value)
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    if isinstance(widget, QLineEdit):
        line, text, cursor = widget, widget.text(), widget.cursorPosition()
        start, length = widget.selectionStart(), len(widget.selectedText())

        def restore() -> None:
            line.setText(text)
            if length:
                line.setSelection(start, length)
            else:
                line.setCursorPosition(cursor)

        return restore
    return None


def is_busy_elsewhere() -> bool:
    """A dialog, file chooser, menu or drop-down is open: typing there is never a scan."""
    if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
        return True
    return isinstance(QApplication.activeWindow(), QDialog)


class WedgeFilter(QObject):
    """Feeds window-level key presses to a WedgeDetector and turns scanner bursts into scans.

    Only the delivery to the QWindow is looked at: an application-wide filter would otherwise
    see the same key once per widget it propagates through. The burst's characters still reach
    the focused widget (a person's typing must never be swallowed); only when the burst proves
    to be a scan is its text taken back out of a line edit and the Enter consumed. Shortcuts,
    control keys, dialogs, popups and PIN fields are left alone and end any burst.

    `clock` gives seconds; without one the key event's own timestamp is used, so keys that
    queue up while the GUI thread is busy keep the gaps they were typed with.
    """

    def __init__(
        self, bridge: DeviceBridge, clock: Callable[[], float] | None = None, detector: WedgeDetector | None = None
    ) -> None:
        super().__init__(bridge)
        self._bridge = bridge
        self._clock = clock
        self.detector = detector or WedgeDetector()
        self.enabled = True
        self._restore: Callable[[], None] | None = None

    def configure(self, max_gap_ms: float, min_length: int) -> None:
        self.detector.max_gap_ms = max_gap_ms
        self.detector.min_length = min_length
        self.detector.reset()

    def _now_ms(self, event: QKeyEvent) -> float:
        if self._clock is not None:
            return self._clock() * 1000.0
        return float(event.timestamp()) if event.timestamp() else time.monotonic() * 1000.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.enabled or event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWindow):
            return False
        if not isinstance(event, QKeyEvent):  # a KeyPress always is one; the check tells the type checker
            return False
        if (
            event.modifiers() & _SHORTCUT_MODIFIERS
            or event.isAutoRepeat()
            or is_busy_elsewhere()
            or is_secret_field(QApplication.focusWidget())
        ):
            self.detector.reset()
            return False
        key = _KEY_NAMES.get(Qt.Key(event.key()), event.text())
        now = self._now_ms(event)
        if len(key) == 1 and key.isprintable() and self.detector.starts_burst(now):
            self._restore = field_snapshot(QApplication.focusWidget())
        code = self.detector.feed(key, now)
        if code is None:
            return False
        if self._restore is not None:
            self._restore()
            self._restore = None
        self._bridge.on_scan(Scan(code, "keyboard wedge"))
        return True
