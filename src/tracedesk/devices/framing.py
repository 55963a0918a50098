"""Cuts a serial byte stream into scans: on a suffix (CR, LF, CRLF) or, without one, on a pause."""

from __future__ import annotations

from tracedesk.core.errors import InvalidInput

SUFFIXES: dict[str, bytes] = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "NONE": b""}


class Framer:
    """Collects bytes; returns each complete frame exactly once, without its suffix.

    Stray CR/LF at a frame's edges are dropped, so a scanner sending CRLF while configured for
    CR (or the reverse) still yields clean codes, and empty frames are never reported.
    """

    def __init__(self, suffix: str, char_timeout_s: float = 0.05) -> None:
        if suffix.upper() not in SUFFIXES:
            raise InvalidInput("Unknown suffix '{suffix}'; use one of {suffixes}.", suffix=suffix, suffixes=SUFFIXES)
        self._terminator = SUFFIXES[suffix.upper()]
        self._char_timeout_s = char_timeout_s
        self._buffer = bytearray()
        self._last_byte_at: float | None = None

    def feed(self, data: bytes, now: float) -> list[bytes]:
        """Add received bytes (possibly none) at monotonic time `now`; return completed frames."""
        frames: list[bytes] = []
        if data:
            self._buffer += data
            self._last_byte_at = now
        if self._terminator:
            while (end := self._buffer.find(self._terminator)) != -1:
                frames.append(bytes(self._buffer[:end]))
                del self._buffer[: end + len(self._terminator)]
        elif self._buffer and self._last_byte_at is not None and now - self._last_byte_at >= self._char_timeout_s:
            frames.append(bytes(self._buffer))
            self._buffer.clear()
        return [clean for frame in frames if (clean := frame.strip(b"\r\n"))]

    def take_pending(self) -> bytes:
        """What is left in the buffer (on disconnect), emptied."""
        pending = bytes(self._buffer)
        self._buffer.clear()
        return pending.strip(b"\r\n")

    @property
    def has_suffix(self) -> bool:
        return bool(self._terminator)


def decode_frame(frame: bytes) -> str:
    """Scanners send ASCII, some UTF-8; anything else is read as Latin-1 rather than lost."""
    try:
        return frame.decode("utf-8")
    except UnicodeDecodeError:
        return frame.decode("latin-1")
