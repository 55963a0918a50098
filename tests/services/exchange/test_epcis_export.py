"""EPCIS 2.0 export: ILMD where lots are made, splits, GS1 keys where known, gaps reported, streamed."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from sqlalchemy import select

from tests.exchange_plant import MILL_GLN, SITE_GLN, validate_epcis
from tracedesk.core.codes.epc_uri import parse_epc_uri
from tracedesk.db.models import Item, Lot
from tracedesk.services.reports import exports
from tracedesk.services.reports.cte import iter_tracking_events


def _export(runtime, admin, path, **filters):
    with runtime.unit_of_work() as s:
        result = exports.export_epcis(s, admin, path=path, **filters)
    return result, json.loads(path.read_text("utf-8"))


def test_an_export_of_everything_validates_and_every_lot_has_its_number_and_expiry(runtime, admin, plant, tmp_path):
    result, document = _export(runtime, admin, tmp_path / "all.jsonld")
    validate_epcis(document)
    events = document["epcisBody"]["eventList"]
    # 3 receipts, 3 issues, 2 outputs, 1 shipment, 2 split children.
    assert result.count == len(events) == 11
    ilmd = [e["ilmd"] for e in events if "ilmd" in e]
    with runtime.unit_of_work() as s:
        lots = s.execute(select(Lot.code, Lot.expiry, Item.tracking).join(Item, Item.id == Lot.item_id)).all()
    for code, expiry, tracking in lots:
        made = [i for i in ilmd if i.get("cbvmda:lotNumber") == code]
        if tracking == "serial":
            assert not made  # a serial is named by its SGTIN, not a lot number
            continue
        assert len(made) == 1, code
        assert made[0].get("cbvmda:itemExpirationDate") == (expiry.isoformat() if expiry else None), code


def test_receipts_name_the_supplier_by_pgln_and_carry_our_lot_class_and_the_supplier_lot(runtime, admin, plant, tmp_path):
    _, document = _export(runtime, admin, tmp_path / "all.jsonld")
    events = document["epcisBody"]["eventList"]
    flour = next(e for e in events if e.get("bizStep") == "receiving" and plant.base.flour in json.dumps(e))
    assert flour["type"] == "ObjectEvent" and flour["action"] == "ADD"
    assert flour["quantityList"] == [
        {"epcClass": f"urn:epc:class:lgtin:9501101.053000.{plant.base.flour}", "quantity": 100, "uom": "KGM"}
    ]
    assert flour["ilmd"]["cbvmda:lotNumber"] == plant.base.flour and flour["ilmd"]["tracedesk:supplierLot"] == "S-1"
    assert flour["sourceList"] == [{"type": "owning_party", "source": "urn:epc:id:pgln:4000001.00000"}]
    assert parse_epc_uri(flour["sourceList"][0]["source"]).key == MILL_GLN
    assert {"type": "owning_party", "destination": "urn:epc:id:pgln:4012345.00000"} in flour["destinationList"]
    # Received without a location: at our site, by its own SGLN.
    assert flour["readPoint"] == {"id": "urn:epc:id:sgln:4012345.00000.0"}
    assert parse_epc_uri(flour["readPoint"]["id"]).key == SITE_GLN
    assert flour["bizTransactionList"] == [{"type": "po", "bizTransaction": f"urn:epcglobal:cbv:bt:{SITE_GLN}:PO-1"}]
    scale = next(e for e in events if plant.serial in json.dumps(e))
    assert scale["epcList"] == [f"urn:epc:id:sgtin:9501101.053001.{plant.serial}"]
    # Received at the dock, which has no GLN: the site's SGLN with the dock's code as extension.
    assert scale["readPoint"] == {"id": "urn:epc:id:sgln:4012345.00000.RCV"}


def test_a_split_is_one_transformation_per_child_with_the_childs_ilmd(runtime, admin, plant, tmp_path):
    _, document = _export(runtime, admin, tmp_path / "all.jsonld")
    split = [
        e for e in document["epcisBody"]["eventList"] if plant.halves[0] in json.dumps(e) or plant.halves[1] in json.dumps(e)
    ]
    split = [e for e in split if e["type"] == "TransformationEvent" and "ilmd" in e]
    assert len(split) == 2 and len({e["transformationID"] for e in split}) == 1 and len({e["eventID"] for e in split}) == 2
    for event, child, quantity in zip(split, plant.halves, (20, 30)):
        assert (
            event["inputQuantityList"][0]["quantity"] == quantity
            and plant.base.sugar in event["inputQuantityList"][0]["epcClass"]
        )
        assert event["outputQuantityList"][0]["epcClass"] == f"urn:tracedesk:class:SUGAR:{child}"
        assert event["ilmd"]["cbvmda:lotNumber"] == child and event["bizStep"] == "commissioning"


def test_orders_join_inputs_and_outputs_by_one_transformation_id(runtime, admin, plant, tmp_path):
    _, document = _export(runtime, admin, tmp_path / "all.jsonld")
    events = document["epcisBody"]["eventList"]
    dough = next(e for e in events if e.get("outputQuantityList") and plant.base.dough in e["outputQuantityList"][0]["epcClass"])
    inputs = [e for e in events if "inputQuantityList" in e and e.get("transformationID") == dough["transformationID"]]
    assert sorted(i["inputQuantityList"][0]["quantity"] for i in inputs) == [15, 30]
    assert dough["transformationID"].startswith("urn:uuid:") and dough["ilmd"]["cbvmda:productionDate"] == "2026-11-02"
    assert dough["bizTransactionList"] == [
        {"type": "prodorder", "bizTransaction": f"urn:epcglobal:cbv:bt:{SITE_GLN}:{plant.base.dough_order}"}
    ]


def test_items_and_parties_without_gs1_keys_are_listed_in_the_sidecar_and_the_document(runtime, admin, plant, tmp_path):
    result, document = _export(runtime, admin, tmp_path / "all.jsonld")
    assert result.gaps_path == tmp_path / "all.gaps.csv"
    with result.gaps_path.open(encoding="utf-8-sig") as handle:
        gaps = {(r["subject"], r["code"]): r for r in csv.DictReader(handle)}
    assert set(gaps) == {("item", "SUGAR"), ("item", "DOUGH"), ("item", "BISCUIT"), ("customer", "SHOP")}
    assert gaps[("customer", "SHOP")]["identifier used instead"] == "urn:tracedesk:party:customer:SHOP"
    assert gaps[("item", "DOUGH")]["events"] == "2" and "no GTIN" in gaps[("item", "DOUGH")]["problem"]
    assert document["tracedesk:identifierGaps"] == {"item": 3, "customer": 1}
    shipment = next(e for e in document["epcisBody"]["eventList"] if e["bizStep"] == "shipping")
    assert shipment["destinationList"] == [{"type": "owning_party", "destination": "urn:tracedesk:party:customer:SHOP"}]
    assert "bizLocation" not in shipment


def test_filters_by_lot_family_product_and_dates_and_none_at_all(runtime, admin, plant, tmp_path, clock):
    biscuit, _ = _export(runtime, admin, tmp_path / "b.jsonld", lot=plant.base.biscuit)
    # Flour and sugar received, both orders, the shipment, and the sugar's split (an event of a lot
    # of the family); not the scale.
    assert biscuit.count == 10
    product, document = _export(runtime, admin, tmp_path / "p.jsonld", product="DOUGH")
    assert product.count == 4  # the dough's two inputs and its output, and its issue to the biscuit order
    validate_epcis(document)
    day = clock.now.date()
    assert _export(runtime, admin, tmp_path / "d.jsonld", start=day, end=day)[0].count == 11
    empty, document = _export(runtime, admin, tmp_path / "e.jsonld", start=date(2020, 1, 1), end=date(2020, 1, 2))
    assert empty.count == 0 and document["epcisBody"]["eventList"] == []
    validate_epcis(document)


def test_the_log_is_read_a_page_at_a_time_with_the_same_result(runtime, admin, plant):
    with runtime.reading() as s:
        whole = list(iter_tracking_events(s))
        paged = list(iter_tracking_events(s, page_size=3))
        family = list(iter_tracking_events(s, lot_ids=[1, 2, 3], page_size=2))
    assert paged == whole and len(whole) == 10
    assert family and all(e in whole for e in family)


def test_a_bad_company_prefix_length_or_unknown_site_is_refused_and_writes_nothing(runtime, admin, plant, tmp_path):
    from tracedesk.core.errors import InvalidInput, NotFound

    with runtime.unit_of_work() as s:
        with pytest.raises(InvalidInput, match="6 to 12 digits"):
            exports.export_epcis(s, admin, path=tmp_path / "x.jsonld", company_prefix_length=13)
        with pytest.raises(NotFound, match="no location NOWHERE"):
            exports.export_epcis(s, admin, path=tmp_path / "x.jsonld", site="NOWHERE")
    assert list(tmp_path.glob("x.*")) == []
