"""Opening a lot in Trace & QA, from a scan, the list, the tree or the graph: details, history, tree and picture."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QWidget

from tracedesk.services.dto import LotInfo
from tracedesk.services.family import family_graph
from tracedesk.services.history import lot_history
from tracedesk.services.queries import search_lots
from tracedesk.ui.formatting import status_text
from tracedesk.ui.genealogy_model import CODE_ROLE

# The workspace this is mixed into is a QWidget (tr, dialogs' parent); at run time the mixin is a
# plain class, so nothing here overrides Qt's.
if TYPE_CHECKING:
    _MixedIntoWidget = QWidget
else:
    _MixedIntoWidget = object


class QaLookup(_MixedIntoWidget):
    """The lot a scan or a click opens in the QA workspace, shown in all its views; mixed into it."""

    # Provided by the workspace this is mixed into (annotations only).
    ctx: Any
    lot: LotInfo | None
    details_box: Any
    tree_model: Any
    tree: Any
    graph: Any
    history: Any
    results: Any
    results_view: Any
    resolve: Callable[..., None]
    single_lot: Callable[..., None]
    _update_actions: Callable[[], None]

    def handle_scan(self, text: str) -> None:
        self.resolve(text, lambda result: self.single_lot(result, lambda lot: self.open_lot(lot.code)))

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
        self._mark_in_list(lot.code)
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

    def _mark_in_list(self, code: str) -> None:
        # The row marked in the list is the lot the decisions act on, or none: a row clicked
        # earlier must not stay marked beside another, scanned, lot.
        codes = [listed.code for listed in self.results.records()]
        if code in codes:
            self.results_view.selectRow(codes.index(code))
        else:
            self.results_view.clearSelection()

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
        """Columns as wide as what they show, but the first two no wider than a third of the view
        each: a customer's long name or a long item name is shortened (whole in its tooltip)
        rather than pushing the quantity and the status, what QA reads the tree for, out of
        sight on a 1366-pixel screen. A lot's code fits a third unless the tree is very deep."""
        for column in range(self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
        third = max(200, self.tree.viewport().width() // 3)
        self.tree.setColumnWidth(0, min(max(self.tree.columnWidth(0) + 24, 200), third))
        self.tree.setColumnWidth(1, min(self.tree.columnWidth(1), third))

    def _tree_activated(self, index) -> None:  # noqa: ANN001
        code = index.siblingAtColumn(0).data(CODE_ROLE)
        if code:
            self.open_lot(code)
