"""Every relative link in the Markdown documents opens a file or folder of the repository."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted(
    path
    for path in {
        *(ROOT / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")),
        *ROOT.glob("docs/**/*.md"),
        *ROOT.glob("resources/**/*.md"),
    }
    if path.is_file()
)

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_INLINE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HTML = re.compile(r"""<(?:a|img)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def anchors(text: str) -> set[str]:
    """The anchors a Markdown renderer gives the headings: lower case, punctuation dropped, spaces as
    hyphens, a repeated heading numbered (`-1`, `-2` ...)."""
    seen: dict[str, int] = {}
    found = set()
    for heading in _HEADING.findall(_FENCE.sub("", text)):
        slug = re.sub(r"[^\w\- ]", "", _CODE_SPAN.sub(lambda m: m.group(0).strip("`"), heading).lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def links(text: str) -> list[str]:
    """Link targets outside code: inline links and images, reference definitions, HTML a/img."""
    text = _CODE_SPAN.sub("", _FENCE.sub("", text))
    return [m.group(1) for pattern in (_INLINE, _REFERENCE, _HTML) for m in pattern.finditer(text)]


def relative_targets(text: str) -> list[str]:
    """The targets that name a path: not a URL (https:, mailto: ...), not an anchor in the same page."""
    return [target for target in links(text) if not _SCHEME.match(target) and not target.startswith("#")]


def test_the_documents_a_newcomer_needs_exist() -> None:
    for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md", "docs/architecture.md"):
        assert (ROOT / name).is_file(), f"{name} is missing"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_inside_the_repository(document: Path) -> None:
    broken = []
    text = document.read_text(encoding="utf-8")
    for target in [*relative_targets(text), *(t for t in links(text) if t.startswith("#"))]:
        path, _, anchor = unquote(target.split("?", 1)[0]).partition("#")
        if not path:
            resolved = document
        else:
            resolved = (ROOT / path.lstrip("/")) if path.startswith("/") else (document.parent / path)
            resolved = resolved.resolve()
        if not resolved.is_relative_to(ROOT):
            broken.append(f"{target} (outside the repository)")
        elif not resolved.exists():
            broken.append(target)
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved.read_text(encoding="utf-8")):
            broken.append(f"{target} (no such heading)")
    assert not broken, f"{document.relative_to(ROOT)}: broken links: {', '.join(broken)}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('see [the guide](docs/a.md#part) and ![pic](img/x.png "title")', ["docs/a.md#part", "img/x.png"]),
        ("[site](https://example.org) [here](#top) [mail](mailto:a@b.c)", []),
        ("`[not](a-link.md)` and\n```\n[nor](this.md)\n```\n[yes](that.md)", ["that.md"]),
        ('[ref]: ../src/x.py\n<img src="shot.png">', ["../src/x.py", "shot.png"]),
        ("[`ui/bridge.py`](../src/tracedesk/ui/bridge.py)", ["../src/tracedesk/ui/bridge.py"]),
    ],
)
def test_links_are_found_where_markdown_puts_them(text: str, expected: list[str]) -> None:
    assert sorted(relative_targets(text)) == sorted(expected)


def test_headings_give_the_anchors_links_use() -> None:
    text = "# How TraceDesk fits together\n## The life of a scan\n```\n# not a heading\n```\n## Adding a `screen`, step 2\n## The life of a scan\n"
    assert anchors(text) == {
        "how-tracedesk-fits-together",
        "the-life-of-a-scan",
        "adding-a-screen-step-2",
        "the-life-of-a-scan-1",
    }
