"""QA: find any lot, see its family (tree and picture), details and history; hold, release, reject, recall, export.

This module lays the page out, keeps its panes and its list of lots; opening a lot (qa_lookup),
the decisions on it (qa_decisions), and its recall summary, export and label (qa_reports) are
mixed into the workspace.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracedesk.services.dto import LotInfo
from tracedesk.services.permissions import Action
from tracedesk.services.queries import lots_by_codes, recent_lots, search_lots
from tracedesk.ui.context import WorkContext
from tracedesk.ui.disabled import set_available
from tracedesk.ui.formatting import lot_colour, lot_status, qty
from tracedesk.ui.genealogy_graph import FamilyGraphView
from tracedesk.ui.genealogy_model import GenealogyModel
from tracedesk.ui.lot_panel import LotPanel
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record
from tracedesk.ui.workspaces.base import Workspace, heading
from tracedesk.ui.workspaces.qa_decisions import QaDecisions
from tracedesk.ui.workspaces.qa_lookup import QaLookup
from tracedesk.ui.workspaces.qa_reports import RECALL_TEXT_LINES, QaReports, recall_text

# Imported from here by others: the recall text lives with the recall summary in qa_reports.
__all__ = ["LIST_ROWS", "RECALL_TEXT_LINES", "QaWorkspace", "recall_text"]


LIST_ROWS = 10  # lot-list rows the left column makes room for on first use


class QaWorkspace(QaLookup, QaDecisions, QaReports, Workspace):
    action = None  # everyone may look a lot up; the actions check the permission table

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.lot: LotInfo | None = None
        self._export_relay: QObject | None = None
        layout = QVBoxLayout(self)
        search_row = QHBoxLayout()
        search_row.addWidget(heading(self.tr("Lot family tree")))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: our lot code, supplier lot, serial or item"))
        self.search_button = QPushButton(self.tr("Search"))
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_button)
        layout.addLayout(search_row)
        self.results = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r.code),
                Column(self.tr("Item"), lambda r: f"{r.item} — {r.item_name}"),
                Column(self.tr("Supplier lot"), lambda r: r.supplier_lot),
                Column(self.tr("Balance"), lambda r: qty(r.balance, r.unit), align_right=True),
                Column(self.tr("Status"), lot_status, lot_colour),
            ],
            self,
        )
        self.results_view = make_table(
            self.results, empty=self.tr("Scan a lot or search by lot code, supplier lot, item or PO: matching lots appear here.")
        )
        # At 1366x768 every pixel of height counts: the lot list and the lot's details share the
        # left column, the tree (or graph, or history) has the whole height on the right. Both
        # dividers move, and the sizes people give them are kept (QSettings).
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("qaColumns")
        self.column_splitter = splitter
        left = QSplitter(Qt.Orientation.Vertical)
        left.setObjectName("qaListAndDetails")
        self.list_splitter = left
        left.setChildrenCollapsible(False)
        left.addWidget(self.results_view)
        self.details_box = LotPanel()
        self.detail_labels = self.details_box.labels
        # The panel may be taller than the room left: it scrolls instead of squeezing rows to one line.
        details_scroll = QScrollArea()
        details_scroll.setWidget(self.details_box)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details_scroll.viewport().setAutoFillBackground(False)
        details_scroll.setMinimumHeight(28)
        left.addWidget(details_scroll)
        # The list keeps the rows it was given; the details take what a folding banner gives back.
        left.setStretchFactor(0, 0)
        left.setStretchFactor(1, 1)
        actions = QHBoxLayout()
        self.hold_button = QPushButton(self.tr("Put on hold…"))
        self.hold_button.setProperty("danger", True)
        self.release_button = QPushButton(self.tr("Release / lift hold…"))
        self.reject_button = QPushButton(self.tr("Reject…"))
        self.reject_button.setProperty("danger", True)
        self.scrap_button = QPushButton(self.tr("Scrap / destroy…"))
        self.scrap_button.setProperty("danger", True)
        self.rework_button = QPushButton(self.tr("Rework…"))
        self.recall_button = QPushButton(self.tr("Recall summary"))
        self.export_button = QPushButton(self.tr("Export trace (CSV)…"))
        self.print_button = QPushButton(self.tr("Print label"))
        for button in (
            self.hold_button,
            self.release_button,
            self.reject_button,
            self.scrap_button,
            self.rework_button,
            self.recall_button,
            self.export_button,
            self.print_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        splitter.addWidget(left)
        self.views = QTabWidget()
        self.tree_model = GenealogyModel(ctx.db, self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setMinimumSectionSize(60)
        self.graph = FamilyGraphView()
        self.history = RecordTableModel(
            [
                Column(self.tr("When"), lambda e: e.local_time.strftime("%Y-%m-%d %H:%M")),
                Column(self.tr("Who"), lambda e: e.user),
                Column(self.tr("Where"), lambda e: e.station_name),
                Column(self.tr("What"), lambda e: e.summary),
            ],
            self,
        )
        self.views.addTab(self.tree, self.tr("Family tree"))
        self.views.addTab(self.graph, self.tr("Family graph"))
        self.views.addTab(
            make_table(self.history, empty=self.tr("Open a lot to see everything recorded about it.")), self.tr("History")
        )
        splitter.addWidget(self.views)
        left.setMinimumWidth(380)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([620, 720])
        layout.addWidget(splitter, 1)
        self._sizes_restored = False
        splitter.splitterMoved.connect(lambda *_: self._save_panes())
        left.splitterMoved.connect(lambda *_: self._save_panes())

        self.search_button.clicked.connect(self.run_search)
        self.search.returnPressed.connect(self.run_search)
        self.results_view.activated.connect(lambda index: self.open_lot(self.results.record(index.row()).code))
        self.results_view.clicked.connect(lambda index: self.open_lot(self.results.record(index.row()).code))
        self.tree.activated.connect(self._tree_activated)
        self.tree_model.loaded.connect(self._expand_top)
        self.tree_model.failed.connect(self.ctx.banner.refused)
        self.graph.lot_clicked.connect(self.open_lot)
        self.hold_button.clicked.connect(self._ask_hold)
        self.release_button.clicked.connect(self._ask_release)
        self.reject_button.clicked.connect(self._ask_reject)
        self.scrap_button.clicked.connect(self._ask_scrap)
        self.rework_button.clicked.connect(self._ask_rework)
        self.recall_button.clicked.connect(self.recall_summary)
        self.export_button.clicked.connect(self._ask_export)
        self.print_button.clicked.connect(self.print_label)
        self._update_actions()

    def title(self) -> str:
        return self.tr("Trace && QA")

    # --- pane sizes: remembered, and on first use room for ten rows of the lot list ----------

    def _layout_settings(self) -> QSettings:
        return QSettings(str(self.ctx.runtime.paths.config_dir / "layout.ini"), QSettings.Format.IniFormat)

    def list_rows_height(self, rows: int = LIST_ROWS) -> int:
        """The height the lot list needs to show `rows` rows under its header."""
        view = self.results_view
        row = view.rowHeight(0) if self.results.rowCount() else 0
        row = max(row, view.verticalHeader().defaultSectionSize(), view.fontMetrics().height() + 10)
        # Room for a sideways scroll bar too: long item names may need one.
        scroll = view.horizontalScrollBar().sizeHint().height()
        return view.horizontalHeader().sizeHint().height() + rows * row + scroll + 2 * view.frameWidth() + 4

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._sizes_restored:
            return
        self._sizes_restored = True
        # Once the window has laid the tab out: sizes given to a splitter not yet at its width are scaled down.
        QTimer.singleShot(0, self._restore_panes)

    def _restore_panes(self) -> None:
        saved = self._layout_settings()
        columns, rows = saved.value("qa/columns"), saved.value("qa/list")
        if isinstance(columns, list) and len(columns) == 2:
            self.column_splitter.setSizes([int(v) for v in columns])
        if isinstance(rows, list) and len(rows) == 2:
            self.list_splitter.setSizes([int(v) for v in rows])
        else:
            total = sum(self.list_splitter.sizes()) or self.list_splitter.height()
            wanted = self.list_rows_height() + 2
            self.list_splitter.setSizes([wanted, max(total - wanted, 28)])

    def _save_panes(self) -> None:
        saved = self._layout_settings()
        saved.setValue("qa/columns", self.column_splitter.sizes())
        saved.setValue("qa/list", self.list_splitter.sizes())
        saved.sync()

    def activated(self) -> None:
        self._update_actions()
        if not self.results.records():
            self.ctx.query(recent_lots, self.results.set_records)
        else:
            self._reload_results()

    def refresh(self) -> None:
        self.activated()
        if self.lot is not None:
            self.open_lot(self.lot.code, announce=False)

    def _reload_results(self) -> None:
        # The listed lots again, by code: one cheap query, and the list keeps its order and selection.
        codes = [lot.code for lot in self.results.records()]
        selected = self.selected_result()
        self.ctx.query(lambda s: lots_by_codes(s, codes), lambda lots: self._results_reloaded(lots, selected))

    def _results_reloaded(self, lots: list[LotInfo], selected: LotInfo | None) -> None:
        self.results.set_records(lots)
        codes = [lot.code for lot in lots]
        if selected is not None and selected.code in codes:
            self.results_view.selectRow(codes.index(selected.code))

    def saved_state(self) -> object | None:
        return self.lot.code if self.lot is not None else None

    def restore_state(self, state: object) -> None:
        if isinstance(state, str):
            self.open_lot(state, announce=False)

    def reset(self) -> None:
        super().reset()
        self.lot = None
        self.details_box.clear()
        self.graph.scene().clear()
        self.graph.boxes = {}
        self.tree_model.clear()
        self._update_actions()

    def _update_actions(self) -> None:
        has_lot = self.lot is not None
        no_lot = self.tr("Open a lot first: scan its label or search for it.")
        for button, action in (
            (self.hold_button, Action.HOLD),
            (self.release_button, Action.RELEASE),
            (self.reject_button, Action.REJECT),
            (self.scrap_button, Action.SCRAP),
            (self.rework_button, Action.REWORK),
            (self.recall_button, Action.RECALL),
            (self.export_button, Action.EXPORT),
            (self.print_button, Action.PRINT_LABELS),
        ):
            why = self.ctx.why_not(action) or ("" if has_lot else no_lot)
            set_available(button, not why, why)

    # --- finding a lot ---------------------------------------------------------------------

    def run_search(self) -> None:
        text = self.search.text()
        self.ctx.query(lambda s: search_lots(s, text), self._found)

    def _found(self, lots: list[LotInfo]) -> None:
        self.results.set_records(lots)
        if len(lots) == 1:
            self.open_lot(lots[0].code)
        elif not lots:
            self.ctx.banner.refused(self.tr("No lot matches {0!r}.").format(self.search.text()))
        else:
            self.ctx.banner.info(self.tr("%n lot(s) found; choose one.", "", len(lots)))

    def selected_result(self) -> LotInfo | None:
        return selected_record(self.results_view)
