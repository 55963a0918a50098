"""`tracedesk devices`: serial ports present, devices configured, add/remove, and a live test."""

from __future__ import annotations

import argparse
import threading
from decimal import Decimal
from pathlib import Path

from tracedesk.commands._context import CommandContext, decimal_number, print_json, whole_number
from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg, text_of
from tracedesk.core.words import word
from tracedesk.devices.config import (
    KINDS,
    DeviceConfig,
    add_device,
    find_device,
    load_devices,
    parse_usb_id,
    remove_device,
)
from tracedesk.devices.framing import SUFFIXES
from tracedesk.devices.ports import list_serial_ports
from tracedesk.devices.rfid import SerialRfidReader
from tracedesk.devices.scan import Scan
from tracedesk.devices.scanner import SerialScanner
from tracedesk.services.permissions import Action


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("devices", help=str(msg("list serial ports and configure scanners and RFID readers")))
    parser.add_argument("--json", action="store_true", help=str(msg("machine-readable output")))
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(dest="devices_action", metavar="ACTION")

    add = actions.add_parser("add", help=str(msg("configure a device on this station")))
    add.add_argument("name")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", help=str(msg("port path or pyserial URL (/dev/ttyACM0, COM3, loop://)")))
    where.add_argument("--usb", metavar="VID:PID", help=str(msg("find the port by USB ids, e.g. 0C2E:0B61")))
    add.add_argument("--serial-number", help=str(msg("with --usb: tell identical devices apart")))
    add.add_argument("--kind", choices=KINDS, default="scanner")
    add.add_argument("--baud", type=whole_number("--baud", 0, 4_000_000), default=9600)
    add.add_argument("--suffix", type=str.upper, choices=list(SUFFIXES), default="CR")
    add.add_argument("--gs-substitute", metavar="TEXT", help=str(msg("what the scanner sends for GS, e.g. '^]'")))
    add.add_argument("--aim", action="store_true", help=str(msg("the scanner sends AIM identifiers (]C1 ...)")))
    add.add_argument(
        "--dedupe-window",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help=str(msg("RFID: repeated reads of one tag within this time count once")),
    )
    add.add_argument(
        "--char-timeout",
        type=whole_number("--char-timeout", 1, 10_000),
        default=50,
        metavar="MS",
        help=str(msg("with --suffix NONE: the pause that ends a code")),
    )
    add.set_defaults(handler=run_add)

    remove = actions.add_parser("remove", help=str(msg("forget a configured device")))
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)

    test = actions.add_parser("test", help=str(msg("listen to a device and show what it scans")))
    test.add_argument("name")
    test.add_argument("--seconds", type=decimal_number("--seconds", allow_zero=False), default=Decimal(15))
    test.add_argument("--json", action="store_true", help=str(msg("one JSON object per scan")))
    test.set_defaults(handler=run_test)


def _config_file(ctx: CommandContext) -> Path:
    return ctx.paths.config_dir / "devices.json"


def run_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    ports = list_serial_ports()
    devices = load_devices(_config_file(ctx))
    if args.json:
        print_json(
            {
                "ports": [
                    {"port": p.device, "description": p.description, "usb_id": p.usb_id, "serial_number": p.serial_number}
                    for p in ports
                ],
                "devices": [d.to_dict() for d in devices],
            }
        )
        return 0
    print(msg("Serial ports:") if ports else msg("Serial ports: none found."))
    for port in ports:
        usb = f"  USB {port.usb_id}" if port.usb_id else ""
        serial_number = f"  S/N {port.serial_number}" if port.serial_number else ""
        print(f"  {port.device}  {port.description}{usb}{serial_number}")
    print(msg("Configured devices:") if devices else msg("Configured devices: none (add one with `tracedesk devices add`)."))
    for device in devices:
        print(
            msg(
                "  {name}  {kind}  {where}  {baud} baud  suffix {suffix}",
                name=device.name,
                kind=word(device.kind),
                where=device.port or f"USB {device.usb_id}",
                baud=device.baud,
                suffix=device.suffix,
            )
        )
    return 0


def run_add(args: argparse.Namespace, ctx: CommandContext) -> int:
    vid, pid = parse_usb_id(args.usb) if args.usb else (None, None)
    device = DeviceConfig(
        name=args.name,
        kind=args.kind,
        port=args.port,
        vid=vid,
        pid=pid,
        serial_number=args.serial_number,
        baud=args.baud,
        suffix=args.suffix,
        gs_substitute=args.gs_substitute,
        aim_prefix=args.aim,
        dedupe_window_s=args.dedupe_window,
        char_timeout_ms=args.char_timeout,
    )
    ctx.authorised("Configuring a device", Action.CONFIGURE_STATION)
    add_device(_config_file(ctx), device)
    print(msg("Device '{name}' added.", name=device.name))
    return 0


def run_remove(args: argparse.Namespace, ctx: CommandContext) -> int:
    ctx.authorised("Configuring a device", Action.CONFIGURE_STATION)
    remove_device(_config_file(ctx), args.name)
    print(msg("Device '{name}' removed.", name=args.name))
    return 0


_STATES = {
    "connecting": msg("connecting"),
    "connected": msg("connected"),
    "disconnected": msg("disconnected"),
    "warning": msg("warning"),
    "stopped": msg("stopped"),
}


def run_test(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Listen for `--seconds`, printing each scan parsed (or why it does not parse)."""
    if args.seconds <= 0:
        raise InvalidInput("--seconds must be more than zero.")
    device = find_device(_config_file(ctx), args.name)
    lock = threading.Lock()  # reader thread and status callbacks print concurrently

    def on_scan(scan: Scan) -> None:
        try:
            result = parse_scan(scan.text, epc=device.kind == "rfid").to_json()
        except InvalidInput as error:
            result = {"input": scan.text, "error": str(error)}
        with lock:
            if args.json:
                print_json(result)
            else:
                print(f"{scan.received_at:%H:%M:%S}  {result}", flush=True)

    def on_status(name: str, state: str, message: Message) -> None:
        if not args.json:
            with lock:
                print(f"[{text_of(_STATES.get(state, state))}] {message}", flush=True)

    reader_type = SerialRfidReader if device.kind == "rfid" else SerialScanner
    reader = reader_type(device, on_scan, on_status)
    if not args.json:
        print(msg("Listening to {device} for {seconds} s; scan something.", device=device.name, seconds=args.seconds), flush=True)
    reader.start()
    try:
        threading.Event().wait(float(args.seconds))
    finally:
        reader.stop()
    return 0
