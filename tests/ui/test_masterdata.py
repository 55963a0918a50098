"""Master data in the GUI: edit dialogs that check what is typed, user changes, devices started at once and tested."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit
from sqlalchemy import select

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.core.status import Role
from tracedesk.db.models import Event
from tracedesk.devices.config import DeviceConfig, load_devices
from tracedesk.devices.scan import Scan
from tracedesk.services.dto import ItemInfo, UserInfo
from tracedesk.ui.workspaces.masterdata import MasterDataWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def master(shell):
    sign_in_as(shell, "admin")
    workspace = shell.window.show_workspace(MasterDataWorkspace)
    wait_idle(shell)
    return workspace


def answer(fill: Callable[[QDialog], None], outcome: list) -> None:
    """Fill the next modal dialog and press OK; keeps what the dialog said (its red line) in `outcome`."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        fill(dialog)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        errors = [label.text() for label in dialog.findChildren(QLabel) if label.text() and "b71c1c" in label.styleSheet()]
        outcome.append(errors)
        if dialog.isVisible():
            dialog.reject()

    QTimer.singleShot(0, act)


def _last_event(runtime) -> tuple[str, dict]:
    with runtime.unit_of_work() as s:
        event = s.scalars(select(Event).order_by(Event.seq.desc()).limit(1)).one()
        return event.type, json.loads(event.payload)


def _edits(dialog: QDialog) -> list[QLineEdit]:
    return [e for e in dialog.findChildren(QLineEdit) if e.parent() is dialog or e.isVisible()]


def test_an_item_edit_is_saved_as_an_event_with_old_and_new(shell, master, runtime):
    outcome: list = []
    sugar = ItemInfo("SUGAR", "Sugar", "kg", "raw", "lot", None, None)
    answer(lambda d: _edits(d)[0].setText("Cane sugar"), outcome)
    master.edit_item(sugar)
    wait_idle(shell)
    assert outcome == [[]]
    assert shell.ctx.banner.kind == "ok" and "SUGAR" in shell.ctx.banner.text()
    kind, payload = _last_event(runtime)
    assert kind == "item_updated" and payload["changes"] == {"name": ["Sugar", "Cane sugar"]}


def test_a_bad_gtin_is_said_in_the_dialog_and_nothing_is_recorded(shell, master, runtime):
    before = _last_event(runtime)
    outcome: list = []
    sugar = ItemInfo("SUGAR", "Sugar", "kg", "raw", "lot", None, None)
    answer(lambda d: _edits(d)[2].setText("12345"), outcome)  # name, unit, GTIN
    master.edit_item(sugar)
    wait_idle(shell)
    assert outcome and outcome[0] and "GTIN" in outcome[0][0]
    assert _last_event(runtime) == before


def test_a_user_gets_a_new_role_and_can_be_deactivated(shell, master, runtime):
    outcome: list = []

    def fill(dialog: QDialog) -> None:
        from PySide6.QtWidgets import QCheckBox, QComboBox

        role = dialog.findChild(QComboBox)
        role.setCurrentIndex(role.findData("qa"))
        dialog.findChild(QCheckBox).setChecked(False)

    answer(fill, outcome)
    master.edit_user(UserInfo("anna", "Anna Clerk", Role.CLERK, True))
    wait_idle(shell)
    assert outcome == [[]]
    with runtime.unit_of_work() as s:
        types = [e.type for e in s.scalars(select(Event).order_by(Event.seq.desc()).limit(2))]
    assert types == ["user_updated", "user_updated"]
    from tracedesk.services.users import list_users

    with runtime.unit_of_work() as s:
        anna = next(u for u in list_users(s) if u.code == "anna")
    assert anna.role is Role.QA and not anna.active


class FakeReader:
    started: list[str] = []

    def __init__(self, device: DeviceConfig, _bridge) -> None:  # noqa: ANN001
        self.device = device

    def start(self) -> None:
        FakeReader.started.append(self.device.name)

    def stop(self) -> None:
        FakeReader.started.remove(self.device.name)


def test_a_new_device_starts_at_once_and_its_test_shows_what_it_sends(shell, master):
    shell.devices._factory = FakeReader
    FakeReader.started = []
    outcome: list = []

    def fill(dialog: QDialog) -> None:
        name, port = _edits(dialog)[:2]
        name.setText("Dock scanner")
        port.setText("loop://")

    answer(fill, outcome)
    master.add_device()
    assert outcome == [[]]
    assert FakeReader.started == ["Dock scanner"] and "started" in shell.ctx.banner.text()
    device = load_devices(master.devices_path)[0]
    routed: list[Scan] = []
    shell.bridge.scanned.connect(routed.append)
    dialog = master.test_device(device, seconds=2)
    shell.bridge.on_scan(Scan("]C1010950110153000310ABC\x1d", "Dock scanner"))
    assert "]C1010950110153000310ABC<GS>" in dialog.received.toPlainText()
    assert routed == []  # under test, scans do not reach the workspace
    dialog.reject()
    shell.bridge.on_scan(Scan("X", "Dock scanner"))
    assert [s.text for s in routed] == ["X"]


