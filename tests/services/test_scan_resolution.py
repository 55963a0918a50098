"""A scan resolves to our lot, a supplier's lot (or several), or says what it is not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.plant import mini_plant, received
from tracedesk.core.errors import InvalidInput
from tracedesk.services.masterdata import create_party
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.scan_resolution import Resolution, resolve_scan


@pytest.fixture
def plant(runtime, admin):
    with runtime.unit_of_work() as session:
        return mini_plant(session, admin)


def test_our_label_resolves_to_the_lot(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        result = resolve_scan(session, f"TD:{plant.flour}", today=admin.today)
    assert result.resolution is Resolution.LOT and result.lot.code == plant.flour


def test_supplier_gs1_label_resolves_by_gtin_and_batch(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        result = resolve_scan(session, "(01)09501101530003(10)S-1", today=admin.today)
    assert result.resolution is Resolution.LOT and result.lot.code == plant.flour


def test_same_supplier_lot_from_two_suppliers_asks_to_choose(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        create_party(session, admin, kind="supplier", code="MILL2", name="Other mill")
        register_received_lot(session, ReceiveRequest(item="FLOUR", quantity="5", supplier="MILL2", supplier_lot="S-1"), admin)
        result = resolve_scan(session, "]C10109501101530003" + "10S-1", today=admin.today)
    assert result.resolution is Resolution.CHOOSE and len(result.lots) == 2


def test_new_supplier_lot_carries_the_label_fields_for_receiving(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        result = resolve_scan(session, "(01)09501101530003(10)NEW-9(17)271231(3102)002550", today=admin.today)
    assert result.resolution is Resolution.NEW_SUPPLIER_LOT
    assert result.item.code == "FLOUR"
    assert result.label.supplier_lot == "NEW-9" and result.label.quantity == Decimal("25.5")
    assert result.label.expiry.isoformat() == "2027-12-31"


def test_unknown_gtin_and_unknown_text_say_so(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        assert resolve_scan(session, "(01)09501101530010(10)X", today=admin.today).resolution is Resolution.UNKNOWN_ITEM
        unknown = resolve_scan(session, "hello-world", today=admin.today)
        assert unknown.resolution is Resolution.UNKNOWN and "hello-world" in unknown.message
        assert resolve_scan(session, "S-1", today=admin.today).resolution is Resolution.CHOOSE


def test_a_broken_gs1_code_is_invalid_input(runtime, admin, plant):
    with runtime.unit_of_work() as session, pytest.raises(InvalidInput):
        resolve_scan(session, "(01)09501101530004", today=admin.today)


def test_epc_resolves_to_the_serial(runtime, admin, plant):
    from tracedesk.core.codes import encode_sgtin96

    with runtime.unit_of_work() as session:
        received(session, admin, "FLOUR", quantity="1", supplier_lot="777")
        epc = encode_sgtin96("09501101530003", "777", company_prefix_length=7)
        result = resolve_scan(session, epc, today=admin.today)
    assert result.resolution is Resolution.LOT and result.lot.supplier_lot == "777"


def test_a_numeric_lot_code_typed_plainly_is_found_although_it_is_no_valid_gs1(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        register_received_lot(
            session, ReceiveRequest(item="SUGAR", quantity="5", supplier="MILL", supplier_lot="S-9", lot_code="240517"), admin
        )
        result = resolve_scan(session, "240517", today=admin.today)
        assert result.resolution is Resolution.LOT and result.lot.code == "240517"
        assert resolve_scan(session, "240518", today=admin.today).lots == ()


def test_a_plain_code_128_with_its_aim_identifier_finds_the_lot(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        result = resolve_scan(session, "]C0" + plant.flour, today=admin.today)
        assert result.resolution is Resolution.LOT and result.lot.code == plant.flour
