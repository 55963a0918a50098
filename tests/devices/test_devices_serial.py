"""Serial scanners and RFID readers driven through real pseudo-terminals (no pyserial mocks)."""

from __future__ import annotations

import os
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from tracedesk.core.codes import parse_scan
from tracedesk.devices.config import DeviceConfig
from tracedesk.devices.rfid import SerialRfidReader
from tracedesk.devices.scan import Scan
from tracedesk.devices.scanner import SerialScanner

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs POSIX pseudo-terminals")
GTIN = "09520123456788"
FAST_BACKOFF = (0.02, 0.05, 0.1)
WAIT_S = 10.0  # generous: only reached when something is broken


class Pty:
    """A pseudo-terminal: the reader opens the slave by path, the test writes as the scanner."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no line editing: bytes pass as a serial line would
        self.path = os.ttyname(self.slave)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.master, view) :]

    def unplug(self) -> None:
        os.close(self.master)
        os.close(self.slave)


class Recorder:
    """Collects scans and status reports from the reader thread; waits for them."""

    def __init__(self) -> None:
        self.scans: list[Scan] = []
        self.statuses: list[tuple[str, str, str]] = []
        self._changed = threading.Condition()

    def on_scan(self, scan: Scan) -> None:
        with self._changed:
            self.scans.append(scan)
            self._changed.notify_all()

    def on_status(self, name: str, state: str, message: str) -> None:
        with self._changed:
            self.statuses.append((name, state, message))
            self._changed.notify_all()

    def texts(self) -> list[str]:
        with self._changed:
            return [scan.text for scan in self.scans]

    def wait_for_scans(self, count: int) -> list[str]:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.scans) >= count, WAIT_S), f"{len(self.scans)} of {count} scans arrived"
        return self.texts()

    def wait_for_state(self, state: str, times: int = 1) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: sum(s == state for _, s, _ in self.statuses) >= times, WAIT_S), self.statuses


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def pty() -> Iterator[Pty]:
    device = Pty()
    yield device
    for fd in (device.master, device.slave):
        try:
            os.close(fd)
        except OSError:
            pass


def _start_scanner(recorder: Recorder, port: str, **settings: object) -> SerialScanner:
    scanner = SerialScanner(
        DeviceConfig("bench-scanner", port=port, **settings),  # type: ignore[arg-type]
        recorder.on_scan,
        recorder.on_status,
        backoff=FAST_BACKOFF,
    )
    scanner.start()
    recorder.wait_for_state("connected")
    return scanner


def test_thousand_codes_with_an_unplug_in_the_middle_arrive_exactly_once(tmp_path: Path, recorder: Recorder) -> None:
    codes = [f"]C101{GTIN}10L{i:04d}\x1d21S{i}" for i in range(1000)]
    first = Pty()
    link = tmp_path / "scanner-port"
    link.symlink_to(first.path)
    scanner = _start_scanner(recorder, str(link), suffix="CR")
    try:
        first.write(b"".join(code.encode() + b"\r" for code in codes[:500]))
        recorder.wait_for_scans(500)
        first.unplug()
        recorder.wait_for_state("disconnected")
        second = Pty()  # replugged: a new device node; the stable name now points at it
        staged = tmp_path / "scanner-port.new"
        staged.symlink_to(second.path)
        os.replace(staged, link)
        recorder.wait_for_state("connected", times=2)
        second.write(b"".join(code.encode() + b"\r" for code in codes[500:]))
        recorder.wait_for_scans(1000)
        time.sleep(0.1)  # a duplicate, if any, would arrive now
        assert recorder.texts() == codes
        assert all(scan.source == "bench-scanner" and scan.received_at.tzinfo for scan in recorder.scans)
        second.unplug()
    finally:
        scanner.stop()


@pytest.mark.parametrize(("suffix", "terminator"), [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n")])
def test_each_suffix_mode_frames_codes(pty: Pty, recorder: Recorder, suffix: str, terminator: bytes) -> None:
    scanner = _start_scanner(recorder, pty.path, suffix=suffix)
    try:
        pty.write(b"TD:A1" + terminator + b"TD:A" + b"2" + terminator)
        assert recorder.wait_for_scans(2) == ["TD:A1", "TD:A2"]
    finally:
        scanner.stop()


def test_scanner_sending_crlf_while_set_to_cr_still_gives_clean_codes(pty: Pty, recorder: Recorder) -> None:
    scanner = _start_scanner(recorder, pty.path, suffix="CR")
    try:
        pty.write(b"TD:A1\r\nTD:A2\r\n")
        assert recorder.wait_for_scans(2) == ["TD:A1", "TD:A2"]
    finally:
        scanner.stop()


def test_without_suffix_a_pause_ends_a_code(pty: Pty, recorder: Recorder) -> None:
    scanner = _start_scanner(recorder, pty.path, suffix="NONE", char_timeout_ms=150)
    try:
        pty.write(b"TD:")
        time.sleep(0.01)  # well within the inter-character timeout: same code
        pty.write(b"A1")
        assert recorder.wait_for_scans(1) == ["TD:A1"]
        pty.write(b"TD:B2")
        assert recorder.wait_for_scans(2) == ["TD:A1", "TD:B2"]
    finally:
        scanner.stop()


@pytest.mark.parametrize("substitute", ["^]", "|"])
def test_gs_substitute_is_turned_back_into_gs(pty: Pty, recorder: Recorder, substitute: str) -> None:
    scanner = _start_scanner(recorder, pty.path, gs_substitute=substitute)
    try:
        pty.write(f"]C101{GTIN}10ABC{substitute}21S9\r".encode())
        [text] = recorder.wait_for_scans(1)
        assert text == f"]C101{GTIN}10ABC\x1d21S9"
        assert parse_scan(text).serial == "S9"
    finally:
        scanner.stop()


def test_missing_aim_identifier_is_reported_when_one_is_expected(pty: Pty, recorder: Recorder) -> None:
    scanner = _start_scanner(recorder, pty.path, aim_prefix=True)
    try:
        pty.write(b"TD:A1\r]C0TD:A2\r")
        assert recorder.wait_for_scans(2) == ["TD:A1", "]C0TD:A2"]
        recorder.wait_for_state("warning")
    finally:
        scanner.stop()


def test_absent_port_is_reported_and_retried_until_stopped(tmp_path: Path, recorder: Recorder) -> None:
    scanner = SerialScanner(
        DeviceConfig("ghost", port=str(tmp_path / "no-such-port")), recorder.on_scan, recorder.on_status, backoff=FAST_BACKOFF
    )
    scanner.start()
    recorder.wait_for_state("connecting")
    scanner.stop()
    recorder.wait_for_state("stopped")
    assert recorder.scans == []


def test_rfid_reader_reports_a_tag_once_per_dedupe_window(pty: Pty, recorder: Recorder) -> None:
    reader = SerialRfidReader(
        DeviceConfig("dock-door", kind="rfid", port=pty.path, suffix="LF", dedupe_window_s=0.3),
        recorder.on_scan,
        recorder.on_status,
        backoff=FAST_BACKOFF,
    )
    reader.start()
    recorder.wait_for_state("connected")
    try:
        tag_a, tag_b = "3074257BF7194E4000001A85", "3034257BF7194E4000001A85"
        pty.write(((tag_a + "\n") * 5 + tag_b.lower() + "\n" + "NOISE\n").encode())
        assert recorder.wait_for_scans(2) == [tag_a, tag_b]
        time.sleep(0.6)  # the tag left the field longer than the window
        pty.write(tag_a.encode() + b"\n")
        assert recorder.wait_for_scans(3) == [tag_a, tag_b, tag_a]
        assert parse_scan(recorder.texts()[0], epc=True).gtin == "80614141123458"
        recorder.wait_for_state("warning")  # the NOISE line
    finally:
        reader.stop()
