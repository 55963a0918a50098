"""The trace dossier of a lot: the lot, its family tree, timeline, inspections, holds, shipments.

One PDF a QA person can file or send: everything the system knows about the lot, in the
order an auditor reads it. Chinese item and customer names are drawn with the CJK font.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.messages import Message, format_date, format_datetime, msg
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import event_name, word
from tracedesk.db.models import Event, Inspection, Signature
from tracedesk.services.audit_trail import AuditEntry, AuditFilter, audit_entries
from tracedesk.services.dto import TraceResult
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.quality import HoldInfo, holds_of, signature_meaning
from tracedesk.services.reports.pdf import BODY, TITLE, build, para, section
from tracedesk.services.trace import trace_lot


@dataclass(frozen=True)
class InspectionRecord:
    inspected_at: datetime
    result: str
    inspector: str
    notes: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class SignatureRecord:
    signed_at: datetime
    signer: str
    signer_name: str
    role: str
    meaning: str


@dataclass(frozen=True)
class Dossier:
    trace: TraceResult
    timeline: tuple[AuditEntry, ...]
    inspections: tuple[InspectionRecord, ...]
    holds: tuple[HoldInfo, ...]
    signatures: tuple[SignatureRecord, ...]
    prepared_at: datetime


def lot_dossier(session: Session, code: str, *, now: datetime) -> Dossier:
    lot = lot_by_code(session, code)
    inspections = tuple(
        InspectionRecord(i.inspected_at, i.result, i.inspector, i.notes, tuple(filter(None, i.attachments.split("\n"))))
        for i in session.scalars(select(Inspection).where(Inspection.lot_id == lot.id).order_by(Inspection.id))
    )
    signatures = tuple(
        SignatureRecord(s.signed_at, s.signer, s.signer_name, s.role, s.meaning)
        for s in [
            *_import_signatures(session, lot.created_event),
            *session.scalars(select(Signature).where(Signature.lot_id == lot.id).order_by(Signature.id)),
        ]
    )
    return Dossier(
        trace_lot(session, lot.code),
        tuple(audit_entries(session, AuditFilter(lot=lot.code))),
        inspections,
        tuple(holds_of(session, lot.code)),
        signatures,
        now,
    )


def _import_signatures(session: Session, created_event: int) -> list[Signature]:
    """The signature of the import that recorded the lot, if one vouched for its status.

    An `import_signed` event precedes the events of its import on the same station's chain, and
    says how many follow: the lot is covered when its origin event is among them.
    """
    origin = session.get(Event, created_event)
    if origin is None:
        return []
    found: list[Signature] = []
    for seq, station_seq, payload in session.execute(
        select(Event.seq, Event.station_seq, Event.payload).where(
            Event.type == "import_signed", Event.station == origin.station, Event.station_seq < origin.station_seq
        )
    ):
        if station_seq + int(json.loads(payload).get("events", 0)) >= origin.station_seq:
            found.extend(session.scalars(select(Signature).where(Signature.event_seq == seq)))
    return found


def _utc(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


def write_dossier_pdf(dossier: Dossier, path: Path, language: str | None = None) -> None:
    """The dossier as PDF, every heading and sentence in `language` (default: the process's)."""
    lot = dossier.trace.lot
    status: Message | str = word(lot.status)
    if lot.hold_reason:
        status = msg("{status} ({reason})", status=status, reason=lot.hold_reason)
    if lot.suspect_reason:
        status = msg("{status}; suspect: {reason}", status=status, reason=lot.suspect_reason)
    received = lot.received_at or lot.produced_at
    facts: list[tuple[Message, object]] = [
        (msg("Item"), f"{lot.item} — {lot.item_name}"),
        (msg("Quantity / balance"), f"{format_quantity(lot.quantity)} / {format_quantity(lot.balance)} {lot.unit}"),
        (msg("Status"), status),
        (msg("Origin"), word(lot.origin)),
        (msg("Supplier"), f"{lot.supplier or ''} {lot.supplier_name or ''}".strip()),
        (msg("Supplier lot"), lot.supplier_lot or ""),
        (msg("PO"), lot.po or ""),
        (msg("Order"), lot.order or ""),
        (msg("Received / produced"), format_datetime(received) if received else ""),
        (msg("Expiry"), format_date(lot.expiry) if lot.expiry else ""),
        (msg("GTIN"), lot.gtin or ""),
        (msg("Location"), lot.location or ""),
    ]
    story: list[Flowable] = [
        para(msg("Trace dossier — lot {lot}", lot=lot.code), TITLE, language),
        para(msg("{name}. Prepared {time} UTC.", name=lot.item_name, time=_utc(dossier.prepared_at)), BODY, language),
    ]
    story += section(msg("The lot"), (msg("Field"), msg("Value")), facts, (45, 137), language)
    up, down = msg("made from"), msg("made into")
    tree = [(up, n.depth, n.code, f"{n.item} {n.item_name}", word(n.status), n.via) for n in dossier.trace.upstream]
    tree += [(down, n.depth, n.code, f"{n.item} {n.item_name}", word(n.status), n.via) for n in dossier.trace.downstream]
    story += section(
        msg("Family tree (made from / made into)"),
        (msg("Direction"), msg("Depth"), msg("Lot"), msg("Item"), msg("Status"), msg("Via")),
        tree,
        (18, 13, 32, 70, 20, 29),
        language,
    )
    story += section(
        msg("Timeline of events"),
        (msg("Local time"), msg("Event"), msg("User"), msg("Station"), msg("Details")),
        [(f"{e.local_time:%Y-%m-%d %H:%M}", event_name(e.type), e.user, e.station, e.summary) for e in dossier.timeline],
        (28, 30, 18, 16, 90),
        language,
    )
    story += section(
        msg("Inspections"),
        (msg("Time (UTC)"), msg("Result"), msg("Inspector"), msg("Notes"), msg("Attachments")),
        [(_utc(i.inspected_at), word(i.result), i.inspector, i.notes, ", ".join(i.attachments)) for i in dossier.inspections],
        (28, 20, 22, 70, 42),
        language,
    )
    story += section(
        msg("Holds"),
        (msg("Hold"), msg("Reason"), msg("Placed"), msg("Closed"), msg("Outcome")),
        [
            (
                f"H{h.number}" + (f" ({h.recall})" if h.recall else ""),
                h.reason,
                f"{h.placed_by} {_utc(h.placed_at)}",
                f"{h.closed_by} {_utc(h.closed_at)}" if h.closed_at else word("open"),
                word(h.outcome) if h.outcome else "",
            )
            for h in dossier.holds
        ],
        (22, 60, 38, 38, 24),
        language,
    )
    story += section(
        msg("Electronic signatures"),
        (msg("Signed (UTC)"), msg("Signer"), msg("Role"), msg("Meaning")),
        [
            (_utc(s.signed_at), f"{s.signer} {s.signer_name}", word(s.role), signature_meaning(s.meaning))
            for s in dossier.signatures
        ],
        (30, 50, 20, 82),
        language,
    )
    story += section(
        msg("Shipments of the lot and of lots made from it"),
        (msg("Shipped"), msg("Lot"), msg("Customer"), msg("Quantity"), msg("Document")),
        [
            (
                format_date(s.shipped_at.date()),
                s.lot,
                f"{s.customer} {s.customer_name}",
                f"{format_quantity(s.quantity)} {s.unit}",
                s.document,
            )
            for s in dossier.trace.shipments
        ],
        (24, 32, 66, 30, 30),
        language,
    )
    build(path, story, title=msg("Trace dossier {lot}", lot=lot.code).render(language), language=language)
