"""Scanners and RFID readers: serial reader threads, framing, the keyboard-wedge detector, device settings.

Nothing here knows Qt: every source hands the same `Scan` to a plain callback, and the GUI
wraps that callback in a bridge that re-emits on its own thread.
"""
