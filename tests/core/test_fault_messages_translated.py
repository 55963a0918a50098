"""Every sentence of the parsers, the database faults, backups and restore has its Chinese translation."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from tracedesk.core.messages import catalog_dir, template_fields

SRC = Path(__file__).resolve().parents[2] / "src" / "tracedesk"
MODULES = ["core/parsing.py", "db/health.py", "db/inuse.py", "db/engine.py", "services/backups.py", "services/restore.py"]
SENTENCES = {"InvalidInput", "DatabaseError", "DatabaseLocked", "DatabaseDamaged", "DatabaseReadOnly", "DiskFull", "msg"}


def _templates(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in SENTENCES and isinstance(node.args[0].value, str) and "{" in node.args[0].value:
                found.append(node.args[0].value)
    return found


@pytest.mark.parametrize("module", MODULES)
def test_each_template_has_a_chinese_translation_with_the_same_fields(module):
    chinese = json.loads((catalog_dir() / "messages_zh_CN.json").read_text("utf-8"))
    templates = _templates(SRC / module)
    assert templates
    missing = [t for t in templates if t not in chinese]
    assert missing == []
    assert [t for t in templates if template_fields(t) != template_fields(chinese[t])] == []
