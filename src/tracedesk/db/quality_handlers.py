"""Projection of QA decisions: holds, releases, rejections, recalls, corrections, complaints.

A lot may carry several open holds at once (one row each in `holds`); its `status` is
`on_hold` while any of its own holds is open and returns to the disposition beneath
(`status_before_hold`) when the last one closes, whatever order they close in. Suspicion
spread to downstream lots is not stored: it is derived when asked (`db.hold_queries`), so a
lot recorded later from held material is suspect without any handler having to know.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select, update

from tracedesk.core.errors import DatabaseError
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.lot_status import rederive_lots
from tracedesk.db.models import Complaint, Hold, Lot, Recall, Signature
from tracedesk.db.ordering import later_changed_fields
from tracedesk.db.projector import HandlerTable, Projector, _date, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)

# Lot fields a correcting event may change, and how their stored value is read back.
CORRECTABLE_FIELDS: dict[str, Callable[[Any], Any]] = {
    "supplier_lot": str,
    "manufacturer_lot": str,
    "po": str,
    "expiry": _date,
    "manufactured_on": _date,
}


def refresh_hold_status(p: Projector, lot_ids: Iterable[int]) -> None:
    """Derive each lot's status, shown reason and holds' closing from its QA events (db.lot_status)."""
    rederive_lots(p, lot_ids)


def _sign(p: Projector, e: StoredEvent, lot_id: int | None) -> None:
    signature = e.payload.get("signature")
    if signature:
        p.session.add(
            Signature(
                event_seq=e.seq,
                lot_id=lot_id,
                signer=signature["signer"],
                signer_name=signature["name"],
                role=signature["role"],
                meaning=signature["meaning"],
                signed_at=_time(signature["signed_at"]),
            )
        )


def _place_holds(p: Projector, e: StoredEvent, lot_ids: list[int], *, spreads: bool, recall: str | None) -> None:
    for lot_id in lot_ids:
        p.session.add(
            Hold(
                lot_id=lot_id,
                reason=e.payload["reason"],
                placed_by=e.user,
                placed_at=e.recorded_at,
                created_event=e.seq,
                spreads=spreads,
                recall=recall,
            )
        )
    p.session.flush()


@handles("lot_held")
def _lot_held(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    for e in events:
        _place_holds(p, e, [lots[e.payload["lot"]]], spreads=e.payload.get("spreads", True), recall=None)
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)
    refresh_hold_status(p, lots.values())


@handles("hold_released")
def _hold_released(p: Projector, events: list[StoredEvent]) -> None:
    """Close the named holds (or every open hold of the lot when none is named): see db.lot_status."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)
    refresh_hold_status(p, lots.values())
    for e in events:
        _sign(p, e, lots[e.payload["lot"]])
    p.session.flush()


def _disposition(p: Projector, events: list[StoredEvent]) -> None:
    """A release or a rejection: the lot's status is folded again with it in its place (db.lot_status)."""
    lots = p.lot_ids(e.payload["lot"] for e in events)
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)
    refresh_hold_status(p, lots.values())
    for e in events:
        _sign(p, e, lots[e.payload["lot"]])
    p.session.flush()


@handles("lot_released")
def _lot_released(p: Projector, events: list[StoredEvent]) -> None:
    _disposition(p, events)


@handles("lot_rejected")
def _lot_rejected(p: Projector, events: list[StoredEvent]) -> None:
    _disposition(p, events)


@handles("import_signed")
def _import_signed(p: Projector, events: list[StoredEvent]) -> None:
    # One signature for the QA decisions of a whole import (the lot events that follow it on the
    # same station's chain, `events` of them): kept without a lot, found from a lot's origin.
    for e in events:
        _sign(p, e, None)
    p.session.flush()


@handles("recall_started")
def _recall_started(p: Projector, events: list[StoredEvent]) -> None:
    """One event holds every affected lot: the recall is one step in the log too."""
    for e in events:
        lots = p.lot_ids(e.payload["lots"])
        ids = [lots[code] for code in e.payload["lots"]]
        p.session.add(
            Recall(
                code=e.payload["recall"],
                reason=e.payload["reason"],
                sources=json.dumps(e.payload["sources"]),
                started_by=e.user,
                started_at=e.recorded_at,
                lot_count=len(ids),
                created_event=e.seq,
            )
        )
        _place_holds(p, e, ids, spreads=True, recall=e.payload["recall"])
        _sign(p, e, None)
        p.touch_lots((lot_id, e.seq) for lot_id in ids)
        refresh_hold_status(p, ids)


@handles("lot_corrected")
def _lot_corrected(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    for e in events:
        values: dict[str, Any] = {}
        # A correction of the same field recorded later (at another station) is not undone by this one.
        outdated = later_changed_fields(p.session, e, (e.type,), {"lot": e.payload["lot"]})
        for field, (_old, new) in e.payload["changes"].items():
            if field not in outdated:
                values[field] = CORRECTABLE_FIELDS[field](new) if new not in (None, "") else None
        if values:
            p.session.execute(update(Lot).where(Lot.id == lots[e.payload["lot"]]).values(**values))
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)


@handles("complaint_registered")
def _complaint_registered(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    customers = p.party_ids("customer", (e.payload.get("customer") for e in events))
    p.insert(
        Complaint,
        [
            {
                "code": e.payload["complaint"],
                "lot_id": lots[e.payload["lot"]],
                "customer_id": customers.get(e.payload.get("customer")),
                "text": e.payload["text"],
                "attachments": "\n".join(e.payload.get("attachments") or []),
                "status": "open",
                "conclusion": "",
                "received_at": _time(e.payload["received_at"]),
                "registered_by": e.user,
                "closed_at": None,
                "action": "",
                "created_event": e.seq,
            }
            for e in events
        ],
    )
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)


@handles("complaint_updated")
def _complaint_updated(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        complaint = p.session.scalar(select(Complaint).where(Complaint.code == e.payload["complaint"]))
        if complaint is None:
            raise DatabaseError(
                "An event refers to complaint {complaint}, which this database does not have; check it with tracedesk audit verify.",
                complaint=e.payload["complaint"],
            )
        outdated = later_changed_fields(p.session, e, (e.type,), {"complaint": e.payload["complaint"]})
        for field, (_old, new) in e.payload["changes"].items():
            if field not in outdated:
                setattr(complaint, field, _time(new) if field == "closed_at" else new)
        if e.payload.get("attachments"):
            complaint.attachments = "\n".join([*filter(None, complaint.attachments.split("\n")), *e.payload["attachments"]])
        p.session.flush()
        p.touch_lots([(complaint.lot_id, e.seq)])


@handles("mock_recall_completed")
def _mock_recall_completed(p: Projector, events: list[StoredEvent]) -> None:
    """A timed exercise: the log keeps it as evidence; it changes no state."""
    lots = p.lot_ids(code for e in events for code in e.payload["sources"])
    p.touch_lots((lots[code], e.seq) for e in events for code in e.payload["sources"] if code in lots)
