"""Serial port discovery (pyserial's list_ports) and finding a configured device's port."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from serial.tools import list_ports

from tracedesk.core.errors import NotFound

if TYPE_CHECKING:
    from tracedesk.devices.config import DeviceConfig


@dataclass(frozen=True)
class PortInfo:
    """A serial port present on this computer."""

    device: str
    description: str
    vid: int | None
    pid: int | None
    serial_number: str | None

    @property
    def usb_id(self) -> str | None:
        return None if self.vid is None or self.pid is None else f"{self.vid:04X}:{self.pid:04X}"


def list_serial_ports() -> list[PortInfo]:
    """Every serial port the system reports, USB ones with their ids."""
    return sorted(
        (PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number) for p in list_ports.comports()),
        key=lambda port: port.device,
    )


def resolve_port(config: DeviceConfig, ports: list[PortInfo] | None = None) -> str:
    """The path or URL to open for `config`: its port, else the port with its USB ids."""
    if config.port:
        return config.port
    candidates = [
        p
        for p in (ports if ports is not None else list_serial_ports())
        if p.vid == config.vid
        and p.pid == config.pid
        and (config.serial_number is None or p.serial_number == config.serial_number)
    ]
    if not candidates:
        if config.serial_number:
            raise NotFound(
                "No connected device with USB id {usb_id} and serial number {serial_number}.",
                usb_id=config.usb_id,
                serial_number=config.serial_number,
            )
        raise NotFound("No connected device with USB id {usb_id}.", usb_id=config.usb_id)
    return candidates[0].device
