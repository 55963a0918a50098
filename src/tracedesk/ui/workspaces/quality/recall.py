"""Quality desk: recall from a supplier lot or a list of lots, start it (holding every lot), or time a mock recall."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tracedesk.services.recall import MockRecall, RecallReport, recall_report, start_recall
from tracedesk.services.reports.exports import export_recall
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog
from tracedesk.ui.formatting import lot_colour, lot_status, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.quality.common import ask_save_path, run_busy


class RecallTab(QWidget):
    """Scanned or typed lots (or a supplier lot) give the report; a mock recall times itself from the first scan."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: RecallReport | None = None
        self.mock: MockRecall | None = None
        self._mock_started: float | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.lots = QLineEdit()
        self.lots.setPlaceholderText(self.tr("Scan lots, or type codes separated by spaces"))
        self.supplier_lot, self.supplier = QLineEdit(), QLineEdit()
        self.supplier.setPlaceholderText(self.tr("optional: when several suppliers use the same lot number"))
        form.addRow(self.tr("Our lots"), self.lots)
        form.addRow(self.tr("or supplier lot"), self.supplier_lot)
        form.addRow(self.tr("Supplier code"), self.supplier)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.report_button = QPushButton(self.tr("Show what is affected"))
        self.start_button = QPushButton(self.tr("Start recall (hold all)…"))
        self.start_button.setProperty("danger", True)
        self.mock_button = QPushButton(self.tr("Begin mock recall"))
        self.pdf_button = QPushButton(self.tr("Save report (PDF)…"))
        self.xlsx_button = QPushButton(self.tr("Save report (Excel)…"))
        for button in (self.report_button, self.start_button, self.mock_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.summary = QLabel(self.tr("Name the source of the problem, then show what is affected."))
        self.summary.setWordWrap(True)
        self.summary.setObjectName("heading")
        layout.addWidget(self.summary)
        self.model = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r.code),
                Column(self.tr("Item"), lambda r: f"{r.item} — {r.item_name}"),
                Column(self.tr("Status"), lot_status, lot_colour),
                Column(self.tr("On hand"), lambda r: qty(r.balance, r.unit), align_right=True),
                Column(self.tr("Where"), lambda r: r.where),
            ],
            self,
        )
        layout.addWidget(
            make_table(
                self.model,
                empty=self.tr(
                    "The lots, orders, shipments and customers a recall reaches appear here once you start or open one."
                ),
            ),
            1,
        )
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.report_button.clicked.connect(self.show_report)
        self.start_button.clicked.connect(self._ask_start)
        self.mock_button.clicked.connect(self.toggle_mock)
        self.pdf_button.clicked.connect(lambda: self._ask_save("pdf"))
        self.xlsx_button.clicked.connect(lambda: self._ask_save("xlsx"))

    def _sources(self) -> dict:
        return {
            "lots": tuple(self.lots.text().split()),
            "supplier_lot": self.supplier_lot.text().strip() or None,
            "supplier": self.supplier.text().strip() or None,
        }

    def handle_scan(self, code: str) -> None:
        """Add a lot code (the desk has already resolved the scan); a mock recall's clock starts here."""
        if self.mock is not None:
            self.mock.first_scan()
            if self._mock_started is None:
                self._mock_started = time.monotonic()
                self.clock.start()
        self.lots.setText(f"{self.lots.text()} {code.strip()}".strip())

    def scan_failed(self) -> None:
        """A scan named no lot: a running mock recall stops, since its time would no longer mean anything."""
        if self.mock is None or self._mock_started is None:
            return  # not started yet: the clock still waits for the first scan that names a lot
        self._stop_mock()
        self.summary.setText(self.tr("Mock recall stopped: a scan named no lot. Begin it again."))

    def show_report(self) -> None:
        sources = self._sources()
        finishing = self.mock is not None and self._mock_started is not None

        def work(session, actor):  # noqa: ANN001, ANN202
            report = recall_report(session, **sources, now=actor.now())
            return self.mock.finish(session, actor, report) if finishing and self.mock else report

        run_busy(self, self.ctx, self.tr("Following every lot made from the sources…"), work, self._shown)

    def _shown(self, report: RecallReport) -> None:
        self.report = report
        self.model.set_records(report.lots)
        # One %n per phrase: each count gets its own singular or plural.
        text = self.tr("{0}: {1}, {2}, {3} affected.").format(
            report.title,
            self.tr("%n lot(s)", "", len(report.lots)),
            self.tr("%n order(s)", "", len(report.orders)),
            self.tr("%n customer(s)", "", len(report.customers)),
        )
        if report.elapsed_seconds is not None:
            text += " " + self.tr("Mock recall finished in {0}.").format(_duration(report.elapsed_seconds))
            self._stop_mock()
        self.summary.setText(text)
        self.ctx.banner.warning(text)

    def _ask_start(self) -> None:
        dialog = ReasonDialog(self.tr("Start a recall"), self.tr("Every affected lot is put on hold. Why?"), self)
        if dialog.exec():
            self.start(dialog.value())

    def start(self, reason: str) -> None:
        sources = self._sources()

        def started(report: RecallReport) -> None:
            self._shown(report)
            self.ctx.data_changed.emit()

        run_busy(
            self,
            self.ctx,
            self.tr("Holding every affected lot…"),
            lambda s, a: start_recall(s, a, reason=reason, **sources),
            started,
        )

    def toggle_mock(self) -> None:
        """Begin: the clock starts at the first scan. Again: show the report and stop the clock."""
        if self.mock is None:
            self.mock = MockRecall()
            self.lots.clear()
            self.supplier_lot.clear()
            # The exercise starts from nothing: the last report's lots would pass for this one's answer.
            self.report = None
            self.model.set_records([])
            self.mock_button.setText(self.tr("Finish mock recall"))
            self.summary.setText(self.tr("Mock recall: the clock starts at the first scan."))
            return
        if self._mock_started is None:
            self.ctx.banner.refused(self.tr("A mock recall starts with the first scan; nothing was scanned."))
            return
        self.show_report()

    def _stop_mock(self) -> None:
        self.mock, self._mock_started = None, None
        self.clock.stop()
        self.mock_button.setText(self.tr("Begin mock recall"))

    def _tick(self) -> None:
        if self._mock_started is not None:
            elapsed = time.monotonic() - self._mock_started
            self.summary.setText(self.tr("Mock recall running: {0}").format(_duration(elapsed)))

    def _ask_save(self, kind: str) -> None:
        path = ask_save_path(
            self, self.tr("Save recall report"), f"recall.{kind}", "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)"
        )
        if path:
            self.save(path)

    def save(self, path: Path) -> None:
        sources = self._sources()
        run_busy(
            self,
            self.ctx,
            self.tr("Writing the recall report…"),
            lambda s, a: export_recall(s, a, path=path, **sources),
            lambda result: self.ctx.banner.ok(self.tr("Recall report saved: {0}").format(result.path)),
            read_only=True,
        )


def _duration(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d} min"
