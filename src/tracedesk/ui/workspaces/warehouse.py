"""The warehouse: scan a lot and a location (either first) to move it; put-away, picking and returns.

A scanned location label fills the target; a scanned lot is moved there at once, or waits for
the location scanned next. A pick list for an item is first-expired-first-out and is shipped
from the locations it names. A customer's return is received against the shipment's document
into a quarantine location.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from tracedesk.services.aftersales import ReturnInfo, receive_return
from tracedesk.services.dto import LotInfo, PartyInfo
from tracedesk.services.locations import location_of_scan
from tracedesk.services.masterdata import list_parties
from tracedesk.services.permissions import Action
from tracedesk.services.scan_resolution import ScanResult, resolve_scan
from tracedesk.services.transfers import in_transit
from tracedesk.services.warehouse import MoveResult, PickLine, move_lot, pick_list, ship_picked, stock_lines
from tracedesk.ui.context import WorkContext
from tracedesk.ui.formatting import day, qty, status_text
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import Workspace, heading


@dataclass(frozen=True)
class _Scanned:
    """What a scan in the warehouse names: one of our locations, or else what the lot lookup says."""

    location: str | None
    lot: ScanResult | None


@dataclass(frozen=True)
class _Done:
    """A line of the workspace's journal: what was just recorded here."""

    what: str
    lot: str
    quantity: str
    where: str


