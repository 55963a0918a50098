"""The sentences of the exchange modules (EPCIS, FSMA 204, advance notices, location descriptions) have Chinese."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tracedesk.core.messages import Message, render, template_fields

SRC = Path(__file__).resolve().parents[2] / "src" / "tracedesk"
MODULES = [
    "core/location.py",
    "core/codes/epc_uri.py",
    "services/notice_reader.py",
    "services/notices.py",
    "services/notice_lines.py",
    "services/import_places.py",
    "services/reports/epcis_ids.py",
    "services/reports/fsma.py",
    "services/reports/places.py",
    "commands/import_epcis.py",
]
SENTENCE_MAKERS = {"InvalidInput", "NotFound", "Refused", "msg"}


def _templates(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name in SENTENCE_MAKERS and node.args:
                first = node.args[0]
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), f"{path}:{node.lineno}: not a literal"
                found.append(first.value)
    return found


@pytest.mark.parametrize("module", MODULES)
def test_every_template_has_a_chinese_translation_with_the_same_parameters(module):
    catalog = json.loads((SRC.parents[1] / "resources" / "i18n" / "messages_zh_CN.json").read_text("utf-8"))
    for template in _templates(SRC / module):
        assert template in catalog, template
        assert template_fields(catalog[template]) == template_fields(template), template


def test_a_nested_field_title_renders_in_chinese():
    from tracedesk.core.location import FIELD_TITLES

    sentence = Message(
        "{whose} lacks the {fields} of its location description.", {"whose": "MILL", "fields": [FIELD_TITLES["phone"]]}
    )
    assert render(sentence, "zh_CN") == "MILL 的地点描述缺少电话号码。"
