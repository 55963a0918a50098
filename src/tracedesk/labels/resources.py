"""Where the shipped label templates and fonts live, in a source tree and in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The `resources/` folder: beside the executable's data when frozen, else at the repo root."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        # PyInstaller unpacks data files under _MEIPASS; tracedesk.spec ships resources/ there.
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[3] / "resources"


def builtin_template_dir() -> Path:
    return resource_dir() / "labels"


def font_path() -> Path:
    return resource_dir() / "fonts" / "DroidSansFallbackFull.ttf"
