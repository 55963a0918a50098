"""The About box: the app version, the database's schema revision and the hub's, as `tracedesk --version` says them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.about import AboutInfo


class AboutDialog(QDialog):
    """Shows "Reading…" until the database worker answers, then the lines a person quotes when asking for help."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

    def show_info(self, info: AboutInfo) -> None:
        self.text.setText(info.text())
        self.copy_button.setEnabled(True)

    def show_error(self, error: TraceDeskError) -> None:
        self.text.setText(str(error))
        self.copy_button.setEnabled(True)

    def copy(self) -> None:
        """The text to the clipboard, for a support request."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.text.text())
