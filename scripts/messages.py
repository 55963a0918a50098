"""Every sentence template in the source, and what a message catalog lacks: `python scripts/messages.py`.

A template is the first argument of `msg()`, `Message()` or an error class (any subclass of
TraceDeskError), always a string literal, plus the text lines of the shipped label templates
(resources/labels/*.toml). For translators:

    python scripts/messages.py                 # missing and obsolete entries of the Chinese catalog
    python scripts/messages.py --missing-json  # the missing ones as JSON, ready to translate
    python scripts/messages.py --prune         # drop obsolete entries, rewrite the catalog sorted

tests/core/test_message_catalog.py runs the same checks: an f-string or a computed first
argument is an error (the renderer could not find its translation), and so is a template
without a translation or a translation whose {placeholders} differ from the template's.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "tracedesk"
LABELS = ROOT / "resources" / "labels"
CATALOGS = ROOT / "resources" / "i18n"
BASE_ERROR = "TraceDeskError"
# msg() and Message(), and what the command line's context names a signed-in task by
# (`ctx.signed_in_actor("Starting a recall")`): their first argument is a template too.
MESSAGE_FUNCTIONS = {"msg", "Message", "signed_in_actor", "authorised"}

# Places that hand on a message built elsewhere (its template was checked where it was built).
# (path below src/tracedesk, enclosing function) -> why.
PASS_THROUGH = {
    ("core/errors.py", "TraceDeskError.__init__"): "wraps the template or Message it was given",
    ("core/messages.py", "msg"): "the message constructor itself",
    ("core/messages.py", "render"): "renders a message it was given",
    ("services/import_sources.py", "ImportProblem.__init__"): "its callers' templates are checked as ImportProblem's",
    ("commands/_context.py", "CommandContext.signed_in_actor"): "the task's name, checked where it is called",
    ("commands/_context.py", "CommandContext.authorised"): "the task's name, checked where it is called",
    ("db/health.py", "DatabaseHealth.check_writable"): "raises the Message damaged_message() builds from literals",
    ("db/health.py", "DatabaseHealth.fault"): "raises the Message damaged_message() builds from literals",
}

sys.path.insert(0, str(ROOT / "src"))
from tracedesk.core.messages import _PLURAL, template_fields  # noqa: E402


@dataclass
class Found:
    """The templates in the source, where each is used, and the calls that break the rules."""

    templates: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, template: str, where: str) -> None:
        self.templates.setdefault(template, []).append(where)


def _python_files(source: Path) -> Iterator[Path]:
    yield from sorted(p for p in source.rglob("*.py") if "migrations" not in p.parts)


def error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """TraceDeskError and every class that derives from it, by name, across the source."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else b.attr for b in node.bases if isinstance(b, (ast.Name, ast.Attribute))
                }
                bases.setdefault(node.name, set()).update(names)
    found = {BASE_ERROR}
    changed = True
    while changed:
        changed = False
        for name, parents in bases.items():
            if name not in found and parents & found:
                found.add(name)
                changed = True
    return found


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _literal_branches(node: ast.expr) -> list[str]:
    if isinstance(node, ast.IfExp):
        return _literal_branches(node.body) + _literal_branches(node.orelse)
    assert isinstance(node, ast.Constant) and isinstance(node.value, str)
    return [node.value]


def _is_choice_of_literals(node: ast.expr) -> bool:
    """`"Exporting the audit trail" if audit else "Exporting a report"`: each branch a literal template."""
    if not isinstance(node, ast.IfExp):
        return False
    return all(
        _is_choice_of_literals(branch) or (isinstance(branch, ast.Constant) and isinstance(branch.value, str))
        for branch in (node.body, node.orelse)
    )


