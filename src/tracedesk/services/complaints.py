"""Customer complaints against a lot or serial: registered, investigated, closed with a conclusion.

Attachments are copied into the data directory (the complaint keeps working when the original
file moves); a confirmed complaint can start a hold or a recall of its lot in the same step.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import msg
from tracedesk.core.parsing import check_regular_file, clean_text
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.models import Complaint, Lot, Party
from tracedesk.db.rows import referenced
from tracedesk.services.dto import TraceResult
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, party_by_code
from tracedesk.services.permissions import Action, require
from tracedesk.services.quality import hold_lot
from tracedesk.services.recall import start_recall
from tracedesk.services.trace import trace_lot

STATUSES = ("open", "investigating", "closed")
ACTIONS = ("none", "hold", "recall")


@dataclass(frozen=True)
class ComplaintInfo:
    code: str
    lot: str
    customer: str | None
    text: str
    status: str
    conclusion: str
    received_at: datetime
    registered_by: str
    attachments: tuple[str, ...]
    action: str = ""
    cause: str = ""


def _info(session: Session, c: Complaint) -> ComplaintInfo:
    lot = referenced(session, Lot, c.lot_id)
    customer = session.get(Party, c.customer_id) if c.customer_id else None
    return ComplaintInfo(
        c.code,
        lot.code,
        customer.code if customer else None,
        c.text,
        c.status,
        c.conclusion,
        c.received_at,
        c.registered_by,
        tuple(filter(None, c.attachments.split("\n"))),
        c.action,
        c.cause,
    )


def _complaint(session: Session, code: str) -> Complaint:
    found = session.scalar(select(Complaint).where(Complaint.code == code.strip()))
    if found is None:
        raise NotFound("There is no complaint '{code}'.", code=code.strip())
    return found


def _copy_attachments(paths: Sequence[Path | str], store: Path, code: str) -> list[str]:
    """Copy files under store/complaints/CODE; the event records the stored names and a digest."""
    stored = []
    for original in paths:
        check_regular_file(original, what="attachment")
    target = store / "complaints" / code
    for original in map(Path, paths):
        target.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(original.read_bytes()).hexdigest()[:12]
        name = f"{digest}-{original.name}"
        shutil.copy2(original, target / name)
        stored.append(f"complaints/{code}/{name}")
    return stored


def register_complaint(
    session: Session,
    actor: Actor,
    *,
    lot: str,
    text: str,
    store: Path,
    customer: str | None = None,
    attachments: Sequence[Path | str] = (),
) -> ComplaintInfo:
    """Register a complaint against our lot (or a serial, which is a lot of one)."""
    require(session, actor, Action.COMPLAINTS)
    the_lot = lot_by_code(session, lot)
    text = clean_text(text, what="complaint text", max_length=4000, multiline=True)
    if not text:
        raise InvalidInput("Describe the complaint: what the customer found.")
    party = party_by_code(session, "customer", customer) if customer else None
    code = f"CP-{actor.station}-{(session.scalar(select(func.count()).select_from(Complaint)) or 0) + 1:04}"
    files = _copy_attachments(attachments, store, code)
    apply_event(
        session,
        actor,
        "complaint_registered",
        {
            "complaint": code,
            "lot": the_lot.code,
            "customer": party.code if party else None,
            "text": text,
            "attachments": files,
            "received_at": iso_utc(actor.now()),
        },
    )
    return _info(session, _complaint(session, code))


def update_complaint(
    session: Session,
    actor: Actor,
    *,
    code: str,
    status: str,
    conclusion: str = "",
    cause: str = "",
    action: str = "none",
    reason: str = "",
    attachments: Sequence[Path | str] = (),
    store: Path | None = None,
) -> ComplaintInfo:
    """Move a complaint on; closing needs a conclusion; `action` hold/recall acts on its lot now.

    `cause` names what the complaint came from in a few words (the Pareto of causes groups by it).
    """
    require(session, actor, Action.INVESTIGATE)
    complaint = _complaint(session, code)
    if status not in STATUSES or action not in ACTIONS:
        raise InvalidInput("Status is one of {statuses}; action one of {actions}.", statuses=STATUSES, actions=ACTIONS)
    if complaint.status == "closed":
        raise Refused("Complaint {complaint} is closed; register a new one to reopen the matter.", complaint=complaint.code)
    conclusion = clean_text(conclusion, what="conclusion", max_length=4000, multiline=True)
    reason = clean_text(reason, what="reason", max_length=500)
    cause = clean_text(cause, what="cause", max_length=100)
    if status == "closed" and not conclusion:
        raise InvalidInput("Closing a complaint needs a conclusion (root cause, what was done).")
    lot = referenced(session, Lot, complaint.lot_id)
    # A reason the system writes is recorded in the language of the person acting.
    why = reason or str(msg("complaint {complaint}: {text}", complaint=complaint.code, text=complaint.text[:200]))
    if action == "hold":
        hold_lot(session, actor, lot=lot.code, reason=why)
    elif action == "recall":
        start_recall(session, actor, reason=why, lots=[lot.code])
    changes: dict[str, list[str | None]] = {}
    if status != complaint.status:
        changes["status"] = [complaint.status, status]
    if conclusion and conclusion != complaint.conclusion:
        changes["conclusion"] = [complaint.conclusion, conclusion]
    if cause and cause != complaint.cause:
        changes["cause"] = [complaint.cause, cause]
    if action != "none":
        changes["action"] = [complaint.action, action]
    if status == "closed":
        changes["closed_at"] = [None, iso_utc(actor.now())]
    files = _copy_attachments(attachments, store, complaint.code) if attachments and store else []
    if not changes and not files:
        raise InvalidInput("Nothing changes on complaint {complaint}.", complaint=complaint.code)
    apply_event(session, actor, "complaint_updated", {"complaint": complaint.code, "changes": changes, "attachments": files})
    return _info(session, _complaint(session, code))


def list_complaints(session: Session, *, status: str | None = None) -> list[ComplaintInfo]:
    stmt = select(Complaint).order_by(Complaint.id)
    if status:
        stmt = stmt.where(Complaint.status == status)
    return [_info(session, c) for c in session.scalars(stmt)]


def complaint_trace(session: Session, code: str) -> tuple[ComplaintInfo, TraceResult]:
    """The complaint with its lot's trace: where it came from, where else it went."""
    complaint = _info(session, _complaint(session, code))
    return complaint, trace_lot(session, complaint.lot)
