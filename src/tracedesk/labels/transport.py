"""Send ZPL to a label printer: raw TCP (port 9100) or a serial port, with errors a user can act on."""

from __future__ import annotations

import socket

import serial

from tracedesk.core.errors import TraceDeskError
from tracedesk.core.messages import Message, msg

RAW_PRINT_PORT = 9100
LABEL_PRINTER = msg("label printer")


class PrinterUnavailable(TraceDeskError):
    """The label printer could not be reached or did not take the job."""


def send_zpl_tcp(
    host: str, port: int = RAW_PRINT_PORT, data: str = "", timeout: float = 5.0, printer: Message | str = LABEL_PRINTER
) -> None:
    """Send a ZPL job over a raw TCP connection and close it (Zebra 'port 9100' printing)."""
    where = msg("The {printer} at {address}", printer=printer, address=f"{host}:{port}")
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.settimeout(timeout)
            connection.sendall(data.encode("utf-8"))
            # Half-close so the printer sees the end of the job before we go away.
            connection.shutdown(socket.SHUT_WR)
    except ConnectionRefusedError:
        raise PrinterUnavailable(
            "{where} refused the connection; check the printer's address and that raw printing on port {port} is enabled.",
            where=where,
            port=port,
        ) from None
    except TimeoutError:
        raise PrinterUnavailable(
            "{where} did not answer within {timeout} seconds; check that it is switched on and connected to the network.",
            where=where,
            timeout=timeout,
        ) from None
    except OSError as exc:
        raise PrinterUnavailable("{where} cannot be reached: {error}.", where=where, error=exc) from None


def send_zpl_serial(
    port_url: str, data: str, baud: int = 9600, timeout: float = 5.0, printer: Message | str = LABEL_PRINTER
) -> None:
    """Write a ZPL job to a serial port (a device path or a pyserial URL such as rfc2217://...)."""
    where = msg("The {printer} on {port}", printer=printer, port=port_url)
    try:
        with serial.serial_for_url(port_url, baudrate=baud, timeout=timeout, write_timeout=timeout) as port:
            port.write(data.encode("utf-8"))
            port.flush()
    except serial.SerialTimeoutException:
        raise PrinterUnavailable(
            "{where} did not take the label within {timeout} seconds; check that it is switched on, has paper, and that the baud rate matches.",
            where=where,
            timeout=timeout,
        ) from None
    except (serial.SerialException, OSError) as exc:
        raise PrinterUnavailable("{where} cannot be opened: {error}.", where=where, error=exc) from None
