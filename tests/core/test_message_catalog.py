"""Every sentence template in the source is a literal with a Chinese translation that uses the same parameters."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tracedesk.core.messages import CHINESE, Message, render, template_fields

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


script = _load_script()


@pytest.fixture(scope="module")
def found():
    return script.all_templates()


@pytest.fixture(scope="module")
def chinese():
    return script.load_catalog(CHINESE)


def test_every_message_is_a_literal_template_with_its_parameters(found):
    assert found.problems == []
    assert len(found.templates) > 500  # the scan sees the whole source, not an empty folder


def test_every_template_has_a_chinese_translation(found, chinese):
    missing, _obsolete, _mismatched = script.check(found.templates, chinese)
    assert missing == [], "run `python scripts/messages.py --missing-json` and translate these"


def test_a_translation_writes_out_the_same_parameters_as_its_template(found, chinese):
    _missing, _obsolete, mismatched = script.check(found.templates, chinese)
    assert mismatched == []


def test_the_catalog_holds_no_sentence_the_program_no_longer_says(found, chinese):
    _missing, obsolete, _mismatched = script.check(found.templates, chinese)
    assert obsolete == [], "run `python scripts/messages.py --prune`"


def test_the_catalog_file_is_sorted_utf8_with_one_entry_a_line():
    path = ROOT / "resources" / "i18n" / "messages_zh_CN.json"
    text = path.read_text("utf-8")
    entries = json.loads(text)
    assert text == json.dumps(dict(sorted(entries.items())), ensure_ascii=False, indent=1) + "\n"


def test_every_chinese_translation_renders_without_falling_back_to_english(found, chinese):
    for template in found.templates:
        if chinese.get(template) in (None, template):
            continue  # "{error}", "GTIN": the same in both languages
        params = dict.fromkeys(template_fields(template), 2)
        assert render(Message(template, params), CHINESE) != render(Message(template, params), "en"), template


def test_an_f_string_or_a_computed_message_is_caught(tmp_path):
    package = tmp_path / "tracedesk"
    package.mkdir()
    (package / "errors.py").write_text(
        "class TraceDeskError(Exception): ...\nclass Refused(TraceDeskError): ...\n", encoding="utf-8"
    )
    (package / "use.py").write_text(
        "from tracedesk.errors import Refused\n"
        "def a(lot):\n    raise Refused(f'Lot {lot} is on hold.')\n"
        "def b(text):\n    raise Refused(text)\n"
        "def c(lot):\n    raise Refused('Lot {lot} is on hold.')\n"
        "def d(lot):\n    raise Refused('Lot {lot} is on hold.', lot=lot)\n",
        encoding="utf-8",
    )
    problems = script.scan_source(package).problems
    assert len(problems) == 3
    assert "use.py:3: an f-string" in problems[0]
    assert "use.py:5: the message is 'text'" in problems[1]
    assert "use.py:7: no value for lot" in problems[2]
