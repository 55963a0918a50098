"""The answer to every scan and action: a large green, red or amber banner with one sentence."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

from tracedesk.ui import style

KINDS = {
    "ok": (style.OK_BG, style.OK_FG),
    "refused": (style.BAD_BG, style.BAD_FG),
    "warning": (style.WARN_BG, style.WARN_FG),
    "info": (style.INFO_BG, style.INFO_FG),
}
# How long a message keeps its two lines before the banner folds to one, giving the rows below
# room (a 1366x768 screen has none to spare): good news quickly, refusals after a while.
COLLAPSE_MS = {"ok": 4000, "info": 4000, "warning": 10000, "refused": 10000}
# Folding moves everything below the banner up; while the pointer rests on that part of the
# window (a row about to be clicked, a button), the fold waits and looks again this much later.
FOLD_RETRY_MS = 1000


class StatusBanner(QLabel):
    """Shows the latest outcome until the next one; `kind` and `text` are kept for tests and logs."""

    shown = Signal(str, str)  # kind, text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Always two lines high: a message that wraps must not make the whole window jump.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Status"))
        self.sound = True
        self.kind = "info"
        self._note: str | None = None
        self.collapsed = False
        self.collapse_timer = QTimer(self)
        self.collapse_timer.setSingleShot(True)
        self.collapse_timer.timeout.connect(self._fold_when_still)
        self.show_message("info", self.tr("Ready. Scan a label or choose a task."))

    def _two_lines(self) -> int:
        margins = self.contentsMargins()
        if self.collapsed:
            # One line, with room for descenders under the smaller font's baseline.
            return self.fontMetrics().height() + margins.top() + margins.bottom() + 6
        return 2 * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() + 2

    def collapse(self) -> None:
        """Fold to one line; the whole sentence stays in the tooltip, the next message unfolds it."""
        if not self.collapsed:
            self.collapsed = True
            self._restyle()

    def _fold_when_still(self) -> None:
        """The timer's fold, put off while the pointer is over what it would move: a row or a
        button must not slide away under the pointer a moment before a click."""
        if self._pointer_below():
            self.collapse_timer.start(FOLD_RETRY_MS)
        else:
            self.collapse()

    def _pointer_below(self) -> bool:
        """Whether the pointer is over this window, below the banner (what a fold moves up)."""
        window = self.window()
        if window is self or not window.isVisible():
            return False
        under = QApplication.widgetAt(QCursor.pos())
        if under is None or under.window() is not window:
            return False  # over another window, or outside every window of the program
        return window.mapFromGlobal(QCursor.pos()).y() >= self.mapTo(window, QPoint(0, self.height())).y()

    def _restyle(self) -> None:
        # The folded banner is one line in a smaller font with less padding (style.py), its first line showing.
        self.setProperty("collapsed", self.collapsed)
        self.setAlignment(
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop if self.collapsed else Qt.AlignmentFlag.AlignCenter
        )
        self.style().unpolish(self)
        self.style().polish(self)
        self.setFixedHeight(self._two_lines())

    def _expand(self) -> None:
        if self.collapsed:
            self.collapsed = False
            self._restyle()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._two_lines())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self._two_lines())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False  # the height is fixed; wrapped text must not ask for more

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.setFixedHeight(self._two_lines())

    def show_message(self, kind: str, text: object) -> None:
        """`text` is a screen text or a service's Message (rendered in the chosen language)."""
        text = str(text)
        if self._note is not None:
            # What the scan touched is in conflict between stations: said with the outcome, in amber at least.
            text, self._note = f"{text}\n{self._note}", None
            kind = "warning" if kind in ("ok", "info") else kind
        background, foreground = KINDS[kind]
        self.kind = kind
        self._expand()
        self.setText(text)
        self.setToolTip(text)  # a third line is cut off; the whole sentence stays readable
        self.collapse_timer.start(COLLAPSE_MS[kind])
        self.setStyleSheet(f"QLabel#banner {{ background: {background}; color: {foreground}; }}")
        if kind == "refused" and self.sound:
            QApplication.beep()
        self.shown.emit(kind, text)

    def note_next(self, text: object) -> None:
        """Add `text` to the next message shown (the outcome of the scan it is about)."""
        self._note = str(text)

    def ok(self, text: object) -> None:
        self.show_message("ok", text)

    def refused(self, text: object) -> None:
        self.show_message("refused", self.tr("Refused: {0}").format(text))

    def warning(self, text: object) -> None:
        self.show_message("warning", text)

    def info(self, text: object) -> None:
        self.show_message("info", text)

    def database_busy(self, attempt: int, attempts: int) -> None:
        """The database stayed locked by another program; the job is tried again by itself."""
        self.warning(self.tr("Another program is writing to the database; trying again ({0} of {1})…").format(attempt, attempts))