def test_an_edited_device_restarts_with_its_new_settings(shell, master):
    shell.devices._factory = FakeReader
    FakeReader.started = []
    master.save_device(DeviceConfig(name="Line scanner", port="loop://"))
    assert FakeReader.started == ["Line scanner"]
    master.save_device(DeviceConfig(name="Line scanner 2", port="loop://", baud=115200), old_name="Line scanner")
    assert FakeReader.started == ["Line scanner 2"]
    assert [d.baud for d in load_devices(master.devices_path)] == [115200]


def _by_placeholder_or_order(dialog: QDialog) -> list[QLineEdit]:
    return [e for e in dialog.findChildren(QLineEdit) if e.parent() is dialog]


def test_a_suppliers_address_is_edited_in_its_dialog_and_shown_in_the_table(shell, master, runtime):
    from tracedesk.services.dto import PartyInfo

    outcome: list = []

    def fill(dialog: QDialog) -> None:
        # Name, GLN, location, then phone, street, city, state, postal code, country, reason.
        edits = _by_placeholder_or_order(dialog)
        for edit, value in zip(edits[3:9], ("+49 40 123 456", "Kai 7", "Hamburg", "HH", "20095", "de"), strict=True):
            edit.setText(value)

    answer(fill, outcome)
    master.edit_party("supplier", PartyInfo("supplier", "MILL", "Mill", None))
    wait_idle(shell)
    assert outcome == [[]], outcome
    kind, payload = _last_event(runtime)
    assert kind == "party_updated" and payload["changes"]["country"] == ["", "DE"]
    row = next(p for p in master.pages["suppliers"].model.records() if p.code == "MILL")
    assert row.description.one_line() == "Mill, Kai 7, 20095 Hamburg, HH, DE, tel. +49 40 123 456"
    outcome.clear()
    answer(lambda d: _by_placeholder_or_order(d)[3].setText("call me"), outcome)
    master.edit_party("supplier", row)
    wait_idle(shell)
    assert outcome and "phone number call me" in outcome[0][0]


def test_a_new_site_gets_its_gln_and_location_description(shell, master, runtime):
    outcome: list = []

    def fill(dialog: QDialog) -> None:
        # The place in the hierarchy (inside which location) comes between the name and the GLN.
        code, name, _inside, gln, business, phone, street, city, region, postal, country = _by_placeholder_or_order(dialog)
        for edit, value in (
            (code, "PLANT"),
            (name, "Biscuit plant"),
            (gln, "4012345000009"),
            (business, "Biscuit Co"),
            (phone, "+33 4 72 00 00 00"),
            (street, "1 Rue du Four"),
            (city, "Lyon"),
            (region, "ARA"),
            (postal, "69001"),
            (country, "FR"),
        ):
            edit.setText(value)

    answer(fill, outcome)
    master.add_location()
    wait_idle(shell)
    assert outcome == [[]], outcome
    site = next(loc for loc in master.pages["locations"].model.records() if loc.code == "PLANT")
    assert site.is_site and site.gln == "4012345000009" and site.description.missing() == ()


def test_a_bin_is_added_inside_its_area_and_a_cage_is_blocked(shell, master, runtime):
    from PySide6.QtWidgets import QCheckBox, QComboBox

    outcome: list = []

    def place(code: str, kind: str, inside: str, blocked: bool):  # noqa: ANN202
        def fill(dialog: QDialog) -> None:
            edits = _by_placeholder_or_order(dialog)
            edits[0].setText(code)
            edits[1].setText(f"Location {code}")
            edits[2].setText(inside)
            combo = dialog.findChildren(QComboBox)[0]
            combo.setCurrentIndex(combo.findData(kind))
            dialog.findChildren(QCheckBox)[0].setChecked(blocked)

        return fill

    for code, kind, inside, blocked in (("SZ", "plant", "", False), ("QC", "area", "SZ", True), ("B-1", "bin", "SZ", False)):
        answer(place(code, kind, inside, blocked), outcome)
        master.add_location()
        wait_idle(shell)
    assert outcome == [[], [], []], outcome
    rows = {loc.code: (loc.kind, loc.parent, loc.blocked) for loc in master.pages["locations"].model.records()}
    assert rows["QC"] == ("area", "SZ", True) and rows["B-1"] == ("bin", "SZ", False)
    answer(place("B-2", "bin", "", False), outcome)
    master.add_location()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "needs the warehouse or area" in shell.ctx.banner.text()
