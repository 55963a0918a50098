"""Switching the language applies at once: every workspace, the banner, refusals and device lines, no restart."""

from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
)

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.core.messages import current_language, msg
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.shipping import ShippingWorkspace

pytestmark = pytest.mark.gui

# Words that stay as they are in Chinese: names of standards, formats and the product.
KEPT = {"TraceDesk", "GTIN", "GLN", "EPCIS", "FSMA", "JSON", "CSV", "Excel", "PDF", "ZPL", "YYYY", "QA", "USB", "SSCC", "Enter"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


IDENTIFIER = re.compile(r"\w+_\w+")  # an event type such as lot_held is a code, typed as it is


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(IDENTIFIER.sub("", text)) if w not in KEPT and not w.isupper()]


def screen_texts(root) -> list[str]:  # noqa: ANN001
    """The texts a screen writes itself: buttons, group titles, tab titles, column headers, hints."""
    texts = [b.text() for b in root.findChildren(QAbstractButton)]
    texts += [g.title() for g in root.findChildren(QGroupBox)]
    texts += [e.placeholderText() for e in root.findChildren(QLineEdit)]
    for tabs in root.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None:
            texts += [str(model.headerData(c, _horizontal()) or "") for c in range(model.columnCount())]
    return [t for t in texts if t]


def _horizontal():  # noqa: ANN202
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


@pytest.fixture
def chinese(shell):  # noqa: ANN001
    yield shell
    shell.switch_language("en")
    wait_idle(shell)


def test_switching_to_chinese_rebuilds_the_window_where_the_user_was(chinese, plant):
    shell = chinese
    sign_in_as(shell, "admin")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.open_lot(plant.held)
    wait_idle(shell)
    shell.bridge.on_status(
        "Dock scanner", "connected", msg("{device} is connected on {port}.", device="Dock scanner", port="COM3")
    )
    wait_idle(shell)
    old = shell.window

    shell.switch_language("zh_CN")
    wait_idle(shell)

    window = shell.window
    assert window is not old and window.isVisible()
    assert not shiboken6.isValid(old) or not old.isVisible()  # replaced, and deleted once the database was idle
    assert current_language() == "zh_CN"
    assert shell.ctx.user is not None and "管理员" in window.user_label.text()
    front = window.current_workspace()
    assert isinstance(front, QaWorkspace) and front.lot is not None and front.lot.code == plant.held
    assert window.device_label.text() == "Dock scanner 已连接在 COM3。"
    assert shell.ctx.banner.text() == "语言已切换为简体中文。"
    # Every workspace speaks Chinese, tab titles included: nothing of the old language is left.
    for workspace in window.workspaces:
        leftovers = [t for t in screen_texts(workspace) if english_words(t)]
        assert leftovers == [], type(workspace).__name__
    assert [window.tabs.tabText(i) for i in range(window.tabs.count()) if english_words(window.tabs.tabText(i))] == []


def test_after_the_switch_a_refusal_and_a_status_read_in_chinese(chinese, plant):
    shell = chinese
    sign_in_as(shell, "anna")
    shell.switch_language("zh_CN")
    wait_idle(shell)
    shipping = shell.window.show_workspace(ShippingWorkspace)
    assert shipping is not None
    scan(shell, plant.held)  # no customer yet: the screen's own refusal
    assert shell.ctx.banner.kind == "refused" and not english_words(shell.ctx.banner.text())
    shipping.customer.setCurrentIndex(1)
    shipping.document.setText("DN-1")
    scan(shell, plant.held)  # the service's refusal: the lot is on hold
    text = shell.ctx.banner.text()
    assert shell.ctx.banner.kind == "refused"
    assert text.startswith("已拒绝：批次 ") and "已冻结" in text and "不能发货" in text
    assert english_words(text.replace("supplier complaint", "")) == []  # the reason is what QA typed
    # The lot's status in the Trace & QA list is Chinese too.
    qa = shell.window.show_workspace(QaWorkspace)
    assert qa is None or all(not english_words(t) for t in screen_texts(qa))


def test_switching_back_to_english_leaves_no_chinese(chinese, plant):
    shell = chinese
    sign_in_as(shell, "admin")
    shell.switch_language("zh_CN")
    wait_idle(shell)
    shell.switch_language("en")
    wait_idle(shell)
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for workspace in shell.window.workspaces:
        assert [t for t in screen_texts(workspace) if cjk.search(t)] == [], type(workspace).__name__
    assert shell.ctx.banner.text() == "The language is now English."
    labels = [label.text() for label in shell.window.findChildren(QLabel) if cjk.search(label.text())]
    assert labels == []


def _headers_named_twice(root) -> list[tuple[str, list[str]]]:  # noqa: ANN001
    found = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        names = [str(model.headerData(c, _horizontal()) or "") for c in range(model.columnCount())]
        if len({n for n in names if n}) < len([n for n in names if n]):
            found.append((type(view.parent()).__name__, names))
    return found


def test_no_table_has_two_columns_of_the_same_name_in_either_language(chinese, plant):
    """The audit trail's "Event" and "What" were both 事件 in Chinese: two columns, one name."""
    shell = chinese
    sign_in_as(shell, "admin")
    for language in ("en", "zh_CN"):
        shell.switch_language(language)
        wait_idle(shell)
        named_twice = [found for workspace in shell.window.workspaces for found in _headers_named_twice(workspace)]
        assert named_twice == [], (language, named_twice)
