"""Every screen text has a Simplified Chinese translation, and the compiled file is what the app loads."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase

from tracedesk.ui.i18n import i18n_dir, install_language, register_fonts

pytestmark = pytest.mark.gui


def test_every_source_text_is_translated():
    tree = ET.parse(i18n_dir() / "tracedesk_zh_CN.ts")
    unfinished = [
        m.find("source").text
        for m in tree.iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.find("translation").text
    ]
    assert unfinished == []


def test_chinese_is_loaded_and_switched_back(qapp):
    try:
        assert install_language(qapp, "zh_CN") == "zh_CN"
        assert QCoreApplication.translate("ReceivingWorkspace", "Receiving") == "收货"
    finally:
        install_language(qapp, "en")
    assert QCoreApplication.translate("ReceivingWorkspace", "Receiving") == "Receiving"


def test_the_cjk_font_is_registered(qapp):
    family = register_fonts(qapp)
    assert family is not None and family in QFontDatabase.families()


def test_counts_read_in_the_singular_and_the_plural(qapp):
    def lots(n: int) -> str:
        return QCoreApplication.translate("RecallTab", "%n lot(s)", "", n)

    try:
        assert install_language(qapp, "en") == "en"
        assert (lots(1), lots(2), lots(0)) == ("1 lot", "2 lots", "0 lots")
        assert QCoreApplication.translate("LabelCounts", "%n label(s) sent to {0}.", "", 1) == "1 label sent to {0}."
        assert QCoreApplication.translate("DeviceTestDialog", "Test over: %n code(s) received from {0}.", "", 1) == (
            "Test over: 1 code received from {0}."
        )
        install_language(qapp, "zh_CN")
        assert lots(1) == "1 个批次" and lots(3) == "3 个批次"
    finally:
        install_language(qapp, "en")


def test_a_sentence_that_names_a_workspace_uses_the_tabs_own_chinese_name():
    # A button that says "open it in Trace & QA" must name the tab the user sees, word for word.
    messages = [
        ((m.find("source").text or "").replace("&&", "&"), m.find("translation").text or "")
        for m in ET.parse(i18n_dir() / "tracedesk_zh_CN.ts").iter("message")
    ]
    tabs = {source: chinese for source, chinese in messages if source in ("Trace & QA", "Quality desk", "Master data")}
    assert len(tabs) == 3
    misnamed = [
        (source, chinese)
        for source, chinese in messages
        for tab, tab_chinese in tabs.items()
        if tab in source and source != tab and tab_chinese not in chinese
    ]
    assert misnamed == []
