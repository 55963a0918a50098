"""Quality desk: complaints against a scanned lot or serial, with attachments; investigate, hold or recall, close."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracedesk.services.complaints import ComplaintInfo, list_complaints, register_complaint, update_complaint
from tracedesk.ui.context import WorkContext
from tracedesk.ui.filedialogs import ask_open_paths
from tracedesk.ui.formatting import day
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record


class ComplaintsTab(QWidget):
    """Register on the left (scan the lot), move the chosen complaint on at the right."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.attachments: list[Path] = []
        layout = QVBoxLayout(self)
        self.model = RecordTableModel(
            [
                Column(self.tr("Complaint"), lambda c: c.code),
                Column(self.tr("Lot"), lambda c: c.lot),
                Column(self.tr("Customer"), lambda c: c.customer or ""),
                Column(self.tr("Status"), lambda c: self.status_text(c.status)),
                Column(self.tr("Received"), lambda c: day(c.received_at)),
                Column(self.tr("Action"), lambda c: self.action_text(c.action)),
                Column(self.tr("Cause"), lambda c: c.cause),
                Column(self.tr("Files"), lambda c: len(c.attachments)),
                Column(self.tr("What the customer found"), lambda c: c.text),
            ],
            self,
        )
        self.view = make_table(
            self.model, empty=self.tr("No complaints. Complaints registered here or from the command line appear in this list.")
        )
        layout.addWidget(self.view, 1)
        forms = QHBoxLayout()
        new = QGroupBox(self.tr("New complaint"))
        form = QFormLayout(new)
        self.lot, self.customer, self.text = QLineEdit(), QLineEdit(), QLineEdit()
        self.lot.setPlaceholderText(self.tr("Scan the lot or serial"))
        self.files_label = QLabel(self.tr("no files"))
        attach = QPushButton(self.tr("Attach photos / files…"))
        attach.clicked.connect(self._ask_files)
        self.register_button = QPushButton(self.tr("Register complaint"))
        self.register_button.clicked.connect(self.register)
        form.addRow(self.tr("Lot / serial"), self.lot)
        form.addRow(self.tr("Customer code"), self.customer)
        form.addRow(self.tr("What was found"), self.text)
        form.addRow(attach, self.files_label)
        form.addRow(self.register_button)
        forms.addWidget(new, 1)
        move = QGroupBox(self.tr("Chosen complaint"))
        form = QFormLayout(move)
        self.status = QComboBox()
        for value in ("open", "investigating", "closed"):
            self.status.addItem(self.status_text(value), value)
        self.action = QComboBox()
        for value, text in (
            ("none", self.tr("No action on the lot")),
            ("hold", self.tr("Put the lot on hold")),
            ("recall", self.tr("Start a recall of the lot")),
        ):
            self.action.addItem(text, value)
        self.cause = QLineEdit()
        self.cause.setPlaceholderText(self.tr("What it came from, in a few words (e.g. foreign body)"))
        self.conclusion = QLineEdit()
        self.conclusion.setPlaceholderText(self.tr("Needed to close: root cause and what was done"))
        self.update_button = QPushButton(self.tr("Save"))
        self.update_button.clicked.connect(self.update_selected)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Action"), self.action)
        form.addRow(self.tr("Cause"), self.cause)
        form.addRow(self.tr("Conclusion"), self.conclusion)
        form.addRow(self.update_button)
        forms.addWidget(move, 1)
        layout.addLayout(forms)

    def action_text(self, action: str) -> str:
        index = self.action.findData(action or "none")
        return self.action.itemText(index) if index >= 0 else action

    def status_text(self, status: str) -> str:
        return {"open": self.tr("open"), "investigating": self.tr("investigating"), "closed": self.tr("closed")}.get(
            status, status
        )

    def load(self) -> None:
        self.ctx.query(list_complaints, self.model.set_records)

    def handle_scan(self, code: str) -> None:
        """Take a lot code the desk resolved from a scan."""
        self.lot.setText(code)
        self.text.setFocus()

    def _ask_files(self) -> None:
        paths = ask_open_paths(self, self.tr("Attach files"))
        self.set_attachments(paths)

    def set_attachments(self, paths: list[Path]) -> None:
        self.attachments = paths
        self.files_label.setText(", ".join(p.name for p in paths) or self.tr("no files"))

    def register(self) -> None:
        lot, customer, text, files = (
            self.lot.text().strip(),
            self.customer.text().strip() or None,
            self.text.text(),
            list(self.attachments),
        )
        store = self.ctx.runtime.paths.attachments_dir

        def done(info: ComplaintInfo) -> None:
            self.ctx.banner.ok(self.tr("Complaint {0} registered against lot {1}.").format(info.code, info.lot))
            for field in (self.lot, self.customer, self.text):
                field.clear()
            self.set_attachments([])
            self.load()

        self.ctx.run(
            lambda s, a: register_complaint(s, a, lot=lot, text=text, store=store, customer=customer, attachments=files), done
        )

    def update_selected(self) -> None:
        chosen: ComplaintInfo | None = selected_record(self.view)
        if chosen is None:
            self.ctx.banner.refused(self.tr("Choose a complaint in the table first."))
            return
        status, action, conclusion = self.status.currentData(), self.action.currentData(), self.conclusion.text()
        cause = self.cause.text()

        def done(info: ComplaintInfo) -> None:
            self.ctx.banner.ok(self.tr("Complaint {0} is {1}.").format(info.code, self.status_text(info.status)))
            self.conclusion.clear()
            self.cause.clear()
            self.ctx.data_changed.emit()
            self.load()

        self.ctx.run(
            lambda s, a: update_complaint(
                s, a, code=chosen.code, status=status, conclusion=conclusion, cause=cause, action=action
            ),
            done,
        )
