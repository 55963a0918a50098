"""Time-ordered unique identifiers (UUID version 7, RFC 9562)."""

from __future__ import annotations

import os
import time
import uuid


def uuid7(unix_ms: int | None = None) -> uuid.UUID:
    """A UUIDv7: 48 bits of Unix milliseconds, then random bits; sorts by creation time."""
    ms = time.time_ns() // 1_000_000 if unix_ms is None else unix_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 64) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def uuid7_texts(count: int, unix_ms: int | None = None) -> list[str]:
    """`count` UUIDv7s as text, without a UUID object or a random read each: an import mints
    one per event. They share the millisecond; their random bits are independent as ever."""
    ms = (time.time_ns() // 1_000_000 if unix_ms is None else unix_ms) & ((1 << 48) - 1)
    head = ms << 80 | 0x7 << 76 | 0b10 << 62
    randomness = os.urandom(10 * count)
    texts = []
    for start in range(0, 10 * count, 10):
        rand = int.from_bytes(randomness[start : start + 10], "big")
        digits = f"{head | ((rand >> 64) & 0xFFF) << 64 | rand & ((1 << 62) - 1):032x}"
        texts.append(f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}")
    return texts
