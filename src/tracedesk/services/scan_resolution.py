"""What a scan refers to: our lot label, a supplier's GS1 code, an RFID EPC, or nothing we know.

`resolve_scan` never records anything; each workspace decides what to do with the answer
(receiving offers to register an unknown supplier lot, production refuses it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tracedesk.core.codes import ScannedCode, parse_scan
from tracedesk.core.codes.ai_table import measure_of
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg
from tracedesk.db.models import Item, Lot
from tracedesk.services.conflicts import open_conflicts_of
from tracedesk.services.dto import ItemInfo, LotInfo
from tracedesk.services.lookup import lot_info
from tracedesk.services.masterdata import item_info


class Resolution(StrEnum):
    LOT = "lot"  # exactly one lot
    CHOOSE = "choose"  # several lots match (same supplier lot from two suppliers ...): let the user pick
    NEW_SUPPLIER_LOT = "new_supplier_lot"  # a known item's supplier lot that was never received
    UNKNOWN_ITEM = "unknown_item"  # a GS1 code whose GTIN is not in the item master
    UNKNOWN = "unknown"  # plain text that is no lot we know


@dataclass(frozen=True)
class SupplierLabel:
    """What a supplier's GS1 label says, ready to fill the receiving form."""

    gtin: str | None = None
    supplier_lot: str | None = None
    serial: str | None = None
    expiry: date | None = None
    manufactured_on: date | None = None
    quantity: Decimal | None = None


@dataclass(frozen=True)
class ScanResult:
    """The answer to a scan: what kind of match, the lots, and the item and label data if any."""

    resolution: Resolution
    code: ScannedCode
    message: Message
    lots: tuple[LotInfo, ...] = ()
    item: ItemInfo | None = None
    label: SupplierLabel = field(default_factory=SupplierLabel)

    @property
    def lot(self) -> LotInfo | None:
        return self.lots[0] if self.resolution is Resolution.LOT else None


def supplier_label(code: ScannedCode) -> SupplierLabel:
    """The receiving fields a GS1 code carries: (10) batch, (21) serial, (17)/(15) expiry, (11), (30)/(310n)."""
    fields = code.fields
    quantity: Decimal | None = None
    try:
        if "30" in fields:
            quantity = Decimal(int(fields["30"]))
        else:
            for ai, value in fields.items():
                if ai.startswith("310") and (measure := measure_of(ai, value)) is not None:  # net weight in kg
                    quantity = measure[0].normalize()
                    break
        if quantity is None and "37" in fields:
            quantity = Decimal(int(fields["37"]))
    except (ValueError, InvalidOperation):
        quantity = None
    if quantity is not None and quantity == quantity.to_integral_value():
        quantity = quantity.quantize(Decimal(1))
    return SupplierLabel(
        gtin=code.gtin,
        supplier_lot=code.lot,
        serial=code.serial,
        expiry=code.dates.get("17") or code.dates.get("15"),
        manufactured_on=code.dates.get("11"),
        quantity=quantity,
    )


def resolve_scan(session: Session, text: str, *, today: date) -> ScanResult:
    """Turn scanned text into the lot(s) it means; raises InvalidInput for a malformed code."""
    # Lenient: a carton may spread its data over several barcodes; receiving checks the fields.
    try:
        code = parse_scan(text, today=today, strict=False)
    except InvalidInput as error:
        # Digits that are not valid GS1 may still be a lot code typed or printed plainly
        # (imported history often has numeric lot numbers): those win over the parse error.
        known = _plain_lot_match(session, text)
        if known is None:
            raise InvalidInput("{error} Scan the label again, or type the lot code.", error=error) from None
        return known
    if code.kind == "internal":
        if code.lot is None:
            raise InvalidInput("The code {code} names no lot; scan the label again, or type the lot code.", code=text.strip())
        return _by_lot_codes(
            session, code, [code.lot], msg("There is no lot {lot}; the label may be from another plant.", lot=code.lot)
        )
    if code.kind in ("gs1", "digital_link", "epc"):
        result = _by_gs1(session, code)
        if not result.lots and code.kind == "gs1" and code.symbology is None:
            # Bare digits read as GS1 without a scanner's AIM prefix: maybe a plain lot code.
            return _plain_lot_match(session, text) or result
        return result
    return _by_text(session, code)


