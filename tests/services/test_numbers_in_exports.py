"""Quantities leave TraceDesk as people write them: no exponent in EPCIS, JSON or report text."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from tests.plant import mini_plant, received
from tracedesk.core.messages import jsonable
from tracedesk.services.recall import recall_json, recall_report
from tracedesk.services.reports import exports


def test_tiny_and_whole_quantities_are_written_plainly_in_epcis_and_recall_json(runtime, admin, tmp_path):
    with runtime.unit_of_work() as s:
        mini_plant(s, admin)
        tiny = received(s, admin, "FLOUR", "0.00005", supplier_lot="TINY")
        exports.export_epcis(s, admin, path=tmp_path / "e.jsonld", lot=tiny)
        report = recall_json(recall_report(s, lots=(tiny,), now=admin.now()))
    text = (tmp_path / "e.jsonld").read_text("utf-8")
    assert not re.search(r":\s*-?\d+(\.\d+)?[eE][-+]?\d", text)
    quantities = [
        q["quantity"] for e in json.loads(text, parse_float=Decimal)["epcisBody"]["eventList"] for q in e.get("quantityList", [])
    ]
    assert Decimal("0.00005") in quantities and '"quantity": 0.00005' in text
    assert not re.search(r":\s*-?\d+(\.\d+)?[eE][-+]?\d", json.dumps(jsonable(report)))
