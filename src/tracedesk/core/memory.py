"""Pausing the cycle collector while many long-lived objects that form no cycles are made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector as it was afterwards.

    An import, or the trace of a silo lot, makes hundreds of thousands of rows, tuples and
    payloads that live until it ends and form no reference cycles. Every few hundred new
    ones would start a collection walking them all again: about a fifth of the work, growing
    with the size. Cyclic garbage made meanwhile is collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
