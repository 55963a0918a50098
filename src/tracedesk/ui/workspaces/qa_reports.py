"""What QA takes away from the open lot: its recall summary, its whole family as CSV, its label."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.core.messages import msg
from tracedesk.services.dto import LotInfo, RecallSummary
from tracedesk.services.family import export_trace_csv
from tracedesk.services.trace import recall_summary
from tracedesk.ui.dialogs import TextReportDialog
from tracedesk.ui.filedialogs import ask_save_path
from tracedesk.ui.formatting import day, qty


class _Progress(QObject):
    """Carries progress from the DB thread to the GUI thread (a queued signal)."""

    advanced = Signal(int)


class QaCounts(QObject):
    """The counted (%n) sentences of the recall summary and the export, translated by a QObject's own tr().

    The workspace's tr() finds a mixin's other texts by trying its classes one by one, but a counted
    text stops at the first of them (the count filled in reads as a translation) and would show as
    "3 lot(s)", in English too.
    """

    def lots(self, count: int) -> str:
        return self.tr("%n lot(s)", "", count)

    def orders(self, count: int) -> str:
        return self.tr("%n order(s)", "", count)

    def customers(self, count: int) -> str:
        return self.tr("%n customer(s)", "", count)

    def exporting(self, code: str, count: int) -> str:
        return self.tr("Exporting the trace of {0}: %n lot(s)…", "", count).format(code)

    def exported(self, code: str, count: int, path: Path) -> str:
        return self.tr("Trace of {0} exported: %n lot(s) in {1}.", "", count).format(code, path)


# The workspace this is mixed into is a QWidget (tr, dialogs' parent); at run time the mixin is a
# plain class, so nothing here overrides Qt's.
if TYPE_CHECKING:
    _MixedIntoWidget = QWidget
else:
    _MixedIntoWidget = object


class QaReports(_MixedIntoWidget):
    """The recall summary, trace export and label printing of the QA workspace; mixed into it."""

    # Provided by the workspace this is mixed into (annotations only).
    ctx: Any
    lot: LotInfo | None
    _export_relay: QObject | None
    open_lot: Callable[..., None]

    def recall_summary(self) -> None:
        if self.lot is None:
            return
        code = self.lot.code
        # A silo lot's recall reaches a third of the plant: the window asks for the counts and
        # the first of each list, and the text is made on the database thread too.
        self.ctx.query(
            lambda s: (summary := recall_summary(s, code, first=RECALL_TEXT_LINES), recall_text(summary)), self._recall_ready
        )

    def _recall_ready(self, found: tuple[RecallSummary, str]) -> None:
        summary, self.last_recall = found
        counts = QaCounts()
        # One %n per phrase: each count gets its own singular or plural.
        self.ctx.banner.warning(
            self.tr("Recall of {0}: {1}, {2}, {3} affected.").format(
                summary.recall.lot,
                counts.lots(summary.lots),
                counts.orders(summary.orders),
                counts.customers(len(summary.recall.customers)),
            )
        )
        if self.isVisible() and not getattr(self, "quiet_reports", False):
            TextReportDialog(self.tr("Recall summary of {0}").format(summary.recall.lot), self.last_recall, self).exec()

    def _ask_export(self) -> None:
        if self.lot is None:
            return
        path = ask_save_path(self, self.tr("Export trace"), f"trace-{self.lot.code}.csv", "CSV (*.csv)")
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the whole family as CSV on the DB thread, with progress and a Cancel button."""
        if self.lot is None:
            return
        code, cancel, relay, counts = self.lot.code, threading.Event(), _Progress(self), QaCounts()
        # Held here until the next export: were the database thread to drop the last reference
        # to the relay, PySide would disconnect it there and deadlock with the GUI thread.
        self._export_relay = relay
        progress = QProgressDialog(self.tr("Exporting the trace of {0}…").format(code), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.canceled.connect(cancel.set)
        relay.advanced.connect(lambda n: progress.setLabelText(counts.exporting(code, n)))

        def work(session, actor):  # noqa: ANN001, ANN202
            text = export_trace_csv(
                session, actor, code, on_progress=lambda n: relay.advanced.emit(n), is_cancelled=cancel.is_set
            )
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as error:
                raise TraceDeskError("The trace could not be written to {path}: {error}.", path=path, error=error) from None
            return text.count("\n") - 1

        def done(rows: int) -> None:
            progress.close()
            self.ctx.banner.ok(counts.exported(code, rows, path))

        def failed(error: TraceDeskError) -> None:
            progress.close()
            self.ctx.banner.refused(str(error))

        self.ctx.run(work, done, failed, read_only=True)

    def print_label(self) -> None:
        if self.lot is None:
            return
        code = self.lot.code
        # The lot's usual template (services.labels.default_template); the timeline then shows the print.
        self.ctx.printer.print_lots([code], on_done=lambda: self.open_lot(code, announce=False))


RECALL_TEXT_LINES = 2_000


def recall_text(summary: RecallSummary) -> str:
    """The recall summary people read on screen: the counts and the customers first, then the
    first entries of each list; the recall report (`tracedesk recall LOT --report`) has them all.

    Rendered in the process's language (it is built on the database thread), counts in the
    right plural form."""
    recall = summary.recall

    def more(total: int, shown: int) -> list[str]:
        if total <= shown:
            return []
        return ["  " + str(msg("... and {more} more: the recall report lists them all", more=f"{total - shown:,}"))]

    def rows_of(values: tuple[str, ...], per_row: int = 8) -> list[str]:
        return ["  " + ", ".join(values[start : start + per_row]) for start in range(0, len(values), per_row)]

    customers = len(recall.customers)
    lines = [
        str(msg("Recall of {lot}", lot=recall.lot)),
        str(
            msg(
                "{lots_shown} {lots|lot|lots}, {orders_shown} {orders|work order|work orders}, "
                "{shipments_shown} {shipments|shipment|shipments} to {customers_shown} {customers|customer|customers}; "
                "{on_hand_shown} {on_hand|lot still has|lots still have} stock.",
                lots=summary.lots,
                lots_shown=f"{summary.lots:,}",
                orders=summary.orders,
                orders_shown=f"{summary.orders:,}",
                shipments=summary.shipments,
                shipments_shown=f"{summary.shipments:,}",
                customers=customers,
                customers_shown=f"{customers:,}",
                on_hand=summary.on_hand,
                on_hand_shown=f"{summary.on_hand:,}",
            )
        ),
        "",
        str(msg("Customers ({count}):", count=f"{customers:,}")),
        *rows_of(recall.customers, 10),
        "",
        str(msg("Shipped ({count}):", count=f"{summary.shipments:,}")),
    ]
    for s in recall.shipments:
        lines.append(
            f"  {s.lot:<16} {qty(s.quantity, s.unit):>12}  {s.customer} {s.customer_name}  {s.document}  {day(s.shipped_at)}"
        )
    lines += more(summary.shipments, len(recall.shipments))
    lines += [
        "",
        str(msg("Affected lots ({count}):", count=f"{summary.lots:,}")),
        *rows_of(recall.affected_lots),
        *more(summary.lots, len(recall.affected_lots)),
    ]
    lines += [
        "",
        str(msg("Work orders ({count}):", count=f"{summary.orders:,}")),
        *rows_of(recall.orders),
        *more(summary.orders, len(recall.orders)),
    ]
    lines += ["", str(msg("On hand ({count}):", count=f"{summary.on_hand:,}"))]
    for o in recall.on_hand:
        lines.append(f"  {o.code:<16} {qty(o.quantity, o.unit):>12}")
    lines += more(summary.on_hand, len(recall.on_hand))
    return "\n".join(lines)
