"""Settings → Printers: the station's label printers (ZPL over TCP or serial, or a system queue) and its default."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import TraceDeskError
from tracedesk.labels.printers import KINDS, PrinterConfig, load_printers, save_printers


class PrintersPage(QWidget):
    """Add and remove printers; the list is written to printers.json when the settings are saved."""

    def __init__(self, path: Path, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.error.setWordWrap(True)
        try:
            self.printers = load_printers(path)
        except TraceDeskError as problem:
            self.printers = {}
            self.error.setText(str(problem))
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        layout.addWidget(self.list)
        remove = QPushButton(self.tr("Remove the chosen printer"))
        remove.clicked.connect(self.remove_selected)
        layout.addWidget(remove)
        box = QGroupBox(self.tr("Add a printer"))
        form = QFormLayout(box)
        self.name, self.address = QLineEdit(), QLineEdit()
        self.kind = QComboBox()
        for kind, text in zip(
            KINDS,
            (
                self.tr("Thermal printer, ZPL over the network (port 9100)"),
                self.tr("Thermal printer, ZPL over a serial port"),
                self.tr("Office printer (system queue, PDF)"),
            ),
            strict=True,
        ):
            self.kind.addItem(text, kind)
        self.address.setPlaceholderText(self.tr("192.168.1.50:9100, /dev/ttyUSB0, COM3 or the queue name"))
        self.dpi = QComboBox()
        for dpi in (203, 300, 600):
            self.dpi.addItem(f"{dpi} dpi", dpi)
        self.baud = QSpinBox()
        self.baud.setRange(1200, 921600)
        self.baud.setValue(9600)
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Baud (serial)"), self.baud)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(add)
        form.addRow(row)
        layout.addWidget(box)
        self.default = QComboBox()
        default_row = QFormLayout()
        default_row.addRow(self.tr("This station prints labels on"), self.default)
        layout.addLayout(default_row)
        layout.addWidget(self.error)
        self._refresh(default)

    def _refresh(self, default: str) -> None:
        self.list.clear()
        for printer in self.printers.values():
            self.list.addItem(f"{printer.name}  ·  {printer.kind}  ·  {printer.address}  ·  {printer.dpi} dpi")
        self.default.clear()
        self.default.addItem(self.tr("No fixed printer: as chosen under General → Labels"), "")
        for name in self.printers:
            self.default.addItem(name, name)
        self.default.setCurrentIndex(max(0, self.default.findData(default)))

    def add(self) -> bool:
        """Check and add the typed printer; a problem is said in red and nothing is added."""
        name = self.name.text().strip()
        try:
            if not name:
                raise TraceDeskError(self.tr("A printer needs a name."))
            if name in self.printers:
                raise TraceDeskError(self.tr("A printer named {0} already exists.").format(name))
            printer = PrinterConfig(
                name, self.kind.currentData(), self.address.text().strip(), self.dpi.currentData(), self.baud.value()
            )
        except TraceDeskError as problem:
            self.error.setText(str(problem))
            return False
        self.printers[name] = printer
        self.error.clear()
        self.name.clear()
        self.address.clear()
        self._refresh(self.default.currentData() or "")
        return True

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.printers):
            del self.printers[list(self.printers)[row]]
            self._refresh(self.default.currentData() or "")

    def chosen_default(self) -> str:
        return self.default.currentData() or ""

    def save(self) -> None:
        save_printers(self.path, self.printers)
