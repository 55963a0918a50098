"""Tells a keyboard-wedge scanner from a person by keystroke timing (pure logic, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTER_KEYS = frozenset({"Enter", "Return", "\r", "\n"})
# A fast typist reaches 80-120 ms between keys and bursts of ~50 ms; a HID scanner sends a key
# every 1-20 ms. 30 ms and six characters leave a margin on both sides (settings may change them).
DEFAULT_MAX_GAP_MS = 30.0
DEFAULT_MIN_LENGTH = 6


@dataclass
class WedgeDetector:
    """A HID scanner types a whole code in a burst and ends with Enter; people are slower.

    Feed every key press with its time in milliseconds. Printable characters build the burst;
    a pause longer than `max_gap_ms` starts a new one; Enter closes it. `feed` returns the
    code when every gap of the burst was short enough and it is at least `min_length` long,
    else None (the keys were a person typing and belong to the focused widget). Named keys
    (Shift ...) are ignored: scanners press Shift for capitals within the burst. A control
    character (Ctrl+A gives "\\x01") is never part of a code: it ends the burst.
    """

    max_gap_ms: float = DEFAULT_MAX_GAP_MS
    min_length: int = DEFAULT_MIN_LENGTH
    _buffer: list[str] = field(default_factory=list, repr=False)
    _last_ms: float | None = field(default=None, repr=False)

    def feed(self, key: str, timestamp_ms: float) -> str | None:
        gap = None if self._last_ms is None else timestamp_ms - self._last_ms
        if key in ENTER_KEYS:
            code = "".join(self._buffer)
            is_scan = len(code) >= self.min_length and gap is not None and gap <= self.max_gap_ms
            self.reset()
            return code if is_scan else None
        if len(key) != 1:
            return None
        if not key.isprintable():
            self.reset()
            return None
        if gap is None or gap > self.max_gap_ms:
            self._buffer.clear()
        self._buffer.append(key)
        self._last_ms = timestamp_ms
        return None

    def starts_burst(self, timestamp_ms: float) -> bool:
        """Whether a character arriving now would begin a new burst (nothing pending, or a pause)."""
        return self._last_ms is None or not self._buffer or timestamp_ms - self._last_ms > self.max_gap_ms

    @property
    def is_in_burst(self) -> bool:
        """True while the recent keys arrive at scanner speed (the UI may hold them back)."""
        return len(self._buffer) >= 2

    def reset(self) -> None:
        self._buffer.clear()
        self._last_ms = None
