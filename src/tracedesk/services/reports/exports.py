"""Export use cases shared by the GUI and the command line: each writes one file and says how much."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.codes.epc_uri import DEFAULT_PREFIX_LENGTH
from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.core.messages import Message, msg
from tracedesk.db.models import Lot
from tracedesk.services.audit_trail import AuditFilter, query_audit, write_audit_csv
from tracedesk.services.lookup import item_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.recall import RecallReport, recall_report
from tracedesk.services.reports.cte import family_of, iter_tracking_events
from tracedesk.services.reports.dossier import lot_dossier, write_dossier_pdf
from tracedesk.services.reports.epcis import write_epcis
from tracedesk.services.reports.epcis_ids import Identifiers
from tracedesk.services.reports.fsma import fsma_rows, write_fsma
from tracedesk.services.reports.places import Places
from tracedesk.services.reports.recall_report import write_recall_pdf, write_recall_xlsx


@dataclass(frozen=True)
class ExportResult:
    """One written file: what it is, how many things it holds, and a sentence that says both."""

    path: Path
    what: Message
    count: int
    summary: Message  # what was written and what `count` counts, e.g. "trace dossier of L1: 7 events in its timeline"
    # A report written beside the file: what it could not say (identifier or KDE gaps).
    gaps_path: Path | None = None
    gaps: int = 0


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
    code, entries = dossier.trace.lot.code, len(dossier.timeline)
    return ExportResult(
        Path(path),
        msg("trace dossier of {lot}", lot=code),
        entries,
        msg("trace dossier of {lot}: {count} {count|event|events} in its timeline", lot=code, count=entries),
    )


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


def check_recall_path(path: Path) -> str:
    """The suffix of a recall report's file (.pdf or .xlsx), or a refusal naming the choices."""
    return _suffix(path, (".pdf", ".xlsx"), msg("recall report"))


def write_recall(
    session: Session, actor: Actor, report: RecallReport, path: Path, *, language: str | None = None
) -> ExportResult:
    """A recall report already prepared (a started recall, a mock), written as .pdf or .xlsx in `language`."""
    require(session, actor, Action.EXPORT)
    suffix = check_recall_path(path)
    (write_recall_pdf if suffix == ".pdf" else write_recall_xlsx)(report, path, language)
    lots = len(report.lots)
    return ExportResult(
        Path(path),
        msg("recall report for {title}", title=report.title),
        lots,
        msg("recall report for {title}: {count} affected {count|lot|lots}", title=report.title, count=lots),
    )


def export_epcis(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    lot: str | None = None,
    product: str | None = None,
    start: date | None = None,
    end: date | None = None,
    site: str | None = None,
    company_prefix_length: int = DEFAULT_PREFIX_LENGTH,
) -> ExportResult:
    """EPCIS 2.0 JSON-LD of a lot's whole family, a product, a date range, or everything; streamed.

    A sidecar CSV (`<name>.gaps.csv`) lists the items, parties and locations named without a GS1 key.
    """
    require(session, actor, Action.EXPORT)
    _suffix(path, (".jsonld", ".json"), msg("EPCIS document"))
    _check_prefix_length(company_prefix_length)
    if product:
        item_by_code(session, product)
    since, until = day_range(actor, start, end)
    ids = Identifiers(Places(session, site), company_prefix_length)
    events = iter_tracking_events(session, lot_ids=family_of(session, lot) if lot else None, since=since, until=until)
    if product:
        events = (e for e in events if product in {e.lot.item, e.product, *(child.item for child, _ in e.outputs)})
    result = write_epcis(events, path, created=actor.now().astimezone(actor.tz), ids=ids)
    summary = msg("{count} EPCIS {count|event|events}", count=result.events)
    return ExportResult(Path(path), msg("EPCIS events"), result.events, summary, result.gaps_path, result.gaps)


def _check_prefix_length(length: int) -> None:
    if not 6 <= length <= 12:
        raise InvalidInput("A GS1 company prefix has 6 to 12 digits, not {length}.", length=length)


def export_fsma(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    product: str | None = None,
    lot: str | None = None,
    supplier_lot: str | None = None,
    start: date | None = None,
    end: date | None = None,
    site: str | None = None,
) -> ExportResult:
    """The FDA FSMA 204 sortable spreadsheet, with its gaps; filtered by product, lot, supplier lot, dates.

    `lot` and `supplier_lot` take the whole family of the lot(s): everything they came from and
    went into, as a trace request needs. `site` names the location that stands for our site
    where an event names no location with a description (default: the plant's only site).
    """
    require(session, actor, Action.EXPORT)
    _suffix(path, (".xlsx", ".csv"), msg("FSMA 204 spreadsheet"))
    if product:
        item_by_code(session, product)
    ids: list[int] | None = None
    if lot:
        ids = family_of(session, lot)
    if supplier_lot:
        received = list(session.scalars(select(Lot.code).where(Lot.supplier_lot == supplier_lot.strip())))
        if not received:
            raise NotFound("No lot was received with supplier lot {supplier_lot}.", supplier_lot=supplier_lot.strip())
        family = {lot_id for code in received for lot_id in family_of(session, code)}
        ids = sorted(family if ids is None else family & set(ids))
    since, until = day_range(actor, start, end)
    places = Places(session, site)
    rows = fsma_rows(iter_tracking_events(session, lot_ids=ids, since=since, until=until), places, product=product)
    result = write_fsma(rows, path)
    summary = msg("{count} FSMA 204 {count|row|rows}", count=result.rows)
    return ExportResult(Path(path), msg("FSMA 204 rows"), result.rows, summary, result.gaps_path, result.gaps)


def export_audit(session: Session, actor: Actor, *, path: Path, flt: AuditFilter) -> ExportResult:
    _suffix(path, (".csv",), msg("audit trail"))
    count = write_audit_csv(query_audit(session, actor, flt), path)
    summary = msg("{count} audit trail {count|event|events}", count=count)
    return ExportResult(Path(path), msg("audit trail events"), count, summary)
