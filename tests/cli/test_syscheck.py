"""`make run` on a plain Linux PC: every missing system library Qt needs is named, with the commands that install them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracedesk.syscheck import check, install_advice, missing_libraries, qt_dir, qt_libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform is Linux's")

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffc)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms1.so.1 => /usr/lib/x86_64-linux-gnu/libxcb-keysyms.so.1 (0x0000)
\tlibxcb-keysyms.so.1 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x0000)
"""


def test_every_missing_library_is_named_with_the_apt_and_dnf_commands():
    missing = missing_libraries([Path("libqxcb.so"), Path("libQt6XcbQpa.so.6")], lambda _path: LDD_OUTPUT)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    advice = install_advice(missing)
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in advice
    assert "sudo dnf install xcb-util-cursor xcb-util-keysyms xcb-util-wm" in advice
    assert all(name in advice for name in missing)


def test_this_installation_has_the_plugin_and_another_platform_skips_the_check(monkeypatch):
    folder = qt_dir()
    assert folder is not None and any(p.name == "libqxcb.so" for p in qt_libraries(folder))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert check(lambda _path: LDD_OUTPUT) is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert "libxcb-cursor0" in (check(lambda _path: LDD_OUTPUT) or "")


def test_the_check_exits_non_zero_before_qt_is_loaded(tmp_path):
    # A system without the libraries, as `ldd` reports it (a stand-in first on PATH).
    fake = tmp_path / "ldd"
    fake.write_text("#!/bin/sh\ncat <<'EOF'\n" + LDD_OUTPUT + "EOF\n")
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}", "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, tracedesk.syscheck as c; r = c.main(); sys.exit(r if 'PySide6.QtCore' not in sys.modules else 9)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 3, done.stderr
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert "sudo dnf install" in done.stderr and "Traceback" not in done.stderr
