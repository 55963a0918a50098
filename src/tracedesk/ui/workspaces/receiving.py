"""Receiving: scan the supplier's label, complete the form, save into quarantine, print our labels."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import InvalidInput, TraceDeskError
from tracedesk.core.parsing import parse_date
from tracedesk.core.quantity import format_quantity
from tracedesk.services.dto import LotInfo
from tracedesk.services.masterdata import list_items, list_parties
from tracedesk.services.notices import ReceivingScan, receive_against_notice, scan_for_receiving
from tracedesk.services.permissions import Action
from tracedesk.services.queries import list_locations, received_at_station, supplier_codes_for_item
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.scan_resolution import Resolution, ScanResult
from tracedesk.ui.context import WorkContext
from tracedesk.ui.formatting import day, lot_colour, lot_status, qty, status_text
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import Workspace, heading
from tracedesk.ui.workspaces.receiving_notices import NoticeReceiving

RECEIVED_SHOWN = 50  # the latest lots received here: enough for a shift, small enough to load at once


def parse_day(text: str, what: str) -> date | None:
    """A date field: empty is none; otherwise the shared strict parser (the service judges plausibility)."""
    return parse_date(text, what=what) if text.strip() else None


class ReceivingWorkspace(NoticeReceiving, Workspace):
    action = Action.RECEIVE

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._items: dict[str, object] = {}
        outer = QHBoxLayout(self)
        form_box = QGroupBox(self.tr("Incoming lot"))
        form = QFormLayout(form_box)
        self.item = QComboBox()
        self.supplier = QComboBox()
        self.supplier_lot = QLineEdit()
        self.quantity = QLineEdit()
        self.unit = QLabel()
        quantity_row = QHBoxLayout()
        quantity_row.addWidget(self.quantity)
        quantity_row.addWidget(self.unit)
        self.expiry = QLineEdit()
        self.expiry.setPlaceholderText(self.tr("YYYY-MM-DD (empty: from shelf life)"))
        self.manufactured = QLineEdit()
        self.manufactured.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.po = QLineEdit()
        self.containers = QSpinBox()
        self.containers.setRange(1, 999)
        self.location = QComboBox()
        form.addRow(self.tr("Item"), self.item)
        form.addRow(self.tr("Supplier"), self.supplier)
        form.addRow(self.tr("Supplier lot"), self.supplier_lot)
        form.addRow(self.tr("Quantity"), quantity_row)
        form.addRow(self.tr("Expiry"), self.expiry)
        form.addRow(self.tr("Manufactured"), self.manufactured)
        form.addRow(self.tr("Purchase order"), self.po)
        form.addRow(self.tr("Containers (labels)"), self.containers)
        form.addRow(self.tr("Location"), self.location)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Receive and print labels"))
        self.save_button.setProperty("primary", True)
        self.clear_button = QPushButton(self.tr("Clear"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        form.addRow(buttons)
        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Receiving")))
        left.addWidget(QLabel(self.tr("Scan the supplier's label: item, lot, expiry and quantity fill in.")))
        left.addWidget(form_box)
        right = QVBoxLayout()
        self.build_notices(right)
        for widget in self.notice_widgets():
            left.addWidget(widget)
        left.addStretch(1)
        outer.addLayout(left, 2)
        right.addWidget(heading(self.tr("Received at this station")))
        self.received = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r.code),
                Column(self.tr("Item"), lambda r: r.item),
                Column(self.tr("Supplier lot"), lambda r: r.supplier_lot),
                Column(self.tr("Quantity"), lambda r: qty(r.quantity, r.unit), align_right=True),
                Column(self.tr("Expiry"), lambda r: day(r.expiry)),
                Column(self.tr("Status"), lot_status, lot_colour),
            ],
            self,
        )
        self.received_view = make_table(
            self.received, empty=self.tr("Nothing received at this station yet. Lots you receive appear here.")
        )
        right.addWidget(self.received_view)
        outer.addLayout(right, 3)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear)
        self.item.currentIndexChanged.connect(self._item_changed)

    def title(self) -> str:
        return self.tr("Receiving")

    def activated(self) -> None:
        def load(session):  # noqa: ANN001, ANN202
            return list_items(session), list_parties(session, "supplier"), list_locations(session)

        self.ctx.query(load, self._loaded)
        self.refresh_received()

    def refresh(self) -> None:
        self.refresh_received()

    def refresh_received(self) -> None:
        self.refresh_expected()
        self._refresh_received()

    def _refresh_received(self) -> None:
        """The latest lots received at this station, as they are now (released, held ...), from the database.

        Read from the event log rather than kept in memory, so the list survives signing out and a restart.
        """
        station = self.ctx.runtime.station.code
        self.ctx.query(lambda s: received_at_station(s, station, limit=RECEIVED_SHOWN), self.received.set_records)

    def _loaded(self, data: tuple) -> None:
        items, suppliers, locations = data
        keep_item, keep_supplier = self.item.currentData(), self.supplier.currentData()
        self._items = {i.code: i for i in items}
        self.item.blockSignals(True)
        self.item.clear()
        self.item.addItem("", None)
        for item in items:
            if item.kind in ("raw", "packaging", "intermediate"):
                self.item.addItem(f"{item.code} — {item.name}", item.code)
        self.item.blockSignals(False)
        self.supplier.clear()
        self.supplier.addItem("", None)
        for party in suppliers:
            self.supplier.addItem(f"{party.code} — {party.name}", party.code)
        self.location.clear()
        self.location.addItem("", None)
        for location in locations:
            self.location.addItem(f"{location.code} — {location.name}", location.code)
        self._select(self.item, keep_item)
        self._select(self.supplier, keep_supplier)
        self._item_changed()

    @staticmethod
    def _select(combo: QComboBox, code: object) -> None:
        index = combo.findData(code) if code is not None else -1
        combo.setCurrentIndex(max(index, 0))

    def _item_changed(self) -> None:
        code = self.item.currentData()
        item = self._items.get(code) if code else None
        self.unit.setText(getattr(item, "unit", ""))
        if code and self.supplier.currentData() is None:
            self.ctx.query(lambda s: supplier_codes_for_item(s, code), self._suggest_supplier)

    def _suggest_supplier(self, codes: list[str]) -> None:
        if len(codes) == 1 and self.supplier.currentData() is None:
            self._select(self.supplier, codes[0])

    # --- scanning -----------------------------------------------------------------------

    def handle_scan(self, text: str) -> None:
        # Every scan starts a clean form: nothing of the previous label (or a refused one) stays.
        self.clear()
        today = self.ctx.today()
        self.ctx.query(lambda session: scan_for_receiving(session, text, today=today), self._scanned_at_receiving)

    def _scanned_at_receiving(self, scanned: ReceivingScan) -> None:
        self.clear_notice()
        if scanned.notice is not None:
            self.use_notice_line(scanned.notice.line, scanned.notice, scanned.result.label)
            return
        self._scanned(scanned.result)

    def _scanned(self, result: ScanResult) -> None:
        banner = self.ctx.banner
        if result.code.kind == "internal":
            lot = result.lot
            if lot is None:
                banner.refused(result.message)
            else:
                banner.warning(
                    self.tr("This is our own label of lot {0} ({1}); it was received already.").format(
                        lot.code, status_text(lot.status)
                    )
                )
            return
        if result.resolution is Resolution.UNKNOWN_ITEM:
            banner.refused(result.message)
            return
        if result.resolution is Resolution.UNKNOWN:
            self.clear()
            self.supplier_lot.setText(result.code.input.strip()[:64])
            banner.warning(self.tr("Unknown code: taken as the supplier lot. Choose the item and supplier, then save."))
            return
        self._fill(result)
        if result.resolution in (Resolution.LOT, Resolution.CHOOSE):
            codes = ", ".join(lot.code for lot in result.lots)
            banner.warning(
                self.tr("Supplier lot {0} was received before as {1}. Check before receiving it again.").format(
                    result.label.supplier_lot or result.label.serial or "", codes
                )
            )
        else:
            banner.ok(self.tr("Label read. Complete supplier, PO and containers, then save."))
        self.supplier.setFocus() if self.supplier.currentData() is None else self.po.setFocus()

    def _fill(self, result: ScanResult) -> None:
        label = result.label
        if result.item is not None:
            self._select(self.item, result.item.code)
        if label.supplier_lot or label.serial:
            self.supplier_lot.setText(label.serial or label.supplier_lot or "")
        if label.quantity is not None:
            self.quantity.setText(format_quantity(label.quantity))
        self.expiry.setText(label.expiry.isoformat() if label.expiry else "")
        self.manufactured.setText(label.manufactured_on.isoformat() if label.manufactured_on else "")

    # --- saving -------------------------------------------------------------------------

    def request(self) -> ReceiveRequest:
        """The form as a request; the service checks everything else."""
        if not self.item.currentData():
            raise InvalidInput(self.tr("Choose the item (or scan the supplier's label)."))
        if not self.supplier.currentData():
            raise InvalidInput(self.tr("Choose the supplier."))
        return ReceiveRequest(
            item=self.item.currentData(),
            quantity=self.quantity.text(),
            supplier=self.supplier.currentData(),
            supplier_lot=self.supplier_lot.text(),
            po=self.po.text() or None,
            expiry=parse_day(self.expiry.text(), "expiry date"),
            manufactured_on=parse_day(self.manufactured.text(), "manufacturing date"),
            containers=self.containers.value(),
            location=self.location.currentData(),
            notice_line=self.notice_line.key if self.notice_line else None,
        )

    def save(self) -> None:
        try:
            request = self.request()
        except TraceDeskError as error:
            self.ctx.banner.refused(str(error))
            return
        self.save_button.setEnabled(False)

        def failed(error: TraceDeskError) -> None:
            self.save_button.setEnabled(True)
            self.fail(error)

        if request.notice_line:
            self.ctx.run(
                lambda s, a: receive_against_notice(s, request, a),
                lambda result: self._saved(result.lot, request.containers, result.differences),
                failed,
            )
            return
        self.ctx.run(lambda s, a: register_received_lot(s, request, a), lambda lot: self._saved(lot, request.containers), failed)

    def _saved(self, lot: LotInfo, containers: int, differences: tuple[object, ...] = ()) -> None:
        self.save_button.setEnabled(True)
        self.received.set_records([lot, *self.received.records()])
        self.ctx.data_changed.emit()
        message = self.tr("Lot {0} received: {1} {2} in quarantine.").format(lot.code, qty(lot.quantity, lot.unit), lot.item)
        if differences:
            message += " " + self.tr("Differences from the advance notice recorded: {0}").format(" ".join(map(str, differences)))
            self.ctx.banner.warning(message)
        else:
            self.ctx.banner.ok(message)
        self.ctx.printer.print_lots([lot.code], containers=containers, template="incoming-lot", before=message)
        self.clear()
        self.refresh_expected()

    def clear(self) -> None:
        self.clear_notice()
        for field in (self.supplier_lot, self.quantity, self.expiry, self.manufactured, self.po):
            field.clear()
        self.containers.setValue(1)
        self.item.setCurrentIndex(0)
        self.supplier.setCurrentIndex(0)
