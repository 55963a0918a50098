"""English plural forms: `python scripts/en.py` fills resources/i18n/tracedesk_en.ts ("1 lot", "2 lots").

English source texts are the screen texts themselves; only the %n texts need a translation,
so that a count of one reads in the singular. Workflow: `pyside6-lupdate -pluralonly` collects
them into tracedesk_en.ts, this fills them, `pyside6-lrelease` compiles the .qm the app loads.
Every "(s)" in a source becomes "" for one and "s" for any other count.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(path: Path) -> list[str]:
    """Write singular and plural into every numerus message; returns the sources without "(s)"."""
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.find("source").text or ""
        if "(s)" not in source:
            missing.append(source)
            continue
        translation = message.find("translation")
        for form in list(translation):
            translation.remove(form)
        ET.SubElement(translation, "numerusform").text = source.replace("(s)", "")
        ET.SubElement(translation, "numerusform").text = source.replace("(s)", "s")
        translation.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/i18n/tracedesk_en.ts")
    left = fill(target)
    for source in left:
        print("no plural form:", source)
    raise SystemExit(1 if left else 0)
