"""Printing lot labels through services.labels: a PDF file, Qt's print dialog or preview, or ZPL to a thermal printer.

Whatever the route, the labels are rendered by the service and the print is recorded as an
event (so the lot's history shows it) only after it succeeded. A printer is sent to from its
own worker thread, never inside a unit of work: a printer that does not answer must not hold
up the database thread until its timeout.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.labels import LabelData, LabelTemplate, load_templates
from tracedesk.labels.layout import LabelLayout, PlacedText, layout_label
from tracedesk.labels.printers import PrinterConfig, load_printers
from tracedesk.services import labels as label_service
from tracedesk.services.locations import prepare_location_labels, record_location_print
from tracedesk.services.permissions import Action, require

log = logging.getLogger(__name__)
PAINT_DPI = 300


class _SendRelay(QObject):
    """Created on the GUI thread: the sender thread's outcome arrives there as a queued signal."""

    finished = Signal(object, object)  # callback, error (None when sent)


class LabelCounts(QObject):
    """The sentences that count labels: a QObject's tr() is where lupdate finds plural (%n) texts."""

    def sent(self, count: int, printer: str) -> str:
        return self.tr("%n label(s) sent to {0}.", "", count).format(printer)

    def saved(self, count: int, path: Path) -> str:
        return self.tr("%n label(s) saved to {0}.", "", count).format(path)


class LabelPrinter:
    """Prints labels the way this station is set up.

    `station_printer` names a printer of printers.json (ZPL or a system queue); empty: `output`
    decides: `pdf` saves files, `preview` shows Qt's preview, `printer` opens Qt's print dialog.
    """

    def __init__(
        self, ctx: Any, output: str, folder: Path, printers_path: Path, station_printer: str = "", parent: QWidget | None = None
    ) -> None:
        self.ctx = ctx
        self.output = output
        self.folder = folder
        self.printers_path = printers_path
        self.station_printer = station_printer
        self.parent = parent
        self.last_file: Path | None = None
        self._sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-print")
        self._relay = _SendRelay()
        self._relay.finished.connect(lambda callback, error: callback(error))
        self._sending = 0
        self._counts = LabelCounts()  # tr() only reads the installed translators: safe on the DB thread too

    @property
    def is_idle(self) -> bool:
        """No job on its way to a printer (tests wait for this)."""
        return self._sending == 0

    def close(self) -> None:
        self._sender.shutdown(wait=False, cancel_futures=True)

    def _send(
        self, job: label_service.LabelJob, printer: PrinterConfig, on_sent: Callable[[TraceDeskError | None], None]
    ) -> None:
        """Send on the printer thread; `on_sent(error or None)` follows on the GUI thread."""
        self._sending += 1

        def delivered(error: TraceDeskError | None) -> None:
            self._sending -= 1
            on_sent(error)

        future = self._sender.submit(label_service.send_to_printer, job, printer)

        def done(f: Future[None]) -> None:
            if not f.cancelled():  # cancelled only when the window closes: nothing left to tell
                self._relay.finished.emit(delivered, _error_of(f, printer))

        future.add_done_callback(done)

    def configured(self) -> PrinterConfig | None:
        if not self.station_printer:
            return None
        printers = load_printers(self.printers_path)
        if self.station_printer not in printers:
            raise TraceDeskError(
                "The station's printer '{printer}' is no longer configured; choose another under Settings → Printers.",
                printer=self.station_printer,
            )
        return printers[self.station_printer]

    def print_lots(
        self,
        codes: Sequence[str],
        *,
        containers: int = 1,
        template: str | None = None,
        before: str = "",
        on_done: Callable[[], Any] | None = None,
        locations: bool = False,
    ) -> None:
        """Print the lots' labels (with `locations`, the codes are locations: their location labels);
        the banner says `before` followed by what happened to the labels."""
        codes = list(codes)
        banner = self.ctx.banner

        def render(session: Any, *, zpl: bool, dpi: int = 203) -> label_service.LabelJob:
            if locations:
                return prepare_location_labels(session, codes, template=template, copies=1, zpl=zpl, dpi=dpi)
            return label_service.prepare_labels(
                session,
                codes,
                template=template,
                copies=1,
                zpl=zpl,
                dpi=dpi,
                containers=containers,
                signing_keys=keys,
                user_templates=own,
            )

        def record(session: Any, actor: Any, job: label_service.LabelJob, printer_name: str) -> None:
            if locations:
                record_location_print(session, actor, job, printer=printer_name)
            else:
                label_service.record_print(session, actor, job, printer=printer_name)

        def printed(text: str) -> None:
            banner.ok(f"{before} {text}".strip())
            if on_done is not None:
                on_done()

        def failed(error: TraceDeskError) -> None:
            banner.refused(
                f"{before} " + QCoreApplication.translate("LabelPrinter", "The labels did not print: {0}").format(error)
            )

        keys = self.ctx.runtime.paths.config_dir  # where the plant's signing key is kept on this station
        own = label_service.user_template_dir(keys)  # the station's own templates, as `tracedesk label` reads them
        try:
            printer = self.configured()
        except TraceDeskError as error:
            failed(error)
            return
        if printer is not None:
            # Render on the DB thread, send on the printer thread, record on the DB thread once sent.
            def prepare(session: Any, actor: Any) -> label_service.LabelJob:
                require(session, actor, Action.PRINT_LABELS)
                return render(session, zpl=printer.is_zpl, dpi=printer.dpi)

            def sent(job: label_service.LabelJob, error: TraceDeskError | None) -> None:
                if error is not None:
                    failed(error)
                    return
                text = self._counts.sent(_count(job, codes, containers), printer.name)
                self.ctx.run(
                    lambda session, actor: record(session, actor, job, printer.name),
                    lambda _none: printed(text),
                    failed,
                )

            self.ctx.run(prepare, lambda job: self._send(job, printer, lambda error: sent(job, error)), failed)
        elif self.output == "pdf":
            folder = self.folder

            def save(session: Any, actor: Any) -> tuple[str, Path]:
                require(session, actor, Action.PRINT_LABELS)
                job = render(session, zpl=False)
                safe = re.sub(r"[^A-Za-z0-9._-]", "_", job.lots[0])
                path = folder / f"{safe}-{job.template}.pdf"
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(job.data)
                except OSError as error:
                    raise TraceDeskError("The labels could not be saved to {path}: {error}.", path=path, error=error) from None
                record(session, actor, job, f"file:{path.name}")  # as `tracedesk label --out` records it
                return self._counts.saved(_count(job, codes, containers), path), path

            def saved(result: tuple[str, Path]) -> None:
                self.last_file = result[1]
                printed(result[0])

            self.ctx.run(save, saved, failed)
        else:

            def prepare_for_qt(session: Any, actor: Any) -> tuple[label_service.LabelJob, list[LabelData], LabelTemplate]:
                require(session, actor, Action.PRINT_LABELS)
                job = render(session, zpl=False)
                # The template the labels were rendered with, read here off the GUI thread.
                return job, list(job.labels), load_templates(own)[job.template]

            self.ctx.run(
                prepare_for_qt,
                lambda ready: self._print_with_qt(ready[0], ready[1], ready[2], printed, failed, record=record),
                failed,
            )

    def _print_with_qt(
        self,
        job: label_service.LabelJob,
        data: list[LabelData],
        template: LabelTemplate,
        printed: Callable[[str], None],
        failed: Callable[[TraceDeskError], None],
        record: Callable[[Any, Any, label_service.LabelJob, str], None] | None = None,
    ) -> None:
        layouts = [layout_label(template, label, PAINT_DPI) for label in data]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QSizeF(template.width_mm, template.height_mm), QPageSize.Unit.Millimeter),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        try:
            if self.output == "preview":
                preview = QPrintPreviewDialog(printer, self.parent)
                preview.paintRequested.connect(lambda p: paint_layouts(p, layouts))
                if not preview.exec():
                    self.ctx.banner.info(QCoreApplication.translate("LabelPrinter", "Printing cancelled; nothing recorded."))
                    return
            else:
                dialog = QPrintDialog(printer, self.parent)
                if not dialog.exec():
                    self.ctx.banner.info(QCoreApplication.translate("LabelPrinter", "Printing cancelled; nothing recorded."))
                    return
                paint_layouts(printer, layouts)
        except TraceDeskError as error:
            failed(error)
            return
        name = printer.printerName() or "the printer"
        keep = record or (lambda session, actor, done, where: label_service.record_print(session, actor, done, printer=where))
        self.ctx.run(
            lambda session, actor: keep(session, actor, job, name),
            lambda _none: printed(self._counts.sent(len(layouts), name)),
            failed,
        )


