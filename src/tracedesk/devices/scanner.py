"""A barcode scanner on a serial port: frames become `Scan`s, with GS restored and AIM ids checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tracedesk.core.messages import msg
from tracedesk.devices.config import DeviceConfig
from tracedesk.devices.scan import Scan
from tracedesk.devices.serial_reader import DEFAULT_BACKOFF, SerialLineReader, StatusCallback

GS = "\x1d"
_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")


def restore_gs(text: str, substitute: str | None) -> str:
    """Many scanners cannot send the GS control character and send e.g. `^]` or `|` instead."""
    return text.replace(substitute, GS) if substitute else text


class SerialScanner:
    """One serial barcode scanner: a reader thread that calls `on_scan` once per barcode."""

    def __init__(
        self,
        config: DeviceConfig,
        on_scan: Callable[[Scan], None],
        on_status: StatusCallback,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
    ) -> None:
        self.config = config
        self._on_scan = on_scan
        self._on_status = on_status
        self._warned_about_aim = False
        self._reader = SerialLineReader(config, self._frame, on_status, backoff=backoff)

    def start(self) -> None:
        self._reader.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._reader.stop(timeout)

    def _frame(self, text: str) -> None:
        text = restore_gs(text, self.config.gs_substitute)
        has_aim = bool(_AIM.match(text))
        if self.config.aim_prefix and not has_aim and not self._warned_about_aim:
            # Still delivered: the parser copes, but GS1 codes are then told apart by content only.
            self._warned_about_aim = True
            self._on_status(
                self.config.name,
                "warning",
                msg(
                    "{device} sent a code without an AIM identifier (]C1, ]d2 ...); enable them in the scanner's setup.",
                    device=self.config.name,
                ),
            )
        elif has_aim and self._warned_about_aim:
            # The warning was about one code; a good one clears it.
            self._warned_about_aim = False
            self._on_status(self.config.name, "connected", msg("{device} sends AIM identifiers again.", device=self.config.name))
        self._on_scan(Scan(text, self.config.name))
