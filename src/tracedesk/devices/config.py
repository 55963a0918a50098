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
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidInput("A device needs a name.")
        if self.kind not in KINDS:
            raise InvalidInput(
                "Device '{name}': kind must be one of {kinds}, not '{kind}'.", name=self.name, kinds=KINDS, kind=self.kind
            )
        if not self.port and (self.vid is None or self.pid is None):
            raise InvalidInput("Device '{name}': give a port (e.g. /dev/ttyACM0 or COM3) or a USB VID:PID.", name=self.name)
        for label, value, top in (("vid", self.vid, 0xFFFF), ("pid", self.pid, 0xFFFF)):
            if value is not None and (not isinstance(value, int) or not 0 <= value <= top):
                raise InvalidInput("Device '{name}': {label} must be a number from 0000 to FFFF.", name=self.name, label=label)
        if not isinstance(self.baud, int) or self.baud <= 0:
            raise InvalidInput(
                "Device '{name}': baud must be a positive whole number, not '{baud}'.", name=self.name, baud=self.baud
            )
        if self.suffix not in SUFFIXES:
            raise InvalidInput(
                "Device '{name}': suffix must be one of {suffixes}, not '{suffix}'.",
                name=self.name,
                suffixes=SUFFIXES,
                suffix=self.suffix,
            )
        if self.gs_substitute is not None and (
            not self.gs_substitute or "\r" in self.gs_substitute or "\n" in self.gs_substitute
        ):
            raise InvalidInput("Device '{name}': the GS substitute must be one or more visible characters.", name=self.name)
        if not isinstance(self.dedupe_window_s, (int, float)) or self.dedupe_window_s < 0:
            raise InvalidInput("Device '{name}': the dedupe window must be zero or more seconds.", name=self.name)
        if not isinstance(self.char_timeout_ms, int) or not 1 <= self.char_timeout_ms <= 10_000:
            raise InvalidInput("Device '{name}': the inter-character timeout must be 1 to 10000 ms.", name=self.name)

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
            raise InvalidInput(
                "Device '{name}': unknown {count|setting|settings} {settings}.",
                name=data.get("name"),
                count=len(unknown),
                settings=unknown,
            )
        try:
            return cls(**data)
        except TypeError as error:
            raise InvalidInput("Device '{name}': {error}.", name=data.get("name"), error=error) from None


def parse_usb_id(text: str) -> tuple[int, int]:
    """`0C2E:0B61` -> (0x0C2E, 0x0B61)."""
    vid, sep, pid = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(vid, 16), int(pid, 16)
    except ValueError:
        raise InvalidInput("'{text}' is not a USB id; write it as VID:PID in hexadecimal, e.g. 0C2E:0B61.", text=text) from None


def load_devices(path: Path) -> list[DeviceConfig]:
    """The devices configured in `path`; none when the file does not exist yet."""
    if not path.exists():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput("The device configuration {path} cannot be read: {error}.", path=path, error=error) from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "The device configuration {path} is not valid JSON (line {line}): {problem}. Fix or delete the file.",
            path=path,
            line=error.lineno,
            problem=error.msg,
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("devices"), list):
        raise InvalidInput('The device configuration {path} must hold {{"devices": [...]}}.', path=path)
    try:
        devices = [DeviceConfig.from_dict(item) for item in document["devices"]]
    except InvalidInput as error:
        raise InvalidInput("The device configuration {path}: {error}", path=path, error=error) from None
    names = [d.name for d in devices]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise InvalidInput("The device configuration {path} names {names} more than once.", path=path, names=duplicated)
    return devices


def save_devices(path: Path, devices: list[DeviceConfig]) -> None:
    """Write atomically, so a crash never leaves half a file behind."""
    write_json_atomically(path, {"version": FILE_VERSION, "devices": [d.to_dict() for d in devices]})


def add_device(path: Path, device: DeviceConfig, *, replace_existing: bool = False) -> None:
    devices = load_devices(path)
    if any(d.name == device.name for d in devices) and not replace_existing:
        raise InvalidInput("A device named '{name}' already exists; remove it first or pick another name.", name=device.name)
    save_devices(path, [d for d in devices if d.name != device.name] + [device])


def remove_device(path: Path, name: str) -> None:
    devices = load_devices(path)
    if not any(d.name == name for d in devices):
        raise NotFound("No device named '{name}' is configured.", name=name)
    save_devices(path, [d for d in devices if d.name != name])


def find_device(path: Path, name: str) -> DeviceConfig:
    for device in load_devices(path):
        if device.name == name:
            return device
    raise NotFound("No device named '{name}' is configured; `tracedesk devices` lists them.", name=name)
