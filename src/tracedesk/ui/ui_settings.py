"""This station's screen preferences (language, text size, sign-out time, label output, window layout) as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from tracedesk.devices.wedge import DEFAULT_MAX_GAP_MS, DEFAULT_MIN_LENGTH

LABEL_OUTPUTS = ("pdf", "preview", "printer")


@dataclass(frozen=True)
class UiSettings:
    """Kept in the config directory beside station.json, so a new database keeps them."""

    language: str = ""  # "" follows the system; else "en" or "zh_CN"
    large_text: bool = False
    idle_minutes: int = 10  # 0: never sign out by itself
    label_output: str = "pdf"  # pdf: save files; preview: print preview; printer: default printer
    label_folder: str = ""  # "" = the data directory's labels folder
    label_printer: str = ""  # this station's default printer from printers.json; "" = label_output decides
    sound: bool = True
    # Keyboard-wedge scanners: longest gap between keys and shortest code still taken for a scan.
    wedge_max_gap_ms: float = DEFAULT_MAX_GAP_MS
    wedge_min_length: int = DEFAULT_MIN_LENGTH
    window_geometry: str = ""  # hex of QMainWindow.saveGeometry()
    window_state: str = ""

    @classmethod
    def load(cls, path: Path) -> UiSettings:
        """Unknown or damaged settings fall back to the defaults: preferences never block start-up."""
        try:
            data = json.loads(path.read_text("utf-8"))
            known = {f.name for f in fields(cls)}
            settings = cls(**{k: v for k, v in data.items() if k in known})
        except (OSError, ValueError, TypeError, AttributeError):
            return cls()
        if settings.label_output not in LABEL_OUTPUTS:
            settings = replace(settings, label_output="pdf")
        return settings

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2), "utf-8")
        tmp.replace(path)
