"""Advance-notice lines as the receiving desk reads them, and what a receipt finds different from its line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.errors import NotFound
from tracedesk.core.messages import Message, msg
from tracedesk.core.quantity import format_quantity
from tracedesk.db.models import AdvanceNotice, Item, NoticeLine, NoticeReceipt, Party


@dataclass(frozen=True)
class NoticeLineInfo:
    """An expected receipt as the receiving clerk sees it."""

    key: str
    notice: str
    supplier: str | None
    supplier_name: str
    despatch: str | None
    po: str | None
    shipped_at: datetime
    gtin: str
    item: str | None  # None: the GTIN belongs to no item of ours
    item_name: str
    supplier_lot: str | None
    serial: str | None
    expected: Decimal
    received: Decimal
    unit: str
    expiry: date | None
    best_before: date | None
    production_date: date | None
    ssccs: tuple[str, ...]

    @property
    def remaining(self) -> Decimal:
        return max(self.expected - self.received, Decimal(0))


def _lines(session: Session, *where: Any) -> list[NoticeLineInfo]:
    received = (
        select(NoticeReceipt.line_key, func.sum(NoticeReceipt.quantity).label("total"))
        .group_by(NoticeReceipt.line_key)
        .subquery()
    )
    stmt = (
        select(NoticeLine, AdvanceNotice, Party.code, Party.name, Item.code, Item.name, received.c.total)
        .join(AdvanceNotice, AdvanceNotice.id == NoticeLine.notice_id)
        .outerjoin(Party, Party.id == AdvanceNotice.supplier_id)
        .outerjoin(Item, Item.gtin == NoticeLine.gtin)
        .outerjoin(received, received.c.line_key == NoticeLine.key)
        .where(*where)
        .order_by(AdvanceNotice.shipped_at, NoticeLine.key)
    )
    result = []
    for line, notice, supplier, supplier_name, item, item_name, total in session.execute(stmt):
        result.append(
            NoticeLineInfo(
                line.key,
                notice.key,
                supplier,
                supplier_name or notice.shipper,
                notice.despatch,
                notice.po,
                notice.shipped_at,
                line.gtin,
                item,
                item_name or "",
                line.supplier_lot,
                line.serial,
                line.quantity,
                total or Decimal(0),
                line.unit,
                line.expiry,
                line.best_before,
                line.production_date,
                tuple(line.ssccs.split()),
            )
        )
    return result


def open_notice_lines(session: Session) -> list[NoticeLineInfo]:
    """Expected receipts not yet received in full, oldest shipment first."""
    return [line for line in _lines(session) if line.remaining > 0]


def notice_line(session: Session, key: str) -> NoticeLineInfo:
    found = _lines(session, NoticeLine.key == key.strip())
    if not found:
        raise NotFound("There is no advance-notice line {line}.", line=key.strip())
    return found[0]


def differences(
    line: NoticeLineInfo, *, item: str, supplier_lot: str, quantity: Decimal, expiry: date | None, supplier: str
) -> list[dict[str, str]]:
    """What a receipt against `line` found different from the notice (kept with the receipt)."""
    found: list[dict[str, str]] = []
    if line.item is None:
        found.append({"kind": "item_unknown", "gtin": line.gtin, "received": item})
    elif line.item != item:
        found.append({"kind": "item_different", "expected": line.item, "received": item})
    expected_lot = line.serial or line.supplier_lot
    if expected_lot and supplier_lot.strip() != expected_lot:
        found.append({"kind": "lot_unexpected", "expected": expected_lot, "received": supplier_lot.strip()})
    if quantity < line.remaining:
        found.append(
            {"kind": "quantity_short", "expected": format_quantity(line.remaining), "received": format_quantity(quantity)}
        )
    elif quantity > line.remaining:
        found.append(
            {"kind": "quantity_over", "expected": format_quantity(line.remaining), "received": format_quantity(quantity)}
        )
    if line.expiry and expiry and expiry != line.expiry:
        found.append({"kind": "expiry_different", "expected": line.expiry.isoformat(), "received": expiry.isoformat()})
    if line.supplier and supplier != line.supplier:
        found.append({"kind": "supplier_different", "expected": line.supplier, "received": supplier})
    return found


def describe(difference: dict[str, str], unit: str = "") -> Message:
    """A difference as a sentence for the clerk and the receipt's history."""
    kind = difference["kind"]
    if kind == "item_unknown":
        return msg(
            "GTIN {gtin} of the notice belongs to no item; received as {item}.",
            gtin=difference["gtin"],
            item=difference["received"],
        )
    if kind == "item_different":
        return msg("Received as item {received}, the notice says {expected}.", **difference)
    if kind == "lot_unexpected":
        return msg("Lot {received} is not the lot {expected} of the notice.", **difference)
    if kind == "quantity_short":
        return msg("Short: {received} {unit} received, {expected} {unit} expected.", unit=unit, **difference)
    if kind == "quantity_over":
        return msg("Over: {received} {unit} received, {expected} {unit} expected.", unit=unit, **difference)
    if kind == "expiry_different":
        return msg("Expiry {received}, the notice says {expected}.", **difference)
    return msg("Supplier {received}, the notice comes from {expected}.", **difference)
