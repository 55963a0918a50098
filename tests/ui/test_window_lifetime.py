"""A window that goes away takes all its widgets with it: nothing is left to be re-styled or kept."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.core.messages import set_language
from tracedesk.ui.i18n import install_language
from tracedesk.ui.shell import build_shell

pytestmark = pytest.mark.gui


def _deleted_later() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_closed_window_leaves_none_of_its_workspaces_behind(qapp, runtime, clock, plant):  # noqa: ANN001
    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    shell.ctx.banner.sound = False
    shell.window.setWindowState(Qt.WindowState.WindowNoState)
    shell.window.show()
    sign_in_as(shell, "anna")  # a clerk: some workspaces are never shown on a tab
    workspaces = list(shell.window.workspaces)
    shown = [w for w in workspaces if shell.window.tabs.indexOf(w) >= 0]
    assert 0 < len(shown) < len(workspaces)
    wait_idle(shell)
    shell.close()
    _deleted_later()
    assert [type(w).__name__ for w in workspaces if shiboken6.isValid(w)] == []


def test_a_closed_shell_is_freed_with_everything_it_held(qapp, runtime, clock, plant):  # noqa: ANN001
    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    shell.ctx.banner.sound = False
    shell.window.show()
    sign_in_as(shell, "qa")
    wait_idle(shell)
    gone = weakref.ref(shell)
    shell.close()
    _deleted_later()
    del shell
    gc.collect()
    assert gone() is None


def test_a_language_switch_frees_the_old_window_with_all_its_workspaces(shell, plant, qtbot):  # noqa: ANN001
    old = shell.window
    workspaces = list(old.workspaces)  # signed out: no workspace is on a tab
    shell.switch_language("zh_CN")
    try:
        # Deleted once the database thread has answered the new window (a retry every 100 ms).
        qtbot.waitUntil(lambda: _deleted_later() or not shiboken6.isValid(old), timeout=5_000)
        assert [type(w).__name__ for w in workspaces if shiboken6.isValid(w)] == []
        assert all(shiboken6.isValid(w) for w in shell.window.workspaces)
    finally:
        shell.switch_language("en")
        wait_idle(shell)


def test_a_window_replaced_while_the_database_thread_works_is_freed_when_the_shell_closes(qapp, runtime, clock, plant):  # noqa: ANN001
    shell = build_shell(qapp, runtime, clock=clock, wedge=False)
    shell.ctx.banner.sound = False
    shell.window.show()
    old = shell.window
    gate = threading.Event()
    shell.db.submit(lambda session: gate.wait(10))
    try:
        shell.switch_language("zh_CN")  # the old window waits: an answer may be on its way to it
        _deleted_later()
        assert shiboken6.isValid(old)
    finally:
        gate.set()
        shell.close()
        set_language(install_language(qapp, "en"))  # as a switch back would
    _deleted_later()
    assert not shiboken6.isValid(old)
