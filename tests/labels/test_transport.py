"""ZPL reaches a printer over TCP port 9100 or a serial line; an absent printer is named plainly."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from tracedesk.labels import PrinterUnavailable, send_zpl_serial, send_zpl_tcp

JOB = "^XA^CI28^PW406^LL203^FO20,20^A0N,30,30^FDTD:RCV-A-000123^FS^PQ1^XZ\n"


def test_a_job_sent_over_tcp_arrives_whole() -> None:
    received = bytearray()
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]

        def printer() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(4096):
                    received.extend(chunk)

        thread = threading.Thread(target=printer)
        thread.start()
        send_zpl_tcp("127.0.0.1", port, JOB, timeout=5)
        thread.join(timeout=5)
    assert received.decode("utf-8") == JOB


def test_a_refused_connection_names_the_printer_and_address() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nobody listens there
    with pytest.raises(PrinterUnavailable, match=rf"Zebra ZD421 at 127\.0\.0\.1:{port} refused the connection"):
        send_zpl_tcp("127.0.0.1", port, JOB, timeout=2, printer="Zebra ZD421")


def test_a_printer_that_never_answers_times_out_with_a_clear_sentence() -> None:
    # A listener whose accept queue is full drops further SYNs: the connect hangs like a dead printer.
    server = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = server.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        with pytest.raises(PrinterUnavailable, match=rf"at 127\.0\.0\.1:{port} did not answer within 0\.5 seconds"):
            send_zpl_tcp("127.0.0.1", port, JOB, timeout=0.5)
    finally:
        for filler in fillers:
            filler.close()
        server.close()


def test_a_job_written_to_a_serial_port_arrives_whole() -> None:
    controller, device = os.openpty()
    try:
        send_zpl_serial(os.ttyname(device), JOB, baud=9600, timeout=2)
        received = bytearray()
        while len(received) < len(JOB):
            received.extend(os.read(controller, 4096))
    finally:
        os.close(controller)
        os.close(device)
    assert received.decode("utf-8") == JOB


def test_a_missing_serial_port_is_named(tmp_path) -> None:
    missing = str(tmp_path / "ttyUSB9")
    with pytest.raises(PrinterUnavailable, match="label printer on .*ttyUSB9 cannot be opened"):
        send_zpl_serial(missing, JOB)
