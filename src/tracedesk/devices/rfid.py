"""An RFID reader on a serial port that prints one EPC in hex per line; repeated reads merged."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence

from tracedesk.core.messages import msg
from tracedesk.devices.config import DeviceConfig
from tracedesk.devices.scan import Scan
from tracedesk.devices.serial_reader import DEFAULT_BACKOFF, SerialLineReader, StatusCallback

_EPC_HEX = re.compile(r"(?:[0-9A-Fa-f]{4}){6,}")  # 96 bits or more, whole 16-bit words


class TagDeduplicator:
    """A tag lying on the antenna is read many times a second; report it once per stay.

    A read counts as new when the same EPC was not seen during the last `window_s` seconds;
    every read restarts that tag's window, so a tag that stays put is reported once.
    """

    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self._last_seen: dict[str, float] = {}

    def is_new(self, epc: str, now: float) -> bool:
        last = self._last_seen.get(epc)
        self._last_seen[epc] = now
        if len(self._last_seen) > 10_000:  # forget tags long gone, so memory stays bounded
            self._last_seen = {k: t for k, t in self._last_seen.items() if now - t <= self.window_s}
        return last is None or now - last > self.window_s


def normalise_epc_line(line: str) -> str | None:
    """The EPC hex on a reader's output line (spaces removed, upper case), or None."""
    compact = "".join(line.split())
    return compact.upper() if _EPC_HEX.fullmatch(compact) else None


class SerialRfidReader:
    """Reader thread delivering each newly seen tag as a `Scan` whose text is the EPC hex."""

    def __init__(
        self,
        config: DeviceConfig,
        on_scan: Callable[[Scan], None],
        on_status: StatusCallback,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._on_scan = on_scan
        self._on_status = on_status
        self._clock = clock
        self._dedupe = TagDeduplicator(config.dedupe_window_s)
        self._lock = threading.Lock()
        self._reader = SerialLineReader(config, self._line, on_status, backoff=backoff)

    def start(self) -> None:
        self._reader.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._reader.stop(timeout)

    def _line(self, line: str) -> None:
        epc = normalise_epc_line(line)
        if epc is None:
            self._on_status(
                self.config.name,
                "warning",
                msg("{device}: ignored a line that is not an EPC in hex: '{line}'.", device=self.config.name, line=line[:40]),
            )
            return
        with self._lock:
            fresh = self._dedupe.is_new(epc, self._clock())
        if fresh:
            self._on_scan(Scan(epc, self.config.name))
