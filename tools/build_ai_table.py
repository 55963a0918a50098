"""Generate `tracedesk/core/codes/_ai_data.py` from GS1's Barcode Syntax Dictionary.

Usage: python tools/build_ai_table.py PATH/TO/gs1-syntax-dictionary.txt [OUTPUT.py]

The dictionary is GS1's machine-readable table of Application Identifiers (format, length,
FNC1 requirement, linters, pairing rules, Digital Link keys). The application never reads it
at run time: an installed copy has no access to it, so the facts are frozen into a module.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_COMPONENT = re.compile(r"^(\[)?([NXYZ])(\d+|\.\.\d+)(\])?((?:,\w+)*)$")
_FLAG_CHARS = set("*!?\"$%&'()+,-./:;<=>@[\\]^_`{|}~")
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src" / "tracedesk" / "core" / "codes" / "_ai_data.py"


def parse_component(token: str) -> tuple[str, int, int, bool, tuple[str, ...]]:
    """`[N..12],csum` -> ("N", 1, 12, True, ("csum",))."""
    match = _COMPONENT.match(token)
    if match is None:
        raise ValueError(f"unrecognised format component {token!r}")
    opening, charset, length, closing, linters = match.groups()
    if bool(opening) != bool(closing):
        raise ValueError(f"unbalanced brackets in {token!r}")
    if length.startswith(".."):
        low, high = 1, int(length[2:])
    else:
        low = high = int(length)
    return charset, low, high, bool(opening), tuple(name for name in linters.split(",") if name)


def parse_line(line: str) -> tuple | None:
    """One dictionary entry as a row of plain Python values, or None for comments/blank lines."""
    body, _, title = line.partition("#")
    tokens = body.split()
    if not tokens:
        return None
    ais = tokens.pop(0)
    first, _, last = ais.partition("-")
    last = last or first
    flags = ""
    if tokens and set(tokens[0]) <= _FLAG_CHARS and not tokens[0].startswith("["):
        flags = tokens.pop(0)
    components = []
    while tokens and _COMPONENT.match(tokens[0]):
        components.append(parse_component(tokens.pop(0)))
    requires: list[tuple[str, ...]] = []
    excludes: list[str] = []
    dl_keys: tuple[str, ...] | None = None
    for token in tokens:
        key, _, value = token.partition("=")
        if key == "req":
            requires.append(tuple(value.split(",")))
        elif key == "ex":
            excludes.extend(value.split(","))
        elif key == "dlpkey":
            dl_keys = tuple(value.split("|")) if value else ("",)
        else:
            raise ValueError(f"unknown attribute {token!r} for AI {ais}")
    return (first, last, "*" in flags, "?" in flags, tuple(components), tuple(requires), tuple(excludes), dl_keys, title.strip())


def build(dictionary: Path) -> str:
    rows = [row for line in dictionary.read_text(encoding="utf-8").splitlines() if (row := parse_line(line)) is not None]
    header = (
        '"""GS1 Application Identifiers, generated from GS1\'s Barcode Syntax Dictionary; do not edit.\n\n'
        "Source: GS1 Barcode Syntax Dictionary (gs1-syntax-dictionary.txt, Apache License 2.0,\n"
        "Copyright (c) 2021-2025 GS1 AISBL, BWIPP and Zint projects). Regenerate with\n"
        "`python tools/build_ai_table.py gs1-syntax-dictionary.txt`.\n\n"
        "Row: (first AI, last AI, predefined length (no FNC1 needed), Digital Link data attribute,\n"
        "components (charset, min, max, optional, linters), req groups, ex patterns,\n"
        'Digital Link primary-key qualifier sequences or None, title).\n"""\n\n'
        "from __future__ import annotations\n\n"
    )
    body = "".join(f"    {row!r},\n" for row in rows)
    return header + "AI_ROWS = (\n" + body + ")\n"


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    output = Path(argv[2]) if len(argv) == 3 else DEFAULT_OUTPUT
    output.write_text(build(Path(argv[1])), encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
