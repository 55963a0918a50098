"""Emitting a Qt signal from Python, safely on every PySide6 and Python version.

PySide6 6.12.0 hands `Signal.emit()`'s return value (True) back without a reference of its
own; on Python 3.11, where True is not immortal, every emit then costs True a reference until
the interpreter aborts ("bool_dealloc"). The probe below measures this once and, only where
it happens, gives the reference back after each emit.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    probed = Signal()


def _emit_steals_true() -> bool:
    if sys.version_info >= (3, 12):
        return False  # True is immortal: nothing can go wrong
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.probed.emit()
    return sys.getrefcount(True) < before - 4


_STEALS_TRUE = _emit_steals_true()
if _STEALS_TRUE:  # give back what the probe took
    for _ in range(8):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, compensating the PySide6 6.12 reference leak where it exists."""
    result = signal.emit(*args)
    if _STEALS_TRUE and result is True:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