class WarehouseWorkspace(Workspace):
    action = Action.MOVE

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.pending_lot: LotInfo | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Warehouse")))

        move_box = QGroupBox(self.tr("Move and put away"))
        form = QFormLayout(move_box)
        self.target = QLineEdit()
        self.target.setPlaceholderText(self.tr("scan a location label, or type its code"))
        self.move_quantity = QLineEdit()
        self.move_quantity.setPlaceholderText(self.tr("empty: the whole lot"))
        self.put_away = QCheckBox(self.tr("Put-away after receiving or output"))
        self.print_location = QPushButton(self.tr("Print location label"))
        self.print_location.clicked.connect(self.print_location_label)
        where = QHBoxLayout()
        where.addWidget(self.target, 1)
        where.addWidget(self.print_location)
        form.addRow(self.tr("Location"), where)
        form.addRow(self.tr("Quantity"), self.move_quantity)
        form.addRow("", self.put_away)
        hint = QLabel(
            self.tr(
                "Scan a lot and a location, in either order. Held, quarantined or expired lots go only into a quarantine location."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        left.addWidget(move_box)

        pick_box = QGroupBox(self.tr("Picking"))
        pick_form = QFormLayout(pick_box)
        self.pick_item = QLineEdit()
        self.pick_quantity = QLineEdit()
        self.pick_plant = QLineEdit()
        self.pick_plant.setPlaceholderText(self.tr("empty: every plant"))
        self.customer = QComboBox()
        self.document = QLineEdit()
        self.document.setPlaceholderText(self.tr("delivery note number"))
        self.make_pick = QPushButton(self.tr("Make pick list"))
        self.ship_button = QPushButton(self.tr("Ship the pick list"))
        self.ship_button.setEnabled(False)
        pick_form.addRow(self.tr("Item"), self.pick_item)
        pick_form.addRow(self.tr("Quantity"), self.pick_quantity)
        pick_form.addRow(self.tr("Plant"), self.pick_plant)
        pick_form.addRow(self.tr("Customer"), self.customer)
        pick_form.addRow(self.tr("Document"), self.document)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_pick)
        buttons.addWidget(self.ship_button)
        pick_form.addRow(buttons)
        self.make_pick.clicked.connect(self.make_pick_list)
        self.ship_button.clicked.connect(self.ship_pick_list)
        left.addWidget(pick_box)

        return_box = QGroupBox(self.tr("Customer return"))
        return_form = QFormLayout(return_box)
        self.return_lot = QLineEdit()
        self.return_document = QLineEdit()
        self.return_document.setPlaceholderText(self.tr("the shipment's delivery note"))
        self.return_quantity = QLineEdit()
        self.return_quantity.setPlaceholderText(self.tr("empty: everything still out"))
        self.return_reason = QLineEdit()
        self.return_location = QLineEdit()
        self.return_location.setPlaceholderText(self.tr("a quarantine location"))
        self.receive_button = QPushButton(self.tr("Receive the return"))
        return_form.addRow(self.tr("Shipped lot"), self.return_lot)
        return_form.addRow(self.tr("Document"), self.return_document)
        return_form.addRow(self.tr("Quantity"), self.return_quantity)
        return_form.addRow(self.tr("Reason"), self.return_reason)
        return_form.addRow(self.tr("Location"), self.return_location)
        return_form.addRow(self.receive_button)
        self.receive_button.clicked.connect(self.receive)
        left.addWidget(return_box)
        left.addStretch(1)
        # At 1366x768 the three forms are taller than the room left: they scroll rather than squeeze
        # fields and buttons to slivers without their text.
        forms = QWidget()
        forms.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(forms)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setAutoFillBackground(False)
        forms.setAutoFillBackground(False)
        layout.addWidget(scroll, 2)

        right = QVBoxLayout()
        right.addWidget(heading(self.tr("Pick list")))
        self.picks = RecordTableModel(
            [
                Column(self.tr("Location"), lambda p: p.location or "—"),
                Column(self.tr("Lot"), lambda p: p.lot),
                Column(self.tr("Quantity"), lambda p: qty(p.quantity, p.unit), align_right=True),
                Column(self.tr("Expiry"), lambda p: day(p.expiry) or "—"),
            ],
            self,
        )
        right.addWidget(make_table(self.picks))
        right.addWidget(heading(self.tr("Recorded here")))
        self.journal = RecordTableModel(
            [
                Column(self.tr("What"), lambda d: d.what),
                Column(self.tr("Lot"), lambda d: d.lot),
                Column(self.tr("Quantity"), lambda d: d.quantity, align_right=True),
                Column(self.tr("Where"), lambda d: d.where),
            ],
            self,
        )
        right.addWidget(make_table(self.journal))
        right.addWidget(heading(self.tr("In this location")))
        self.stock = RecordTableModel(
            [
                Column(self.tr("Location"), lambda x: x.location or "—"),
                Column(self.tr("Lot"), lambda x: x.lot),
                Column(self.tr("Item"), lambda x: x.item),
                Column(self.tr("Quantity"), lambda x: qty(x.balance, x.unit), align_right=True),
                Column(self.tr("Status"), lambda x: status_text(x.status)),
            ],
            self,
        )
        right.addWidget(make_table(self.stock))
        right.addWidget(heading(self.tr("In transit between plants")))
        self.transit = RecordTableModel(
            [
                Column(self.tr("Document"), lambda t: t.document),
                Column(self.tr("Lot"), lambda t: t.lot),
                Column(self.tr("Quantity"), lambda t: qty(t.quantity, t.unit), align_right=True),
                Column(self.tr("From plant"), lambda t: t.from_plant or "—"),
                Column(self.tr("To plant"), lambda t: t.to_plant or "—"),
            ],
            self,
        )
        right.addWidget(make_table(self.transit))
        layout.addLayout(right, 3)

    def title(self) -> str:
        return self.tr("Warehouse")

    def activated(self) -> None:
        self.ctx.query(lambda s: list_parties(s, "customer"), self._customers)
        self.ctx.query(in_transit, self.transit.set_records)
        self._show_stock()

    def _show_stock(self) -> None:
        place = self.target.text().strip()
        if not place:
            self.stock.set_records([])
            return
        self.ctx.query(
            lambda s: stock_lines(s, location=place), self.stock.set_records, lambda _error: self.stock.set_records([])
        )

    def reset(self) -> None:
        super().reset()
        self.pending_lot = None
        self.ship_button.setEnabled(False)

    def _customers(self, customers: list[PartyInfo]) -> None:
        keep = self.customer.currentData()
        self.customer.clear()
        self.customer.addItem("", None)
        for party in customers:
            self.customer.addItem(f"{party.code} — {party.name}", party.code)
        index = self.customer.findData(keep) if keep else 0
        self.customer.setCurrentIndex(max(index, 0))

    # --- scans: a location or a lot, in either order ----------------------------------------

    def handle_scan(self, text: str) -> None:
        today = self.ctx.today()

        def look(session: Session) -> _Scanned:
            place = location_of_scan(session, text)
            if place is not None:
                return _Scanned(place.code, None)
            return _Scanned(None, resolve_scan(session, text, today=today))

        self.ctx.query(look, self._scanned)

    def _scanned(self, found: _Scanned) -> None:
        if found.location is not None:
            self.target.setText(found.location)
            self._show_stock()
            if self.pending_lot is not None:
                lot, self.pending_lot = self.pending_lot, None
                self.move_scanned(lot)
            else:
                self.ctx.banner.info(self.tr("Location {0}: now scan the lots to put there.").format(found.location))
            return
        if found.lot is not None:
            self.single_lot(found.lot, self._lot_scanned)

    def _lot_scanned(self, lot: LotInfo) -> None:
        if self.target.text().strip():
            self.move_scanned(lot)
            return
        self.pending_lot = lot
        self.ctx.banner.info(self.tr("Lot {0}: now scan the location it goes to.").format(lot.code))

    def move_scanned(self, lot: LotInfo) -> None:
        to = self.target.text().strip()
        quantity = self.move_quantity.text().strip() or None
        purpose = "put_away" if self.put_away.isChecked() else "move"
        self.ctx.run(lambda s, a: move_lot(s, a, lot=lot.code, to=to, quantity=quantity, purpose=purpose), self._moved)

    def _moved(self, result: MoveResult) -> None:
        lot = result.lot
        self.journal.set_records(
            [_Done(self.tr("moved"), lot.code, qty(lot.balance, lot.unit), result.moved_to), *self.journal.records()]
        )
        self.ctx.data_changed.emit()
        self._show_stock()
        if result.split_from:
            self.ctx.banner.ok(
                self.tr("{0} of lot {1} split off as lot {2}, now in {3}.").format(
                    qty(lot.balance, lot.unit), result.split_from, lot.code, result.moved_to
                )
            )
        else:
            self.ctx.banner.ok(self.tr("Lot {0} is now in {1}.").format(lot.code, result.moved_to))

    def print_location_label(self) -> None:
        code = self.target.text().strip()
        if not code:
            self.ctx.banner.refused(self.tr("Scan or type the location whose label to print."))
            return
        self.ctx.printer.print_lots([code], locations=True, before=self.tr("Location {0}:").format(code))

    # --- picking ------------------------------------------------------------------------------

    def make_pick_list(self) -> None:
        item, quantity, plant = self.pick_item.text().strip(), self.pick_quantity.text().strip(), self.pick_plant.text().strip()
        today = self.ctx.today()
        self.ctx.query(lambda s: pick_list(s, item=item, quantity=quantity, today=today, plant=plant or None), self._picked)

    def _picked(self, picks: list[PickLine]) -> None:
        self.picks.set_records(picks)
        self.ship_button.setEnabled(bool(picks))
        self.ctx.banner.info(self.tr("Pick {0} lots, first expiring first.").format(len(picks)))

    def ship_pick_list(self) -> None:
        customer, document = self.customer.currentData(), self.document.text().strip()
        if not customer:
            self.ctx.banner.refused(self.tr("Choose the customer before shipping the pick list."))
            return
        picks: list[PickLine] = list(self.picks.records())
        self.ctx.run(lambda s, a: ship_picked(s, a, customer=customer, document=document, picks=picks), self._shipped)

    def _shipped(self, shipped: list[tuple[str, Decimal, str | None]]) -> None:
        units = {p.lot: p.unit for p in self.picks.records()}
        done = [
            _Done(self.tr("shipped"), lot, f"{quantity} {units.get(lot, '')}".strip(), where or "—")
            for lot, quantity, where in shipped
        ]
        self.journal.set_records([*done, *self.journal.records()])
        self.picks.set_records([])
        self.ship_button.setEnabled(False)
        self.ctx.data_changed.emit()
        self.ctx.banner.ok(self.tr("{0} lots shipped from the picked locations.").format(len(shipped)))

    # --- returns ------------------------------------------------------------------------------

    def receive(self) -> None:
        lot, document = self.return_lot.text().strip(), self.return_document.text().strip()
        quantity = self.return_quantity.text().strip() or None
        reason, to = self.return_reason.text(), self.return_location.text().strip() or None
        self.ctx.run(
            lambda s, a: receive_return(s, a, lot=lot, document=document, quantity=quantity, reason=reason, to=to),
            self._returned,
        )

    def _returned(self, back: ReturnInfo) -> None:
        self.journal.set_records(
            [
                _Done(self.tr("returned"), back.lot.code, qty(back.quantity, back.unit), back.lot.location or "—"),
                *self.journal.records(),
            ]
        )
        self.ctx.data_changed.emit()
        self.ctx.banner.ok(
            self.tr("{0} of lot {1} came back from {2} as lot {3}, in quarantine.").format(
                qty(back.quantity, back.unit), back.source_lot, back.customer, back.lot.code
            )
        )
