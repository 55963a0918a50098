"""The family tree as a lazy Qt model: children are fetched in pages on the DB thread as rows are expanded.

Only what someone expands is ever loaded, so a family of 100,000 lots opens at once. Two top
rows hold the directions: "made from" (upstream) and "used in" (downstream). Downstream, a
shipped lot's shipments follow its lots as leaves: the customer, the document, how much, when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QIcon

from tracedesk.core.errors import TraceDeskError
from tracedesk.labels.resources import resource_dir
from tracedesk.services.family import (
    PAGE_SIZE,
    Direction,
    FamilyNode,
    FamilyPage,
    FamilyShipment,
    family_page,
    family_totals,
    root_node,
)
from tracedesk.ui.executor import DbExecutor
from tracedesk.ui.formatting import day, lot_status_colour, lot_status_text, qty
from tracedesk.ui.style import SHIPMENT_COLOUR

Index = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SHIPMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the FamilyShipment of a shipment row, None on a lot


@dataclass(eq=False)
class _Node:
    parent: _Node | None
    row: int
    direction: Direction
    lot_id: int
    total: int  # neighbours in `direction`; children are loaded up to this
    lot: FamilyNode | None = None  # None for the two direction rows and for shipments
    shipment: FamilyShipment | None = None  # a leaf: where a shipped lot went
    title: str = ""
    children: list[_Node] = field(default_factory=list)
    loading: bool = False


class GenealogyModel(QAbstractItemModel):
    """Lot, item, quantity, status, order, date and the station that recorded it per node; status in its colour.

    A shipment row reads in the same columns: the customer, the document, the quantity shipped,
    "shipped" and the date, in its own colour and with a truck before it.
    """

    loaded = Signal()  # a page of children (or the root) arrived
    failed = Signal(str)

    def __init__(self, db: DbExecutor, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._db = db
        self._page = page_size
        self._top: list[_Node] = []
        self.totals: tuple[int, int] | None = None  # lots upstream and downstream at every level
        self._generation = 0
        self.root: FamilyNode | None = None
        self._shipment_icon: QIcon | None = None
        self.headers = [
            self.tr("Lot"),
            self.tr("Item"),
            self.tr("Quantity"),
            self.tr("Status"),
            self.tr("Order"),
            self.tr("Date"),
            self.tr("Station"),
        ]

    # --- loading ------------------------------------------------------------------------

    def set_lot(self, code: str) -> None:
        """Show the family of `code`; the two direction rows appear when the DB answers."""
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._top = []
        self.root = None
        self.endResetModel()

        def load(session):  # noqa: ANN001, ANN202
            node, ups, downs = root_node(session, code)
            return node, ups, downs, *family_totals(session, node.lot_id)

        self._db.run(load, lambda r: self._root_loaded(generation, r), self._failed, read_only=True)

    def clear(self) -> None:
        """Show nothing (after sign-out); answers still on their way are dropped."""
        self._generation += 1
        self.beginResetModel()
        self._top = []
        self.root = None
        self.endResetModel()

    def _root_loaded(self, generation: int, result: tuple[FamilyNode, int, int, int, int]) -> None:
        if generation != self._generation:
            return
        node, ups, downs, all_up, all_down = result
        self.beginResetModel()
        self.root = node
        # The first level is what the row opens to; the whole family (every level) is the number
        # a recall is about, so both are said.
        self.totals = (all_up, all_down)
        self._top = [
            _Node(None, 0, "up", node.lot_id, ups, title=self._title("up", ups, all_up)),
            _Node(
                None, 1, "down", node.lot_id, downs + node.shipments, title=self._title("down", downs, all_down, node.shipments)
            ),
        ]
        self.endResetModel()
        self.loaded.emit()

    def _title(self, direction: Direction, first: int, every: int, shipments: int = 0) -> str:
        if direction == "down" and shipments:
            # The lot's own shipments are rows of this direction too: the count says so.
            return self.tr("{0}; the lot itself shipped %n time(s)", "", shipments).format(self._title(direction, first, every))
        if direction == "up":
            if first == every:
                return self.tr("Made from (upstream): %n lot(s)", "", first)
            return self.tr("Made from (upstream): %n lot(s) directly, {0} at all levels", "", first).format(
                QLocale().toString(every)
            )
        if first == every:
            return self.tr("Used in (downstream): %n lot(s)", "", first)
        return self.tr("Used in (downstream): %n lot(s) directly, {0} at all levels", "", first).format(QLocale().toString(every))

    def _failed(self, error: TraceDeskError) -> None:
        self.failed.emit(str(error))

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        node = self._node(parent)
        return node is not None and not node.loading and len(node.children) < node.total

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        node = self._node(parent)
        if node is None or node.loading or len(node.children) >= node.total:
            return
        node.loading = True
        lot = node.lot
        if lot is not None and lot.shipped and not node.children and node.direction == "down" and lot.branches == 0:
            # A shipped lot that went into nothing else: its first customers came with the page
            # that holds it, so they show without a round trip (further pages are read as usual).
            self._page_loaded(self._generation, node, FamilyPage((), lot.shipments, lot.shipped))
            return
        generation, offset, limit = self._generation, len(node.children), self._page
        lot_id, direction = node.lot_id, node.direction
        self._db.run(
            lambda s: family_page(s, lot_id, direction, offset=offset, limit=limit),
            lambda page: self._page_loaded(generation, node, page),
            self._failed,
            read_only=True,
        )

    def _page_loaded(self, generation: int, node: _Node, page: FamilyPage) -> None:
        if generation != self._generation:
            return
        node.total = page.total
        if not page.nodes and not page.shipments:
            node.loading = False
            return
        start = len(node.children)
        self.beginInsertRows(self._index_of(node), start, start + len(page.nodes) + len(page.shipments) - 1)
        for lot in page.nodes:
            onward = lot.branches + (lot.shipments if node.direction == "down" else 0)
            node.children.append(_Node(node, len(node.children), node.direction, lot.lot_id, onward, lot))
        for shipment in page.shipments:
            node.children.append(_Node(node, len(node.children), node.direction, node.lot_id, 0, shipment=shipment))
        # Loading until the rows are in, and done before rowsInserted: asked between the two
        # signals, canFetchMore would fetch this page again; asked on rowsInserted (to go on
        # to the next page) it must say yes.
        node.loading = False
        self.endInsertRows()
        self.loaded.emit()

    @property
    def is_loading(self) -> bool:
        def busy(nodes: list[_Node]) -> bool:
            return any(n.loading or busy(n.children) for n in nodes)

        return busy(self._top)

    # --- the model ----------------------------------------------------------------------

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def _index_of(self, node: _Node) -> QModelIndex:
        return self.createIndex(node.row, 0, node)

    def _children(self, parent: Index) -> list[_Node]:
        node = self._node(parent)
        return self._top if node is None else node.children

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(parent)
        if 0 <= row < len(children) and 0 <= column < len(self.headers):
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.headers)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node(parent)
        return bool(self._top) if node is None else node.total > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if node.shipment is not None:
            return self._shipment_data(node.shipment, index.column(), role)
        lot = node.lot
        if lot is None:
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return node.title
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                lot.code,
                f"{lot.item} — {lot.item_name}",
                qty(lot.quantity, lot.unit),
                lot_status_text(lot.status, lot.suspect),
                lot.order,
                day(lot.date),
                lot.station,
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            colour = lot_status_colour(lot.status, lot.suspect)
            return QBrush(colour) if colour is not None else None
        if role == CODE_ROLE:
            return lot.code
        return None

    def _shipment_data(self, shipment: FamilyShipment, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Customer {0} — {1}").format(shipment.customer, shipment.customer_name),
                self.tr("Shipped under document {0}").format(shipment.document),
                qty(shipment.quantity, shipment.unit),
                self.tr("shipped"),
                "",
                day(shipment.shipped_at),
                "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{0} shipped to {1} ({2}) under document {3} on {4}").format(
                qty(shipment.quantity, shipment.unit),
                shipment.customer_name,
                shipment.customer,
                shipment.document,
                day(shipment.shipped_at),
            )
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            if self._shipment_icon is None:
                self._shipment_icon = QIcon(str(resource_dir() / "icons" / "shipment.svg"))
            return self._shipment_icon
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(SHIPMENT_COLOUR)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if role == SHIPMENT_ROLE:
            return shipment
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
