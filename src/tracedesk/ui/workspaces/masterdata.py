"""Master data: items, BOMs, suppliers, customers, locations, users and devices, with add and edit dialogs that validate."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import InvalidInput, TraceDeskError
from tracedesk.core.status import Role
from tracedesk.core.words import word
from tracedesk.devices.config import load_devices
from tracedesk.services import masterdata
from tracedesk.services.permissions import Action
from tracedesk.services.queries import current_bom_lines, list_locations
from tracedesk.services.users import create_user, list_users
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import form_dialog
from tracedesk.ui.disabled import set_available
from tracedesk.ui.formatting import qty
from tracedesk.ui.signin import role_text
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.base import Workspace
from tracedesk.ui.workspaces.masterdata_edit import MasterDataEdits


class _Page(QWidget):
    """A table with Add and Edit buttons; `loader` reads the rows on the DB thread; a double-click edits."""

    def __init__(
        self,
        columns: list[Column],
        loader: Callable[[Any], list],
        add: Callable[[], None],
        edit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.loader = loader
        self.model = RecordTableModel(columns, self)
        layout = QVBoxLayout(self)
        self.view = make_table(self.model, empty=self.tr("Nothing here yet. Add the first one with Add…"))
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(add)
        row.addWidget(self.add_button)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setVisible(edit is not None)
        if edit is not None:
            self.edit_button.clicked.connect(lambda: edit())
            self.view.doubleClicked.connect(lambda _index: self.edit_button.isEnabled() and edit())
        row.addWidget(self.edit_button)
        self.extra = row  # pages add their own buttons (devices: Test, Remove)
        row.addStretch(1)
        layout.addLayout(row)


class MasterDataWorkspace(MasterDataEdits, Workspace):
    action = Action.MASTER_DATA

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.pages = {
            "items": _Page(
                [
                    Column(self.tr("Code"), lambda i: i.code),
                    Column(self.tr("Name"), lambda i: i.name),
                    Column(self.tr("Unit"), lambda i: i.unit),
                    Column(self.tr("Kind"), lambda i: word(i.kind)),
                    Column(self.tr("Tracking"), lambda i: word(i.tracking)),
                    Column(self.tr("GTIN"), lambda i: i.gtin),
                    Column(self.tr("Shelf life (days)"), lambda i: i.shelf_life_days),
                ],
                masterdata.list_items,
                self.add_item,
                self.edit_item,
            ),
            "boms": _Page(
                [
                    Column(self.tr("Product"), lambda b: b[0]),
                    Column(self.tr("Component"), lambda b: b[1].component),
                    Column(self.tr("Name"), lambda b: b[1].component_name),
                    Column(self.tr("Per unit"), lambda b: qty(b[1].quantity_per, b[1].unit)),
                    Column(self.tr("Substitutes"), lambda b: " ".join(b[1].substitutes)),
                ],
                current_bom_lines,
                self.add_bom,
            ),
            "suppliers": _Page(
                self._party_columns(),
                lambda s: masterdata.list_parties(s, "supplier"),
                lambda: self.add_party("supplier"),
                lambda: self.edit_party("supplier"),
            ),
            "customers": _Page(
                self._party_columns(),
                lambda s: masterdata.list_parties(s, "customer"),
                lambda: self.add_party("customer"),
                lambda: self.edit_party("customer"),
            ),
            "locations": _Page(
                [
                    Column(self.tr("Code"), lambda x: x.code),
                    Column(self.tr("Name"), lambda x: x.name),
                    Column(self.tr("GLN"), lambda x: x.gln),
                    Column(self.tr("Kind"), lambda x: self._kind_text(x.kind)),
                    Column(self.tr("Inside"), lambda x: x.parent or ""),
                    Column(self.tr("Blocked"), lambda x: self.tr("yes") if x.blocked else ""),
                    Column(self.tr("Location description"), lambda x: x.description.one_line()),
                ],
                list_locations,
                self.add_location,
                self.edit_location,
            ),
            "users": _Page(
                [
                    Column(self.tr("User"), lambda u: u.code),
                    Column(self.tr("Name"), lambda u: u.name),
                    Column(self.tr("Role"), lambda u: role_text(u.role.value)),
                    Column(self.tr("Active"), lambda u: self.tr("yes") if u.active else self.tr("no")),
                ],
                list_users,
                self.add_user,
                self.edit_user,
            ),
            "devices": _Page(
                [
                    Column(self.tr("Device"), lambda d: d.name),
                    Column(self.tr("Kind"), lambda d: word(d.kind)),
                    Column(self.tr("Port / USB id"), lambda d: d.port or d.usb_id),
                    Column(self.tr("Baud"), lambda d: d.baud),
                    Column(self.tr("Suffix"), lambda d: d.suffix),
                ],
                lambda _s: load_devices(self.devices_path),
                self.add_device,
                self.edit_device,
            ),
        }
        titles = {
            "items": self.tr("Items"),
            "boms": self.tr("BOMs"),
            "suppliers": self.tr("Suppliers"),
            "customers": self.tr("Customers"),
            "locations": self.tr("Locations"),
            "users": self.tr("Users"),
            "devices": self.tr("Devices"),
        }
        for key, page in self.pages.items():
            self.tabs.addTab(page, titles[key])
        self.test_button = QPushButton(self.tr("Test…"))
        self.test_button.setToolTip(self.tr("Shows what the device sends for a few seconds"))
        self.test_button.clicked.connect(lambda: self.test_device())
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected_device)
        self.pages["devices"].extra.insertWidget(2, self.test_button)
        self.pages["devices"].extra.insertWidget(3, self.remove_button)

    @property
    def devices_path(self):  # noqa: ANN201 - a Path
        return self.ctx.runtime.paths.config_dir / "devices.json"

    def _party_columns(self) -> list[Column]:
        return [
            Column(self.tr("Code"), lambda p: p.code),
            Column(self.tr("Name"), lambda p: p.name),
            Column(self.tr("GLN"), lambda p: p.gln),
            Column(self.tr("Location"), lambda p: p.location),
            Column(self.tr("Address"), lambda p: p.description.one_line().removeprefix(p.name).lstrip(", ")),
        ]

    def title(self) -> str:
        return self.tr("Master data")

    def activated(self) -> None:
        for button in (self.pages["users"].add_button, self.pages["users"].edit_button):
            set_available(button, self.ctx.may(Action.MANAGE_USERS), self.ctx.why_not(Action.MANAGE_USERS))
        for page in self.pages.values():
            self.ctx.query(page.loader, page.model.set_records)

    def _saved(self, text: str) -> None:
        self.ctx.banner.ok(text)
        self.activated()

    def _dialog(self, title: str, rows: list[tuple[str, QWidget]], submit: Callable[[], None]) -> None:
        dialog, form, buttons = form_dialog(title, self)
        for label, widget in rows:
            form.addRow(label, widget)
        error = QLabel()
        error.setStyleSheet("color: #b71c1c; font-weight: bold;")
        form.addRow(error)

        def accept() -> None:
            try:
                submit()
            except TraceDeskError as problem:
                error.setText(str(problem))
                return
            dialog.accept()

        buttons.accepted.connect(accept)
        dialog.exec()

    def add_item(self) -> None:
        code, name, unit, gtin = QLineEdit(), QLineEdit(), QLineEdit("kg"), QLineEdit()
        kind, tracking, shelf = QComboBox(), QComboBox(), QSpinBox()
        kind.addItems(["raw", "intermediate", "finished", "packaging"])
        tracking.addItems(["lot", "serial"])
        shelf.setRange(0, 3650)
        self._dialog(
            self.tr("New item"),
            [
                (self.tr("Code"), code),
                (self.tr("Name"), name),
                (self.tr("Unit"), unit),
                (self.tr("Kind"), kind),
                (self.tr("Tracking"), tracking),
                (self.tr("GTIN"), gtin),
                (self.tr("Shelf life (days, 0 = none)"), shelf),
            ],
            lambda: self.save_item(
                code.text(),
                name.text(),
                unit.text(),
                kind.currentText(),
                tracking.currentText(),
                gtin.text() or None,
                shelf.value() or None,
            ),
        )

    def save_item(
        self,
        code: str,
        name: str,
        unit: str,
        kind: str,
        tracking: str = "lot",
        gtin: str | None = None,
        shelf_life_days: int | None = None,
    ) -> None:
        # Checked here first so the dialog can say what is wrong before it closes.
        from tracedesk.services.validation import item_payload

        item_payload(code, name, unit, kind, tracking, gtin, shelf_life_days)
        self.ctx.run(
            lambda s, a: masterdata.create_item(
                s, a, code=code, name=name, unit=unit, kind=kind, tracking=tracking, gtin=gtin, shelf_life_days=shelf_life_days
            ),
            lambda item: self._saved(self.tr("Item {0} added.").format(item.code)),
        )

    def add_party(self, kind: str) -> None:
        code, name, gln, location = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        title = self.tr("New supplier") if kind == "supplier" else self.tr("New customer")
        address, read_address = self.description_rows(None, with_business_name=False)

        def submit() -> None:
            from tracedesk.services.validation import party_payload

            party_payload(kind, code.text(), name.text(), gln.text() or None, location.text(), read_address())
            self.ctx.run(
                lambda s, a: masterdata.create_party(
                    s,
                    a,
                    kind=kind,
                    code=code.text(),
                    name=name.text(),
                    gln=gln.text() or None,
                    location=location.text(),
                    description=read_address(),
                ),
                lambda p: self._saved(self.tr("{0} added.").format(p.name)),
            )

        self._dialog(
            title,
            [(self.tr("Code"), code), (self.tr("Name"), name), (self.tr("GLN"), gln), (self.tr("Location"), location), *address],
            submit,
        )

    def _kind_text(self, kind: str) -> str:
        return {
            "plant": self.tr("plant"),
            "warehouse": self.tr("warehouse"),
            "area": self.tr("area"),
            "bin": self.tr("bin"),
        }.get(kind, kind)

    def add_location(self) -> None:
        code, name, gln = QLineEdit(), QLineEdit(), QLineEdit()
        gln.setPlaceholderText(self.tr("our sites: the GLN partners know them by"))
        kind = QComboBox()
        for value in ("area", "plant", "warehouse", "bin"):
            kind.addItem(self._kind_text(value), value)
        parent = QLineEdit()
        parent.setPlaceholderText(self.tr("the plant, warehouse or area it lies in"))
        blocked = QCheckBox(self.tr("Blocked: a quarantine location"))
        address, read_address = self.description_rows(None, with_business_name=True)

        def submit() -> None:
            if not code.text().strip() or not name.text().strip():
                raise InvalidInput(self.tr("A location needs a code and a name."))
            from tracedesk.services.validation import location_payload

            location_payload(code.text(), name.text(), gln.text(), read_address())
            self.ctx.run(
                lambda s, a: masterdata.create_location(
                    s,
                    a,
                    code=code.text(),
                    name=name.text(),
                    gln=gln.text() or None,
                    description=read_address(),
                    kind=kind.currentData(),
                    parent=parent.text().strip() or None,
                    blocked=blocked.isChecked(),
                ),
                lambda c: self._saved(self.tr("Location {0} added.").format(c)),
            )

        self._dialog(
            self.tr("New location"),
            [
                (self.tr("Code"), code),
                (self.tr("Name"), name),
                (self.tr("Kind"), kind),
                (self.tr("Inside"), parent),
                ("", blocked),
                (self.tr("GLN"), gln),
                *address,
            ],
            submit,
        )

    def add_bom(self) -> None:
        product, lines = QLineEdit(), QLineEdit()
        lines.setPlaceholderText("FLOUR=0.55, SUGAR=0.2")

        def submit() -> None:
            parsed = []
            for part in filter(None, (p.strip() for p in lines.text().split(","))):
                component, _, per = part.partition("=")
                if not per:
                    raise InvalidInput(self.tr("Write each line as COMPONENT=quantity per unit, separated by commas."))
                parsed.append({"component": component.strip(), "quantity_per": per.strip()})
            self.ctx.run(
                lambda s, a: masterdata.create_bom(s, a, product=product.text(), lines=parsed),
                lambda v: self._saved(self.tr("BOM version {0} of {1} added.").format(v, product.text())),
            )

        self._dialog(self.tr("New BOM version"), [(self.tr("Product"), product), (self.tr("Components"), lines)], submit)

    def add_user(self) -> None:
        code, name, pin, badge, role = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit(), QComboBox()
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        for value in Role:
            role.addItem(role_text(value.value), value.value)

        def submit() -> None:
            if not pin.text().isdigit() or not 4 <= len(pin.text()) <= 12:
                raise InvalidInput(self.tr("A PIN must be 4 to 12 digits."))
            self.ctx.run(
                lambda s, a: create_user(
                    s, a, code=code.text(), name=name.text(), role=role.currentData(), pin=pin.text(), badge=badge.text() or None
                ),
                lambda u: self._saved(self.tr("User {0} added.").format(u.name)),
            )

        self._dialog(
            self.tr("New user"),
            [
                (self.tr("User"), code),
                (self.tr("Name"), name),
                (self.tr("Role"), role),
                (self.tr("PIN"), pin),
                (self.tr("Badge (optional)"), badge),
            ],
            submit,
        )

    def add_device(self) -> None:
        rows, build = self.device_rows(None)
        self._dialog(self.tr("New device"), rows, lambda: self._saved(self.save_device(build())))
