"""Advance notices: a supplier's EPCIS shipping events as expected receipts, and receiving against them.

`import_notices` records every new shipping event of a document (all or nothing; one already
recorded is skipped). At receiving, `match_scan` finds the notice line a carton's barcode
stands for - (01) with (10), or the SSCC (00) of the shipment - so the form fills from the
notice; the clerk confirms, and `receive_against_notice` records the receipt with whatever
differed from the notice (quantity short or over, an unexpected lot, an unknown item ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.codes import ScannedCode
from tracedesk.core.errors import NotFound, Refused
from tracedesk.core.messages import Message
from tracedesk.core.quantity import format_quantity
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.eventlog import EventDraft
from tracedesk.db.models import AdvanceNotice, Item, NoticeLine, NoticeReceipt, NoticeSscc, Party
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_events
from tracedesk.services.lookup import party_by_code
from tracedesk.services.notice_lines import NoticeLineInfo, _lines, describe, notice_line
from tracedesk.services.notice_reader import NoticeDraft, read_notices
from tracedesk.services.permissions import Action, require
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.scan_resolution import ScanResult, resolve_scan


@dataclass(frozen=True)
class NoticeImport:
    recorded: int  # notices (shipping events) recorded
    lines: int
    already: int  # notices recorded before, skipped
    supplier: str


def _supplier_for(session: Session, draft: NoticeDraft, named: str | None) -> Party:
    if named:
        return party_by_code(session, "supplier", named)
    for gln in draft.shipper_glns:
        party = session.scalar(select(Party).where(Party.kind == "supplier", Party.gln == gln))
        if party is not None:
            return party
    raise Refused(
        "The notice ({where}) comes from {shipper}, whose GLN belongs to no supplier: add the GLN to the supplier, or name the supplier.",
        where=draft.where,
        shipper=draft.shipper or "an unnamed shipper",
    )


def import_notices(session: Session, actor: Actor, path: Path, *, supplier: str | None = None) -> NoticeImport:
    """Record the shipping events of a supplier's EPCIS 2.0 document as advance notices."""
    require(session, actor, Action.RECEIVE)
    drafts = read_notices(Path(path))
    stored = set(session.scalars(select(AdvanceNotice.key).where(AdvanceNotice.key.in_([d.key for d in drafts]))))
    units = dict(
        session.execute(select(Item.gtin, Item.unit).where(Item.gtin.in_({ln.gtin for d in drafts for ln in d.lines}))).all()
    )
    events: list[EventDraft] = []
    supplier_code = ""
    for draft in drafts:
        party = _supplier_for(session, draft, supplier)
        supplier_code = party.code
        if draft.key in stored:
            continue
        if draft.epcis_event_id:
            other = session.scalar(select(AdvanceNotice.key).where(AdvanceNotice.epcis_event_id == draft.epcis_event_id))
            if other is not None:
                raise Refused(
                    "{where} was imported before with other content; a corrected notice needs a new eventID.", where=draft.where
                )
        for line in draft.lines:
            unit = units.get(line.gtin)
            if unit is not None and unit.lower() != line.unit.lower():
                raise Refused(
                    "{where}: GTIN {gtin} is counted in {unit} here, but our item is counted in {item_unit}.",
                    where=line.where,
                    gtin=line.gtin,
                    unit=line.unit,
                    item_unit=unit,
                )
        events.append(EventDraft("notice_recorded", _payload(draft, party.code, Path(path).name)))
    if events:
        apply_events(session, actor, events)
    return NoticeImport(len(events), sum(len(e.payload["lines"]) for e in events), len(drafts) - len(events), supplier_code)


def _payload(draft: NoticeDraft, supplier: str, source: str) -> dict[str, Any]:
    return {
        "notice": draft.key,
        "epcis_event_id": draft.epcis_event_id,
        "supplier": supplier,
        "shipper": draft.shipper,
        "despatch": draft.despatch,
        "po": draft.po,
        "shipped_at": iso_utc(draft.shipped_at),
        "source": source,
        "lines": [
            {
                "line": f"{draft.key[:32]}/{position}",
                "gtin": line.gtin,
                "lot": line.lot,
                "serial": line.serial,
                "quantity": format_quantity(line.quantity),
                "unit": line.unit,
                "expiry": line.expiry.isoformat() if line.expiry else None,
                "best_before": line.best_before.isoformat() if line.best_before else None,
                "production_date": line.production_date.isoformat() if line.production_date else None,
                "ssccs": list(line.ssccs),
            }
            for position, line in enumerate(draft.lines, start=1)
        ],
    }


@dataclass(frozen=True)
class NoticeMatch:
    """The notice line a scan stands for, and what the scan says that the line does not."""

    line: NoticeLineInfo
    candidates: int  # open lines the scan could stand for (several on one SSCC)
    scanned_lot: str | None  # the lot the carton says, when it differs from the line's


def match_scan(session: Session, code: ScannedCode) -> NoticeMatch | None:
    """The open notice line of a carton's GS1 code: by its SSCC (00), or by GTIN (01) and lot (10)."""
    fields = code.fields
    if fields.get("00"):
        ids = select(NoticeSscc.line_id).where(NoticeSscc.sscc == fields["00"])
        lines = [line for line in _lines(session, NoticeLine.id.in_(ids)) if line.remaining > 0]
        return NoticeMatch(lines[0], len(lines), None) if lines else None
    if not code.gtin:
        return None
    lines = [line for line in _lines(session, NoticeLine.gtin == code.gtin) if line.remaining > 0]
    key = code.serial or code.lot
    exact = [line for line in lines if key and key in (line.supplier_lot, line.serial)]
    if exact:
        return NoticeMatch(exact[0], len(exact), None)
    if lines:
        return NoticeMatch(lines[0], len(lines), key)
    return None


@dataclass(frozen=True)
class NoticeReceiptResult:
    lot: LotInfo
    differences: tuple[Message, ...]


def receive_against_notice(session: Session, request: ReceiveRequest, actor: Actor) -> NoticeReceiptResult:
    """Receive a lot the clerk confirmed from a notice line; the differences are recorded with it."""
    if not request.notice_line:
        raise NotFound("Choose the advance-notice line this receipt belongs to.")
    lot = register_received_lot(session, request, actor)
    line = notice_line(session, request.notice_line)
    stored = session.scalar(
        select(NoticeReceipt.differences).where(NoticeReceipt.line_key == line.key).order_by(NoticeReceipt.id.desc()).limit(1)
    )
    return NoticeReceiptResult(lot, tuple(describe(d, lot.unit) for d in json.loads(stored or "[]")))


@dataclass(frozen=True)
class ReceivingScan:
    """A scan at the receiving desk: what it is, and the advance-notice line it stands for (if any)."""

    result: ScanResult
    notice: NoticeMatch | None


def scan_for_receiving(session: Session, text: str, *, today: date) -> ReceivingScan:
    """Resolve a scan as receiving does, and look for the open notice line of the carton or pallet."""
    result = resolve_scan(session, text, today=today)
    match = match_scan(session, result.code) if result.code.kind in ("gs1", "digital_link") else None
    return ReceivingScan(result, match)
