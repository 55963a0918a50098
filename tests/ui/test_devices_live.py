"""Devices and printers added, changed or removed while TraceDesk runs take effect within seconds."""

from __future__ import annotations

import os
import tty
from dataclasses import replace

import pytest

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.devices.config import DeviceConfig, add_device, remove_device
from tracedesk.devices.scan import Scan
from tracedesk.labels.printers import PrinterConfig, load_printers, save_printers
from tracedesk.ui.workspaces.qa import QaWorkspace

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs POSIX pseudo-terminals"),
]


@pytest.fixture
def pty():
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


@pytest.fixture
def live(shell):
    shell.start_devices()
    assert shell.watcher is not None
    shell.watcher.timer.setInterval(100)  # the app looks every 2 s; the test need not wait that long
    return shell


def test_a_scanner_added_from_the_command_line_scans_at_once_and_its_removal_is_said(live, qtbot, pty, plant):
    shell = live
    master, path = pty
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    devices = shell.devices.path
    add_device(devices, DeviceConfig("Dock", port=path))  # what `tracedesk devices add` writes
    label = shell.window.device_label
    qtbot.waitUntil(lambda: "is connected on" in label.text(), timeout=10_000)
    os.write(master, f"TD:{plant.sugar}\r".encode())
    qtbot.waitUntil(lambda: qa.lot is not None and qa.lot.code == plant.sugar, timeout=10_000)

    add_device(devices, replace(DeviceConfig("Dock", port=path), baud=19200), replace_existing=True)
    said = shell.station_changes
    qtbot.waitUntil(lambda: "Devices changed: restarted with new settings Dock." in said, timeout=10_000)
    assert shell.devices.running() == ["Dock"]

    remove_device(devices, "Dock")
    qtbot.waitUntil(lambda: "Devices changed: stopped Dock." in said, timeout=10_000)
    assert shell.devices.running() == [] and "Dock" in shell.devices.retired
    shell.bridge.on_scan(Scan(f"TD:{plant.flour}", "Dock"))  # a scan still on its way from the removed device
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and "no longer set up at this station" in shell.ctx.banner.text()
    assert qa.lot.code == plant.sugar


def test_printers_changed_by_another_program_are_said_and_a_removed_station_printer_warns(live, qtbot):
    shell = live
    path = shell.ctx.printer.printers_path
    save_printers(path, {"Zebra": PrinterConfig("Zebra", "zpl-tcp", "127.0.0.1:9100")})
    qtbot.waitUntil(lambda: "Printers changed; configured now: Zebra." in shell.window.device_label.text(), timeout=10_000)
    shell.ctx.printer.station_printer = "Zebra"
    save_printers(path, {})
    qtbot.waitUntil(lambda: "printer Zebra was removed" in shell.window.device_label.text(), timeout=10_000)
    assert shell.ctx.banner.kind == "warning" and load_printers(path) == {}


def test_a_replugged_scanner_takes_back_the_unplugged_warning_and_its_codes_arrive(live, qtbot, plant, tmp_path):
    # The port is a link to a pseudo-terminal, as a udev name points at a USB scanner's tty.
    shell = live
    link = tmp_path / "ttyScanner"
    first_master, first_slave = os.openpty()
    tty.setraw(first_slave)
    link.symlink_to(os.ttyname(first_slave))
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    wait_idle(shell)
    add_device(shell.devices.path, DeviceConfig("Dock", port=str(link)))
    label = shell.window.device_label
    qtbot.waitUntil(lambda: "is connected on" in label.text(), timeout=10_000)

    os.close(first_master)  # unplugged
    os.close(first_slave)
    banner = shell.ctx.banner
    qtbot.waitUntil(lambda: banner.kind == "warning" and "was unplugged" in banner.text(), timeout=10_000)

    master, slave = os.openpty()  # plugged in again
    try:
        tty.setraw(slave)
        link.unlink()
        link.symlink_to(os.ttyname(slave))
        qtbot.waitUntil(lambda: "is connected on" in label.text(), timeout=10_000)
        assert banner.kind == "ok" and "Dock is connected on" in banner.text()
        os.write(master, f"TD:{plant.sugar}\r".encode())
        qtbot.waitUntil(lambda: qa.lot is not None and qa.lot.code == plant.sugar, timeout=10_000)
    finally:
        remove_device(shell.devices.path, "Dock")
        os.close(master)
        os.close(slave)
