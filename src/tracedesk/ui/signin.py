"""The sign-in page: choose your name and type your PIN, or scan your badge."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracedesk.services.dto import UserInfo
from tracedesk.ui.bridge import BADGE_FIELD

ROLE_NAMES = {"clerk": "Receiving / shipping clerk", "line_lead": "Line lead", "qa": "Quality (QA)", "admin": "Administrator"}


def role_text(role: str) -> str:
    return QCoreApplication.translate("Role", ROLE_NAMES.get(role, role))


def _mark_roles() -> None:
    # lupdate reads these literal calls; ROLE_NAMES is looked up at run time.
    QCoreApplication.translate("Role", "Receiving / shipping clerk")
    QCoreApplication.translate("Role", "Line lead")
    QCoreApplication.translate("Role", "Quality (QA)")
    QCoreApplication.translate("Role", "Administrator")


class SignInPage(QWidget):
    """Emits `pin_entered(user code, pin)`; the main window checks it on the DB thread."""

    pin_entered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        title = QLabel(self.tr("Sign in"))
        title.setObjectName("heading")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        hint = QLabel(self.tr("Choose your name and type your PIN, or scan your badge."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        box = QGridLayout()
        self.users = QListWidget()
        self.users.setMinimumWidth(360)
        self.users.setMinimumHeight(220)
        self.users.setAccessibleName(self.tr("User"))
        # Long names elide instead of scrolling sideways; the whole entry shows as a tooltip.
        self.users.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.users.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.users.setWordWrap(False)
        box.addWidget(self.users, 0, 0, 1, 2)
        box.addWidget(QLabel(self.tr("PIN")), 1, 0)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(64)  # a badge scanned here is taken out again by the wedge filter
        self.pin.setProperty(BADGE_FIELD, True)
        self.pin.setAccessibleName(self.tr("PIN"))
        box.addWidget(self.pin, 1, 1)
        self.button = QPushButton(self.tr("Sign in"))
        self.button.setProperty("primary", True)
        box.addWidget(self.button, 2, 0, 1, 2)
        row.addLayout(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.users.itemActivated.connect(lambda _i: self.pin.setFocus())
        self.users.currentRowChanged.connect(lambda _r: self.pin.clear())

    def set_users(self, users: Sequence[UserInfo]) -> None:
        """Show the active users; a refresh keeps the one chosen (and the PIN being typed)."""
        chosen = self.users.currentItem().data(Qt.ItemDataRole.UserRole) if self.users.currentItem() else None
        self.users.blockSignals(True)
        self.users.clear()
        for user in users:
            if not user.active:
                continue
            role = role_text(user.role.value)
            # A name that already says the role (an old "Anna (receiving)") is not followed by it again.
            text = user.name if role.lower() in user.name.lower() else f"{user.name} — {role}"
            item = QListWidgetItem(text)
            item.setToolTip(f"{user.name} ({role})")
            item.setData(Qt.ItemDataRole.UserRole, user.code)
            self.users.addItem(item)
        self.users.blockSignals(False)
        codes = [self.users.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.users.count())]
        if chosen in codes:
            self.users.blockSignals(True)
            self.users.setCurrentRow(codes.index(chosen))
            self.users.blockSignals(False)
        elif self.users.count():
            self.users.setCurrentRow(0)

    def select_user(self, code: str) -> None:
        for row in range(self.users.count()):
            if self.users.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.users.setCurrentRow(row)

    def _submit(self) -> None:
        item = self.users.currentItem()
        if item is None:
            return
        pin = self.pin.text()
        self.pin.clear()
        self.pin_entered.emit(item.data(Qt.ItemDataRole.UserRole), pin)

    def focus_pin(self) -> None:
        self.pin.setFocus()
