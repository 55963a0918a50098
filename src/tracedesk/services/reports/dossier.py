"""The trace dossier of a lot: the lot, its family tree, timeline, inspections, holds, shipments.

One PDF a QA person can file or send: everything the system knows about the lot, in the
order an auditor reads it. Chinese item and customer names are drawn with the CJK font.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.db.models import Inspection, Signature
from tracedesk.services.audit_trail import AuditEntry, AuditFilter, audit_entries
from tracedesk.services.dto import TraceResult
from tracedesk.services.lookup import lot_by_code
from tracedesk.services.quality import HoldInfo, holds_of
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
        for s in session.scalars(select(Signature).where(Signature.lot_id == lot.id).order_by(Signature.id))
    )
    return Dossier(
        trace_lot(session, lot.code),
        tuple(audit_entries(session, AuditFilter(lot=lot.code))),
        inspections,
        tuple(holds_of(session, lot.code)),
        signatures,
        now,
    )


def write_dossier_pdf(dossier: Dossier, path: Path) -> None:
    lot = dossier.trace.lot
    status = lot.status.replace("_", " ") + (f" ({lot.hold_reason})" if lot.hold_reason else "")
    if lot.suspect_reason:
        status += f"; suspect: {lot.suspect_reason}"
    facts = [
        ("Item", f"{lot.item} — {lot.item_name}"),
        ("Quantity / balance", f"{lot.quantity} / {lot.balance} {lot.unit}"),
        ("Status", status),
        ("Origin", lot.origin),
        ("Supplier", f"{lot.supplier or ''} {lot.supplier_name or ''}".strip()),
        ("Supplier lot", lot.supplier_lot or ""),
        ("PO", lot.po or ""),
        ("Order", lot.order or ""),
        ("Received / produced", f"{lot.received_at or lot.produced_at or ''}"),
        ("Expiry", f"{lot.expiry or ''}"),
        ("GTIN", lot.gtin or ""),
        ("Location", lot.location or ""),
    ]
    story: list[Flowable] = [
        para(f"Trace dossier — lot {lot.code}", TITLE),
        para(f"{lot.item_name}. Prepared {dossier.prepared_at:%Y-%m-%d %H:%M} UTC.", BODY),
    ]
    story += section("The lot", ("Field", "Value"), facts, (45, 137))
    tree = [("up", n.depth, n.code, f"{n.item} {n.item_name}", n.status, n.via) for n in dossier.trace.upstream]
    tree += [("down", n.depth, n.code, f"{n.item} {n.item_name}", n.status, n.via) for n in dossier.trace.downstream]
    story += section(
        "Family tree (made from / made into)",
        ("Direction", "Depth", "Lot", "Item", "Status", "Via"),
        tree,
        (18, 13, 32, 70, 20, 29),
    )
    story += section(
        "Timeline of events",
        ("Local time", "Event", "User", "Station", "Details"),
        [(f"{e.local_time:%Y-%m-%d %H:%M}", e.type.replace("_", " "), e.user, e.station, e.summary) for e in dossier.timeline],
        (28, 30, 18, 16, 90),
    )
    story += section(
        "Inspections",
        ("Time (UTC)", "Result", "Inspector", "Notes", "Attachments"),
        [
            (f"{i.inspected_at:%Y-%m-%d %H:%M}", i.result, i.inspector, i.notes, ", ".join(i.attachments))
            for i in dossier.inspections
        ],
        (28, 20, 22, 70, 42),
    )
    story += section(
        "Holds",
        ("Hold", "Reason", "Placed", "Closed", "Outcome"),
        [
            (
                f"H{h.number}" + (f" ({h.recall})" if h.recall else ""),
                h.reason,
                f"{h.placed_by} {h.placed_at:%Y-%m-%d %H:%M}",
                f"{h.closed_by} {h.closed_at:%Y-%m-%d %H:%M}" if h.closed_at else "open",
                h.outcome or "",
            )
            for h in dossier.holds
        ],
        (22, 60, 38, 38, 24),
    )
    story += section(
        "Electronic signatures",
        ("Signed (UTC)", "Signer", "Role", "Meaning"),
        [(f"{s.signed_at:%Y-%m-%d %H:%M}", f"{s.signer} {s.signer_name}", s.role, s.meaning) for s in dossier.signatures],
        (30, 50, 20, 82),
    )
    story += section(
        "Shipments of the lot and of lots made from it",
        ("Shipped", "Lot", "Customer", "Quantity", "Document"),
        [
            (f"{s.shipped_at:%Y-%m-%d}", s.lot, f"{s.customer} {s.customer_name}", f"{s.quantity} {s.unit}", s.document)
            for s in dossier.trace.shipments
        ],
        (24, 32, 66, 30, 30),
    )
    build(path, story, title=f"Trace dossier {lot.code}")
