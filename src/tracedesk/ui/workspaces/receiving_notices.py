"""Receiving against advance notices: import a supplier's EPCIS file, see what is expected, fill the form from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tracedesk.core.quantity import format_quantity
from tracedesk.services.notice_lines import NoticeLineInfo, open_notice_lines
from tracedesk.services.notices import NoticeMatch, import_notices
from tracedesk.ui.filedialogs import documents_folder
from tracedesk.ui.formatting import day, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import heading


def ask_notice_path(parent: QWidget, title: str) -> str:
    """The supplier's EPCIS file to import ("" when the clerk cancels; tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(documents_folder()), "EPCIS JSON-LD (*.jsonld *.json)")
    return path


if TYPE_CHECKING:
    _Mixin = QWidget  # to the type checker a widget (tr, a parent for models) ...
else:
    _Mixin = object  # ... at run time a plain mixin before the workspace's QWidget


class NoticeReceiving(_Mixin):
    """Mixed into the receiving workspace: the expected-receipts list and the notice line being received."""

    # Provided by the workspace this is mixed into.
    ctx: Any
    supplier: Any
    item: Any
    supplier_lot: Any
    quantity: Any
    expiry: Any
    manufactured: Any
    po: Any
    _select: Callable[[Any, object], None]

    def build_notices(self, right: QVBoxLayout) -> None:
        self.notice_line: NoticeLineInfo | None = None
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(False)
        self.leave_notice_button = QPushButton(self.tr("Not against this notice"))
        self.leave_notice_button.setVisible(False)
        self.leave_notice_button.clicked.connect(self.clear_notice)
        header = QHBoxLayout()
        header.addWidget(heading(self.tr("Expected from advance notices")))
        header.addStretch(1)
        self.import_notice_button = QPushButton(self.tr("Import advance notice…"))
        self.import_notice_button.setToolTip(
            self.tr(
                "A supplier's EPCIS file: its shipments become expected receipts. Choose the supplier first if its GLN is not on file."
            )
        )
        self.import_notice_button.clicked.connect(self.import_notice)
        header.addWidget(self.import_notice_button)
        right.addLayout(header)
        self.expected = RecordTableModel(
            [
                Column(self.tr("Supplier"), lambda n: n.supplier or n.supplier_name),
                Column(self.tr("Despatch"), lambda n: n.despatch or ""),
                Column(self.tr("Item"), lambda n: n.item or n.gtin),
                Column(self.tr("Supplier lot"), lambda n: n.serial or n.supplier_lot or ""),
                Column(self.tr("Expected"), lambda n: qty(n.remaining, n.unit), align_right=True),
                Column(self.tr("Expiry"), lambda n: day(n.expiry)),
            ],
            self,
        )
        self.expected_view = make_table(
            self.expected, empty=self.tr("No deliveries expected. Lines of imported advance notices appear here.")
        )
        self.expected_view.doubleClicked.connect(lambda index: self.use_notice_line(self.expected.record(index.row())))
        right.addWidget(self.expected_view)

    def notice_widgets(self) -> list[QWidget]:
        return [self.notice_label, self.leave_notice_button]

    def refresh_expected(self) -> None:
        self.ctx.query(open_notice_lines, self.expected.set_records)

    def import_notice(self) -> None:
        path = ask_notice_path(self, self.tr("Import advance notice"))
        if not path:
            return
        supplier = self.supplier.currentData()

        def done(result: Any) -> None:
            self.refresh_expected()
            if result.recorded:
                self.ctx.banner.ok(
                    self.tr("Advance notice of {0} recorded: {1} expected receipts.").format(result.supplier, result.lines)
                )
            else:
                self.ctx.banner.warning(self.tr("This advance notice was imported before; nothing new."))

        self.ctx.run(lambda s, a: import_notices(s, a, Path(path), supplier=supplier), done)

    def use_notice_line(self, line: NoticeLineInfo, match: NoticeMatch | None = None, label: Any = None) -> None:
        """Fill the form from the notice line; the clerk checks it and receives (differences are recorded)."""
        self.notice_line = line
        if line.item:
            self._select(self.item, line.item)
        if line.supplier:
            self._select(self.supplier, line.supplier)
        scanned_lot = match.scanned_lot if match else None
        self.supplier_lot.setText(scanned_lot or line.serial or line.supplier_lot or "")
        carton = getattr(label, "quantity", None)
        self.quantity.setText(format_quantity(carton if carton is not None else line.remaining))
        self.expiry.setText(line.expiry.isoformat() if line.expiry else "")
        self.manufactured.setText(line.production_date.isoformat() if line.production_date else "")
        self.po.setText(line.po or "")
        self.notice_label.setText(
            self.tr("Against advance notice {0} of {1}: {2} of lot {3} expected.").format(
                line.despatch or line.notice[:8],
                line.supplier or line.supplier_name,
                qty(line.remaining, line.unit),
                line.serial or line.supplier_lot or "?",
            )
        )
        self.notice_label.setVisible(True)
        self.leave_notice_button.setVisible(True)
        banner = self.ctx.banner
        if line.item is None:
            banner.warning(
                self.tr("GTIN {0} of the notice belongs to no item: choose the item; the difference is recorded.").format(
                    line.gtin
                )
            )
        elif scanned_lot:
            banner.warning(
                self.tr("Lot {0} is not in the notice (it expects {1}): the difference is recorded when you receive.").format(
                    scanned_lot, line.serial or line.supplier_lot or "?"
                )
            )
        elif match is not None and match.candidates > 1:
            banner.warning(
                self.tr("{0} notice lines travel on this unit; this is the first. Check the item and lot.").format(
                    match.candidates
                )
            )
        else:
            banner.ok(self.tr("Filled from the advance notice. Check the quantity and receive."))

    def clear_notice(self) -> None:
        self.notice_line = None
        self.notice_label.setVisible(False)
        self.leave_notice_button.setVisible(False)
