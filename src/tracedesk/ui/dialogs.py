"""Small dialogs: a reason for a QA decision, choosing one of several lots, a result to read."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tracedesk.services.dto import LotInfo
from tracedesk.ui.formatting import lot_status, qty


class ReasonDialog(QDialog):
    """Asks for the reason of a hold, release or rejection of a named lot; OK waits for a reason (and the PIN)."""

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        *,
        default: str = "",
        choices: Sequence[str] = (),
        signed: bool = False,
        lot: LotInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        if lot is not None:
            # Which lot the decision is about, in words people check before they sign.
            about = QLabel(
                f"<b>{html.escape(lot.code)}</b> — {html.escape(lot.item)} {html.escape(lot.item_name)}"
                f"<br>{html.escape(qty(lot.balance, lot.unit))} · {html.escape(lot_status(lot))}"
            )
            about.setObjectName("dialogLot")
            about.setWordWrap(True)
            layout.addWidget(about)
        question = QLabel(prompt)
        question.setWordWrap(True)
        layout.addWidget(question)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.choice = QComboBox()
        self.choice.addItems(list(choices))
        if choices:
            form.addRow(self.tr("Kind"), self.choice)
        self.reason = QLineEdit(default)
        self.reason.setMinimumWidth(380)
        self.reason.setPlaceholderText(self.tr("Reason (kept in the lot's history)"))
        form.addRow(self.tr("Reason"), self.reason)
        # Releases and rejections are electronic signatures: the signed-in user re-enters the PIN.
        self.signed = signed
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("Your PIN, to sign this decision"))
        if signed:
            form.addRow(self.tr("PIN"), self.pin)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._update)
        self.pin.textChanged.connect(self._update)
        self.reason.setFocus()
        self.reason.selectAll()
        self._update()

    def _update(self) -> None:
        ready = bool(self.reason.text().strip()) and (not self.signed or bool(self.pin.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def value(self) -> str:
        return self.reason.text().strip()

    def pin_value(self) -> str:
        return self.pin.text()


class ChooseLotDialog(QDialog):
    """Several lots match a scan (two suppliers used the same lot number): pick one."""

    def __init__(self, lots: Sequence[LotInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose the lot"))
        self._lots = list(lots)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("More than one lot matches this code. Which one is it?")))
        self.list = QListWidget()
        for lot in self._lots:
            text = (
                f"{lot.code}  ·  {lot.item}  ·  {lot.supplier_name or lot.supplier or ''}  ·  "
                f"{lot.supplier_lot or ''}  ·  {qty(lot.balance, lot.unit)}  ·  {lot_status(lot)}"
            )
            QListWidgetItem(text, self.list)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> LotInfo | None:
        row = self.list.currentRow()
        return self._lots[row] if 0 <= row < len(self._lots) else None


class TextReportDialog(QDialog):
    """A read-only report (mass balance, recall summary) the user can read and copy."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        self.body = QPlainTextEdit(text)
        self.body.setReadOnly(True)
        layout.addWidget(self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def form_dialog(title: str, parent: QWidget | None) -> tuple[QDialog, QFormLayout, QDialogButtonBox]:
    """An empty OK/Cancel form; the caller adds rows and validates on accept."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    outer = QVBoxLayout(dialog)
    form = QFormLayout()
    outer.addLayout(form)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.rejected.connect(dialog.reject)
    outer.addWidget(buttons)
    return dialog, form, buttons
