"""Tells a keyboard-wedge scanner from a person by keystroke timing (pure logic, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTER_KEYS = frozenset({"Enter", "Return", "\r", "\n"})


@dataclass
class WedgeDetector:
    """A HID scanner types a whole code in a burst and ends with Enter; people are slower.

    Feed every key press with its time in milliseconds. Single characters build the burst;
    a pause longer than `max_gap_ms` starts a new one; Enter closes it. `feed` returns the
    code when the burst was fast enough and at least `min_length` long, else None (the keys
    were a person typing and belong to the focused widget). Other keys (Shift ...) are ignored:
    scanners press Shift for capitals within the burst.
    """

    max_gap_ms: float = 50.0
    min_length: int = 5
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
        if gap is None or gap > self.max_gap_ms:
            self._buffer.clear()
        self._buffer.append(key)
        self._last_ms = timestamp_ms
        return None

    @property
    def is_in_burst(self) -> bool:
        """True while the recent keys arrive at scanner speed (the UI may hold them back)."""
        return len(self._buffer) >= 2

    def reset(self) -> None:
        self._buffer.clear()
        self._last_ms = None