def _result(
    session: Session,
    code: ScannedCode,
    lots: list[Lot],
    *,
    item: ItemInfo | None = None,
    label: SupplierLabel | None = None,
    missing: Message,
    missing_kind: Resolution = Resolution.UNKNOWN,
) -> ScanResult:
    label = label or SupplierLabel()
    if len(lots) == 1:
        [info] = _with_conflicts(session, [lot_info(session, lots[0])])
        return ScanResult(Resolution.LOT, code, msg("Lot {lot}", lot=info.code), (info,), item, label)
    if lots:
        infos = _with_conflicts(session, [lot_info(session, lot) for lot in lots])
        return ScanResult(
            Resolution.CHOOSE, code, msg("{count} lots match this code; choose one.", count=len(infos)), infos, item, label
        )
    return ScanResult(missing_kind, code, missing, (), item, label)


def _with_conflicts(session: Session, infos: list[LotInfo]) -> tuple[LotInfo, ...]:
    """The lots with the open conflicts between stations they are part of (the banner says so)."""
    found = open_conflicts_of(session, [info.code for info in infos])
    return tuple(info._replace(open_conflicts=tuple(c.id for c in found.get(info.code, []))) for info in infos)


def _by_lot_codes(session: Session, code: ScannedCode, codes: list[str], missing: Message) -> ScanResult:
    lots = list(session.scalars(select(Lot).where(Lot.code.in_(codes)).order_by(Lot.id)))
    return _result(session, code, lots, missing=missing)


def _by_gs1(session: Session, code: ScannedCode) -> ScanResult:
    label = supplier_label(code)
    if not code.gtin:
        # A GS1 code with a batch but no GTIN (a second carton barcode): match the batch alone.
        if label.supplier_lot:
            lots = list(session.scalars(select(Lot).where(Lot.supplier_lot == label.supplier_lot).order_by(Lot.id)))
            return _result(
                session,
                code,
                lots,
                label=label,
                missing=msg("No lot was received with supplier lot {supplier_lot}.", supplier_lot=label.supplier_lot),
                missing_kind=Resolution.NEW_SUPPLIER_LOT,
            )
        return ScanResult(Resolution.UNKNOWN, code, msg("This GS1 code names no product (GTIN) and no batch."), (), None, label)
    item = session.scalar(select(Item).where(Item.gtin == code.gtin))
    if item is None:
        return ScanResult(
            Resolution.UNKNOWN_ITEM,
            code,
            msg("The GTIN {gtin} belongs to no item; add it to the item master first.", gtin=code.gtin),
            (),
            None,
            label,
        )
    info = item_info(item)
    key = label.serial or label.supplier_lot
    if not key:
        return ScanResult(
            Resolution.NEW_SUPPLIER_LOT,
            code,
            msg("{item} ({name}): the code carries no batch or serial number.", item=item.code, name=item.name),
            (),
            info,
            label,
        )
    lots = list(
        session.scalars(
            select(Lot)
            .where(
                Lot.item_id == item.id,
                or_(Lot.supplier_lot == key, Lot.code == key, Lot.manufacturer_lot == key),
            )
            .order_by(Lot.id)
        )
    )
    if label.serial:
        missing = msg("{item} serial {serial} has not been received yet.", item=item.code, serial=key)
    else:
        missing = msg("{item} supplier lot {supplier_lot} has not been received yet.", item=item.code, supplier_lot=key)
    return _result(
        session,
        code,
        lots,
        item=info,
        label=label,
        missing=missing,
        missing_kind=Resolution.NEW_SUPPLIER_LOT,
    )


def _plain_lot_match(session: Session, text: str) -> ScanResult | None:
    plain = text.strip()
    if not plain or any(ch in plain for ch in "\x1d]()"):
        return None
    result = _by_text(session, ScannedCode(input=plain, kind="text"))
    return result if result.lots else None


def _by_text(session: Session, code: ScannedCode) -> ScanResult:
    text = code.input.strip()
    if code.symbology and text.startswith(code.symbology):
        text = text[len(code.symbology) :].strip()  # ]C0 plain Code 128: the data follows the AIM id
    lots = list(session.scalars(select(Lot).where(Lot.code == text)))
    if not lots:
        lots = list(
            session.scalars(select(Lot).where(or_(Lot.supplier_lot == text, Lot.manufacturer_lot == text)).order_by(Lot.id))
        )
    return _result(
        session, code, lots, missing=msg("'{text}' is no lot code, supplier lot or serial TraceDesk knows.", text=text[:60])
    )
