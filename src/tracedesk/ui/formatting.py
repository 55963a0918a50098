"""How quantities, dates and statuses read on screen, in the chosen language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from tracedesk.core.messages import format_date, format_datetime
from tracedesk.core.quantity import format_quantity
from tracedesk.ui.style import STATUS_COLOURS, SUSPECT_COLOUR

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


# Held or rejected says more than suspect: those lots show their own status.
_OWN_STATUS_WINS = ("on_hold", "rejected")


def lot_status_text(status: str, suspect: Sequence[tuple[str, str]] = (), suspect_reason: object = None) -> str:
    """A lot's status as people must read it: a released lot made from held material is suspect."""
    if status in _OWN_STATUS_WINS or not (suspect or suspect_reason):
        return status_text(status)
    if not suspect:
        return QCoreApplication.translate("Status", "suspect — {0}").format(suspect_reason)
    source, reason = suspect[0]
    text = QCoreApplication.translate("Status", "suspect — hold on {0}: {1}").format(source, reason)
    if len(suspect) > 1:
        text += QCoreApplication.translate("Status", " (and {0} more holds)").format(len(suspect) - 1)
    return text


def lot_status_colour(status: str, suspect: Sequence[tuple[str, str]] = (), suspect_reason: object = None) -> QColor | None:
    if status not in _OWN_STATUS_WINS and (suspect or suspect_reason):
        return SUSPECT_COLOUR
    return STATUS_COLOURS.get(status)


def lot_status(lot: object) -> str:
    """`lot_status_text` of a LotInfo (or anything with status, suspect_holds and suspect_reason)."""
    return lot_status_text(lot.status, getattr(lot, "suspect_holds", ()), getattr(lot, "suspect_reason", None))  # type: ignore[attr-defined]


def lot_colour(lot: object) -> QColor | None:
    return lot_status_colour(lot.status, getattr(lot, "suspect_holds", ()), getattr(lot, "suspect_reason", None))  # type: ignore[attr-defined]


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
    """A date, or a moment in local time, written as every sentence of the services writes it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value if value.tzinfo else value.astimezone())
    return format_date(value)
