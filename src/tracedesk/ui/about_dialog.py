"""The About box: the app version, the database's schema revision and the hub's, as `tracedesk --version` says them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.about import AboutInfo, with_hub

log = logging.getLogger(__name__)


class AboutDialog(QDialog):
    """Shows "Reading…" until the database worker answers, then the lines a person quotes when asking for help.

    The hub is asked on a worker of the box's own, never on the database thread: a hub that is
    down makes the box wait ("asking the hub…"), not a scan.
    """

    hub_answered = Signal(object)  # the hub's schema revision or what is wrong with it (str), None: no hub

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: AboutInfo | None = None
        self._hub: list[str | None] = []  # the hub's answer, once it came
        self._asking: Future[str | None] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-about-hub")
        self.hub_answered.connect(self._hub_came, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(lambda _result: self._pool.shutdown(wait=False, cancel_futures=True))
        self.setWindowTitle(self.tr("About TraceDesk"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.text = QLabel(self.tr("Reading the database…"))
        self.text.setObjectName("aboutText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setEnabled(False)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def ask_hub(self, question: Callable[[], str | None]) -> None:
        """Ask the hub (`question`, e.g. services.about.hub_revision) on this box's own worker."""

        def answered(future: Future[str | None]) -> None:
            if future.cancelled():
                return
            error = future.exception()
            if error is not None:
                log.warning("the About box could not ask the hub: %s", type(error).__name__)
            try:
                self.hub_answered.emit(str(error) if error is not None else future.result())
            except RuntimeError:  # the box is gone: nobody is waiting for the answer
                pass

        self._asking = self._pool.submit(question)
        self._asking.add_done_callback(answered)

    @property
    def is_asking_hub(self) -> bool:
        """The hub's answer has not come yet (tests wait for this)."""
        return self._asking is not None and not self._hub

    def show_info(self, info: AboutInfo) -> None:
        """The database's lines; the hub's line follows when it answers (or at once if it did already)."""
        self.info = info
        self._show()

    def _hub_came(self, revision: str | None) -> None:
        self._hub[:] = [revision]
        self._show()

    def _show(self) -> None:
        if self.info is None:
            return
        info = with_hub(self.info, self._hub[0]) if self._hub and self.info.hub_asked else self.info
        self.text.setText(info.text())
        self.copy_button.setEnabled(True)

    def show_error(self, error: TraceDeskError) -> None:
        self.text.setText(str(error))
        self.copy_button.setEnabled(True)

    def copy(self) -> None:
        """The text to the clipboard, for a support request."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.text.text())
