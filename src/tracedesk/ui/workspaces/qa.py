"""QA: find any lot, see its family (tree and picture), details and history; hold, release, reject, recall, export."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import TraceDeskError
from tracedesk.core.messages import msg
from tracedesk.services import quality
from tracedesk.services.aftersales import ScrapInfo, rework_lot, scrap_lot
from tracedesk.services.dto import LotInfo, RecallSummary
from tracedesk.services.family import export_trace_csv, family_graph
from tracedesk.services.history import lot_history
from tracedesk.services.permissions import Action
from tracedesk.services.queries import lots_by_codes, recent_lots, search_lots
from tracedesk.services.trace import recall_summary
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog, TextReportDialog
from tracedesk.ui.disabled import set_available
from tracedesk.ui.filedialogs import ask_save_path
from tracedesk.ui.formatting import day, lot_colour, lot_status, qty, status_text
from tracedesk.ui.genealogy_graph import FamilyGraphView
from tracedesk.ui.genealogy_model import CODE_ROLE, GenealogyModel
from tracedesk.ui.lot_panel import LotPanel
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record
from tracedesk.ui.warehouse_dialogs import ReworkDialog, ScrapDialog
from tracedesk.ui.workspaces.base import Workspace, heading


class _Progress(QObject):
    """Carries progress from the DB thread to the GUI thread (a queued signal)."""

    advanced = Signal(int)


LIST_ROWS = 10  # lot-list rows the left column makes room for on first use


class QaWorkspace(Workspace):
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

    def handle_scan(self, text: str) -> None:
        self.resolve(text, lambda result: self.single_lot(result, lambda lot: self.open_lot(lot.code)))

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

    def open_lot(self, code: str, announce: bool = True) -> None:
        """Show a lot: details and history, its tree (lazily) and its family picture."""

        def load(session):  # noqa: ANN001, ANN202
            lots = [lot for lot in search_lots(session, code, limit=5) if lot.code == code]
            if not lots:
                from tracedesk.services.lookup import lot_by_code

                lot_by_code(session, code)  # raises the NotFound sentence
            return lots[0], lot_history(session, code), family_graph(session, code)

        self.ctx.query(load, lambda data: self._opened(data, announce))
        self.tree_model.set_lot(code)

    def _opened(self, data: tuple, announce: bool = True) -> None:
        lot, history, graph = data
        self.lot = lot
        self._show_details(lot)
        self.history.set_records(history)
        self.graph.show_graph(graph)
        self._update_actions()
        if not announce:
            return
        if lot.is_blocked:
            # Amber, not red: looking a lot up attempted nothing, so nothing was refused; the reason still shows.
            self.ctx.banner.warning(
                self.tr("Lot {0} is blocked: {1}").format(lot.code, lot.hold_reason or lot.suspect_reason or "")
            )
        else:
            self.ctx.banner.info(self.tr("Lot {0}: {1}, {2}.").format(lot.code, lot.item_name, status_text(lot.status)))

    def _show_details(self, lot: LotInfo) -> None:
        self.details_box.show_lot(lot)

    def _expand_top(self) -> None:
        for row in range(self.tree_model.rowCount()):
            index = self.tree_model.index(row, 0)
            # "Made from (upstream): 12 lots" reads across the row instead of being cut by column 0.
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
            if not self.tree.isExpanded(index):
                self.tree.expand(index)
        self._fit_tree_columns()

    def _fit_tree_columns(self) -> None:
        """Columns as wide as what they show: nothing is cut; a wide family scrolls sideways."""
        for column in range(self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0) + 24, 200))

    def _tree_activated(self, index) -> None:  # noqa: ANN001
        code = index.siblingAtColumn(0).data(CODE_ROLE)
        if code:
            self.open_lot(code)

    # --- QA decisions ----------------------------------------------------------------------

    def _decided(self, lot: LotInfo, text: str, *, blocking: bool = False) -> None:
        # A hold succeeding blocks material: amber tells the user to expect refusals, green would read "all fine".
        (self.ctx.banner.warning if blocking else self.ctx.banner.ok)(text)
        self.lot = lot
        self.ctx.data_changed.emit()  # refresh() re-opens the lot and reloads the list
        if not self.isVisible():
            self.open_lot(lot.code, announce=False)

    def _ask_hold(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Hold lot {0}").format(self.lot.code), self.tr("Why is the lot put on hold?"), self, lot=self.lot
        )
        if dialog.exec():
            self.hold(dialog.value())

    def hold(self, reason: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: quality.hold_lot(s, a, lot=code, reason=reason),
            lambda lot: self._decided(
                lot,
                self.tr("Lot {0} is on hold: {1}. Lots made from it are blocked too.").format(lot.code, reason),
                blocking=True,
            ),
        )

    def _ask_release(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Release lot {0}").format(self.lot.code),
            self.tr("Why may the lot be used again?"),
            self,
            signed=True,
            lot=self.lot,
        )
        if dialog.exec():
            self.release(dialog.value(), dialog.pin_value())

    def release(self, reason: str, pin: str) -> None:
        if self.lot is None:
            return
        code, held = self.lot.code, self.lot.status == "on_hold"

        def work(session, actor):  # noqa: ANN001, ANN202
            if held:
                return quality.lift_hold(session, actor, lot=code, reason=reason, pin=pin)
            return quality.release_lot(session, actor, lot=code, reason=reason, pin=pin)

        self.ctx.run(
            work, lambda lot: self._decided(lot, self.tr("Lot {0} is now {1}.").format(lot.code, status_text(lot.status)))
        )

    def _ask_reject(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Reject lot {0}").format(self.lot.code), self.tr("Why is the lot rejected?"), self, signed=True, lot=self.lot
        )
        if dialog.exec():
            self.reject(dialog.value(), dialog.pin_value())

    def reject(self, reason: str, pin: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: quality.reject_lot(s, a, lot=code, reason=reason, pin=pin),
            lambda lot: self._decided(lot, self.tr("Lot {0} rejected: {1}.").format(lot.code, reason)),
        )

    def _ask_scrap(self) -> None:
        if self.lot is None:
            return
        dialog = ScrapDialog(self.lot, self)
        if dialog.exec():
            self.scrap(
                dialog.reason.text(),
                dialog.quantity.text().strip() or None,
                destroy=dialog.destruction.isChecked(),
                witness=dialog.witness.text().strip() or None,
                witness_pin=dialog.witness_pin.text() or None,
            )

    def scrap(
        self,
        reason: str,
        quantity: str | None,
        *,
        destroy: bool = False,
        witness: str | None = None,
        witness_pin: str | None = None,
    ) -> None:
        code = self.lot.code if self.lot else ""

        def done(result: ScrapInfo) -> None:
            if result.destroyed:
                text = self.tr("{0} of lot {1} destroyed, witnessed by {2}.").format(
                    qty(result.quantity, result.unit), result.lot.code, result.witness
                )
            else:
                text = self.tr("{0} of lot {1} scrapped.").format(qty(result.quantity, result.unit), result.lot.code)
            self._decided(result.lot, text)

        self.ctx.run(
            lambda s, a: scrap_lot(
                s, a, lot=code, reason=reason, quantity=quantity, destroy=destroy, witness=witness, witness_pin=witness_pin
            ),
            done,
        )

    def _ask_rework(self) -> None:
        if self.lot is None:
            return
        dialog = ReworkDialog(self.lot, self)
        if dialog.exec():
            self.rework(dialog.quantity.text().strip() or None, dialog.output.text(), dialog.reason.text())

    def rework(self, quantity: str | None, output: str, reason: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: rework_lot(s, a, lot=code, quantity=quantity, output_quantity=output, reason=reason),
            lambda made: self._decided(
                made, self.tr("Lot {0} reworked into lot {1} ({2}), in quarantine.").format(code, made.code, made.order)
            ),
        )

    # --- recall, export, labels ------------------------------------------------------------

    def recall_summary(self) -> None:
        if self.lot is None:
            return
        code = self.lot.code
        # A silo lot's recall reaches a third of the plant: the window asks for the counts and
        # the first of each list, and the text is made on the database thread too.
        self.ctx.query(
            lambda s: (summary := recall_summary(s, code, first=RECALL_TEXT_LINES), recall_text(summary)), self._recall_ready
        )

    def _recall_ready(self, found: tuple[RecallSummary, str]) -> None:
        summary, self.last_recall = found
        # One %n per phrase: each count gets its own singular or plural.
        self.ctx.banner.warning(
            self.tr("Recall of {0}: {1}, {2}, {3} affected.").format(
                summary.recall.lot,
                self.tr("%n lot(s)", "", summary.lots),
                self.tr("%n order(s)", "", summary.orders),
                self.tr("%n customer(s)", "", len(summary.recall.customers)),
            )
        )
        if self.isVisible() and not getattr(self, "quiet_reports", False):
            TextReportDialog(self.tr("Recall summary of {0}").format(summary.recall.lot), self.last_recall, self).exec()

    def _ask_export(self) -> None:
        if self.lot is None:
            return
        path = ask_save_path(self, self.tr("Export trace"), f"trace-{self.lot.code}.csv", "CSV (*.csv)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the whole family as CSV on the DB thread, with progress and a Cancel button."""
        if self.lot is None:
            return
        code, cancel, relay = self.lot.code, threading.Event(), _Progress(self)
        # Held here until the next export: were the database thread to drop the last reference
        # to the relay, PySide would disconnect it there and deadlock with the GUI thread.
        self._export_relay = relay
        progress = QProgressDialog(self.tr("Exporting the trace of {0}…").format(code), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.canceled.connect(cancel.set)
        relay.advanced.connect(
            lambda n: progress.setLabelText(self.tr("Exporting the trace of {0}: %n lot(s)…", "", n).format(code))
        )

        def work(session, actor):  # noqa: ANN001, ANN202
            text = export_trace_csv(
                session, actor, code, on_progress=lambda n: relay.advanced.emit(n), is_cancelled=cancel.is_set
            )
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as error:
                raise TraceDeskError("The trace could not be written to {path}: {error}.", path=path, error=error) from None
            return text.count("\n") - 1

        def done(rows: int) -> None:
            progress.close()
            self.ctx.banner.ok(self.tr("Trace of {0} exported: %n lot(s) in {1}.", "", rows).format(code, path))

        def failed(error: TraceDeskError) -> None:
            progress.close()
            self.ctx.banner.refused(str(error))

        self.ctx.run(work, done, failed, read_only=True)

    def print_label(self) -> None:
        if self.lot is None:
            return
        code = self.lot.code
        # The lot's usual template (services.labels.default_template); the timeline then shows the print.
        self.ctx.printer.print_lots([code], on_done=lambda: self.open_lot(code, announce=False))

    def selected_result(self) -> LotInfo | None:
        return selected_record(self.results_view)


RECALL_TEXT_LINES = 2_000


def recall_text(summary: RecallSummary) -> str:
    """The recall summary people read on screen: the counts and the customers first, then the
    first entries of each list; the recall report (`tracedesk recall LOT --report`) has them all.

    Rendered in the process's language (it is built on the database thread), counts in the
    right plural form."""
    recall = summary.recall

    def more(total: int, shown: int) -> list[str]:
        if total <= shown:
            return []
        return ["  " + str(msg("... and {more} more: the recall report lists them all", more=f"{total - shown:,}"))]

    def rows_of(values: tuple[str, ...], per_row: int = 8) -> list[str]:
        return ["  " + ", ".join(values[start : start + per_row]) for start in range(0, len(values), per_row)]

    customers = len(recall.customers)
    lines = [
        str(msg("Recall of {lot}", lot=recall.lot)),
        str(
            msg(
                "{lots_shown} {lots|lot|lots}, {orders_shown} {orders|work order|work orders}, "
                "{shipments_shown} {shipments|shipment|shipments} to {customers_shown} {customers|customer|customers}; "
                "{on_hand_shown} {on_hand|lot still has|lots still have} stock.",
                lots=summary.lots,
                lots_shown=f"{summary.lots:,}",
                orders=summary.orders,
                orders_shown=f"{summary.orders:,}",
                shipments=summary.shipments,
                shipments_shown=f"{summary.shipments:,}",
                customers=customers,
                customers_shown=f"{customers:,}",
                on_hand=summary.on_hand,
                on_hand_shown=f"{summary.on_hand:,}",
            )
        ),
        "",
        str(msg("Customers ({count}):", count=f"{customers:,}")),
        *rows_of(recall.customers, 10),
        "",
        str(msg("Shipped ({count}):", count=f"{summary.shipments:,}")),
    ]
    for s in recall.shipments:
        lines.append(
            f"  {s.lot:<16} {qty(s.quantity, s.unit):>12}  {s.customer} {s.customer_name}  {s.document}  {day(s.shipped_at)}"
        )
    lines += more(summary.shipments, len(recall.shipments))
    lines += [
        "",
        str(msg("Affected lots ({count}):", count=f"{summary.lots:,}")),
        *rows_of(recall.affected_lots),
        *more(summary.lots, len(recall.affected_lots)),
    ]
    lines += [
        "",
        str(msg("Work orders ({count}):", count=f"{summary.orders:,}")),
        *rows_of(recall.orders),
        *more(summary.orders, len(recall.orders)),
    ]
    lines += ["", str(msg("On hand ({count}):", count=f"{summary.on_hand:,}"))]
    for o in recall.on_hand:
        lines.append(f"  {o.code:<16} {qty(o.quantity, o.unit):>12}")
    lines += more(summary.on_hand, len(recall.on_hand))
    return "\n".join(lines)
