"""GS1 EPCIS 2.0 JSON-LD export, written as a stream: one event at a time, whatever the log's size.

Each kind of tracking event maps onto an EPCIS event through `SHAPES` (a kind another module
registers in `cte.SOURCES` adds its row here). Receipts create our lot (our label carries the
item's GTIN with our lot code in (10)), so they are ObjectEvents with action ADD and ILMD;
outputs and split children are TransformationEvent outputs with ILMD; issues are the inputs
of their order's transformation, joined to its outputs by the transformationID (the UUID of
the event that opened the order); a split is one TransformationEvent per child, each taking
its share of the parent. ILMD uses the CBV master-data attributes (cbvmda:lotNumber,
itemExpirationDate, bestBeforeDate, productionDate). The supplier's own lot number travels in
ILMD as the extension `tracedesk:supplierLot`.

Where a GS1 key is missing, see `epcis_ids`: the document ends with the extension field
`tracedesk:identifierGaps` (how many of each), and a sidecar CSV lists them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID, uuid5

from tracedesk.core.quantity import format_quantity
from tracedesk.services.reports.cte import LotFacts, TrackingEvent
from tracedesk.services.reports.epcis_ids import Identifiers

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
EXTENSION_CONTEXT = {"cbvmda": "urn:epcglobal:cbv:mda:", "tracedesk": "urn:tracedesk:epcis:"}
# UN/ECE Recommendation 20 codes for the units TraceDesk uses; other units carry no uom.
UOM = {
    "kg": "KGM",
    "g": "GRM",
    "mg": "MGM",
    "t": "TNE",
    "l": "LTR",
    "ml": "MLT",
    "m": "MTR",
    "m2": "MTK",
    "m3": "MTQ",
    "pcs": "H87",
    "pc": "H87",
    "ea": "EA",
}


@dataclass(frozen=True)
class Shape:
    """How a kind of tracking event is written in EPCIS."""

    event_type: str  # ObjectEvent | TransformationEvent
    action: str | None  # ObjectEvent only
    biz_step: str
    disposition: str
    ilmd: bool  # the event creates lots: write their master data


SHAPES: dict[str, Shape] = {
    "receiving": Shape("ObjectEvent", "ADD", "receiving", "in_progress", True),
    "shipping": Shape("ObjectEvent", "OBSERVE", "shipping", "in_transit", False),
    "issue": Shape("TransformationEvent", None, "other", "in_progress", False),
    "output": Shape("TransformationEvent", None, "commissioning", "active", True),
    "split": Shape("TransformationEvent", None, "commissioning", "active", True),
    # The warehouse and after-sales legs: a move changes the bizLocation; a return is received back
    # (a lot of its own, so ADD with its master data) with the CBV disposition `returned`; scrap is
    # removed and disposed of; a destruction is `destroying` / `destroyed`.
    "move": Shape("ObjectEvent", "OBSERVE", "storing", "in_progress", False),
    "return": Shape("ObjectEvent", "ADD", "receiving", "returned", True),
    "scrap": Shape("ObjectEvent", "DELETE", "removing", "disposed", False),
    "destroy": Shape("ObjectEvent", "DELETE", "destroying", "destroyed", False),
    "transfer_out": Shape("ObjectEvent", "OBSERVE", "shipping", "in_transit", False),
    "transfer_in": Shape("ObjectEvent", "OBSERVE", "receiving", "in_progress", False),
}


def _number(value: Decimal) -> int | Decimal:
    """A whole quantity as an int; a fraction stays an exact Decimal, written by `_dumps`."""
    return int(value) if value == value.to_integral_value() else value


# A Decimal goes through json as a marked string, then the marks and quotes come off: the number
# is written exactly as format_quantity writes it (0.00001, never a float's 1e-05).
_MARKED = re.compile(r'"\\u0000(-?[0-9]+(?:\.[0-9]+)?)\\u0000"')


def _marked(value: object) -> str:
    if isinstance(value, Decimal):
        return "\x00" + format_quantity(value) + "\x00"
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(value: object) -> str:
    return _MARKED.sub(r"\1", json.dumps(value, ensure_ascii=False, default=_marked))


def _time(when: datetime, offset_minutes: int) -> tuple[str, str]:
    local = when.astimezone(timezone(timedelta(minutes=offset_minutes)))
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return local.isoformat(timespec="milliseconds"), f"{sign}{hours:02}:{minutes:02}"


def ilmd(lot: LotFacts) -> dict[str, Any]:
    """The lot's master data at its creation, with the CBV attribute names (what is known)."""
    data: dict[str, Any] = {}
    if lot.tracking != "serial":
        data["cbvmda:lotNumber"] = lot.code
    if lot.expiry:
        data["cbvmda:itemExpirationDate"] = lot.expiry.isoformat()
    if lot.best_before:
        data["cbvmda:bestBeforeDate"] = lot.best_before.isoformat()
    produced = lot.manufactured_on or (lot.produced_at.date() if lot.produced_at else None)
    if produced:
        data["cbvmda:productionDate"] = produced.isoformat()
    if lot.supplier_lot:
        data["tracedesk:supplierLot"] = lot.supplier_lot
    return data


