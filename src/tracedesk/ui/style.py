"""The look: a calm light theme with a big scan field, a big status banner and touch-sized controls."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from tracedesk.labels.resources import resource_dir

STATUS_COLOURS = {
    "released": QColor("#1b7f3b"),
    "quarantine": QColor("#b26a00"),
    "on_hold": QColor("#c62828"),
    "rejected": QColor("#6d1b1b"),
}
# Released but made from a lot on hold: must never look like the green of a usable lot.
SUSPECT_COLOUR = QColor("#d84315")
# Shipments in the family tree: a customer, not a lot, so none of the status colours.
SHIPMENT_COLOUR = QColor("#1f4e8c")
OK_BG, OK_FG = "#1b7f3b", "#ffffff"
BAD_BG, BAD_FG = "#c62828", "#ffffff"
WARN_BG, WARN_FG = "#f2a900", "#1d1d1d"
INFO_BG, INFO_FG = "#e8eef5", "#1d2b3a"


def stylesheet(large: bool) -> str:
    """Base size 11pt (legible at 1366x768), or 14pt with larger controls for touch screens."""
    base = 14 if large else 11
    pad = 10 if large else 6
    icons = (resource_dir() / "icons").as_posix()
    return f"""
QWidget {{ font-size: {base}pt; }}
QMainWindow, QDialog {{ background: #f4f6f8; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QPlainTextEdit {{
    padding: {pad // 2}px; border: 1px solid #b8c2cc; border-radius: 4px; background: white; }}
/* Styling the frame of a combo or spin box replaces the native drawing of its parts: the
   drop-down list and the arrows must then be styled too, or they come out blank or as dashes. */
QComboBox QAbstractItemView {{ background: white; color: #1d1d1d; border: 1px solid #9aa7b4;
    selection-background-color: #1e66c1; selection-color: white; outline: 0; }}
QComboBox QAbstractItemView::item {{ min-height: {base * 2 + pad}px; padding: 0 {pad}px; color: #1d1d1d; }}
QComboBox QAbstractItemView::item:hover {{ background: #dbe7f7; color: #1d1d1d; }}
QComboBox QAbstractItemView::item:selected {{ background: #1e66c1; color: white; }}
QComboBox::drop-down {{ width: {base * 2}px; border-left: 1px solid #d0d7de; }}
QComboBox::down-arrow {{ image: url({icons}/arrow-down.svg); width: 12px; height: 8px; }}
QSpinBox, QDoubleSpinBox, QDateEdit {{ padding-right: {base * 2 + 4}px; }}
QSpinBox::up-button, QDoubleSpinBox::up-button, QDateEdit::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: {base * 2}px; border-left: 1px solid #d0d7de; }}
QSpinBox::down-button, QDoubleSpinBox::down-button, QDateEdit::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: {base * 2}px; border-left: 1px solid #d0d7de; }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QDateEdit::up-arrow {{ image: url({icons}/arrow-up.svg); width: 12px; height: 8px; }}
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow {{ image: url({icons}/arrow-down.svg); width: 12px; height: 8px; }}
QListWidget::item:selected, QListView::item:selected {{ background: #1e66c1; color: white; }}
QMenu {{ background: white; color: #1d1d1d; }}
QMenu::item:selected {{ background: #1e66c1; color: white; }}
QToolTip {{ background: #fffbe6; color: #1d1d1d; border: 1px solid #b8c2cc; }}
QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{ border: 2px solid #1e66c1; }}
QPushButton {{ padding: {pad}px {pad * 2}px; border: 1px solid #9aa7b4; border-radius: 5px; background: #ffffff; }}
QPushButton:focus {{ border: 2px solid #1e66c1; }}
QPushButton:hover {{ background: #eaf1fb; }}
QPushButton[primary="true"] {{ background: #1e66c1; color: white; border: 1px solid #174f96; font-weight: bold; }}
QPushButton[danger="true"] {{ background: #ffffff; color: #b71c1c; border: 1px solid #b71c1c; }}
QPushButton:disabled {{ color: #9aa0a6; background: #eceff1; border-color: #d0d5da; }}
QLineEdit#scanField {{ font-size: {base + 8}pt; padding: {pad + 4}px; border: 2px solid #1e66c1; }}
QLabel#banner {{ font-size: {base + 7}pt; font-weight: bold; padding: {pad + 6}px; border-radius: 6px; }}
QLabel#banner[collapsed="true"] {{ font-size: {base + 2}pt; padding: 2px {pad + 6}px; }}
QLabel#heading {{ font-size: {base + 4}pt; font-weight: bold; color: #1d2b3a; }}
QLabel#userBadge {{ font-weight: bold; color: #1d2b3a; }}
QTabBar::tab {{ padding: {pad + 2}px {pad * 3}px; font-weight: bold; }}
QTabBar::tab:selected {{ background: #1e66c1; color: white; border-radius: 4px; }}
QTableView, QTreeView, QListWidget {{ background: white; alternate-background-color: #f3f6fa;
    gridline-color: #dde3ea; selection-background-color: #cfe0f7; selection-color: black; }}
QHeaderView::section {{ background: #e3e9f0; padding: {pad // 2 + 2}px; border: none;
    border-right: 1px solid #cfd8e1; font-weight: bold; }}
QGroupBox {{ font-weight: bold; border: 1px solid #cfd8e1; border-radius: 6px; margin-top: 12px; padding-top: 8px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
"""


class ComboPopupStyler(QObject):
    """Gives every combo box a styled item delegate as it is polished (install on the application).

    A combo's own popup delegate paints entries as menu items with the combo's style sheet,
    which leaves the highlighted entry blank; the styled delegate honours the ::item rules above.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.Type.Polish
            and isinstance(watched, QComboBox)
            and not isinstance(watched.itemDelegate(), QStyledItemDelegate)
        ):
            watched.setItemDelegate(QStyledItemDelegate(watched))
        return False
