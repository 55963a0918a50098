"""Master-data edits: events with old and new values, validation, and replay equality."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from tests.plant import master_data, received
from tracedesk.core.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tracedesk.db.models import Event
from tracedesk.services import masterdata
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.queries import list_locations
from tracedesk.services.users import create_user


@pytest.fixture
def plant(runtime, admin):
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        masterdata.create_location(s, admin, code="WH1", name="Warehouse")


def _last_event(session) -> tuple[str, dict]:
    event = session.scalars(select(Event).order_by(Event.seq.desc()).limit(1)).one()
    return event.type, json.loads(event.payload)


def test_an_item_edit_records_old_and_new_values_and_replays(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        item = masterdata.update_item(
            s,
            admin,
            code="SUGAR",
            name="Cane sugar",
            unit="kg",
            kind="raw",
            gtin="09501101530010",
            shelf_life_days=365,
            reason="new supplier spec",
        )
        assert (item.name, item.gtin, item.shelf_life_days) == ("Cane sugar", "09501101530010", 365)
        kind, payload = _last_event(s)
        assert kind == "item_updated"
        assert payload["changes"] == {
            "name": ["Sugar", "Cane sugar"],
            "gtin": [None, "09501101530010"],
            "shelf_life_days": [None, 365],
        }
        assert payload["reason"] == "new supplier spec"
        assert compare_with_replay(s) == ()


def test_party_and_location_edits_are_events_that_replay(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        party = masterdata.update_party(
            s, admin, kind="supplier", code="MILL", name="Northern Mill", gln="9501101530003", location="Harbin"
        )
        assert (party.name, party.gln, party.location) == ("Northern Mill", "9501101530003", "Harbin")
        assert _last_event(s)[1]["changes"]["name"] == ["Mill", "Northern Mill"]
        masterdata.update_location(s, admin, code="WH1", name="Raw material store")
        kind, payload = _last_event(s)
        assert kind == "location_updated" and payload["changes"] == {"name": ["Warehouse", "Raw material store"]}
        assert [loc.name for loc in list_locations(s)] == ["Raw material store"]
        assert [p.name for p in masterdata.list_parties(s, "customer")] == ["Shop"]  # same code, other kind untouched
        assert compare_with_replay(s) == ()


@pytest.mark.parametrize(
    ("fields", "error", "match"),
    [
        ({"name": ""}, InvalidInput, "item name is missing"),
        ({"unit": "two words"}, InvalidInput, "short word"),
        ({"kind": "gas"}, InvalidInput, "item kind"),
        ({"gtin": "09501101530004"}, InvalidInput, "check digit"),
        ({}, InvalidInput, "Nothing was changed"),
    ],
)
def test_bad_item_edits_are_refused(runtime, admin, plant, fields, error, match):
    current = {"code": "SUGAR", "name": "Sugar", "unit": "kg", "kind": "raw"}
    with pytest.raises(error, match=match), runtime.unit_of_work() as s:
        masterdata.update_item(s, admin, **{**current, **fields})


def test_unit_of_an_item_with_lots_stays(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        received(s, admin, "SUGAR")
    with pytest.raises(Refused, match="lots of it exist"), runtime.unit_of_work() as s:
        masterdata.update_item(s, admin, code="SUGAR", name="Sugar", unit="t", kind="raw")


def test_a_gtin_of_another_item_is_refused(runtime, admin, plant):
    with pytest.raises(Refused, match="belongs to item FLOUR"), runtime.unit_of_work() as s:
        masterdata.update_item(s, admin, code="SUGAR", name="Sugar", unit="kg", kind="raw", gtin="09501101530003")


def test_unknown_records_and_clerks_are_refused(runtime, admin, plant):
    with pytest.raises(NotFound), runtime.unit_of_work() as s:
        masterdata.update_party(s, admin, kind="customer", code="NOPE", name="x")
    with pytest.raises(NotFound), runtime.unit_of_work() as s:
        masterdata.update_location(s, admin, code="NOPE", name="x")
    with pytest.raises(InvalidInput, match="GLN"), runtime.unit_of_work() as s:
        masterdata.update_party(s, admin, kind="customer", code="SHOP", name="Shop", gln="123")
    with runtime.unit_of_work() as s:
        create_user(s, admin, code="anna", name="Anna", role="clerk", pin="1111")
    clerk = replace(admin, user="anna")
    with pytest.raises(PermissionDenied, match="anna .clerk. may not edit master data"), runtime.unit_of_work() as s:
        masterdata.update_location(s, clerk, code="WH1", name="Store")
