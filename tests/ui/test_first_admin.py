"""Getting in: an empty database asks for its first administrator, never for a name from an empty list;
users added meanwhile (in master data or by another program) are on the sign-in screen at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from sqlalchemy import select

from tests.ui.conftest import PINS, sign_in_as, wait_idle
from tracedesk.core.actor import Actor
from tracedesk.db.models import Event
from tracedesk.paths import AppPaths
from tracedesk.services.events import apply_event
from tracedesk.services.runtime import Runtime, StationSettings
from tracedesk.services.users import create_user
from tracedesk.ui.shell import Shell, build_shell
from tracedesk.ui.workspaces.masterdata import MasterDataWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_runtime(tmp_path) -> Iterator[Runtime]:
    rt = Runtime.open(
        f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        AppPaths.from_environment().ensure(),
        StationSettings(code="NEW1", name="New station", lot_prefix="N"),
    )
    yield rt
    rt.close()


def _shell(qapp, runtime: Runtime, clock) -> Shell:  # noqa: ANN001
    from tracedesk.ui.i18n import install_language

    install_language(qapp, "en")
    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    shell.ctx.banner.sound = False
    shell.window.setWindowState(Qt.WindowState.WindowNoState)
    shell.window.resize(1366, 768)
    shell.window.show()
    wait_idle(shell)
    return shell


@pytest.fixture
def empty_shell(qapp, empty_runtime, clock) -> Iterator[Shell]:
    shell = _shell(qapp, empty_runtime, clock)
    yield shell
    wait_idle(shell)
    shell.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _fill(shell: Shell, name: str, code: str, pin: str, again: str) -> None:
    page = shell.window.first_admin_page
    page.name.setText(name)
    page.code.setText(code)
    page.pin.setText(pin)
    page.pin_again.setText(again)
    page.button.click()
    wait_idle(shell)


def test_an_empty_database_starts_with_the_first_administrator(empty_shell, empty_runtime):
    window = empty_shell.window
    assert window.stack.currentWidget() is window.first_admin_page
    assert empty_shell.ctx.user is None
    _fill(empty_shell, "Ada Boss", "ada", "2580", "2581")
    assert "differ" in window.first_admin_page.error.text() and empty_shell.ctx.user is None
    _fill(empty_shell, "Ada Boss", "ada", "25", "25")
    assert "4 to 12 digits" in window.first_admin_page.error.text()
    with empty_runtime.reading() as s:
        assert s.scalar(select(Event.seq).limit(1)) is None  # nothing recorded by a refused form
    _fill(empty_shell, "Ada Boss", "ada", "2580", "2580")
    assert empty_shell.ctx.user is not None and empty_shell.ctx.user.code == "ada"
    assert window.stack.currentWidget() is window.tabs
    assert any(isinstance(window.tabs.widget(i), MasterDataWorkspace) for i in range(window.tabs.count()))
    assert "Ada Boss" in empty_shell.ctx.banner.text()
    with empty_runtime.reading() as s:
        recorded = [(e.type, e.user, e.station) for e in s.scalars(select(Event).order_by(Event.seq))]
    assert recorded == [("user_created", "ada", "NEW1"), ("station_configured", "ada", "NEW1")]
    window.sign_out()
    wait_idle(empty_shell)
    assert window.stack.currentWidget() is window.sign_in_page and window.sign_in_page.users.count() == 1


def test_the_code_follows_the_name_until_someone_types_one(empty_shell):
    page = empty_shell.window.first_admin_page
    page.name.textEdited.emit("Li Wei")
    assert page.code.text() == "li"


def test_a_database_with_history_but_no_users_asks_for_the_administrator_too(qapp, empty_runtime, clock):
    # An older database whose history was recorded by nobody in particular (e.g. imported history).
    with empty_runtime.unit_of_work() as s:
        apply_event(s, Actor("system", "NEW1", 0, clock), "location_created", {"code": "RCV", "name": "Dock"})
    shell = _shell(qapp, empty_runtime, clock)
    try:
        assert shell.window.stack.currentWidget() is shell.window.first_admin_page
        assert shell.window.sign_in_page.users.count() == 0
    finally:
        shell.close()


def test_a_user_added_by_another_program_appears_at_once(shell, qtbot, runtime, admin):
    wait_idle(shell)
    listed = shell.window.sign_in_page.users
    shell.window.sign_in_page.select_user("li")
    shell.window.sign_in_page.pin.setText("22")  # someone is typing their PIN meanwhile
    before = listed.count()
    with runtime.unit_of_work() as s:  # as `tracedesk users add` does, on its own connection
        create_user(s, admin, code="zoe", name="Zoe Newcomer", role="clerk", pin="5151")
    qtbot.waitUntil(lambda: listed.count() == before + 1, timeout=8000)
    codes = [listed.item(row).data(Qt.ItemDataRole.UserRole) for row in range(listed.count())]
    assert "zoe" in codes
    assert listed.currentItem().data(Qt.ItemDataRole.UserRole) == "li" and shell.window.sign_in_page.pin.text() == "22"


def test_a_user_added_in_master_data_is_on_the_sign_in_list_after_signing_out(shell, runtime, admin):
    sign_in_as(shell, "admin")
    shell.ctx.run(lambda s, a: create_user(s, a, code="max", name="Max Mustermann", role="line_lead", pin="7777"))
    wait_idle(shell)
    shell.window.sign_out()
    wait_idle(shell)
    shell.window.sign_in_page.select_user("max")
    shell.window.sign_in_page.pin.setText("7777")
    shell.window.sign_in_page.button.click()
    wait_idle(shell)
    assert shell.ctx.user is not None and shell.ctx.user.code == "max"


def test_a_wrong_pin_at_the_window_is_recorded_for_the_lock_out(shell, runtime):
    wait_idle(shell)
    shell.window.sign_in_page.select_user("anna")
    shell.window.sign_in_page.pin.setText("0000")
    shell.window.sign_in_page.button.click()
    wait_idle(shell)
    with runtime.reading() as s:
        last = s.scalars(select(Event).order_by(Event.seq.desc())).first()
    assert (last.type, last.user) == ("sign_in_failed", "anna") and shell.ctx.user is None
    assert PINS["anna"] not in last.payload
