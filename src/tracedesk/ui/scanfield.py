"""The big scan field at the top: what a person types (or a scanner types into it) and Enter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanField(QLineEdit):
    """Emits `submitted(text)` on Enter and clears itself, ready for the next scan."""

    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanField")
        self.setPlaceholderText(self.tr("Scan a label here — or type a code and press Enter"))
        self.setAccessibleName(self.tr("Scan"))
        self.setClearButtonEnabled(True)
        self.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        text = self.text()
        self.clear()
        if text.strip():
            self.submitted.emit(text)
