"""A read-only table model over a list of frozen records, with columns given as (title, getter)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracedesk.core.quantity import plain_text

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    colour: Callable[[Any], QColor | None] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel):
    """Rows are DTOs; `records()` gives them back for the selection."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    def set_records(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> list[Any]:
        return list(self._rows)

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(record)
            return plain_text(value)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None


class RecordTable(QTableView):
    """A table that, while empty, says what would appear in it (an empty grid says nothing)."""

    def __init__(self, parent: QWidget | None = None, empty_text: str = "") -> None:
        super().__init__(parent)
        self.empty_text = empty_text

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.viewport().update()

    def is_showing_empty_text(self) -> bool:
        model = self.model()
        return bool(self.empty_text) and (model is None or model.rowCount() == 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.is_showing_empty_text():
            return
        painter = QPainter(self.viewport())
        painter.setPen(QColor("#5f6b7a"))
        area = self.viewport().rect().adjusted(16, 12, -16, -12)
        painter.drawText(
            area, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), self.empty_text
        )
        painter.end()


def make_table(model: RecordTableModel, parent: QWidget | None = None, *, empty: str = "") -> RecordTable:
    """A clear shop-floor table: whole-row selection, alternating rows, last column stretched.

    `empty` says what would appear in the table, shown while it has no rows."""
    view = RecordTable(parent, empty)
    view.setModel(model)
    # Rows added or removed repaint the viewport, so the empty text comes and goes with them.
    model.modelReset.connect(view.viewport().update)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    # Columns fit their contents (tables here are bounded lists), the last one takes the rest.
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setTabKeyNavigation(False)
    return view


def selected_record(view: QTableView) -> Any | None:
    model = view.model()
    rows = view.selectionModel().selectedRows() if view.selectionModel() else []
    if not rows or not isinstance(model, RecordTableModel):
        return None
    return model.record(rows[0].row())
