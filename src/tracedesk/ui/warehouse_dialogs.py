"""QA's decisions on a returned or held lot besides release: scrap (or destroy, witnessed) and rework."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from tracedesk.services.dto import LotInfo


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)


class ScrapDialog(_Form):
    """Reason, quantity (empty: all), and for a destruction the witness and the witness's PIN."""

    def __init__(self, lot: LotInfo, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Scrap lot {0}").format(lot.code))
        self.reason = QLineEdit()
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("empty: the whole balance"))
        self.destruction = QCheckBox(self.tr("Destroyed (a second person witnesses it)"))
        self.witness = QLineEdit()
        self.witness.setPlaceholderText(self.tr("the witness's user code"))
        self.witness_pin = QLineEdit()
        self.witness_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow(self.tr("Quantity"), self.quantity)
        self.form.addRow("", self.destruction)
        self.form.addRow(self.tr("Witness"), self.witness)
        self.form.addRow(self.tr("Witness PIN"), self.witness_pin)


class ReworkDialog(_Form):
    """How much of the lot goes into the rework order, and how much comes out."""

    def __init__(self, lot: LotInfo, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Rework lot {0}").format(lot.code))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("empty: the whole balance"))
        self.output = QLineEdit()
        self.reason = QLineEdit()
        self.form.addRow(self.tr("Quantity reworked"), self.quantity)
        self.form.addRow(self.tr("Quantity made"), self.output)
        self.form.addRow(self.tr("Reason"), self.reason)
