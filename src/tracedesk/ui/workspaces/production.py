"""Production: pick or scan a work order, issue lots by scanning, record output and parameters, close."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import NeedsConfirmation, TraceDeskError
from tracedesk.core.quantity import format_quantity
from tracedesk.services import production
from tracedesk.services.dto import IssueRecord, LotInfo, OrderInfo
from tracedesk.services.masterdata import list_items
from tracedesk.services.permissions import Action
from tracedesk.services.production import MassBalance
from tracedesk.services.queries import IssuePreview, OrderProgress, all_orders, issue_preview, order_progress
from tracedesk.services.scan_resolution import ScanResult
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog, TextReportDialog, form_dialog
from tracedesk.ui.disabled import set_available
from tracedesk.ui.formatting import day, lot_colour, lot_status, qty
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import Workspace, heading


class ProductionWorkspace(Workspace):
    action = Action.ISSUE

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.order: OrderInfo | None = None
        self.pending: IssuePreview | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Work order")))
        self.orders = QComboBox()
        self.orders.setMinimumWidth(420)
        top.addWidget(self.orders, 1)
        self.new_button = QPushButton(self.tr("New order…"))
        self.close_button = QPushButton(self.tr("Close order"))
        top.addWidget(self.new_button)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.summary = QLabel(self.tr("Choose or scan a work order, then scan the lots you put in."))
        layout.addWidget(self.summary)
        # The issue panel: appears after a lot is scanned, Enter confirms the (editable) quantity.
        self.issue_box = QGroupBox(self.tr("Issue the scanned lot"))
        issue_row = QHBoxLayout(self.issue_box)
        self.issue_lot = QLabel()
        self.issue_quantity = QLineEdit()
        self.issue_quantity.setMaximumWidth(160)
        self.issue_unit = QLabel()
        self.issue_button = QPushButton(self.tr("Issue"))
        self.issue_button.setProperty("primary", True)
        self.cancel_issue_button = QPushButton(self.tr("Cancel"))
        for widget in (self.issue_lot, self.issue_quantity, self.issue_unit, self.issue_button, self.cancel_issue_button):
            issue_row.addWidget(widget)
        issue_row.insertStretch(1, 1)
        self.issue_box.setVisible(False)
        layout.addWidget(self.issue_box)
        self.bom = RecordTableModel(
            [
                Column(self.tr("Component"), lambda c: c.component),
                Column(self.tr("Name"), lambda c: c.component_name),
                Column(self.tr("Required"), lambda c: qty(c.required, c.unit), align_right=True),
                Column(self.tr("Issued"), lambda c: qty(c.issued, c.unit), align_right=True),
                Column(self.tr("Outstanding"), lambda c: qty(c.outstanding, c.unit), align_right=True),
            ],
            self,
        )
        self.issued = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r[0]),
                Column(self.tr("Item"), lambda r: r[1]),
                Column(self.tr("Quantity"), lambda r: qty(r[2], r[3]), align_right=True),
            ],
            self,
        )
        self.outputs = RecordTableModel(
            [
                Column(self.tr("Output lot"), lambda r: r.code),
                Column(self.tr("Quantity"), lambda r: qty(r.quantity, r.unit)),
                Column(self.tr("Status"), lot_status, lot_colour),
                Column(self.tr("Expiry"), lambda r: day(r.expiry)),
            ],
            self,
        )
        self.parameters = RecordTableModel(
            [
                Column(self.tr("Parameter"), lambda p: p.name),
                Column(self.tr("Value"), lambda p: p.value),
                Column(self.tr("Unit"), lambda p: p.unit),
            ],
            self,
        )
        tables = QHBoxLayout()
        bom_box = QVBoxLayout()
        bom_box.addWidget(QLabel(self.tr("Bill of materials: required, issued, outstanding")))
        self.bom_view = make_table(
            self.bom, empty=self.tr("Choose or scan a work order: its components, issued and outstanding, appear here.")
        )
        bom_box.addWidget(self.bom_view)
        tables.addLayout(bom_box, 3)
        tabs = QTabWidget()
        tabs.addTab(
            make_table(self.issued, empty=self.tr("Lots you scan and issue to the order appear here.")), self.tr("Issued lots")
        )
        tabs.addTab(
            make_table(self.outputs, empty=self.tr("Output lots recorded on the order appear here.")), self.tr("Output lots")
        )
        tabs.addTab(
            make_table(self.parameters, empty=self.tr("Process parameters recorded on the order appear here.")),
            self.tr("Parameters"),
        )
        tables.addWidget(tabs, 2)
        layout.addLayout(tables, 1)
        record = QHBoxLayout()
        output_box = QGroupBox(self.tr("Record output"))
        output_form = QHBoxLayout(output_box)
        self.output_quantity = QLineEdit()
        self.output_quantity.setPlaceholderText(self.tr("quantity"))
        self.output_button = QPushButton(self.tr("Record output and print label"))
        output_form.addWidget(self.output_quantity)
        output_form.addWidget(self.output_button)
        record.addWidget(output_box)
        parameter_box = QGroupBox(self.tr("Process parameter"))
        parameter_form = QHBoxLayout(parameter_box)
        self.parameter_name = QLineEdit()
        self.parameter_name.setPlaceholderText(self.tr("name"))
        self.parameter_value = QLineEdit()
        self.parameter_value.setPlaceholderText(self.tr("value"))
        self.parameter_unit = QLineEdit()
        self.parameter_unit.setPlaceholderText(self.tr("unit"))
        self.parameter_unit.setMaximumWidth(90)
        self.parameter_button = QPushButton(self.tr("Record"))
        for widget in (self.parameter_name, self.parameter_value, self.parameter_unit, self.parameter_button):
            parameter_form.addWidget(widget)
        record.addWidget(parameter_box)
        layout.addLayout(record)

        self.orders.currentIndexChanged.connect(self._order_chosen)
        self.new_button.clicked.connect(self._ask_new_order)
        self.close_button.clicked.connect(self.close_order)
        self.issue_button.clicked.connect(lambda: self.confirm_issue())
        self.issue_quantity.returnPressed.connect(lambda: self.confirm_issue())
        self.cancel_issue_button.clicked.connect(self.cancel_issue)
        self.output_button.clicked.connect(lambda: self.record_output())
        self.parameter_button.clicked.connect(self.record_parameter)

    def title(self) -> str:
        return self.tr("Production")

    def activated(self) -> None:
        self._update_actions()
        self.ctx.query(lambda s: all_orders(s, include_closed=False), self._orders_loaded)

    def _update_actions(self) -> None:
        why = self.ctx.why_not(Action.MANAGE_ORDERS)
        set_available(self.new_button, not why, why)
        closing = why or ("" if self.order is not None else self.tr("Choose or scan a work order first."))
        set_available(self.close_button, not closing, closing)
        output = self.ctx.why_not(Action.RECORD_OUTPUT) or (
            "" if self.order is not None else self.tr("Choose or scan a work order first.")
        )
        for widget in (self.output_button, self.parameter_button):
            set_available(widget, not output, output)

    def refresh(self) -> None:
        self.activated()
        if self.order is not None:
            self.load_order(self.order.number)

    def saved_state(self) -> object | None:
        return self.order.number if self.order is not None else None

    def restore_state(self, state: object) -> None:
        if isinstance(state, str):
            # In the database worker's order: the order first, then the list that keeps it chosen.
            self.load_order(state)
            self.activated()

    def reset(self) -> None:
        super().reset()
        self.order = None
        self.cancel_issue()
        self.orders.clear()
        self.summary.setText(self.tr("Choose or scan a work order, then scan the lots you put in."))

    def _orders_loaded(self, orders: list[OrderInfo]) -> None:
        keep = self.order.number if self.order else None
        self.orders.blockSignals(True)
        self.orders.clear()
        self.orders.addItem(self.tr("— choose a work order —"), None)
        for order in orders:
            self.orders.addItem(
                f"{order.number} · {order.product} {order.product_name} · {qty(order.planned_quantity, order.unit)}", order.number
            )
        self.orders.blockSignals(False)
        index = self.orders.findData(keep) if keep else -1
        self.orders.setCurrentIndex(max(index, 0))
        if index < 0:
            self._order_chosen()
        if not orders:
            self.summary.setText(self.no_orders_hint())

    def no_orders_hint(self) -> str:
        if self.ctx.may(Action.MANAGE_ORDERS):
            return self.tr("No open work orders — create one with New order…")
        return self.tr("No open work orders — ask a line lead to open one.")

    def _order_chosen(self) -> None:
        number = self.orders.currentData()
        self.cancel_issue()
        if not number:
            self.order = None
            self._show(None)
            return
        self.load_order(number)

    def load_order(self, number: str) -> None:
        self.ctx.query(lambda s: order_progress(s, number), self._show)

    def _show(self, progress: OrderProgress | None) -> None:
        if progress is None:
            self.order = None
            self._update_actions()
            for model in (self.bom, self.issued, self.outputs, self.parameters):
                model.set_records([])
            self.summary.setText(self.tr("Choose or scan a work order, then scan the lots you put in."))
            return
        self.order = progress.order
        self._update_actions()
        o = progress.order
        self.summary.setText(
            self.tr("{0}: {1} {2}, planned {3} · line {4} · equipment {5} · operators {6}").format(
                o.number,
                o.product,
                o.product_name,
                qty(o.planned_quantity, o.unit),
                o.line or "—",
                o.equipment or "—",
                progress.operators or "—",
            )
        )
        self.bom.set_records(progress.components)
        self.issued.set_records(progress.issued_lots)
        self.outputs.set_records(progress.outputs)
        self.parameters.set_records(progress.parameters)

    # --- scanning: an order number selects the order, a lot is issued to it --------------------

    def handle_scan(self, text: str) -> None:
        index = self.orders.findData(text.strip())
        if index > 0:
            self.orders.setCurrentIndex(index)
            self.ctx.banner.ok(self.tr("Work order {0} chosen: scan the lots you put in.").format(text.strip()))
            return
        if self.order is None:
            self.ctx.banner.refused(self.tr("Choose or scan a work order first."))
            return
        self.resolve(text, self._scanned)

    def _scanned(self, result: ScanResult) -> None:
        self.single_lot(result, self._preview)

    def _preview(self, lot: LotInfo) -> None:
        order = self.order
        if order is None:
            return

        def refused(error: TraceDeskError) -> None:
            self.cancel_issue()
            self.ctx.banner.refused(str(error))

        self.ctx.run(lambda s, a: issue_preview(s, a, order.number, lot.code), self._show_pending, refused)

    def _show_pending(self, preview: IssuePreview) -> None:
        self.pending = preview
        lot = preview.lot
        self.issue_lot.setText(self.tr("Lot {0} · {1} · balance {2}").format(lot.code, lot.item, qty(lot.balance, lot.unit)))
        self.issue_quantity.setText(format_quantity(preview.quantity) if preview.quantity else "")
        self.issue_unit.setText(lot.unit)
        self.issue_box.setVisible(True)
        self.issue_quantity.setFocus()
        self.issue_quantity.selectAll()
        if preview.outstanding is not None and preview.outstanding == 0:
            # Nothing is offered: one Enter must not put a whole lot into an order that needs no more.
            self.ctx.banner.warning(
                self.tr(
                    "Order {0} needs no more {1}: what its BOM asks for is issued. "
                    "To put more in, type the quantity and give a reason; otherwise press Cancel."
                ).format(preview.order, lot.item)
            )
        elif preview.older_lot is not None:
            older = preview.older_lot
            self.ctx.banner.warning(
                self.tr(
                    "First expired, first out: lot {0} of {1} expires earlier ({2}). Use it first, or press Enter to issue {3} anyway."
                ).format(older.code, older.item, day(older.expiry), lot.code)
            )
        else:
            self.ctx.banner.ok(
                self.tr("Lot {0} ({1}) may be issued: check the quantity and press Enter.").format(lot.code, lot.item)
            )

    def confirm_issue(self, over_reason: str | None = None) -> None:
        preview, quantity = self.pending, self.issue_quantity.text().strip()
        if preview is None:
            return

        def failed(error: TraceDeskError) -> None:
            if isinstance(error, NeedsConfirmation) and over_reason is None:
                self.ctx.banner.warning(str(error))
                reason = self.ask_over_issue_reason(str(error))
                if reason:
                    self.confirm_issue(reason)
                else:
                    self.ctx.banner.info(self.tr("Nothing issued: the quantity is more than the order still needs."))
                return
            self.ctx.banner.refused(str(error))

        self.ctx.run(
            lambda s, a: production.issue_lot_to_order(
                s, a, order=preview.order, lot=preview.lot.code, quantity=quantity, over_reason=over_reason
            ),
            self._issued,
            failed,
        )

    def ask_over_issue_reason(self, question: str) -> str | None:
        """The reason for issuing more than the BOM asks for (kept in the event), or None when cancelled."""
        dialog = ReasonDialog(self.tr("Issue more than the order needs"), question, self)
        return dialog.value() if dialog.exec() else None

    def confirm_unissued(self, question: str) -> bool:
        """Whether to record output although BOM components were never issued."""
        answer = QMessageBox.question(
            self,
            self.tr("Components never issued"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _issued(self, record: IssueRecord) -> None:
        self.cancel_issue()
        self.ctx.banner.ok(
            self.tr("Issued {0} of lot {1} to order {2}; {3} left in the lot.").format(
                qty(record.quantity, record.unit), record.lot, record.order, qty(record.balance_after, record.unit)
            )
        )
        self.ctx.data_changed.emit()
        self.load_order(record.order)

    def cancel_issue(self) -> None:
        self.pending = None
        self.issue_box.setVisible(False)

    # --- output, parameters, orders --------------------------------------------------------

    def record_output(self, confirm_unissued: bool = False) -> None:
        if self.order is None:
            self.ctx.banner.refused(self.tr("Choose a work order first."))
            return
        number, quantity = self.order.number, self.output_quantity.text()

        def failed(error: TraceDeskError) -> None:
            if isinstance(error, NeedsConfirmation) and not confirm_unissued:
                self.ctx.banner.warning(str(error))
                if self.confirm_unissued(str(error)):
                    self.record_output(confirm_unissued=True)
                else:
                    self.ctx.banner.info(self.tr("No output recorded: issue the missing components first."))
                return
            self.ctx.banner.refused(str(error))

        self.ctx.run(
            lambda s, a: production.record_output(s, a, order=number, quantity=quantity, confirm_unissued=confirm_unissued),
            self._output_recorded,
            failed,
        )

    def _output_recorded(self, lot: LotInfo) -> None:
        self.output_quantity.clear()
        message = self.tr("Output lot {0} recorded: {1} {2}.").format(lot.code, qty(lot.quantity, lot.unit), lot.item)
        self.ctx.banner.ok(message)
        self.ctx.printer.print_lots([lot.code], template="output-lot", before=message)
        self.ctx.data_changed.emit()
        self.load_order(lot.order or "")

    def record_parameter(self) -> None:
        if self.order is None:
            self.ctx.banner.refused(self.tr("Choose a work order first."))
            return
        number = self.order.number
        name, value, unit = self.parameter_name.text(), self.parameter_value.text(), self.parameter_unit.text()

        def done(_none: None) -> None:
            for field in (self.parameter_name, self.parameter_value, self.parameter_unit):
                field.clear()
            self.ctx.banner.ok(self.tr("Parameter {0} = {1} {2} recorded on {3}.").format(name, value, unit, number))
            self.load_order(number)

        self.ctx.run(lambda s, a: production.record_parameter(s, a, order=number, name=name, value=value, unit=unit), done)

    def close_order(self) -> None:
        if self.order is None:
            self.ctx.banner.refused(self.tr("Choose a work order first."))
            return
        number = self.order.number
        self.ctx.run(lambda s, a: production.close_order(s, a, order=number), self._closed)

    def _closed(self, balance: MassBalance) -> None:
        self.ctx.banner.ok(self.tr("Work order {0} closed.").format(balance.order))
        self.order = None
        self.last_mass_balance = mass_balance_text(balance)
        self.activated()
        if self.isVisible() and not getattr(self, "quiet_reports", False):
            TextReportDialog(self.tr("Mass balance of {0}").format(balance.order), self.last_mass_balance, self).exec()

    def _ask_new_order(self) -> None:
        self.ctx.query(list_items, self._new_order_dialog)

    def _new_order_dialog(self, items: list) -> None:
        dialog, form, buttons = form_dialog(self.tr("New work order"), self)
        product = QComboBox()
        for item in items:
            if item.kind in ("intermediate", "finished"):
                product.addItem(f"{item.code} — {item.name}", item.code)
        quantity, line, equipment, operators = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        form.addRow(self.tr("Product"), product)
        form.addRow(self.tr("Planned quantity"), quantity)
        form.addRow(self.tr("Line"), line)
        form.addRow(self.tr("Equipment"), equipment)
        form.addRow(self.tr("Operators"), operators)
        buttons.accepted.connect(dialog.accept)
        if dialog.exec():
            self.create_order(product.currentData(), quantity.text(), line.text(), equipment.text(), operators.text())

    def create_order(self, product: str, quantity: str, line: str = "", equipment: str = "", operators: str = "") -> None:
        def done(order: OrderInfo) -> None:
            self.order = order
            self.ctx.banner.ok(
                self.tr("Work order {0} opened for {1} {2}.").format(
                    order.number, qty(order.planned_quantity, order.unit), order.product
                )
            )
            self.activated()

        self.ctx.run(
            lambda s, a: production.create_work_order(
                s, a, product=product, quantity=quantity, line=line, equipment=equipment, operators=operators
            ),
            done,
        )


def mass_balance_text(balance: MassBalance) -> str:
    lines = [f"{balance.order}: produced {qty(balance.produced, balance.unit)}", ""]
    lines.append(f"{'component':<16}{'expected':>14}{'issued':>14}{'difference':>14}")
    for line in balance.lines:
        diff = line.issued - line.expected
        lines.append(
            f"{line.component:<16}{format_quantity(line.expected):>14}{format_quantity(line.issued):>14}"
            f"{('+' if diff > 0 else '') + format_quantity(diff) if diff else '0':>14} {line.unit}"
        )
    return "\n".join(lines)