def _is_qt_translated(node: ast.expr) -> bool:
    """`self.tr("...")`, `tr("...")` or `self.tr("...").format(...)`: Qt's catalog translates it."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        node = node.func.value
    return isinstance(node, ast.Call) and _called_name(node) in ("tr", "translate")


class _Visitor(ast.NodeVisitor):
    def __init__(self, relative: str, names: set[str], found: Found) -> None:
        self.relative, self.names, self.found = relative, names, found
        self.scope: list[str] = []

    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped  # noqa: N815

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        if _called_name(node) not in self.names or not node.args:
            return
        where = f"{self.relative}:{node.lineno}"
        first = node.args[0]
        if _is_choice_of_literals(first):
            for branch in _literal_branches(first):
                self.found.add(branch, where)
            return
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            self.found.add(first.value, where)
            keywords = {k.arg for k in node.keywords}
            if None in keywords or len(node.args) > 1:
                return  # **params or a params mapping: checked when rendered
            missing = template_fields(first.value) - keywords
            if missing:
                self.found.problems.append(f"{where}: no value for {', '.join(sorted(missing))} in {first.value!r}")
            return
        if (self.relative, ".".join(self.scope)) in PASS_THROUGH:
            return
        if self.relative.startswith("ui/") and _is_qt_translated(first):
            return  # the screen's own text, already in the user's language (scripts/zh_CN.py)
        if isinstance(first, ast.JoinedStr):
            self.found.problems.append(f"{where}: an f-string as a message; write a template with named parameters")
        else:
            self.found.problems.append(
                f"{where}: the message is {ast.unparse(first)!r}, not a string literal; the catalog cannot find it"
            )


def scan_source(source: Path = SOURCE) -> Found:
    """Every template literal in the Python source, and every message call that is not one."""
    trees = {path: ast.parse(path.read_text("utf-8"), str(path)) for path in _python_files(source)}
    names = MESSAGE_FUNCTIONS | error_classes(trees)
    found = Found()
    for path, tree in trees.items():
        _Visitor(path.relative_to(source).as_posix(), names, found).visit(tree)
    return found


def scan_labels(found: Found, folder: Path = LABELS) -> None:
    """The text lines of the shipped label templates: "Lot {lot_code}" prints as "批次 {lot_code}"."""
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for number, text in enumerate(data.get("text", []), start=1):
            pattern = text.get("text", "")
            if any(ch.isalpha() for ch in _without_fields(pattern)):
                found.add(pattern, f"{path.relative_to(ROOT).as_posix()} text {number}")


def _without_fields(pattern: str) -> str:
    return "".join(literal for literal, *_ in __import__("string").Formatter().parse(pattern))


def all_templates() -> Found:
    found = scan_source()
    scan_labels(found)
    return found


def load_catalog(language: str) -> dict[str, str]:
    path = CATALOGS / f"messages_{language}.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def write_catalog(language: str, entries: dict[str, str]) -> None:
    """Keys sorted, UTF-8, one entry a line: merges stay small."""
    path = CATALOGS / f"messages_{language}.json"
    path.write_text(json.dumps(dict(sorted(entries.items())), ensure_ascii=False, indent=1) + "\n", "utf-8")


def shown_fields(template: str) -> set[str]:
    """The parameters a template writes out (a plural form's count alone only chooses a word)."""
    return template_fields(_PLURAL.sub("", template))


def placeholders_match(template: str, translation: str) -> bool:
    """Same parameters written out; plural choices only on the template's parameters.

    A language without plural forms drops a count that only chose between "setting" and
    "settings"; it may never name a parameter the message does not carry.
    """
    return shown_fields(template) == shown_fields(translation) and template_fields(translation) <= template_fields(template)


def check(templates: dict[str, list[str]], entries: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """(missing, obsolete, placeholder mismatches) of a catalog against the templates in use."""
    missing = sorted(t for t in templates if not entries.get(t))
    obsolete = sorted(t for t in entries if t not in templates)
    mismatched = [
        f"{t!r} -> {entries[t]!r}: {sorted(shown_fields(t))} vs {sorted(shown_fields(entries[t]))}"
        for t in sorted(templates)
        if entries.get(t) and not placeholders_match(t, entries[t])
    ]
    return missing, obsolete, mismatched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--missing-json", action="store_true", help="print the missing entries as a JSON object")
    parser.add_argument("--prune", action="store_true", help="remove obsolete entries from the catalog")
    args = parser.parse_args(argv)
    found = all_templates()
    entries = load_catalog(args.lang)
    missing, obsolete, mismatched = check(found.templates, entries)
    if args.missing_json:
        print(json.dumps(dict.fromkeys(missing, ""), ensure_ascii=False, indent=1))
        return 0
    if args.prune and obsolete:
        write_catalog(args.lang, {k: v for k, v in entries.items() if k not in obsolete})
    for problem in found.problems:
        print("rule:", problem)
    for template in missing:
        print("missing:", template, " @", ", ".join(found.templates[template][:3]))
    for template in obsolete:
        print("obsolete:" if not args.prune else "removed:", template)
    for line in mismatched:
        print("placeholders differ:", line)
    print(f"{len(found.templates)} templates, {len(missing)} missing, {len(obsolete)} obsolete, {len(mismatched)} mismatched")
    return 1 if found.problems or missing or mismatched else 0


if __name__ == "__main__":
    raise SystemExit(main())
