"""`make screenshots` on a machine without an X server names every package it needs, not Xvfb alone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The libraries Qt's xcb platform plugin loads (Qt 6.5 and later need libxcb-cursor0).
XCB_PACKAGES = ("xvfb", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0")


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_screenshots_hint_names_xvfb_and_the_x11_libraries(tmp_path):
    make = shutil.which("make")
    assert make is not None
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    env["PATH"] = str(tmp_path)  # no Xvfb on it; the recipe uses only shell built-ins
    # -o: the venv counts as up to date, so make never rebuilds it here.
    run = subprocess.run(
        [make, "--no-print-directory", "-s", "-o", ".venv/.installed", "screenshots"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert run.returncode != 0
    hint = run.stdout + run.stderr
    assert all(package in hint.split() for package in XCB_PACKAGES), hint


def test_the_screenshot_script_names_the_same_libraries():
    script = (ROOT / "scripts" / "screenshots.py").read_text("utf-8")
    assert all(package in script for package in XCB_PACKAGES)
