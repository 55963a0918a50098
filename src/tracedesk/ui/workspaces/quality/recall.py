"""Quality desk: recall from a supplier lot or a list of lots, start it (holding every lot), or run a timed mock recall."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.mock_recall import MockRecall, list_mock_recalls, run_mock_recall
from tracedesk.services.recall import MockDrill, RecallAlreadyOpen, RecallReport, open_recall_report, recall_report, start_recall
from tracedesk.services.reports.exports import ExportResult, export_recall
from tracedesk.services.reports.recall_report import format_duration
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog
from tracedesk.ui.formatting import day, lot_colour, lot_status, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.quality.common import ask_save_path, run_busy


def ask_open_recall(parent: QWidget, text: str) -> bool:
    """Whether to show the open recall the refusal names (tests replace this question)."""
    answer = QMessageBox.question(parent, parent.tr("Recall already open"), text)
    return answer == QMessageBox.StandardButton.Yes


class RecallTab(QWidget):
    """Scanned or typed lots (or a supplier lot) give the report; a mock recall is timed from Begin to its report."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: RecallReport | None = None
        self.mock: MockRecall | None = None
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
            3,
        )
        layout.addWidget(QLabel(self.tr("Past mock recalls")))
        self.drills = RecordTableModel(
            [
                Column(self.tr("Drill"), lambda d: d.code),
                Column(self.tr("Started"), lambda d: day(d.started_at)),
                Column(self.tr("Time taken"), lambda d: format_duration(d.elapsed_seconds), align_right=True),
                Column(self.tr("Run by"), lambda d: f"{d.run_by_name} ({d.run_by})"),
                Column(self.tr("Sources"), lambda d: " ".join(d.sources)),
                Column(self.tr("Lots"), lambda d: d.lots, align_right=True),
                Column(self.tr("Customers"), lambda d: d.customers, align_right=True),
                Column(self.tr("Report"), lambda d: d.report or ""),
            ],
            self,
        )
        drills = make_table(self.drills, empty=self.tr("Mock recalls you finish appear here, with the time each took."))
        # Its own size would come first: at 1366 x 768 it left the recall's reach two rows high.
        drills.setSizePolicy(drills.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        layout.addWidget(drills, 1)
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

    def load(self) -> None:
        """The past mock recalls, newest first."""
        self.ctx.query(list_mock_recalls, self._drills_loaded)

    def _drills_loaded(self, drills: list[MockDrill]) -> None:
        self.drills.set_records(drills)

    def handle_scan(self, code: str) -> None:
        """Add a lot code (the desk has already resolved the scan); a running drill's clock keeps running."""
        self.lots.setText(f"{self.lots.text()} {code.strip()}".strip())

    def scan_failed(self) -> None:
        """A scan named no lot: the banner said so; a running drill goes on (its clock counts the lost time too)."""

    def show_report(self) -> None:
        sources = self._sources()
        run_busy(
            self,
            self.ctx,
            self.tr("Following every lot made from the sources…"),
            lambda s, a: recall_report(s, **sources, now=a.now()),
            self._shown,
            read_only=True,
        )

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
        if report.mock is not None:
            text += " " + self.tr("Mock recall finished in {0}.").format(format_duration(report.mock.elapsed_seconds))
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

        def refused(error: TraceDeskError) -> None:
            if isinstance(error, RecallAlreadyOpen):
                question = self.tr("{0}\n\nShow recall {1}?").format(str(error), error.recall)
                if ask_open_recall(self, question):
                    self.show_open_recall(error.recall)
                    return
            self.ctx.banner.refused(str(error))

        self.ctx.run(lambda s, a: start_recall(s, a, reason=reason, **sources), started, refused)

    def show_open_recall(self, recall: str) -> None:
        """The report of a recall already started (offered when a second one would open on its lots)."""
        run_busy(
            self,
            self.ctx,
            self.tr("Following every lot made from the sources…"),
            lambda s, a: open_recall_report(s, recall, now=a.now()),
            self._shown,
            read_only=True,
        )

    def toggle_mock(self) -> None:
        """Begin: the drill starts and its clock runs. Again: ask where the report goes, then finish."""
        if self.mock is None:
            self.begin_mock()
            return
        if not any(self._sources().values()):
            self.ctx.banner.refused(self.tr("Scan or type the lots of the drill (or a supplier lot) first."))
            return
        path = ask_save_path(self, self.tr("Save the mock recall report"), "mock-recall.pdf", "PDF (*.pdf);;Excel (*.xlsx)")
        if path:
            self.finish_mock(path)

    def begin_mock(self) -> None:
        """The drill starts now: the clock runs from this moment to the complete report."""
        self.mock = MockRecall()
        self.mock.start()
        self.lots.clear()
        self.supplier_lot.clear()
        # The exercise starts from nothing: the last report's lots would pass for this one's answer.
        self.report = None
        self.model.set_records([])
        self.mock_button.setText(self.tr("Finish mock recall…"))
        self.clock.start()
        self._tick()

    def finish_mock(self, path: Path) -> None:
        """Stop the clock when the report is complete, record the drill, and write the report with its time."""
        mock, sources = self.mock, self._sources()
        if mock is None:
            return

        def finished(result: tuple[RecallReport, ExportResult | None]) -> None:
            report, written = result
            self._stop_mock()
            self._shown(report)
            if written is not None:
                self.ctx.banner.ok(self.tr("Mock recall report saved: {0}").format(written.path))
            self.load()

        run_busy(
            self,
            self.ctx,
            self.tr("Writing the mock recall report…"),
            lambda s, a: run_mock_recall(s, a, mock, **sources, path=path),
            finished,
        )

    def _stop_mock(self) -> None:
        self.mock = None
        self.clock.stop()
        self.mock_button.setText(self.tr("Begin mock recall"))

    def _tick(self) -> None:
        if self.mock is not None:
            self.summary.setText(self.tr("Mock recall running: {0}").format(format_duration(self.mock.elapsed())))

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
