"""A serial device on its own thread: open, read, frame, and reconnect with back-off after unplug."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

import serial

from tracedesk.core.messages import Message, msg
from tracedesk.devices.config import DeviceConfig
from tracedesk.devices.framing import Framer, decode_frame
from tracedesk.devices.ports import resolve_port

StatusCallback = Callable[[str, str, Message], None]  # device name, state, the sentence to show
FrameCallback = Callable[[str], None]
# Seconds to wait before each reconnection attempt; the last value repeats.
DEFAULT_BACKOFF = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0)
_READ_TIMEOUT_S = 0.02  # bounds how long stop() waits for the thread

log = logging.getLogger(__name__)


class SerialLineReader:
    """Delivers each framed text of one serial port, exactly once, to `on_frame`.

    The port is given by path or pyserial URL (`/dev/ttyUSB0`, `COM3`, `loop://`) or found by
    USB VID/PID on every (re)connection, so a scanner replugged on another port is found again.
    States reported to `on_status`: connecting, connected, disconnected, warning, stopped.
    """

    def __init__(
        self,
        config: DeviceConfig,
        on_frame: FrameCallback,
        on_status: StatusCallback,
        *,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
    ) -> None:
        self.config = config
        self._on_frame = on_frame
        self._on_status = on_status
        self._backoff = tuple(backoff) or DEFAULT_BACKOFF
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"tracedesk-device-{self.config.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the thread to end and wait for it (it checks at least every few tens of ms)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _status(self, state: str, message: Message) -> None:
        try:
            self._on_status(self.config.name, state, message)
        except Exception:  # noqa: BLE001 - a failing listener must not kill the reader
            pass

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            port = self._open(attempt)
            if port is None:
                self._stop.wait(self._backoff[min(attempt, len(self._backoff) - 1)])
                attempt += 1
                continue
            attempt = 0
            self._status("connected", msg("{device} is connected on {port}.", device=self.config.name, port=port.port))
            try:
                self._pump(port)
            except (serial.SerialException, OSError) as error:
                log.info("%s lost its port: %s", self.config.name, error)
                self._status(
                    "disconnected",
                    msg(
                        "{device} was unplugged or switched off; TraceDesk reconnects as soon as it is back.",
                        device=self.config.name,
                    ),
                )
            finally:
                try:
                    port.close()
                except (serial.SerialException, OSError):
                    pass
        self._status("stopped", msg("{device} stopped.", device=self.config.name))

    def _open(self, attempt: int) -> serial.SerialBase | None:
        try:
            path = resolve_port(self.config)
            return serial.serial_for_url(path, baudrate=self.config.baud, timeout=_READ_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001 - any failure to open means "try again later"
            if attempt == 0:
                # The raw error goes to the log; people get what to check.
                log.info("%s cannot open its port yet: %s", self.config.name, error)
                self._status(
                    "connecting",
                    msg(
                        "Waiting for {device} ({port}): check that it is plugged in and switched on.",
                        device=self.config.name,
                        port=self.config.port or f"USB {self.config.vid:04X}:{self.config.pid:04X}",
                    ),
                )
            return None

    def _pump(self, port: serial.SerialBase) -> None:
        framer = Framer(self.config.suffix, self.config.char_timeout_ms / 1000)
        try:
            while not self._stop.is_set():
                # Every pyserial port class (posix, Windows, socket://, loop://) has in_waiting;
                # the stubs declare it on each of them but not on their base SerialBase.
                data = port.read(max(1, port.in_waiting))  # type: ignore[attr-defined]
                for frame in framer.feed(data, time.monotonic()):
                    self._deliver(frame)
        except (serial.SerialException, OSError):
            pending = framer.take_pending()
            if pending and not framer.has_suffix:
                self._deliver(pending)  # without a suffix the pause, not the unplug, ends a code
            elif pending:
                self._status("warning", msg("{device}: an incomplete scan was discarded at unplug.", device=self.config.name))
            raise
        pending = framer.take_pending()
        if pending and not framer.has_suffix:
            self._deliver(pending)

    def _deliver(self, frame: bytes) -> None:
        try:
            self._on_frame(decode_frame(frame))
        except Exception as error:  # noqa: BLE001 - keep reading; the listener's fault is reported
            self._status(
                "warning", msg("{device}: the scan could not be handled ({error}).", device=self.config.name, error=error)
            )
