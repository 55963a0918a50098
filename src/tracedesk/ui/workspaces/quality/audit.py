"""Quality desk: exports (dossier, EPCIS, FSMA 204) and the audit trail viewer with filters and CSV export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from tracedesk.core.parsing import parse_date
from tracedesk.core.words import event_name
from tracedesk.services.audit_trail import AuditFilter, query_audit
from tracedesk.services.reports import exports
from tracedesk.ui.context import WorkContext
from tracedesk.ui.tables import Column, RecordTableModel, make_table
from tracedesk.ui.workspaces.quality.common import ask_save_path, run_busy


class ExportsTab(QWidget):
    """Files for customers and authorities: a lot's trace dossier, EPCIS 2.0 events, the FSMA 204 spreadsheet."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("What to export"))
        form = QFormLayout(box)
        self.lot, self.start, self.end, self.product = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.supplier_lot = QLineEdit()
        self.lot.setPlaceholderText(self.tr("Scan or type a lot: its whole family is exported"))
        for field in (self.start, self.end):
            field.setPlaceholderText(self.tr("YYYY-MM-DD"))
        form.addRow(self.tr("Lot"), self.lot)
        form.addRow(self.tr("From day"), self.start)
        form.addRow(self.tr("To day"), self.end)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Supplier lot"), self.supplier_lot)
        layout.addWidget(box)
        row = QHBoxLayout()
        self.buttons = {
            "dossier": QPushButton(self.tr("Trace dossier (PDF)…")),
            "epcis": QPushButton(self.tr("EPCIS 2.0 (JSON-LD)…")),
            "fsma": QPushButton(self.tr("FSMA 204 (Excel)…")),
        }
        for kind, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, k=kind: self._ask(k))
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def handle_scan(self, code: str) -> None:
        """Take a lot code the desk resolved from a scan."""
        self.lot.setText(code)

    def _ask(self, kind: str) -> None:
        lot = self.lot.text().strip() or "all"
        names = {
            "dossier": (f"dossier-{lot}.pdf", "PDF (*.pdf)"),
            "epcis": (f"epcis-{lot}.jsonld", "JSON-LD (*.jsonld)"),
            "fsma": (f"fsma204-{lot}.xlsx", "Excel (*.xlsx)"),
        }
        path = ask_save_path(self, self.tr("Export"), *names[kind])
        if path:
            self.export(kind, path)

    def export(self, kind: str, path: Path) -> None:
        lot = self.lot.text().strip() or None
        start_text, end_text, product = self.start.text().strip(), self.end.text().strip(), self.product.text().strip() or None
        supplier_lot = self.supplier_lot.text().strip() or None

        def work(session, actor):  # noqa: ANN001, ANN202
            start = parse_date(start_text, what="first day") if start_text else None
            end = parse_date(end_text, what="last day") if end_text else None
            if kind == "dossier":
                return exports.export_dossier(session, actor, lot=lot or "", path=path)
            if kind == "epcis":
                return exports.export_epcis(session, actor, path=path, lot=lot, product=product, start=start, end=end)
            return exports.export_fsma(
                session, actor, path=path, product=product, lot=lot, supplier_lot=supplier_lot, start=start, end=end
            )

        def done(result: exports.ExportResult) -> None:
            written = self.tr("{0} written: {1}.").format(path.name, result.summary)
            if not result.gaps:
                self.ctx.banner.ok(written)
                return
            where = result.gaps_path.name if result.gaps_path else self.tr("the Gaps sheet")
            self.ctx.banner.warning(
                written
                + " "
                + self.tr("{0} gaps (missing identifiers or key data elements) listed in {1}.").format(result.gaps, where)
            )

        run_busy(self, self.ctx, self.tr("Writing {0}…").format(path.name), work, done, read_only=True)


class AuditTab(QWidget):
    """Who did what, when, where: filtered by lot, user, station, event type and days; exported as CSV."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        self.lot, self.user, self.station, self.type, self.start, self.end = (QLineEdit() for _ in range(6))
        for field, hint in (
            (self.lot, self.tr("Lot")),
            (self.user, self.tr("User")),
            (self.station, self.tr("Station")),
            (self.type, self.tr("Event type, e.g. lot_held")),
            (self.start, self.tr("From YYYY-MM-DD")),
            (self.end, self.tr("To YYYY-MM-DD")),
        ):
            field.setPlaceholderText(hint)
            field.returnPressed.connect(self.search)
            filters.addWidget(field)
        self.search_button = QPushButton(self.tr("Show"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.search_button.clicked.connect(self.search)
        self.csv_button.clicked.connect(self._ask_csv)
        filters.addWidget(self.search_button)
        filters.addWidget(self.csv_button)
        layout.addLayout(filters)
        self.model = RecordTableModel(
            [
                Column(self.tr("When"), lambda e: e.local_time.strftime("%Y-%m-%d %H:%M:%S")),
                Column(self.tr("Who"), lambda e: e.user),
                Column(self.tr("Station"), lambda e: e.station),
                Column(self.tr("Event"), lambda e: f"{event_name(e.type)} ({e.type})"),
                Column(self.tr("Lots"), lambda e: ", ".join(e.lots[:5]) + (" …" if len(e.lots) > 5 else "")),
                Column(self.tr("What"), lambda e: e.summary),
            ],
            self,
        )
        layout.addWidget(make_table(self.model, empty=self.tr("Recorded changes matching the filter appear here.")), 1)
        self.note = QLabel()
        layout.addWidget(self.note)

    def handle_scan(self, code: str) -> None:
        """Take a lot code the desk resolved from a scan."""
        self.lot.setText(code)
        self.search()

    def search(self, limit: int = 1000) -> None:
        """The latest `limit` matching events, newest first (the CSV export has them all, in log order)."""
        texts = self._texts()
        self.ctx.run(
            lambda s, a: query_audit(s, a, replace(_rebuilt(self, texts, a, limit), newest_first=True)),
            self._shown,
            read_only=True,
        )

    def _shown(self, entries: list) -> None:
        self.model.set_records(entries)
        self.note.setText(
            self.tr("%n event(s), newest first (at most 1000 here; Export CSV writes all of them).", "", len(entries))
        )

    def _texts(self) -> tuple[str, ...]:
        return tuple(f.text() for f in (self.lot, self.user, self.station, self.type, self.start, self.end))

    def _ask_csv(self) -> None:
        path = ask_save_path(self, self.tr("Export audit trail"), "audit-trail.csv", "CSV (*.csv)")
        if path:
            self.export_csv(path)

    def export_csv(self, path: Path) -> None:
        texts = self._texts()
        run_busy(
            self,
            self.ctx,
            self.tr("Writing the audit trail…"),
            lambda s, a: exports.export_audit(s, a, path=path, flt=_rebuilt(self, texts, a, None)),
            lambda result: self.ctx.banner.ok(
                self.tr("Audit trail saved: %n event(s) in {0}.", "", result.count).format(result.path)
            ),
            read_only=True,
        )


def _rebuilt(_tab: AuditTab, texts: tuple[str, ...], actor, limit: int | None) -> AuditFilter:  # noqa: ANN001
    # The filter is built on the DB thread from texts read on the GUI thread, so a bad date is a refusal there.
    lot, user, station, types, start_text, end_text = (t.strip() for t in texts)
    start = parse_date(start_text, what="first day") if start_text else None
    end = parse_date(end_text, what="last day") if end_text else None
    since, until = exports.day_range(actor, start, end)
    return AuditFilter(
        lot=lot or None,
        user=user or None,
        station=station or None,
        types=tuple(types.split()),
        since=since,
        until=until,
        limit=limit,
    )
