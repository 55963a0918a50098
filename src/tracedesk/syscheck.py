"""Before the window opens on Linux: are the system libraries Qt's X11 (xcb) platform needs installed?

Without them Qt aborts with a message that names only the first missing library. This check
names them all, with the install commands for Debian/Ubuntu and Fedora, and the program exits
cleanly instead. It reads the libraries' dependencies with `ldd` (no Qt is loaded), and falls
back to looking the known libraries up when `ldd` is not there. `make run` runs it first
(`python -m tracedesk.syscheck`), and so does the GUI at start.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# soname -> (Debian/Ubuntu package, Fedora package). The libraries Qt's xcb platform plugin and
# the Qt libraries it loads ask for, beyond what every desktop has anyway.
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)

Ldd = Callable[[Path], str]


def qt_libraries(qt_dir: Path) -> list[Path]:
    """The xcb platform plugin and the Qt libraries it needs, in the installed PySide6."""
    wanted = [qt_dir / "plugins" / "platforms" / "libqxcb.so"]
    for name in ("libQt6XcbQpa.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6", "libQt6Core.so.6"):
        wanted.append(qt_dir / "lib" / name)
    return [path for path in wanted if path.exists()]


def run_ldd(path: Path) -> str:
    result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False, timeout=30)
    return result.stdout


def missing_libraries(libraries: Iterable[Path], ldd: Ldd | None = run_ldd) -> list[str]:
    """The sonames the libraries need and the system does not have, in a stable order."""
    missing: set[str] = set()
    if ldd is not None and (ldd is not run_ldd or shutil.which("ldd") is not None):
        for library in libraries:
            missing.update(_NOT_FOUND.findall(ldd(library)))
    else:
        for soname in PACKAGES:
            if ctypes.util.find_library(soname.removeprefix("lib").split(".so")[0]) is None:
                missing.add(soname)
    return sorted(missing)


def install_advice(missing: list[str]) -> str:
    """What to tell a person: the libraries, and one command each for Debian/Ubuntu and Fedora."""
    debian = sorted({PACKAGES[name][0] for name in missing if name in PACKAGES})
    fedora = sorted({PACKAGES[name][1] for name in missing if name in PACKAGES})
    unknown = [name for name in missing if name not in PACKAGES]
    lines = [
        "TraceDesk cannot open its window: Qt needs system libraries that are not installed:",
        *(f"  {name}" for name in missing),
        "",
    ]
    if debian:
        lines += ["Debian / Ubuntu:", f"  sudo apt-get install {' '.join(debian)}", ""]
    if fedora:
        lines += ["Fedora:", f"  sudo dnf install {' '.join(fedora)}", ""]
    if unknown:
        lines += ["Install the packages that provide: " + ", ".join(unknown), ""]
    lines.append("Then start TraceDesk again (make run). The command line works without them.")
    return "\n".join(lines)


def needs_xcb() -> bool:
    """Whether Qt would use its X11 platform: on Linux, unless another platform is chosen."""
    if not sys.platform.startswith("linux"):
        return False
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return platform in ("", "xcb") or platform.startswith("xcb")


def qt_dir() -> Path | None:
    """Where PySide6 keeps its Qt, found without loading Qt."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt"


def check(ldd: Ldd | None = run_ldd) -> str | None:
    """The advice to print when libraries are missing, else None."""
    if not needs_xcb():
        return None
    folder = qt_dir()
    if folder is None:
        return None
    missing = missing_libraries(qt_libraries(folder), ldd)
    return install_advice(missing) if missing else None


def main() -> int:
    advice = check()
    if advice is None:
        return 0
    print(advice, file=sys.stderr)
    return 3


if __name__ == "__main__":
    raise SystemExit(main())
