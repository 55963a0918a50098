"""A supplier's EPCIS 2.0 advance notice, as the tests' supplier (the mill, GLN 4000001000005) sends it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracedesk.core.checkdigit import gs1_check_digit

FLOUR_CLASS = "urn:epc:class:lgtin:9501101.053000.MILL-LOT-7"
UNKNOWN_GTIN = "0950110153002" + str(gs1_check_digit("0950110153002"))
UNKNOWN_CLASS = f"urn:epc:class:lgtin:9501101.{UNKNOWN_GTIN[0]}{UNKNOWN_GTIN[8:13]}.OAT-3"
SSCC_URI = "urn:epc:id:sscc:4000001.0000000001"
SSCC = "04000001000000001" + str(gs1_check_digit("04000001000000001"))


def notice_document(**changes: Any) -> dict[str, Any]:
    """Commissioning of the flour lot (with its ILMD), packing onto a pallet (SSCC), and the shipment."""
    shipping: dict[str, Any] = {
        "type": "ObjectEvent",
        "eventID": "urn:uuid:6f1c1a52-1f0e-4b8e-9d3a-3b1f0c2a9e01",
        "eventTime": "2026-11-01T15:00:00.000+01:00",
        "eventTimeZoneOffset": "+01:00",
        "action": "OBSERVE",
        "bizStep": "shipping",
        "disposition": "in_transit",
        "epcList": [SSCC_URI],
        "quantityList": [
            {"epcClass": FLOUR_CLASS, "quantity": 250, "uom": "KGM"},
            {"epcClass": UNKNOWN_CLASS, "quantity": 12.5, "uom": "KGM"},
        ],
        "readPoint": {"id": "urn:epc:id:sgln:4000001.00000.0"},
        "bizTransactionList": [
            {"type": "desadv", "bizTransaction": "urn:epcglobal:cbv:bt:4000001000005:ASN-881"},
            {"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:PO-77"},
        ],
        "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:4000001.00000"}],
        "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:4012345.00000"}],
    }
    shipping.update(changes.pop("shipping", {}))
    document = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"cbvmda": "urn:epcglobal:cbv:mda:"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": "2026-11-01T15:05:00.000+01:00",
        "epcisBody": {
            "eventList": [
                {
                    "type": "ObjectEvent",
                    "eventTime": "2026-10-20T08:00:00.000+01:00",
                    "eventTimeZoneOffset": "+01:00",
                    "action": "ADD",
                    "bizStep": "commissioning",
                    "disposition": "active",
                    "quantityList": [{"epcClass": FLOUR_CLASS, "quantity": 250, "uom": "KGM"}],
                    "ilmd": {
                        "cbvmda:lotNumber": "MILL-LOT-7",
                        "cbvmda:itemExpirationDate": "2027-05-01",
                        "cbvmda:bestBeforeDate": "2027-04-01",
                        "cbvmda:productionDate": "2026-10-20",
                    },
                },
                {
                    "type": "AggregationEvent",
                    "eventTime": "2026-11-01T14:00:00.000+01:00",
                    "eventTimeZoneOffset": "+01:00",
                    "parentID": SSCC_URI,
                    "childQuantityList": [{"epcClass": FLOUR_CLASS, "quantity": 250, "uom": "KGM"}],
                    "action": "ADD",
                    "bizStep": "packing",
                    "disposition": "in_progress",
                },
                shipping,
            ]
        },
    }
    document.update(changes)
    return document


def write_notice(path: Path, document: dict[str, Any] | None = None) -> Path:
    path.write_text(json.dumps(document or notice_document(), indent=1), "utf-8")
    return path
