"""Per-station device settings (scanners, RFID readers), kept as JSON in the config directory."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.core.files import write_json_atomically
from tracedesk.devices.framing import SUFFIXES

KINDS = ("scanner", "rfid")
FILE_VERSION = 1


@dataclass(frozen=True)
class DeviceConfig:
    """One device: where to find it and how its data is framed."""

    name: str
    kind: str = "scanner"
    port: str | None = None  # path or pyserial URL; or find it by USB ids below
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    baud: int = 9600
    suffix: str = "CR"  # CR, LF, CRLF or NONE (a pause of char_timeout_ms ends a code)
    gs_substitute: str | None = None  # what the scanner sends for GS, e.g. "^]" or "|"
    aim_prefix: bool = False  # the scanner is set up to send AIM identifiers (]C1 ...)
    dedupe_window_s: float = 2.0  # RFID: repeated reads of a tag within this are one read
    char_timeout_ms: int = 50

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffix", str(self.suffix).upper())
        self.check()

    def check(self) -> None:
        """Refuse settings that could never work, saying which one and why."""
        where = f"Device {self.name!r}"
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidInput("A device needs a name.")
        if self.kind not in KINDS:
            raise InvalidInput(f"{where}: kind must be one of {', '.join(KINDS)}, not {self.kind!r}.")
        if not self.port and (self.vid is None or self.pid is None):
            raise InvalidInput(f"{where}: give a port (e.g. /dev/ttyACM0 or COM3) or a USB VID:PID.")
        for label, value, top in (("vid", self.vid, 0xFFFF), ("pid", self.pid, 0xFFFF)):
            if value is not None and (not isinstance(value, int) or not 0 <= value <= top):
                raise InvalidInput(f"{where}: {label} must be a number from 0000 to FFFF.")
        if not isinstance(self.baud, int) or self.baud <= 0:
            raise InvalidInput(f"{where}: baud must be a positive whole number, not {self.baud!r}.")
        if self.suffix not in SUFFIXES:
            raise InvalidInput(f"{where}: suffix must be one of {', '.join(SUFFIXES)}, not {self.suffix!r}.")
        if self.gs_substitute is not None and (
            not self.gs_substitute or "\r" in self.gs_substitute or "\n" in self.gs_substitute
        ):
            raise InvalidInput(f"{where}: the GS substitute must be one or more visible characters.")
        if not isinstance(self.dedupe_window_s, (int, float)) or self.dedupe_window_s < 0:
            raise InvalidInput(f"{where}: the dedupe window must be zero or more seconds.")
        if not isinstance(self.char_timeout_ms, int) or not 1 <= self.char_timeout_ms <= 10_000:
            raise InvalidInput(f"{where}: the inter-character timeout must be 1 to 10000 ms.")

    @property
    def usb_id(self) -> str | None:
        return None if self.vid is None or self.pid is None else f"{self.vid:04X}:{self.pid:04X}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> DeviceConfig:
        if not isinstance(data, dict):
            raise InvalidInput("Each device must be a JSON object.")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidInput(f"Device {data.get('name')!r}: unknown setting(s) {', '.join(unknown)}.")
        try:
            return cls(**data)
        except TypeError as error:
            raise InvalidInput(f"Device {data.get('name')!r}: {error}.") from None


def parse_usb_id(text: str) -> tuple[int, int]:
    """`0C2E:0B61` -> (0x0C2E, 0x0B61)."""
    vid, sep, pid = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(vid, 16), int(pid, 16)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a USB id; write it as VID:PID in hexadecimal, e.g. 0C2E:0B61.") from None


def load_devices(path: Path) -> list[DeviceConfig]:
    """The devices configured in `path`; none when the file does not exist yet."""
    if not path.exists():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(f"The device configuration {path} cannot be read: {error}.") from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"The device configuration {path} is not valid JSON (line {error.lineno}): {error.msg}. Fix or delete the file."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("devices"), list):
        raise InvalidInput(f'The device configuration {path} must hold {{"devices": [...]}}.')
    try:
        devices = [DeviceConfig.from_dict(item) for item in document["devices"]]
    except InvalidInput as error:
        raise InvalidInput(f"The device configuration {path}: {error}") from None
    names = [d.name for d in devices]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise InvalidInput(f"The device configuration {path} names {', '.join(duplicated)} more than once.")
    return devices


def save_devices(path: Path, devices: list[DeviceConfig]) -> None:
    """Write atomically, so a crash never leaves half a file behind."""
    write_json_atomically(path, {"version": FILE_VERSION, "devices": [d.to_dict() for d in devices]})


def add_device(path: Path, device: DeviceConfig, *, replace_existing: bool = False) -> None:
    devices = load_devices(path)
    if any(d.name == device.name for d in devices) and not replace_existing:
        raise InvalidInput(f"A device named {device.name!r} already exists; remove it first or pick another name.")
    save_devices(path, [d for d in devices if d.name != device.name] + [device])


def remove_device(path: Path, name: str) -> None:
    devices = load_devices(path)
    if not any(d.name == name for d in devices):
        raise NotFound(f"No device named {name!r} is configured.")
    save_devices(path, [d for d in devices if d.name != name])


def find_device(path: Path, name: str) -> DeviceConfig:
    for device in load_devices(path):
        if device.name == name:
            return device
    raise NotFound(f"No device named {name!r} is configured; `tracedesk devices` lists them.")
