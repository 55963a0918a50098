"""Export use cases shared by the GUI and the command line: each writes one file and says how much."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg
from tracedesk.services.audit_trail import AuditFilter, query_audit, write_audit_csv
from tracedesk.services.lookup import item_by_code, lot_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.recall import RecallReport, recall_report
from tracedesk.services.reports.dossier import lot_dossier, write_dossier_pdf
from tracedesk.services.reports.epcis import write_epcis
from tracedesk.services.reports.events_source import family_of, tracking_events
from tracedesk.services.reports.fsma import FsmaFilter, fsma_rows, write_fsma
from tracedesk.services.reports.recall_report import write_recall_pdf, write_recall_xlsx


@dataclass(frozen=True)
class ExportResult:
    path: Path
    what: Message
    count: int


def day_range(actor: Actor, start: date | None, end: date | None) -> tuple[datetime | None, datetime | None]:
    """Station-local calendar days, inclusive, as a UTC [since, until) range."""
    since = datetime.combine(start, time(0), tzinfo=actor.tz) if start else None
    until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=actor.tz) if end else None
    if since and until and until <= since:
        raise InvalidInput("The end date is before the start date.")
    return since, until


def _suffix(path: Path, allowed: tuple[str, ...], what: Message) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in allowed:
        choices = allowed[0] if len(allowed) == 1 else msg("{choices} or {last}", choices=allowed[:-1], last=allowed[-1])
        if suffix:
            raise InvalidInput("A {what} is written as {choices}, not {suffix}.", what=what, choices=choices, suffix=suffix)
        raise InvalidInput("A {what} is written as {choices}, not as a file without extension.", what=what, choices=choices)
    return suffix


def export_dossier(session: Session, actor: Actor, *, lot: str, path: Path, language: str | None = None) -> ExportResult:
    """The lot's trace dossier as PDF in `language` (the station's; default: the process's)."""
    require(session, actor, Action.EXPORT)
    _suffix(path, (".pdf",), msg("trace dossier"))
    dossier = lot_dossier(session, lot, now=actor.now())
    write_dossier_pdf(dossier, path, language)
    return ExportResult(Path(path), msg("trace dossier of {lot}", lot=dossier.trace.lot.code), len(dossier.timeline))


def export_recall(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    lots: tuple[str, ...] = (),
    supplier_lot: str | None = None,
    supplier: str | None = None,
    language: str | None = None,
) -> ExportResult:
    """The recall report as PDF or workbook in `language` (the station's; default: the process's)."""
    require(session, actor, Action.EXPORT)
    _suffix(path, (".pdf", ".xlsx"), msg("recall report"))
    report = recall_report(session, lots=lots, supplier_lot=supplier_lot, supplier=supplier, now=actor.now())
    return write_recall(session, actor, report, path, language=language)


def write_recall(
    session: Session, actor: Actor, report: RecallReport, path: Path, *, language: str | None = None
) -> ExportResult:
    """A recall report already prepared (a started recall, a mock), written as .pdf or .xlsx in `language`."""
    require(session, actor, Action.EXPORT)
    suffix = _suffix(path, (".pdf", ".xlsx"), msg("recall report"))
    (write_recall_pdf if suffix == ".pdf" else write_recall_xlsx)(report, path, language)
    return ExportResult(Path(path), msg("recall report for {title}", title=report.title), len(report.lots))


def export_epcis(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    lot: str | None = None,
    start: date | None = None,
    end: date | None = None,
    company_prefix_length: int = 7,
) -> ExportResult:
    """The events of a lot's whole family, or of a date range, as an EPCIS 2.0 JSON-LD document."""
    require(session, actor, Action.EXPORT)
    _suffix(path, (".jsonld", ".json"), msg("EPCIS document"))
    if not lot and not (start or end):
        raise InvalidInput("Name a lot (--lot) or a date range (--from/--to) to export.")
    since, until = day_range(actor, start, end)
    ids = family_of(session, lot) if lot else None
    events = tracking_events(session, lot_ids=ids, since=since, until=until)
    count = write_epcis(events, path, created=actor.now().astimezone(actor.tz), prefix_length=company_prefix_length)
    return ExportResult(Path(path), msg("EPCIS events"), count)


def export_fsma(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    product: str | None = None,
    lot: str | None = None,
    start: date | None = None,
    end: date | None = None,
    site: str | None = None,
) -> ExportResult:
    """The FDA FSMA 204 sortable spreadsheet, filtered by product, lot and date range."""
    require(session, actor, Action.EXPORT)
    _suffix(path, (".xlsx", ".csv"), msg("FSMA 204 spreadsheet"))
    if product:
        item_by_code(session, product)
    ids = family_of(session, lot) if lot else None
    if lot:
        lot_by_code(session, lot)
    since, until = day_range(actor, start, end)
    events = tracking_events(session, lot_ids=ids, since=since, until=until)
    rows = fsma_rows(events, site=site or f"Station {actor.station}", flt=FsmaFilter(product=product, lot=lot))
    return ExportResult(Path(path), msg("FSMA 204 rows"), write_fsma(rows, path))


def export_audit(session: Session, actor: Actor, *, path: Path, flt: AuditFilter) -> ExportResult:
    _suffix(path, (".csv",), msg("audit trail"))
    return ExportResult(Path(path), msg("audit trail events"), write_audit_csv(query_audit(session, actor, flt), path))
