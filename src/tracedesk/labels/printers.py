"""Configured label printers of a station: thermal printers reached over TCP or serial, or system printers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tracedesk.core.errors import InvalidInput
from tracedesk.core.files import write_json_atomically

KINDS = ("zpl-tcp", "zpl-serial", "system")


@dataclass(frozen=True)
class PrinterConfig:
    """Where a printer is and what it speaks; `address` is host[:port], a serial port, or a queue name."""

    name: str
    kind: str
    address: str
    dpi: int = 203
    baud: int = 9600

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput("Printer '{name}': the kind must be one of {kinds}.", name=self.name, kinds=KINDS)
        if not self.address.strip():
            raise InvalidInput("Printer '{name}' needs an address (host, serial port or queue name).", name=self.name)
        if self.dpi not in (203, 300, 600):
            raise InvalidInput("Printer '{name}': the resolution must be 203, 300 or 600 dpi.", name=self.name)

    @property
    def is_zpl(self) -> bool:
        return self.kind.startswith("zpl")


def load_printers(path: Path) -> dict[str, PrinterConfig]:
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text("utf-8"))
        return {entry["name"]: PrinterConfig(**entry) for entry in raw.get("printers", [])}
    except (ValueError, TypeError, KeyError) as error:
        raise InvalidInput(
            "The printer settings in {path} are damaged ({error}); fix or delete the file.", path=path, error=error
        ) from None


def save_printers(path: Path, printers: dict[str, PrinterConfig]) -> None:
    write_json_atomically(path, {"printers": [asdict(p) for p in printers.values()]})
