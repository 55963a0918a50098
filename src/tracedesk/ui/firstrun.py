"""First start: name this station and its lot-code prefix, start with demo data or empty; create the first administrator."""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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


@dataclass(frozen=True)
class FirstAdmin:
    name: str
    code: str
    pin: str


class FirstAdminPage(QWidget):
    """Shown instead of the sign-in list while the database has no users: the first administrator.

    An empty database (a first start, or one filled by an import of history) has nobody to sign
    in as; the person at the station creates the administrator, who then adds everyone else.
    Emits `admin_entered(FirstAdmin)` once the form is complete; the main window records it.
    """

    admin_entered = Signal(object)  # FirstAdmin

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        title = QLabel(self.tr("Create the first administrator"))
        title.setObjectName("heading")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        hint = QLabel(
            self.tr(
                "This database has no users yet. The first user is the administrator, "
                "who then adds everyone else under Master data → Users."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        box = QVBoxLayout()
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.code = QLineEdit()
        self.code.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(12)
        for field in (self.name, self.code, self.pin, self.pin_again):
            field.setMinimumWidth(280)
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("User code (to sign in)"), self.code)
        form.addRow(self.tr("PIN (4 to 12 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        for label, field in (
            (self.tr("Your name"), self.name),
            (self.tr("User code (to sign in)"), self.code),
            (self.tr("PIN (4 to 12 digits)"), self.pin),
            (self.tr("PIN again"), self.pin_again),
        ):
            field.setAccessibleName(label)
        box.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setWordWrap(True)
        box.addWidget(self.error)
        self.button = QPushButton(self.tr("Create administrator and sign in"))
        self.button.setProperty("primary", True)
        box.addWidget(self.button)
        row.addLayout(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.button.clicked.connect(self._submit)
        self.pin_again.returnPressed.connect(self._submit)
        self.name.textEdited.connect(self._suggest_code)

    def _suggest_code(self, name: str) -> None:
        # A code people can type at a keyboard: the first word of the name, until one is typed.
        if not self.code.isModified():
            first = re.sub(r"[^A-Za-z0-9]", "", (name.split() or [""])[0]).lower()
            self.code.setText(first)

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Give your name.")
        if not self.code.text().strip():
            return self.tr("Give a user code to sign in with, e.g. your first name.")
        pin = self.pin.text()
        if not (pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 12):
            return self.tr("A PIN is 4 to 12 digits.")
        if pin != self.pin_again.text():
            return self.tr("The two PINs differ; type the same PIN twice.")
        return None

    def _submit(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        if problem:
            return
        admin = FirstAdmin(self.name.text().strip(), self.code.text().strip(), self.pin.text())
        self.pin.clear()
        self.pin_again.clear()
        self.admin_entered.emit(admin)

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def focus_first(self) -> None:
        self.name.setFocus()
