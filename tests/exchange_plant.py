"""A plant for the exchange tests (EPCIS, FSMA 204, advance notices), and GS1's checks of a document.

The qa_helpers plant (flour + sugar -> dough -> biscuits, one shipment) plus: our site with a
GLN and an address, a supplier with a GLN and an address, a customer with neither, a split
of the sugar lot, and a serial-tracked item with a GTIN received as one serial.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.qa_helpers import QA_PIN, Plant, build_plant
from tracedesk.core.cbv import BIZ_STEPS, BIZ_TRANSACTION_TYPES, DISPOSITIONS, SOURCE_DESTINATION_TYPES
from tracedesk.services import inventory, masterdata, quality
from tracedesk.services.receiving import ReceiveRequest, register_received_lot

DATA = Path(__file__).resolve().parent / "data" / "epcis"
SITE_GLN = "4012345000009"
MILL_GLN = "4000001000005"
ADDRESS = {"phone": "+33 4 72 00 00 00", "street": "1 Rue du Four", "city": "Lyon", "region": "ARA", "postal_code": "69001"}


@dataclass
class ExchangePlant:
    base: Plant
    halves: list[str]  # the sugar lot's split children
    serial: str  # a serial-tracked lot (a scale) with a GTIN


def build_exchange_plant(runtime: Any, admin: Any) -> ExchangePlant:
    base = build_plant(runtime, admin)
    with runtime.unit_of_work() as s:
        masterdata.create_location(
            s,
            admin,
            code="PLANT",
            name="Biscuit plant",
            gln=SITE_GLN,
            description={"business_name": "Biscuit Co", **ADDRESS, "country": "FR"},
        )
        masterdata.create_location(s, admin, code="RCV", name="Receiving dock")
        masterdata.update_party(
            s,
            admin,
            kind="supplier",
            code="MILL",
            name="Mill",
            gln=MILL_GLN,
            description={
                "phone": "+49 40 123 456",
                "street": "Kai 7",
                "city": "Hamburg",
                "region": "HH",
                "postal_code": "20095",
                "country": "DE",
            },
        )
        halves = [lot.code for lot in inventory.split_lot(s, admin, lot=base.sugar, quantities=["20", "30"])]
        masterdata.create_item(
            s, admin, code="SCALE", name="Scale", unit="pcs", kind="packaging", tracking="serial", gtin="09501101530010"
        )
        serial = register_received_lot(
            s, ReceiveRequest(item="SCALE", quantity="1", supplier="MILL", supplier_lot="SN-77", po="PO-2", location="RCV"), admin
        ).code
        quality.release_lot(s, base.qa, lot=serial, pin=QA_PIN)
    return ExchangePlant(base, halves, serial)


def epcis_schema() -> dict[str, Any]:
    return json.loads((DATA / "EPCIS-JSON-Schema.json").read_text("utf-8"))


def validate_epcis(document: dict[str, Any]) -> None:
    """GS1's JSON schema (formats checked: URIs, date-times), then the CBV vocabulary of every event."""
    schema = epcis_schema()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    for event in document["epcisBody"]["eventList"]:
        check_cbv(event)


def check_cbv(event: dict[str, Any]) -> None:
    """bizStep, disposition, source/destination and business transaction types are CBV 2.0 terms."""
    assert event["bizStep"] in BIZ_STEPS, event["bizStep"]
    assert event["disposition"] in DISPOSITIONS, event["disposition"]
    for element in event.get("sourceList", []) + event.get("destinationList", []):
        assert element["type"] in SOURCE_DESTINATION_TYPES, element
    for element in event.get("bizTransactionList", []):
        assert element["type"] in BIZ_TRANSACTION_TYPES, element


@pytest.fixture(scope="session")
def exchange_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ExchangePlant]:
    """The exchange plant built once per run (hashing the users' PINs is slow on purpose)."""
    from datetime import UTC, datetime

    from tests.conftest import ADMIN_PIN, FixedClock
    from tracedesk.core.actor import Actor
    from tracedesk.paths import AppPaths
    from tracedesk.services.runtime import Runtime, StationSettings

    folder = tmp_path_factory.mktemp("exchange-template")
    paths = AppPaths(folder / "data", folder / "config", folder / "logs", folder / "backups").ensure()
    runtime = Runtime.open(
        f"sqlite:///{folder / 'plant.sqlite3'}", paths, StationSettings(code="ST1", name="Test station", lot_prefix="T")
    )
    try:
        clock = FixedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
        # The first administrator, made the one way a database gets one (the `admin` fixture acts as it).
        admin = runtime.create_first_admin(code="admin", name="Admin", pin=ADMIN_PIN, at=Actor("", "ST1", 60, clock))
        plant = build_exchange_plant(runtime, admin)
    finally:
        runtime.close()
    return folder / "plant.sqlite3", plant


@pytest.fixture
def db_url(exchange_template: tuple[Path, ExchangePlant], tmp_path: Path) -> str:
    """Each test opens its own copy of the template (a module that imports this fixture uses it)."""
    target = tmp_path / "plant.sqlite3"
    with sqlite3.connect(exchange_template[0]) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()
    copy.close()
    return f"sqlite:///{target}"


@pytest.fixture
def plant(exchange_template: tuple[Path, ExchangePlant], runtime: Any) -> ExchangePlant:
    return exchange_template[1]


@pytest.fixture
def admin(runtime: Any, clock: Any) -> Any:
    """The template's first administrator, acting at ST1 (the copy has it already)."""
    from tracedesk.core.actor import Actor

    return Actor("admin", runtime.station.code, 60, clock)
