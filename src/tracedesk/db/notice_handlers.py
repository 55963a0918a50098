"""Projection of advance notices (a supplier's EPCIS shipping events) and of receipts made against them.

A notice is keyed by a hash of its content, so the same notice recorded at two stations (both
imported the supplier's file offline) is one notice wherever the events arrive first: the
second is a fact in the log that adds nothing to the state. Receipts name notice lines by
key and are a set of links, so they too do not depend on arrival order.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.models import AdvanceNotice, NoticeLine, NoticeReceipt, NoticeSscc
from tracedesk.db.projector import HandlerTable, Ids, Projector, _date, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


@handles("notice_recorded")
def _notice_recorded(p: Projector, events: list[StoredEvent]) -> None:
    keys = [e.payload["notice"] for e in events]
    known = set(p.session.scalars(select(AdvanceNotice.key).where(AdvanceNotice.key.in_(keys))))
    fresh: dict[str, StoredEvent] = {}
    for e in events:
        if e.payload["notice"] not in known:
            fresh.setdefault(e.payload["notice"], e)
    if not fresh:
        return
    suppliers = p.party_ids("supplier", (e.payload["supplier"] for e in fresh.values() if e.payload.get("supplier")))
    p.insert(
        AdvanceNotice,
        [
            {
                "key": key,
                "epcis_event_id": e.payload.get("epcis_event_id"),
                "supplier_id": suppliers.get(e.payload.get("supplier") or ""),
                "shipper": e.payload.get("shipper") or "",
                "despatch": e.payload.get("despatch"),
                "po": e.payload.get("po"),
                "shipped_at": _time(e.payload["shipped_at"]),
                "source": e.payload.get("source") or "",
                "created_event": e.seq,
            }
            for key, e in fresh.items()
        ],
    )
    notices = dict(p.session.execute(select(AdvanceNotice.key, AdvanceNotice.id).where(AdvanceNotice.key.in_(list(fresh)))).all())
    lines: list[dict[str, Any]] = [
        {
            "notice_id": notices[key],
            "key": line["line"],
            "position": position,
            "gtin": line["gtin"],
            "supplier_lot": line.get("lot"),
            "serial": line.get("serial"),
            "quantity": Decimal(line["quantity"]),
            "unit": line["unit"],
            "expiry": _date(line.get("expiry")),
            "best_before": _date(line.get("best_before")),
            "production_date": _date(line.get("production_date")),
            "ssccs": " ".join(line.get("ssccs") or []),
        }
        for key, e in fresh.items()
        for position, line in enumerate(e.payload["lines"], start=1)
    ]
    p.insert(NoticeLine, lines)
    line_ids = dict(
        p.session.execute(select(NoticeLine.key, NoticeLine.id).where(NoticeLine.notice_id.in_(notices.values()))).all()
    )
    units = {(sscc, line_ids[line["key"]]) for line in lines for sscc in line["ssccs"].split()}
    p.insert(NoticeSscc, [{"sscc": sscc, "line_id": line_id} for sscc, line_id in sorted(units)])


def record_notice_receipts(p: Projector, events: list[StoredEvent], lots: Ids) -> None:
    """Link lots received against a notice line to it, with the differences the receipt found."""
    rows = [
        {
            "line_key": e.payload["notice_line"],
            "lot_id": lots[e.payload["lot"]],
            "quantity": Decimal(e.payload["quantity"]),
            "differences": json.dumps(e.payload.get("differences") or [], ensure_ascii=False, sort_keys=True),
            "created_event": e.seq,
        }
        for e in events
        if e.payload.get("notice_line")
    ]
    if rows:
        p.insert(NoticeReceipt, rows)
