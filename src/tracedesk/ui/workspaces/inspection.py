"""Inspection: the lots waiting in quarantine; record the result, then release or reject."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tracedesk.services import quality
from tracedesk.services.dto import LotInfo
from tracedesk.services.permissions import Action
from tracedesk.services.queries import quarantine_lots
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog
from tracedesk.ui.disabled import set_available
from tracedesk.ui.formatting import day, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record
from tracedesk.ui.workspaces.base import Workspace, heading


class InspectionWorkspace(Workspace):
    action = Action.INSPECT

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Waiting for inspection (quarantine)")))
        self.model = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r.code),
                Column(self.tr("Item"), lambda r: f"{r.item} — {r.item_name}"),
                Column(self.tr("Supplier"), lambda r: r.supplier_name or r.supplier),
                Column(self.tr("Supplier lot"), lambda r: r.supplier_lot),
                Column(self.tr("Quantity"), lambda r: qty(r.quantity, r.unit), align_right=True),
                Column(self.tr("Received"), lambda r: day(r.received_at)),
                Column(self.tr("Expiry"), lambda r: day(r.expiry)),
                Column(self.tr("PO"), lambda r: r.po),
            ],
            self,
        )
        self.view = make_table(
            self.model, empty=self.tr("Nothing waiting for inspection. Lots in quarantine after receiving appear here.")
        )
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Result")))
        self.result = QComboBox()
        for value, text in (("pass", self.tr("pass")), ("fail", self.tr("fail")), ("conditional", self.tr("conditional"))):
            self.result.addItem(text, value)
        row.addWidget(self.result)
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Notes (CoA checked, visual ...)"))
        row.addWidget(self.notes, 1)
        self.inspect_button = QPushButton(self.tr("Record inspection"))
        self.release_button = QPushButton(self.tr("Release"))
        self.release_button.setProperty("primary", True)
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setProperty("danger", True)
        for button in (self.inspect_button, self.release_button, self.reject_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.inspect_button.clicked.connect(self.record_inspection)
        self.release_button.clicked.connect(self._ask_release)
        self.reject_button.clicked.connect(self._ask_reject)

    def title(self) -> str:
        return self.tr("Inspection")

    def activated(self) -> None:
        set_available(self.release_button, self.ctx.may(Action.RELEASE), self.ctx.why_not(Action.RELEASE))
        set_available(self.reject_button, self.ctx.may(Action.REJECT), self.ctx.why_not(Action.REJECT))
        self.ctx.query(quarantine_lots, self.model.set_records)

    def selected(self) -> LotInfo | None:
        lot = selected_record(self.view)
        if lot is None:
            self.ctx.banner.refused(self.tr("Select a lot in the list, or scan its label."))
        return lot

    def select_lot(self, code: str) -> bool:
        for row, lot in enumerate(self.model.records()):
            if lot.code == code:
                self.view.selectRow(row)
                return True
        return False

    def handle_scan(self, text: str) -> None:
        self.resolve(text, lambda result: self.single_lot(result, self._scanned_lot))

    def _scanned_lot(self, lot: LotInfo) -> None:
        if self.select_lot(lot.code):
            self.ctx.banner.ok(self.tr("Lot {0} selected: record the result, then release or reject.").format(lot.code))
        else:
            self.ctx.banner.refused(self.tr("Lot {0} is not waiting for inspection.").format(lot.code))

    def _done(self, text: str) -> None:
        self._clear_inspection()
        self.ctx.banner.ok(text)
        self.ctx.data_changed.emit()
        self.activated()

    def _clear_inspection(self) -> None:
        self.notes.clear()
        self.result.setCurrentIndex(0)

    def _inspection(self, decision: str) -> tuple[str, str]:
        """The result a decision records with the typed notes: pass (or conditional) to release, fail to reject."""
        chosen = self.result.currentData()
        if decision == "reject":
            return "fail", self.notes.text().strip()
        return (chosen if chosen in ("pass", "conditional") else "pass"), self.notes.text().strip()

    def record_inspection(self) -> None:
        lot = self.selected()
        if lot is None:
            return
        result, notes = self.result.currentData(), self.notes.text()
        self.ctx.run(
            lambda s, a: quality.inspect_lot(s, a, lot=lot.code, result=result, notes=notes),
            lambda _info: self._inspected(lot.code, self.result.currentText()),
        )

    def _inspected(self, code: str, result: str) -> None:
        self._clear_inspection()
        self.ctx.banner.ok(self.tr("Inspection of lot {0} recorded: {1}.").format(code, result))

    def _ask_release(self) -> None:
        lot = self.selected()
        if lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Release lot {0}").format(lot.code),
            self.tr("Release the lot for use?"),
            self,
            default=self.tr("released after inspection"),
            signed=True,
            lot=lot,
        )
        if dialog.exec():
            self.release(dialog.pin_value(), dialog.value())

    def release(self, pin: str, reason: str = "released after inspection") -> None:
        lot = self.selected()
        if lot is None:
            return
        result, notes = self._inspection("release")

        def work(session, actor):  # noqa: ANN001, ANN202
            # One unit of work: the inspection is never recorded without the decision, nor lost with it.
            quality.inspect_lot(session, actor, lot=lot.code, result=result, notes=notes)
            return quality.release_lot(session, actor, lot=lot.code, pin=pin, reason=reason)

        self.ctx.run(work, lambda info: self._done(self.tr("Lot {0} released: it may now be used.").format(info.code)))

    def _ask_reject(self) -> None:
        lot = self.selected()
        if lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Reject lot {0}").format(lot.code), self.tr("Why is the lot rejected?"), self, signed=True, lot=lot
        )
        if dialog.exec():
            self.reject(dialog.value(), dialog.pin_value())

    def reject(self, reason: str, pin: str) -> None:
        lot = self.selected()
        if lot is None:
            return
        result, notes = self._inspection("reject")

        def work(session, actor):  # noqa: ANN001, ANN202
            quality.inspect_lot(session, actor, lot=lot.code, result=result, notes=notes)
            return quality.reject_lot(session, actor, lot=lot.code, reason=reason, pin=pin)

        self.ctx.run(work, lambda info: self._done(self.tr("Lot {0} rejected: {1}.").format(info.code, reason)))