class EpcisWriter:
    """Turns tracking events into EPCIS event objects, naming things through `Identifiers`."""

    def __init__(self, ids: Identifiers) -> None:
        self.ids = ids

    def _objects(self, lot: LotFacts, quantity: Decimal) -> tuple[str, Any]:
        """('epcList', [sgtin]) for a serial, ('quantityList', [{class, quantity, uom}]) for a lot."""
        uri, instance = self.ids.lot(lot)
        if instance:
            return "epcList", [uri]
        element: dict[str, Any] = {"epcClass": uri, "quantity": _number(quantity)}
        if lot.unit.lower() in UOM:
            element["uom"] = UOM[lot.unit.lower()]
        return "quantityList", [element]

    def events(self, e: TrackingEvent) -> list[dict[str, Any]]:
        shape = SHAPES[e.kind]
        event_time, offset = _time(e.time, e.utc_offset_minutes)
        place = self.ids.place(e.location, e.station)
        site = self.ids.places.site_of(e.location)
        base: dict[str, Any] = {
            "type": shape.event_type,
            "eventTime": event_time,
            "eventTimeZoneOffset": offset,
            "eventID": f"urn:uuid:{e.event_id}",
        }
        documents = [self._document(kind, number, e) for kind, number in e.documents]
        if shape.event_type == "ObjectEvent":
            key, objects = self._objects(e.lot, e.quantity)
            event = {**base, key: objects, "action": shape.action, "bizStep": shape.biz_step, "disposition": shape.disposition}
            event["readPoint"] = {"id": place}
            if e.kind not in ("shipping", "transfer_out"):  # shipped goods are in transit, at no business location of ours
                event["bizLocation"] = {"id": place}
            if documents:
                event["bizTransactionList"] = documents
            if e.kind == "receiving":
                event["sourceList"] = [{"type": "owning_party", "source": self.ids.party("supplier", e.party)}]
                event["destinationList"] = [
                    {"type": "owning_party", "destination": self.ids.ourselves(site)},
                    {"type": "location", "destination": place},
                ]
            elif e.kind == "shipping":
                event["sourceList"] = [
                    {"type": "owning_party", "source": self.ids.ourselves(site)},
                    {"type": "location", "source": place},
                ]
                event["destinationList"] = [{"type": "owning_party", "destination": self.ids.party("customer", e.party)}]
            elif e.kind == "return":
                event["sourceList"] = [{"type": "owning_party", "source": self.ids.party("customer", e.party)}]
                event["destinationList"] = [
                    {"type": "owning_party", "destination": self.ids.ourselves(site)},
                    {"type": "location", "destination": place},
                ]
            elif e.kind == "transfer_out":
                event["sourceList"] = [{"type": "location", "source": place}]
                event["destinationList"] = [{"type": "location", "destination": self.ids.place(e.other_place, e.station)}]
            elif e.kind == "transfer_in" and e.other_place:
                event["sourceList"] = [{"type": "location", "source": self.ids.place(e.other_place, e.station)}]
                event["destinationList"] = [{"type": "location", "destination": place}]
            elif e.kind == "move" and e.other_place:
                # The bizLocation it left, beside the one it is in now.
                event["tracedesk:previousBizLocation"] = self.ids.place(e.other_place, e.station)
            if shape.ilmd:
                event["ilmd"] = ilmd(e.lot)
            return [event]
        common: dict[str, Any] = {"bizStep": shape.biz_step, "disposition": shape.disposition, "readPoint": {"id": place}}
        common["bizLocation"] = {"id": place}
        if documents:
            common["bizTransactionList"] = documents
        if e.kind == "split":
            # One event per child, so that each child's ILMD is its own; all share the split's ID.
            transformation = f"urn:uuid:{e.event_id}"
            result = []
            for child, quantity in e.outputs:
                key_in, inputs = self._objects(e.lot, quantity)
                key_out, outputs = self._objects(child, quantity)
                result.append(
                    {
                        **base,
                        "eventID": f"urn:uuid:{uuid5(UUID(e.event_id), child.code)}" if len(e.outputs) > 1 else base["eventID"],
                        f"input{_list(key_in)}": inputs,
                        f"output{_list(key_out)}": outputs,
                        "transformationID": transformation,
                        **common,
                        "ilmd": ilmd(child),
                    }
                )
            return result
        key, objects = self._objects(e.lot, e.quantity)
        side = "input" if e.kind == "issue" else "output"
        event = {**base, f"{side}{_list(key)}": objects}
        if e.order_event:
            event["transformationID"] = f"urn:uuid:{e.order_event}"
        event.update(common)
        if shape.ilmd:
            event["ilmd"] = ilmd(e.lot)
        return [event]

    def _document(self, kind: str, number: str, e: TrackingEvent) -> dict[str, str]:
        # Ours unless the supplier sent it (their despatch advice on a receipt).
        issuer: Any = self.ids.places.party("supplier", e.party) if (kind, e.kind) == ("desadv", "receiving") else None
        if issuer is None:
            issuer = self.ids.places.site_of(e.location)
        return {"type": kind, "bizTransaction": self.ids.business_document(kind, number, issuer)}


