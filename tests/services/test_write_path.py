"""Every refusal is a specific sentence and leaves the database exactly as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.plant import QA_PIN, mini_plant, qa_signer, received
from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.db.eventlog import verify_chain
from tracedesk.db.models import Event
from tracedesk.services import masterdata, production, quality, shipping
from tracedesk.services.audit import compare_with_replay, table_fingerprints
from tracedesk.services.runtime import Runtime


def _snapshot(runtime: Runtime) -> tuple[int, dict[str, tuple[int, str]]]:
    with runtime.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Event)) or 0, table_fingerprints(session)


def _refused(runtime: Runtime, work: Callable[[Session], object], error: type[Exception], match: str) -> None:
    before = _snapshot(runtime)
    with pytest.raises(error, match=match):
        with runtime.unit_of_work() as session:
            work(session)
    assert _snapshot(runtime) == before


@pytest.fixture
def plant(runtime: Runtime, admin: Actor):
    with runtime.unit_of_work() as session:
        return mini_plant(session, admin)


def test_unknown_lot_is_refused(runtime, admin, plant):
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot="NOPE", quantity="1"),
        NotFound,
        "no lot 'NOPE'",
    )


def test_quarantined_lot_cannot_be_issued(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        lot = received(session, admin, "FLOUR", release=False)
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=lot, quantity="1"),
        Refused,
        "quarantine",
    )


def test_rejected_lot_cannot_be_issued(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        quality.reject_lot(session, qa_signer(session, admin), lot=plant.flour, reason="mould", pin=QA_PIN)
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, quantity="1"),
        Refused,
        "rejected",
    )


def test_lot_on_hold_cannot_be_issued_and_says_why(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        quality.hold_lot(session, admin, lot=plant.flour, reason="supplier complaint")
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, quantity="1"),
        Refused,
        "on hold: supplier complaint",
    )


def test_expired_lot_cannot_be_issued(runtime, admin, plant, clock):
    clock.now += timedelta(days=181)
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, quantity="1"),
        Refused,
        "expired on",
    )


def test_component_not_in_bom_is_refused(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        salt = received(session, admin, "SALT")
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=salt, quantity="1"),
        Refused,
        "not a component of DOUGH",
    )


@pytest.mark.parametrize(
    ("quantity", "error", "match"),
    [
        ("101", Refused, "Only 100 kg"),
        ("0", InvalidInput, "more than zero"),
        ("-5", InvalidInput, "cannot be negative"),
        ("abc", InvalidInput, "not a number"),
        ("1,5", InvalidInput, "decimal point"),
        ("1e12", InvalidInput, "without an exponent"),
        ("1000000000000", InvalidInput, "too large"),
        ("NaN", InvalidInput, "not a number"),
    ],
)
def test_bad_quantities_are_refused(runtime, admin, plant, quantity, error, match):
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, quantity=quantity),
        error,
        match,
    )


def test_closed_order_takes_nothing_more(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        production.close_order(session, admin, order=plant.order)
    _refused(
        runtime,
        lambda s: production.issue_lot_to_order(s, admin, order=plant.order, lot=plant.flour, quantity="1"),
        Refused,
        "is closed",
    )


def test_unknown_customer_is_refused(runtime, admin, plant):
    _refused(
        runtime,
        lambda s: shipping.ship_lot(s, admin, lot=plant.flour, customer="ACME", document="DN1"),
        NotFound,
        "no customer 'ACME'",
    )


def test_shipping_needs_a_document(runtime, admin, plant):
    _refused(
        runtime, lambda s: shipping.ship_lot(s, admin, lot=plant.flour, customer="SHOP", document=" "), InvalidInput, "document"
    )


def test_balance_follows_issues_and_shipments(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        record = production.issue_lot_to_order(
            session, admin, order=plant.order, lot=plant.flour, quantity="30.5", over_reason="dough too wet"
        )
        shipped = shipping.ship_lot(session, admin, lot=plant.flour, customer="SHOP", document="DN1", quantity="9.5")
    assert str(record.balance_after) == "69.5"
    assert str(shipped.quantity) == "9.5"
    _refused(
        runtime,
        lambda s: shipping.ship_lot(s, admin, lot=plant.flour, customer="SHOP", document="DN2", quantity="60.001"),
        Refused,
        "Only 60 kg",
    )


def test_minted_lot_codes_carry_the_station_prefix_and_count_per_month(runtime, admin, plant, clock):
    assert plant.flour == "T2611-0001" and plant.sugar == "T2611-0002"
    clock.now += timedelta(days=30)
    with runtime.unit_of_work() as session:
        assert received(session, admin, "SUGAR") == "T2612-0001"


def test_every_event_carries_user_station_and_offset(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        event = session.scalars(select(Event).order_by(Event.seq.desc())).first()
    assert (event.user, event.station, event.utc_offset_minutes) == ("admin", "ST1", 60)
    assert len(event.id) == 36 and event.id[14] == "7"


def test_check_issue_is_the_issue_rule_without_recording(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        salt = received(session, admin, "SALT")
    before = _snapshot(runtime)
    with runtime.unit_of_work() as session:
        checked = production.check_issue(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        assert (checked.lot, checked.item, checked.quantity, checked.balance_after) == (plant.flour, "FLOUR", 30, 70)
        with pytest.raises(Refused, match="not a component of DOUGH") as dry:
            production.check_issue(session, admin, order=plant.order, lot=salt, quantity="1")
    assert _snapshot(runtime) == before
    with pytest.raises(Refused) as real, runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=salt, quantity="1")
    assert str(real.value) == str(dry.value)


# --- the scan: its dry run, and what it stores ------------------------------------------------


def _same_refusal(runtime: Runtime, actor: Actor, *, order: str, lot: str, quantity: str | None) -> str:
    """The dry run and the issue refuse with the same error and sentence, and record nothing."""
    before = _snapshot(runtime)
    with pytest.raises((InvalidInput, NotFound, Refused)) as dry, runtime.unit_of_work() as session:
        production.check_issue(session, actor, order=order, lot=lot, quantity=quantity)
    with pytest.raises((InvalidInput, NotFound, Refused)) as real, runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, actor, order=order, lot=lot, quantity=quantity)
    assert (type(dry.value), str(dry.value)) == (type(real.value), str(real.value))
    assert _snapshot(runtime) == before
    return str(real.value)


def test_check_issue_and_the_issue_refuse_alike(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        salt = received(session, admin, "SALT")
        waiting = received(session, admin, "FLOUR", release=False)
        held = received(session, admin, "SUGAR")
        quality.hold_lot(session, admin, lot=held, reason="torn bags")
        closed = production.create_work_order(session, admin, product="DOUGH", quantity="5").number
        production.close_order(session, admin, order=closed)
    cases = [
        (" NOPE ", plant.flour, "1", "no work order 'NOPE'"),
        (plant.order, " NOPE ", "1", "no lot 'NOPE'"),
        (closed, plant.flour, "1", "is closed"),
        (plant.order, waiting, "1", "quarantine"),
        (plant.order, held, "1", "on hold: torn bags"),
        (plant.order, salt, "1", "not a component of DOUGH"),
        (plant.order, salt, "abc", "not a component of DOUGH"),  # the BOM is judged before the quantity
        (plant.order, plant.flour, "100.5", "Only 100 kg"),
        (plant.order, plant.flour, "0", "more than zero"),
        (plant.order, plant.flour, "0.0000001", "more than 6 decimals"),
    ]
    for order, lot, quantity, words in cases:
        assert words in _same_refusal(runtime, admin, order=order, lot=lot, quantity=quantity)
    clock.now += timedelta(days=181)
    assert "expired on" in _same_refusal(runtime, admin, order=plant.order, lot=plant.flour, quantity="1")


def test_a_suspect_lot_is_refused_alike_by_the_dry_run(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        production.issue_lot_to_order(session, admin, order=plant.order, lot=plant.flour, quantity="30")
        clock.now += timedelta(minutes=1)
        dough = production.record_output(session, admin, order=plant.order, quantity="20", confirm_unissued=True).code
        biscuits = production.create_work_order(session, admin, product="BISCUIT", quantity="10").number
        quality.hold_lot(session, admin, lot=plant.flour, reason="foreign matter")
    words = _same_refusal(runtime, admin, order=biscuits, lot=dough, quantity="1")
    assert f"Lot {dough} is suspect and blocked: made from lot {plant.flour} on hold (foreign matter)" in words


def test_a_substitute_named_in_the_bom_is_accepted(runtime, admin, plant):
    with runtime.unit_of_work() as session:
        masterdata.create_item(session, admin, code="RYE_FLOUR", name="Rye flour", unit="kg", kind="raw")
        masterdata.create_item(session, admin, code="RYE", name="Rye", unit="kg", kind="raw")
        masterdata.create_bom(
            session,
            admin,
            product="DOUGH",
            lines=[
                {"component": "FLOUR", "quantity_per": "0.6", "substitutes": ["RYE_FLOUR"]},
                {"component": "SUGAR", "quantity_per": "0.3"},
            ],
        )
        order = production.create_work_order(session, admin, product="DOUGH", quantity="10").number
        rye_flour, rye = received(session, admin, "RYE_FLOUR"), received(session, admin, "RYE")
    with runtime.unit_of_work() as session:
        checked = production.check_issue(session, admin, order=order, lot=rye_flour, quantity="2")
        record = production.issue_lot_to_order(session, admin, order=order, lot=rye_flour, quantity="2")
    assert (checked.item, checked.balance_after, record.balance_after) == ("RYE_FLOUR", 98, 98)
    # "RYE" is part of the substitute's code, not a substitute: codes are compared whole.
    assert "not a component of DOUGH" in _same_refusal(runtime, admin, order=order, lot=rye, quantity="1")


def test_a_scan_stores_what_the_column_types_would(runtime, admin, plant, clock):
    with runtime.unit_of_work() as session:
        record = production.issue_lot_to_order(
            session, admin, order=plant.order, lot=plant.flour, quantity="29.75", operator=" Ann "
        )
    assert (str(record.quantity), str(record.balance_after), record.unit) == ("29.75", "70.25", "kg")
    with runtime.unit_of_work() as session:
        raw = session.connection().connection.driver_connection
        event = session.scalar(select(Event).where(Event.id == record.event_id))
        assert event is not None and event.type == "lot_issued"
        assert json.loads(event.payload) == {
            "order": plant.order,
            "lot": plant.flour,
            "quantity": "29.75",
            "operator": "Ann",
            "issued_at": "2026-11-02T09:00:00.000000Z",
        }
        lot_id, balance, balance_type = raw.execute(
            "SELECT id, balance, typeof(balance) FROM lots WHERE code = ?", (plant.flour,)
        ).fetchone()
        assert (balance, balance_type) == (70_250_000, "integer")
        assert raw.execute(
            "SELECT lot_id, quantity, typeof(quantity), issued_at, operator, created_event FROM order_inputs"
        ).fetchall() == [(lot_id, 29_750_000, "integer", "2026-11-02 09:00:00.000000", "Ann", event.seq)]
        assert (lot_id, event.seq) in raw.execute("SELECT lot_id, event_seq FROM event_lots").fetchall()
        assert raw.execute("SELECT last_seq, last_hash FROM stations WHERE code = ?", ("ST1",)).fetchone() == (
            event.station_seq,
            event.hash,
        )
        assert compare_with_replay(session) == ()
        assert verify_chain(session).is_intact
