"""First start: name this station, choose its lot-code prefix, and start with demo data or empty."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

PREFIX_RE = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")


@dataclass(frozen=True)
class FirstRunChoice:
    station_name: str
    lot_prefix: str
    demo: bool


class FirstRunDialog(QDialog):
    """Asked once, when no station settings exist yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to TraceDesk"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This PC is a new TraceDesk station. Give it a name and the letters its lot codes start with."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit(socket.gethostname() or "Station 1")
        self.prefix = QLineEdit("L")
        self.prefix.setMaxLength(8)
        form.addRow(self.tr("Station name"), self.name)
        form.addRow(self.tr("Lot-code prefix"), self.prefix)
        layout.addLayout(form)
        self.demo = QRadioButton(self.tr("Start with demo data (a biscuit factory, to try things out)"))
        self.empty = QRadioButton(self.tr("Start with an empty database"))
        self.empty.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.demo)
        group.addButton(self.empty)
        layout.addWidget(self.demo)
        layout.addWidget(self.empty)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Give the station a name.")
        if not PREFIX_RE.match(self.prefix.text().strip().upper()):
            return self.tr("The prefix is 1 to 8 capital letters or digits, starting with a letter.")
        return None

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()

    def choice(self) -> FirstRunChoice:
        return FirstRunChoice(self.name.text().strip(), self.prefix.text().strip().upper(), self.demo.isChecked())
