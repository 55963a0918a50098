"""Shipping: choose the customer and document, then scan each lot that leaves."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tracedesk.core.errors import InvalidInput
from tracedesk.services.dto import LotInfo, PartyInfo, ShipmentInfo
from tracedesk.services.masterdata import list_parties
from tracedesk.services.permissions import Action
from tracedesk.services.shipping import ship_lot
from tracedesk.ui.context import WorkContext
from tracedesk.ui.formatting import day, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import Workspace, heading


class ShippingWorkspace(Workspace):
    action = Action.SHIP

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(heading(self.tr("Shipping")))
        box = QGroupBox(self.tr("Shipment"))
        form = QFormLayout(box)
        self.customer = QComboBox()
        self.document = QLineEdit()
        self.document.setPlaceholderText(self.tr("delivery note number"))
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(self.tr("empty: the lot's whole balance"))
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow(self.tr("Document"), self.document)
        form.addRow(self.tr("Quantity per scan"), self.quantity)
        left.addWidget(box)
        hint = QLabel(self.tr("Then scan each lot's label. Held, quarantined, rejected or expired lots are refused."))
        hint.setWordWrap(True)
        left.addWidget(hint)
        left.addStretch(1)
        layout.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(heading(self.tr("On this shipment")))
        self.lines = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda s: s.lot),
                Column(self.tr("Quantity"), lambda s: qty(s.quantity, s.unit), align_right=True),
                Column(self.tr("Customer"), lambda s: s.customer_name or s.customer),
                Column(self.tr("Document"), lambda s: s.document),
                Column(self.tr("Shipped"), lambda s: day(s.shipped_at)),
            ],
            self,
        )
        right.addWidget(
            make_table(
                self.lines,
                empty=self.tr("Scan the lots that leave: each appears here with its quantity before you record the shipment."),
            )
        )
        layout.addLayout(right, 3)

    def title(self) -> str:
        return self.tr("Shipping")

    def activated(self) -> None:
        self.ctx.query(lambda s: list_parties(s, "customer"), self._customers)

    def _customers(self, customers: list[PartyInfo]) -> None:
        keep = self.customer.currentData()
        self.customer.clear()
        self.customer.addItem("", None)
        for party in customers:
            self.customer.addItem(f"{party.code} — {party.name}", party.code)
        index = self.customer.findData(keep) if keep else 0
        self.customer.setCurrentIndex(max(index, 0))

    def handle_scan(self, text: str) -> None:
        if not self.customer.currentData():
            self.ctx.banner.refused(self.tr("Choose the customer before scanning lots."))
            return
        if not self.document.text().strip():
            self.ctx.banner.refused(self.tr("Type the document (delivery note) number before scanning lots."))
            return
        self.resolve(text, lambda result: self.single_lot(result, self.ship))

    def ship(self, lot: LotInfo) -> None:
        customer, document, quantity = self.customer.currentData(), self.document.text(), self.quantity.text().strip() or None
        if customer is None:
            self.fail(InvalidInput(self.tr("Choose the customer.")))
            return
        self.ctx.run(
            lambda s, a: ship_lot(s, a, lot=lot.code, customer=customer, document=document, quantity=quantity), self._shipped
        )

    def _shipped(self, shipment: ShipmentInfo) -> None:
        self.lines.set_records([shipment, *self.lines.records()])
        self.ctx.data_changed.emit()
        self.ctx.banner.ok(
            self.tr("Lot {0}: {1} shipped to {2} on {3}.").format(
                shipment.lot,
                qty(shipment.quantity, shipment.unit),
                shipment.customer_name or shipment.customer,
                shipment.document,
            )
        )
