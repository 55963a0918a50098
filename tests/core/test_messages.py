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


def test_a_message_is_immutable_hashable_and_compares_by_template_and_parameters():
    first, second = msg("Lot {lot} is on hold.", lot="L1"), msg("Lot {lot} is on hold.", lot="L1")
    assert first == second and hash(first) == hash(second) and first != msg("Lot {lot} is on hold.", lot="L2")
    assert "L1 is on" in first
    with pytest.raises(AttributeError):
        first.template = "other"  # type: ignore[misc]


def test_json_output_writes_each_message_as_its_sentence(chinese):
    value = {"error": msg("Lot {lot} is on hold.", lot="L1"), "lots": [msg("Lot {lot} is on hold.", lot="L2")], "n": 3}
    assert messages.jsonable(value, "zh_CN") == {"error": "批次 L1 已暂扣。", "lots": ["批次 L2 已暂扣。"], "n": 3}


def test_the_locale_variables_choose_like_posix(monkeypatch):
    assert messages.environment_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert messages.environment_language({"LC_MESSAGES": "zh_TW", "LANG": "en_US"}) == "zh_CN"
    assert messages.environment_language({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}) is None
    assert messages.environment_language({}) is None


def test_a_system_error_is_said_in_the_reader_s_words(chinese):
    import errno

    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert render(msg("Cannot read it: {error}.", error=missing), "en") == "Cannot read it: no such file or folder."
    odd = OSError(errno.ELOOP, "Too many levels of symbolic links")
    assert render(msg("{error}", error=odd), "en") == "Too many levels of symbolic links"


def test_a_name_per_language_falls_back_to_english():
    title = messages.PerLanguage(en="AI (17) USE BY or EXPIRY", zh_CN="AI (17) 有效期")
    assert render(msg("{label}: bad.", label=title), "zh_CN") == "AI (17) 有效期: bad."
    assert messages.PerLanguage(en="AI (8007) IBAN").render("zh_CN") == "AI (8007) IBAN"


def test_lists_and_dates_are_written_as_each_language_writes_them(chinese):
    assert render(msg("{codes}", codes=["A", "B"]), "en") == "A, B"
    assert render(msg("{codes}", codes=["A", "B"]), "zh_CN") == "A、B"
