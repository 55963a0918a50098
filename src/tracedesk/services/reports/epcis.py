"""GS1 EPCIS 2.0 JSON-LD export: receipts and shipments as ObjectEvents, issues and outputs as
TransformationEvents (one transformation per work order, joined by its transformationID).

Lots of items with a GTIN are named by LGTIN class URIs (urn:epc:class:lgtin:...); other items
by a private URN scheme, which EPCIS allows for identifiers outside GS1's.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tracedesk.services.reports.events_source import LotFacts, TrackingEvent

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
PRIVATE = "urn:tracedesk"
# UN/ECE Recommendation 20 codes for the units TraceDesk uses; unknown units carry no uom.
UOM = {"kg": "KGM", "g": "GRM", "t": "TNE", "l": "LTR", "ml": "MLT", "m": "MTR", "m2": "MTK", "pcs": "H87", "ea": "EA"}


def lot_class_uri(lot: LotFacts, company_prefix_length: int = 7) -> str:
    """LGTIN class URI for a GTIN item (company prefix length as assigned, 7 by default)."""
    if lot.gtin and len(lot.gtin) == 14 and 6 <= company_prefix_length <= 12:
        indicator, body = lot.gtin[0], lot.gtin[1:13]
        prefix, item_ref = body[:company_prefix_length], indicator + body[company_prefix_length:]
        return f"urn:epc:class:lgtin:{prefix}.{item_ref}.{quote(lot.code, safe='')}"
    return f"{PRIVATE}:class:{quote(lot.item, safe='')}:{quote(lot.code, safe='')}"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _time(when: datetime, offset_minutes: int) -> tuple[str, str]:
    local = when.astimezone(timezone(timedelta(minutes=offset_minutes)))
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return local.isoformat(timespec="milliseconds"), f"{sign}{hours:02}:{minutes:02}"


def _party(gln: str | None, code: str | None, kind: str) -> str:
    if gln:
        return f"urn:epc:id:pgln:{gln[:7]}.{gln[7:12]}"
    return f"{PRIVATE}:party:{kind}:{quote(code or 'unknown', safe='')}"


def _quantity(e: TrackingEvent, prefix_length: int) -> dict[str, Any]:
    element: dict[str, Any] = {"epcClass": lot_class_uri(e.lot, prefix_length), "quantity": _number(e.quantity)}
    if e.lot.unit.lower() in UOM:
        element["uom"] = UOM[e.lot.unit.lower()]
    return element


def epcis_event(e: TrackingEvent, *, prefix_length: int = 7) -> dict[str, Any]:
    """One tracking event in EPCIS 2.0 JSON."""
    event_time, offset = _time(e.time, e.utc_offset_minutes)
    station = {"id": f"{PRIVATE}:station:{quote(e.station, safe='')}"}
    base: dict[str, Any] = {"eventID": f"urn:uuid:{e.event_id}", "eventTime": event_time, "eventTimeZoneOffset": offset}
    if e.kind in ("receiving", "shipping"):
        event = {
            "type": "ObjectEvent",
            **base,
            "action": "OBSERVE",
            "bizStep": e.kind,
            "disposition": "in_progress" if e.kind == "receiving" else "in_transit",
            "quantityList": [_quantity(e, prefix_length)],
            "readPoint": station,
            "bizLocation": station,
        }
        if e.document:
            kind = "po" if e.kind == "receiving" else "desadv"
            event["bizTransactionList"] = [{"type": kind, "bizTransaction": f"{PRIVATE}:bt:{kind}:{quote(e.document, safe='')}"}]
        if e.kind == "receiving" and (e.party or e.party_gln):
            event["sourceList"] = [{"type": "owning_party", "source": _party(e.party_gln, e.party, "supplier")}]
        if e.kind == "shipping":
            event["destinationList"] = [{"type": "owning_party", "destination": _party(e.party_gln, e.party, "customer")}]
        return event
    side = "inputQuantityList" if e.kind == "issue" else "outputQuantityList"
    return {
        "type": "TransformationEvent",
        **base,
        side: [_quantity(e, prefix_length)],
        "transformationID": f"{PRIVATE}:transformation:{quote(e.order or '', safe='')}",
        "bizStep": "commissioning" if e.kind == "output" else "other",
        "disposition": "active" if e.kind == "output" else "in_progress",
        "readPoint": station,
        "bizLocation": station,
        "bizTransactionList": [
            {"type": "prodorder", "bizTransaction": f"{PRIVATE}:bt:prodorder:{quote(e.order or '', safe='')}"}
        ],
    }


def epcis_document(events: list[TrackingEvent], *, created: datetime, prefix_length: int = 7) -> dict[str, Any]:
    return {
        "@context": [CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": created.isoformat(timespec="milliseconds"),
        "epcisBody": {"eventList": [epcis_event(e, prefix_length=prefix_length) for e in events]},
    }


def write_epcis(events: list[TrackingEvent], path: Path, *, created: datetime, prefix_length: int = 7) -> int:
    document = epcis_document(events, created=created, prefix_length=prefix_length)
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    return len(events)
