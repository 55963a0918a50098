"""Messages render in the reader's language, with plural forms and numbers as people write them."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from tracedesk.core import messages
from tracedesk.core.errors import Refused
from tracedesk.core.messages import Message, msg, render, template_fields


@pytest.fixture
def chinese(tmp_path, monkeypatch):
    (tmp_path / "messages_zh_CN.json").write_text(
        json.dumps({"Lot {lot} is on hold.": "批次 {lot} 已暂扣。", "{count} {count|lot|lots} found.": "找到 {count} 个批次。"}),
        "utf-8",
    )
    monkeypatch.setattr(messages, "catalog_dir", lambda: tmp_path)
    messages.reload_catalogs()
    yield
    messages.set_language("en")
    messages.reload_catalogs()


def test_english_is_the_template_with_its_parameters():
    assert render(msg("Lot {lot} is on hold.", lot="L1"), "en") == "Lot L1 is on hold."


def test_plural_forms_follow_the_count():
    template = "{count} {count|lot|lots} found."
    assert [render(msg(template, count=n), "en") for n in (0, 1, 2)] == ["0 lots found.", "1 lot found.", "2 lots found."]


def test_a_translation_is_used_when_the_language_is_chosen(chinese):
    message = msg("Lot {lot} is on hold.", lot="L1")
    assert render(message, "zh_CN") == "批次 L1 已暂扣。"
    messages.set_language("zh_CN.UTF-8")
    assert str(message) == "批次 L1 已暂扣。"
    assert str(Refused("Lot {lot} is on hold.", lot="L1")) == "批次 L1 已暂扣。"
    assert render(msg("{count} {count|lot|lots} found.", count=3)) == "找到 3 个批次。"


def test_an_untranslated_template_falls_back_to_english(chinese):
    assert render(msg("Nothing to do for {lot}.", lot="L1"), "zh_CN") == "Nothing to do for L1."


def test_decimals_never_use_exponents_and_dates_are_iso():
    text = render(msg("BOM says {q} by {d}.", q=Decimal("2E+1"), d=date(2026, 12, 1)), "en")
    assert text == "BOM says 20 by 2026-12-01."
    assert render(msg("{q}", q=Decimal("2.500")), "en") == "2.5"


def test_a_nested_message_renders_in_the_same_language(chinese):
    outer = msg("Refused: {reason}", reason=msg("Lot {lot} is on hold.", lot="L9"))
    assert render(outer, "en") == "Refused: Lot L9 is on hold."


def test_a_plain_text_with_braces_never_raises():
    assert render(Message("payload {not json"), "en") == "payload {not json"
    assert str(Refused("{x} and {}")) == "{x} and {}"


def test_template_fields_lists_every_parameter():
    assert template_fields("{count} {count|lot|lots} on {day}, {who}") == {"count", "day", "who"}
