"""The settings page that connects this station to the plant's hub, testing the connection before it is kept."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.hub_password import split_password
from tracedesk.services.runtime import StationSettings
from tracedesk.sync.client import test_hub


class HubPage(QWidget):
    """Hub address and sync interval; "Test connection" asks the hub on a worker thread, never the GUI thread."""

    tested = Signal(bool, str)  # ok, what to show

    def __init__(self, station: StationSettings, *, may_edit: bool) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-hub-test")
        # Shown without its password (kept in its own file, services.hub_password); left as shown, it stays.
        self._saved = station.hub_url
        self._shown_saved = split_password(station.hub_url)[0]
        self.url = QLineEdit(self._shown_saved)
        self.url.setPlaceholderText("postgresql://station@server/tracedesk?sslmode=require")
        self.interval = QSpinBox()
        self.interval.setRange(1, 3600)
        self.interval.setSuffix(self.tr(" s"))
        self.interval.setValue(station.sync_interval)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tested_url: str | None = None  # the address that answered the last test
        form = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.url, 1)
        row.addWidget(self.test_button)
        form.addRow(self.tr("Hub address"), row)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow("", self.result)
        for widget in (self.url, self.interval, self.test_button):
            widget.setEnabled(may_edit)
        self.test_button.clicked.connect(self.test_connection)
        self.url.textChanged.connect(self._changed)
        self.tested.connect(self._show_test, Qt.ConnectionType.QueuedConnection)

    def address(self) -> str:
        """The address typed, or the saved one (with its password) while the field shows it unchanged."""
        typed = self.url.text().strip()
        return self._saved if typed and typed == self._shown_saved else typed

    def is_unchanged_or_tested(self, saved: str) -> bool:
        """A new address is kept only once a test reached it; an empty one disconnects."""
        return self.address() in ("", saved) or self.address() == self.tested_url

    def test_connection(self) -> None:
        url = self.address()
        if not url:
            self.result.setText(self.tr("Enter the hub's address first."))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Testing…"))

        def work() -> tuple[bool, str]:
            try:
                return True, test_hub(url)
            except TraceDeskError as error:
                return False, str(error)

        def done(ok: bool, text: str) -> None:
            if ok:
                self.tested_url = url
            self.tested.emit(ok, text)

        self._pool.submit(work).add_done_callback(lambda future: done(*future.result()))

    def _show_test(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        if ok:
            self.result.setText(self.tr("The hub answered (hub schema {0}).").format(text))
        else:
            self.result.setText(text)

    def _changed(self) -> None:
        self.result.setText("")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