def _error_of(future: Future[None], printer: PrinterConfig) -> TraceDeskError | None:
    error = future.exception()
    if error is None or isinstance(error, TraceDeskError):
        return error
    log.warning("printing to %s failed: %s", printer.name, error)
    return TraceDeskError("Printer {name} could not be reached: {error}", name=printer.name, error=error)


def _count(job: label_service.LabelJob, codes: Sequence[str], containers: int) -> int:
    return len(codes) * containers * job.copies


def paint_layouts(printer: QPrinter, layouts: Sequence[LabelLayout]) -> None:
    """Paint each label layout on its own page, in millimetres of the template."""
    painter = QPainter()
    if not painter.begin(printer):
        raise TraceDeskError("The printer refused the job; check that it is switched on and has labels.")
    try:
        scale = printer.resolution() / 25.4
        for number, layout in enumerate(layouts):
            if number:
                printer.newPage()
            _paint(painter, layout, scale)
    finally:
        painter.end()


def _paint(painter: QPainter, layout: LabelLayout, scale: float) -> None:
    painter.setPen(Qt.GlobalColor.black)
    for line in layout.lines:
        pen = painter.pen()
        pen.setWidthF(line.width * scale)
        painter.setPen(pen)
        painter.drawLine(QPointF(line.x1 * scale, line.y1 * scale), QPointF(line.x2 * scale, line.y2 * scale))
    for text in layout.texts:
        _paint_text(painter, text, scale)
    for barcode in layout.barcodes:
        module = barcode.mm(barcode.module_dots) * scale
        x0 = barcode.mm(barcode.x_dots) * scale
        y0 = barcode.mm(barcode.y_dots) * scale
        row_h = barcode.mm(barcode.bar_height_dots) * scale if barcode.symbol.is_linear else module
        for r, row in enumerate(barcode.symbol.rows):
            for c, dark in enumerate(row):
                if dark:
                    painter.fillRect(QRectF(x0 + c * module, y0 + r * row_h, module, row_h), Qt.GlobalColor.black)
        if barcode.hri is not None:
            _paint_text(painter, barcode.hri, scale)


def _paint_text(painter: QPainter, text: PlacedText, scale: float) -> None:
    font = QFont()
    font.setPointSizeF(text.size)
    painter.setFont(font)
    for index, line in enumerate(text.lines):
        top = (text.box.y + index * text.line_pitch_mm) * scale
        rect = QRectF(text.box.x * scale, top, text.box.w * scale, text.line_pitch_mm * scale)
        align = {
            "left": Qt.AlignmentFlag.AlignLeft,
            "center": Qt.AlignmentFlag.AlignHCenter,
            "right": Qt.AlignmentFlag.AlignRight,
        }[text.align]
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), line)
