"""Disabled actions say why: the reason is the tooltip, and the status line shows it on hover or click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QWidget

REASON = "disabledReason"
TOOLTIP = "enabledToolTip"
STATUS_MS = 8000


class _ReasonShower(QObject):
    """Watches disabled widgets: a pointer entering or a click puts the reason in the window's status line."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(watched, QWidget) and not watched.isEnabled() and event.type() in _EVENTS:
            show_reason(watched)
        return False


_EVENTS = (QEvent.Type.Enter, QEvent.Type.MouseButtonPress, QEvent.Type.HoverEnter)
_shower: _ReasonShower | None = None


def show_reason(widget: QWidget) -> None:
    """Put a disabled widget's reason in its main window's status line."""
    reason = widget.property(REASON)
    window = widget.window()
    if reason and isinstance(window, QMainWindow):
        window.statusBar().showMessage(str(reason), STATUS_MS)


def set_available(widget: QWidget, allowed: bool, reason: str = "") -> None:
    """Enable a widget, or disable it with the sentence that says why (and what to do)."""
    global _shower
    if _shower is None:
        _shower = _ReasonShower()
    if widget.property(TOOLTIP) is None:
        widget.setProperty(TOOLTIP, widget.toolTip())
        widget.installEventFilter(_shower)
    widget.setEnabled(allowed)
    widget.setProperty(REASON, "" if allowed else reason)
    widget.setToolTip(str(widget.property(TOOLTIP)) if allowed or not reason else reason)
