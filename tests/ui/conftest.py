"""GUI fixtures: a demo-like plant in a real SQLite file and the whole shell built around it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.plant import QA_PIN, master_data, qa_signer, received
from tracedesk.core.actor import Actor
from tracedesk.core.status import Role
from tracedesk.devices.scan import Scan
from tracedesk.paths import AppPaths
from tracedesk.services import production
from tracedesk.services.dto import UserInfo
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.runtime import Runtime, StationSettings
from tracedesk.services.users import create_user
from tracedesk.ui.shell import Shell, build_shell

PINS = {"anna": "1111", "li": "2222", "qa": QA_PIN, "admin": "1234"}


class Plant:
    """Codes the GUI tests scan: lots in each state, an open order."""

    def __init__(self, runtime, admin) -> None:  # noqa: ANN001
        with runtime.unit_of_work() as s:
            master_data(s, admin)
            create_user(s, admin, code="anna", name="Anna Clerk", role="clerk", pin=PINS["anna"], badge="BADGE-ANNA")
            create_user(s, admin, code="li", name="Li Lead", role="line_lead", pin=PINS["li"])
            qa_signer(s, admin)
            self.flour = received(s, admin, "FLOUR", "100", supplier_lot="F-NEW")
            self.flour_old = register_received_lot(
                s,
                ReceiveRequest(
                    item="FLOUR", quantity="40", supplier="MILL", supplier_lot="F-OLD", expiry=admin.today + timedelta(days=20)
                ),
                admin,
            ).code
            from tracedesk.services import quality

            quality.release_lot(s, qa_signer(s, admin), lot=self.flour_old, pin=QA_PIN)
            self.sugar = received(s, admin, "SUGAR", "80", supplier_lot="S-9")
            self.salt = received(s, admin, "SALT", "10", supplier_lot="SALT-1")
            self.quarantined = received(s, admin, "SUGAR", "20", release=False, supplier_lot="S-Q")
            self.held = received(s, admin, "SUGAR", "30", supplier_lot="S-H")
            quality.hold_lot(s, admin, lot=self.held, reason="supplier complaint", spread=False)
            self.order = production.create_work_order(s, admin, product="DOUGH", quantity="50").number


@pytest.fixture(scope="session")
def plant_template(tmp_path_factory) -> tuple[Path, Plant]:  # noqa: ANN001
    """Built once per run (hashing PINs is slow on purpose); each test gets a copy of the file."""
    from tests.conftest import FixedClock

    folder = tmp_path_factory.mktemp("plant-template")
    paths = AppPaths(folder / "data", folder / "config", folder / "logs", folder / "backups").ensure()
    rt = Runtime.open(
        f"sqlite:///{folder / 'plant.sqlite3'}", paths, StationSettings(code="ST1", name="Test station", lot_prefix="T")
    )
    clock = FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    try:
        admin = rt.create_first_admin(code="admin", name="Admin", pin=PINS["admin"], at=Actor("", "ST1", 60, clock))
        plant = Plant(rt, admin)
    finally:
        rt.close()
    return folder / "plant.sqlite3", plant


@pytest.fixture
def runtime(plant_template, tmp_path) -> Iterator[Runtime]:  # noqa: ANN001
    """The shared conftest's runtime, opened on a copy of the built plant."""
    source, _ = plant_template
    target = tmp_path / "plant.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    rt = Runtime.open(
        f"sqlite:///{target}",
        AppPaths.from_environment().ensure(),
        StationSettings(code="ST1", name="Test station", lot_prefix="T"),
    )
    yield rt
    rt.close()


@pytest.fixture
def admin(runtime, clock) -> Actor:  # noqa: ANN001
    """The plant's first administrator (created when the template was built), acting at ST1."""
    return Actor("admin", "ST1", 60, clock)


@pytest.fixture
def plant(plant_template, runtime) -> Plant:  # noqa: ANN001
    return plant_template[1]


@pytest.fixture
def shell(qapp, runtime, clock, plant) -> Iterator[Shell]:  # noqa: ANN001
    from tracedesk.ui.i18n import install_language

    install_language(qapp, "en")  # as the app does at start: English plural forms ("1 lot") come from a file too
    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    shell.ctx.banner.sound = False
    shell.window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is small: use the user's size
    shell.window.resize(1366, 768)
    shell.window.show()
    yield shell
    wait_idle(shell)
    shell.close()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_idle(shell: Shell, qtbot=None) -> None:  # noqa: ANN001
    """Let queued DB results reach the GUI thread."""
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if shell.db.is_idle and shell.ctx.printer.is_idle:
            QCoreApplication.processEvents()
            if shell.db.is_idle and shell.ctx.printer.is_idle:
                return
        time.sleep(0.005)
    raise AssertionError("the database thread did not finish")


def sign_in_as(shell: Shell, code: str) -> None:
    roles = {"anna": Role.CLERK, "li": Role.LINE_LEAD, "qa": Role.QA, "admin": Role.ADMIN}
    wait_idle(shell)
    shell.window.sign_in_page.select_user(code)
    shell.window.sign_in_page.pin.setText(PINS[code])
    shell.window.sign_in_page.button.click()
    wait_idle(shell)
    assert shell.ctx.user is not None and shell.ctx.user.role is roles[code]


def scan(shell: Shell, text: str) -> None:
    """The path every serial scanner and RFID reader takes: a Scan through the device bridge."""
    shell.bridge.on_scan(Scan(text, "test scanner"))
    wait_idle(shell)


__all__ = ["Plant", "UserInfo", "scan", "sign_in_as", "wait_idle"]