def _list(key: str) -> str:
    return "EPCList" if key == "epcList" else "QuantityList"


@dataclass(frozen=True)
class EpcisResult:
    events: int
    gaps: int
    gaps_path: Path


def gaps_path_for(path: Path) -> Path:
    """lot.jsonld -> lot.gaps.csv beside it."""
    return Path(path).with_name(Path(path).stem + ".gaps.csv")


def write_epcis(events: Iterable[TrackingEvent], path: Path, *, created: datetime, ids: Identifiers) -> EpcisResult:
    """Stream the document to `path` (through a temporary file: a failure leaves no half document)."""
    path = Path(path)
    writer = EpcisWriter(ids)
    partial = path.with_name(path.name + ".part")
    count = 0
    try:
        with partial.open("w", encoding="utf-8") as out:
            head = {
                "@context": [CONTEXT, EXTENSION_CONTEXT],
                "type": "EPCISDocument",
                "schemaVersion": "2.0",
                "creationDate": created.isoformat(timespec="milliseconds"),
            }
            out.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n "epcisBody": {"eventList": [\n')
            for tracking_event in events:
                for event in writer.events(tracking_event):
                    out.write(",\n" if count else "")
                    out.write(_dumps(event))
                    count += 1
            summary = {f"{subject}": n for subject, n in _gap_summary(ids).items()}
            out.write('\n]},\n "tracedesk:identifierGaps": ' + json.dumps(summary) + "\n}\n")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    gaps_path = gaps_path_for(path)
    gaps = ids.write_report(gaps_path)
    return EpcisResult(count, gaps, gaps_path)


def _gap_summary(ids: Identifiers) -> dict[str, int]:
    """How many items, suppliers, customers and locations the document names privately."""
    summary: dict[str, int] = {}
    for subject, _ in ids.gaps:
        summary[subject] = summary.get(subject, 0) + 1
    return summary
