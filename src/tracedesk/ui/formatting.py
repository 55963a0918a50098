"""How quantities, dates and statuses read on screen, in the chosen language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from tracedesk.core.quantity import format_quantity

_STATUS = {
    "quarantine": "in quarantine",
    "released": "released",
    "rejected": "rejected",
    "on_hold": "on hold",
    "open": "open",
    "closed": "closed",
}


def status_text(status: str) -> str:
    return QCoreApplication.translate("Status", _STATUS.get(status, status))


def _mark_for_translation() -> None:
    # lupdate reads these literal calls; the mapping above is looked up at run time.
    QCoreApplication.translate("Status", "in quarantine")
    QCoreApplication.translate("Status", "released")
    QCoreApplication.translate("Status", "rejected")
    QCoreApplication.translate("Status", "on hold")
    QCoreApplication.translate("Status", "open")
    QCoreApplication.translate("Status", "closed")


def qty(quantity: Decimal | None, unit: str = "") -> str:
    if quantity is None:
        return ""
    return f"{format_quantity(quantity)} {unit}".strip()


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
