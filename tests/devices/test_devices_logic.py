"""Device logic without hardware: framing, wedge timing, RFID dedupe, settings and port lookup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.devices.config import (
    DeviceConfig,
    add_device,
    find_device,
    load_devices,
    parse_usb_id,
    remove_device,
    save_devices,
)
from tracedesk.devices.framing import Framer
from tracedesk.devices.ports import PortInfo, resolve_port
from tracedesk.devices.rfid import TagDeduplicator, normalise_epc_line
from tracedesk.devices.wedge import WedgeDetector


def _type(detector: WedgeDetector, keys: list[str], start_ms: float, gap_ms: float) -> list[str | None]:
    return [detector.feed(key, start_ms + i * gap_ms) for i, key in enumerate(keys)]


def test_wedge_burst_ending_in_enter_is_a_scan() -> None:
    detector = WedgeDetector(max_gap_ms=50, min_length=5)
    results = _type(detector, [*"TD:A2611-0042", "Enter"], 1000, 8)
    assert results[-1] == "TD:A2611-0042" and results[:-1] == [None] * 13


def test_wedge_person_typing_is_not_a_scan() -> None:
    detector = WedgeDetector(max_gap_ms=50, min_length=5)
    assert _type(detector, [*"hello", "Enter"], 0, 180)[-1] is None


def test_wedge_short_burst_is_not_a_scan() -> None:
    assert _type(WedgeDetector(min_length=5), [*"abc", "Enter"], 0, 5)[-1] is None


def test_wedge_slow_start_then_burst_keeps_only_the_burst() -> None:
    detector = WedgeDetector(max_gap_ms=50, min_length=5)
    detector.feed("x", 0)  # a stray key long before the scan
    assert _type(detector, [*"ABCDEF", "\r"], 1000, 10)[-1] == "ABCDEF"


def test_wedge_ignores_modifier_keys_inside_a_burst() -> None:
    detector = WedgeDetector(min_length=5)
    keys = ["Shift", "A", "Shift", "B", "C", "D", "E", "Enter"]
    assert _type(detector, keys, 0, 5)[-1] == "ABCDE"


def test_wedge_enter_after_a_pause_is_a_person_pressing_enter() -> None:
    detector = WedgeDetector(max_gap_ms=50)
    _type(detector, [*"ABCDEF"], 0, 5)
    assert detector.feed("Enter", 500) is None


def test_wedge_fast_typing_of_digits_is_not_a_scan() -> None:
    # 60 ms between keys is a quick person at a number field, not a scanner.
    assert _type(WedgeDetector(), [*"99999", "Enter"], 0, 60)[-1] is None


def test_wedge_by_default_wants_six_characters_at_scanner_speed() -> None:
    assert _type(WedgeDetector(), [*"12345", "Enter"], 0, 5)[-1] is None
    assert _type(WedgeDetector(), [*"123456", "Enter"], 0, 5)[-1] == "123456"
    assert _type(WedgeDetector(), [*"123456", "Enter"], 0, 40)[-1] is None


def test_wedge_control_character_ends_the_burst_and_is_never_part_of_a_code() -> None:
    detector = WedgeDetector(min_length=5)
    assert _type(detector, ["\x01", *"99999", "Enter"], 0, 5)[-1] == "99999"
    assert _type(detector, [*"999", "\x01", *"99", "Enter"], 0, 5)[-1] is None


def test_framer_returns_each_frame_once_across_chunks() -> None:
    framer = Framer("CRLF")
    assert framer.feed(b"AB", 0.0) == []
    assert framer.feed(b"C\r", 0.01) == []
    assert framer.feed(b"\nDE\r\n\r\n", 0.02) == [b"ABC", b"DE"]
    assert framer.feed(b"", 5.0) == []


def test_framer_without_suffix_splits_on_a_pause_only() -> None:
    framer = Framer("NONE", char_timeout_s=0.05)
    assert framer.feed(b"TD:", 0.0) == []
    assert framer.feed(b"A1", 0.03) == []
    assert framer.feed(b"", 0.07) == []
    assert framer.feed(b"", 0.09) == [b"TD:A1"]


def test_framer_refuses_an_unknown_suffix() -> None:
    with pytest.raises(InvalidInput, match="suffix"):
        Framer("TAB")


def test_rfid_dedupe_window_restarts_with_every_read() -> None:
    dedupe = TagDeduplicator(window_s=1.0)
    reads = [("A", 0.0), ("A", 0.5), ("B", 0.6), ("A", 1.4), ("A", 3.0)]
    assert [dedupe.is_new(tag, t) for tag, t in reads] == [True, False, True, False, True]


@pytest.mark.parametrize(
    ("line", "epc"),
    [
        ("3074257bf7194e4000001a85", "3074257BF7194E4000001A85"),
        ("3074 257B F719 4E40 0000 1A85", "3074257BF7194E4000001A85"),
        ("READER OK", None),
        ("3074257B", None),
    ],
)
def test_rfid_lines_are_normalised_to_upper_case_hex(line: str, epc: str | None) -> None:
    assert normalise_epc_line(line) == epc


def test_device_settings_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "config" / "devices.json"
    scanner = DeviceConfig("receiving", port="/dev/ttyACM0", suffix="crlf", gs_substitute="^]", aim_prefix=True)
    rfid = DeviceConfig("dock", kind="rfid", vid=0x0C2E, pid=0x0B61, baud=115200, suffix="LF", dedupe_window_s=5)
    add_device(path, scanner)
    add_device(path, rfid)
    assert load_devices(path) == [scanner, rfid]
    assert find_device(path, "dock").usb_id == "0C2E:0B61"
    remove_device(path, "receiving")
    assert load_devices(path) == [rfid]


def test_missing_settings_file_means_no_devices(tmp_path: Path) -> None:
    assert load_devices(tmp_path / "devices.json") == []


def test_duplicate_and_unknown_device_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    add_device(path, DeviceConfig("a", port="loop://"))
    with pytest.raises(InvalidInput, match="already exists"):
        add_device(path, DeviceConfig("a", port="loop://"))
    with pytest.raises(NotFound, match="'b'"):
        remove_device(path, "b")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"devices": {}}', "must hold"),
        ('{"devices": [{"name": "a", "port": "x", "colour": "red"}]}', "unknown setting"),
        ('{"devices": [{"name": "a"}]}', "give a port"),
        ('{"devices": [{"name": "a", "port": "x", "suffix": "TAB"}]}', "suffix must be one of"),
        ('{"devices": [{"name": "a", "port": "x", "kind": "printer"}]}', "kind must be one of"),
        ('{"devices": [{"name": "a", "port": "x"}, {"name": "a", "port": "y"}]}', "more than once"),
    ],
)
def test_bad_settings_file_gives_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "devices.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        load_devices(path)


def test_saved_file_is_plain_json_a_person_can_edit(tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    save_devices(path, [DeviceConfig("a", port="COM3")])
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["devices"][0]["port"] == "COM3"


def test_usb_id_text_is_parsed_or_refused() -> None:
    assert parse_usb_id("0c2e:0B61") == (0x0C2E, 0x0B61)
    with pytest.raises(InvalidInput, match="VID:PID"):
        parse_usb_id("0C2E")


def test_port_is_found_by_usb_ids_and_serial_number() -> None:
    ports = [
        PortInfo("/dev/ttyACM0", "Other", 0x1234, 0x0001, None),
        PortInfo("/dev/ttyACM1", "Scanner", 0x0C2E, 0x0B61, "X9"),
        PortInfo("/dev/ttyACM2", "Scanner", 0x0C2E, 0x0B61, "Y7"),
    ]
    config = DeviceConfig("s", vid=0x0C2E, pid=0x0B61, serial_number="Y7")
    assert resolve_port(config, ports) == "/dev/ttyACM2"
    with pytest.raises(NotFound, match="0C2E:0B61"):
        resolve_port(config, ports[:2])
