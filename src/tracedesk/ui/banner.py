"""The answer to every scan and action: a large green, red or amber banner with one sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tracedesk.ui import style

KINDS = {
    "ok": (style.OK_BG, style.OK_FG),
    "refused": (style.BAD_BG, style.BAD_FG),
    "warning": (style.WARN_BG, style.WARN_FG),
    "info": (style.INFO_BG, style.INFO_FG),
}


class StatusBanner(QLabel):
    """Shows the latest outcome until the next one; `kind` and `text` are kept for tests and logs."""

    shown = Signal(str, str)  # kind, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(64)
        self.setAccessibleName(self.tr("Status"))
        self.sound = True
        self.kind = "info"
        self.show_message("info", self.tr("Ready. Scan a label or choose a task."))

    def show_message(self, kind: str, text: str) -> None:
        background, foreground = KINDS[kind]
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(f"QLabel#banner {{ background: {background}; color: {foreground}; }}")
        if kind == "refused" and self.sound:
            QApplication.beep()
        self.shown.emit(kind, text)

    def ok(self, text: str) -> None:
        self.show_message("ok", text)

    def refused(self, text: str) -> None:
        # Service sentences are English; the translated frame at least tells a Chinese-reading
        # user in their language that the action was refused (full translation is out of scope).
        self.show_message("refused", self.tr("Refused: {0}").format(text))

    def warning(self, text: str) -> None:
        self.show_message("warning", text)

    def info(self, text: str) -> None:
        self.show_message("info", text)
