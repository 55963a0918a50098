"""The details of one lot as a form: values wrap, and each keeps its whole text as a tooltip."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from tracedesk.services.dto import LotInfo
from tracedesk.ui.formatting import day, lot_colour, lot_status, qty


class LotPanel(QGroupBox):
    """`labels` maps each field (code, item, status, quantity, supplier, supplier_lot ...) to its value label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lot"), parent)
        form = QFormLayout(self)
        # Values wrap onto more lines rather than push the panel wider than the splitter gives it.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        for key, title in (
            ("code", self.tr("Lot")),
            ("item", self.tr("Item")),
            ("status", self.tr("Status")),
            ("quantity", self.tr("Quantity / balance")),
            ("supplier", self.tr("Supplier")),
            ("supplier_lot", self.tr("Supplier lot")),
            ("order", self.tr("Work order")),
            ("dates", self.tr("Received / produced")),
            ("expiry", self.tr("Expiry")),
            ("location", self.tr("Location")),
            ("hold", self.tr("Hold")),
        ):
            label = QLabel("—")
            label.setWordWrap(True)
            label.setMinimumWidth(0)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
            self.labels[key] = label

    def show_lot(self, lot: LotInfo) -> None:
        d = self.labels
        d["code"].setText(f"<b>{html.escape(lot.code)}</b>")
        d["item"].setText(f"{lot.item} — {lot.item_name}")
        colour = lot_colour(lot)
        d["status"].setText(f"<b style='color:{colour.name() if colour else '#000'}'>{html.escape(lot_status(lot))}</b>")
        d["quantity"].setText(f"{qty(lot.quantity, lot.unit)} / {qty(lot.balance, lot.unit)}")
        d["supplier"].setText(lot.supplier_name or lot.supplier or "—")
        d["supplier_lot"].setText(lot.supplier_lot or "—")
        d["order"].setText(lot.order or "—")
        d["dates"].setText(day(lot.produced_at or lot.received_at) or "—")
        d["expiry"].setText(day(lot.expiry) or "—")
        where = lot.location or "—"
        d["location"].setText(f"{where} ({lot.plant})" if lot.location and lot.plant and lot.plant != lot.location else where)
        d["hold"].setText(str(lot.hold_reason or lot.suspect_reason or "—"))
        for label in d.values():
            # The whole value stays one hover away even when a long code has no place to break.
            label.setToolTip(QTextDocumentFragment.fromHtml(label.text()).toPlainText() if label.text() != "—" else "")

    def clear(self) -> None:
        for label in self.labels.values():
            label.setText("—")
            label.setToolTip("")
