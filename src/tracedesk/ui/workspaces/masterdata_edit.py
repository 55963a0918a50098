"""Editing master data: items, suppliers, customers, locations, users and devices, each checked before it is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from tracedesk.core.errors import InvalidInput, TraceDeskError
from tracedesk.core.status import Role
from tracedesk.devices.config import DeviceConfig, add_device, remove_device
from tracedesk.services import masterdata, users
from tracedesk.services.dto import ItemInfo, PartyInfo, UserInfo
from tracedesk.services.validation import clean_name, item_payload, party_payload
from tracedesk.ui.devices import DeviceTestDialog
from tracedesk.ui.signin import role_text


def _combo(values: list[str], current: str) -> QComboBox:
    box = QComboBox()
    box.addItems(values)
    box.setCurrentIndex(max(0, box.findText(current)))
    return box


# The workspace this is mixed into is a QWidget (tr, dialogs' parent); at run time the mixin is a
# plain class, so nothing here overrides Qt's.
if TYPE_CHECKING:
    _MixedIntoWidget = QWidget
else:
    _MixedIntoWidget = object


class MasterDataEdits(_MixedIntoWidget):
    """The Edit… (and device Test / Remove) actions of the master-data workspace; mixed into it."""

    # Provided by the workspace this is mixed into (annotations only).
    ctx: Any
    pages: dict[str, Any]
    devices_path: Path
    _dialog: Callable[[str, list, Callable[[], None]], None]
    _saved: Callable[[str], None]

    def selected(self, page: str) -> Any | None:
        from tracedesk.ui.tables import selected_record

        record = selected_record(self.pages[page].view)
        if record is None:
            self.ctx.banner.refused(self.tr("Choose a row in the table first."))
        return record

    def edit_item(self, item: ItemInfo | None = None) -> None:
        item = item or self.selected("items")
        if item is None:
            return
        tr = self.tr
        name, unit, gtin = QLineEdit(item.name), QLineEdit(item.unit), QLineEdit(item.gtin or "")
        kind = _combo(["raw", "intermediate", "finished", "packaging"], item.kind)
        tracking = _combo(["lot", "serial"], item.tracking)
        shelf = QSpinBox()
        shelf.setRange(0, 36500)
        shelf.setValue(item.shelf_life_days or 0)
        reason = QLineEdit()
        reason.setPlaceholderText(tr("Why (kept in the audit trail)"))

        def submit() -> None:
            values: dict[str, Any] = {
                "name": name.text(),
                "unit": unit.text(),
                "kind": kind.currentText(),
                "tracking": tracking.currentText(),
                "gtin": gtin.text() or None,
                "shelf_life_days": shelf.value() or None,
            }
            item_payload(item.code, **values)  # says what is wrong before the dialog closes
            self.ctx.run(
                lambda s, a: masterdata.update_item(s, a, code=item.code, reason=reason.text(), **values),
                lambda saved: self._saved(tr("Item {0} changed.").format(saved.code)),
            )

        self._dialog(
            tr("Edit item {0}").format(item.code),
            [
                (tr("Name"), name),
                (tr("Unit"), unit),
                (tr("Kind"), kind),
                (tr("Tracking"), tracking),
                (tr("GTIN"), gtin),
                (tr("Shelf life (days, 0 = none)"), shelf),
                (tr("Reason"), reason),
            ],
            submit,
        )

    def edit_party(self, kind: str, party: PartyInfo | None = None) -> None:
        party = party or self.selected("suppliers" if kind == "supplier" else "customers")
        if party is None:
            return
        tr = self.tr
        name, gln, location, reason = QLineEdit(party.name), QLineEdit(party.gln or ""), QLineEdit(party.location), QLineEdit()
        reason.setPlaceholderText(tr("Why (kept in the audit trail)"))

        def submit() -> None:
            values: dict[str, Any] = {"name": name.text(), "gln": gln.text() or None, "location": location.text()}
            party_payload(kind, party.code, **values)
            self.ctx.run(
                lambda s, a: masterdata.update_party(s, a, kind=kind, code=party.code, reason=reason.text(), **values),
                lambda saved: self._saved(tr("{0} changed.").format(saved.name)),
            )

        title = tr("Edit supplier {0}") if kind == "supplier" else tr("Edit customer {0}")
        self._dialog(
            title.format(party.code),
            [(tr("Name"), name), (tr("GLN"), gln), (tr("Location"), location), (tr("Reason"), reason)],
            submit,
        )

    def edit_location(self, location: Any | None = None) -> None:
        location = location or self.selected("locations")
        if location is None:
            return
        tr = self.tr
        name, reason = QLineEdit(location.name), QLineEdit()

        def submit() -> None:
            clean_name(name.text(), "location")
            self.ctx.run(
                lambda s, a: masterdata.update_location(s, a, code=location.code, name=name.text(), reason=reason.text()),
                lambda code: self._saved(tr("Location {0} changed.").format(code)),
            )

        self._dialog(tr("Edit location {0}").format(location.code), [(tr("Name"), name), (tr("Reason"), reason)], submit)

    def edit_user(self, user: UserInfo | None = None) -> None:
        user = user or self.selected("users")
        if user is None:
            return
        tr = self.tr
        role = QComboBox()
        for value in Role:
            role.addItem(role_text(value.value), value.value)
        role.setCurrentIndex(max(0, role.findData(user.role.value)))
        pin = QLineEdit()
        pin.setEchoMode(QLineEdit.EchoMode.Password)
        pin.setPlaceholderText(tr("Leave empty to keep the PIN"))
        active = QCheckBox(tr("May sign in"))
        active.setChecked(user.active)
        reason = QLineEdit()

        def submit() -> None:
            new_pin, new_role, is_active = pin.text(), role.currentData(), active.isChecked()
            if new_pin and (not new_pin.isdigit() or not 4 <= len(new_pin) <= 12):
                raise InvalidInput(tr("A PIN must be 4 to 12 digits."))
            if new_role == user.role.value and not new_pin and is_active == user.active:
                raise InvalidInput(tr("Nothing was changed."))

            def work(s: Any, a: Any) -> UserInfo:
                # Each change is its own event (role, PIN, active), all in one transaction.
                info = user
                if new_role != user.role.value:
                    info = users.change_role(s, a, code=user.code, role=new_role, reason=reason.text())
                if new_pin:
                    info = users.reset_pin(s, a, code=user.code, pin=new_pin, reason=reason.text() or "PIN reset")
                if is_active != user.active:
                    info = users.set_active(s, a, code=user.code, active=is_active, reason=reason.text())
                return info

            self.ctx.run(work, lambda saved: self._saved(tr("User {0} changed.").format(saved.name)))

        self._dialog(
            tr("Edit user {0}").format(user.code),
            [(tr("Role"), role), (tr("New PIN"), pin), ("", active), (tr("Reason"), reason)],
            submit,
        )

    # --- devices: saved to this station's file and started at once -------------------------

    def device_rows(self, device: DeviceConfig | None) -> tuple[list, Any]:
        tr = self.tr
        name, port = QLineEdit(device.name if device else ""), QLineEdit((device.port or "") if device else "")
        baud = QSpinBox()
        baud.setRange(300, 921600)
        baud.setValue(device.baud if device else 9600)
        suffix = _combo(["CR", "LF", "CRLF", "NONE"], device.suffix if device else "CR")
        kind = _combo(["scanner", "rfid"], device.kind if device else "scanner")
        gs = QLineEdit((device.gs_substitute or "") if device else "")
        gs.setPlaceholderText(tr("e.g. ^] when the scanner cannot send GS"))

        def build() -> DeviceConfig:
            from dataclasses import replace

            base = device or DeviceConfig(name=name.text() or "?", port=port.text() or "-")
            return replace(
                base,
                name=name.text().strip(),
                kind=kind.currentText(),
                port=port.text().strip() or None,
                baud=baud.value(),
                suffix=suffix.currentText(),
                gs_substitute=gs.text() or None,
            )

        rows = [
            (tr("Name"), name),
            (tr("Kind"), kind),
            (tr("Port"), port),
            (tr("Baud"), baud),
            (tr("Suffix"), suffix),
            (tr("GS sent as"), gs),
        ]
        return rows, build

    def save_device(self, device: DeviceConfig, old_name: str | None = None) -> str:
        """Write the device and (re)start it now; returns the sentence for the banner."""
        tr = self.tr
        path = self.devices_path
        if old_name and old_name != device.name:
            remove_device(path, old_name)
        add_device(path, device, replace_existing=bool(old_name))
        try:
            self.ctx.devices.reload()
        except TraceDeskError as error:
            return tr("Device {0} saved, but the devices could not start: {1}").format(device.name, error)
        return tr("Device {0} saved and started.").format(device.name)

    def edit_device(self, device: DeviceConfig | None = None) -> None:
        device = device or self.selected("devices")
        if device is None:
            return
        rows, build = self.device_rows(device)
        self._dialog(
            self.tr("Edit device {0}").format(device.name), rows, lambda: self._saved(self.save_device(build(), device.name))
        )

    def remove_selected_device(self) -> None:
        device = self.selected("devices")
        if device is None:
            return
        remove_device(self.devices_path, device.name)
        self.ctx.devices.reload()
        self._saved(self.tr("Device {0} removed and stopped.").format(device.name))

    def test_device(self, device: DeviceConfig | None = None, seconds: int = 10) -> DeviceTestDialog | None:
        device = device or self.selected("devices")
        if device is None:
            return None
        dialog = DeviceTestDialog(self.ctx.devices.bridge, device.name, seconds, self)
        dialog.open()
        return dialog
