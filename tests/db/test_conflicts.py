"""Contradicting facts from two stations: every event kept, the state shows it, the same conflict everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.plant import master_data
from tests.stations import ADMIN_PIN, Station, StepClock, exchange, join, open_station
from tracedesk.core.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tracedesk.db.fingerprint import state_fingerprint
from tracedesk.db.models import Item, Lot
from tracedesk.services import masterdata, production, quality, shipping
from tracedesk.services.conflicts import ConflictInfo, list_conflicts, open_conflicts_of, resolve_conflict
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.users import create_user


@pytest.fixture
def pair(tmp_path: Path):
    clock = StepClock()
    a = open_station(tmp_path, "A", clock, first=True)
    b = open_station(tmp_path, "B", clock)
    with a.work() as session:
        master_data(session, a.actor())
        create_user(session, a.actor(), code="clerk", name="Clerk", role="clerk", pin="5656")
    exchange(a, b)
    join(b, a.actor())
    exchange(b, a)
    yield a, b
    a.close()
    b.close()


def _lot(station: Station, quantity: str = "40", *, release: bool = True) -> str:
    with station.work() as session:
        request = ReceiveRequest(item="FLOUR", quantity=quantity, supplier="MILL", supplier_lot="S-1")
        lot = register_received_lot(session, request, station.actor()).code
        if release:
            quality.release_lot(session, station.actor(), lot=lot, pin=ADMIN_PIN)
    return lot


def _sync(a: Station, b: Station) -> tuple[list[ConflictInfo], list[ConflictInfo]]:
    exchange(a, b)
    exchange(b, a)
    seen = []
    for station in (a, b):
        with station.runtime.reading() as session:
            seen.append(list_conflicts(session))
    with a.runtime.reading() as session:
        first = state_fingerprint(session)
    with b.runtime.reading() as session:
        assert state_fingerprint(session) == first
    return seen[0], seen[1]


def test_the_same_material_used_at_two_stations_offline_is_one_over_issue_at_both(pair) -> None:
    a, b = pair
    lot = _lot(a)
    exchange(a, b)
    with a.work() as session:
        order = production.create_work_order(session, a.actor(), product="DOUGH", quantity="50").number
        issued = production.issue_lot_to_order(session, a.actor(), order=order, lot=lot, quantity="30")
    with b.work() as session:
        shipping.ship_lot(session, b.actor(), lot=lot, customer="SHOP", document="DN-1", quantity="30")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b
    [conflict] = at_a
    assert conflict.kind == "over_issue" and conflict.lots == (lot,) and conflict.stations == ("A", "B")
    assert conflict.status == "open" and issued.event_id in conflict.events and len(conflict.events) == 2
    for station in (a, b):
        with station.runtime.reading() as session:
            assert session.scalar(select(Lot.balance).where(Lot.code == lot)) == -20  # both uses kept, visible
            assert list(open_conflicts_of(session, [lot])) == [lot]


def test_an_issue_at_a_station_that_had_not_seen_a_hold_is_used_while_held(pair) -> None:
    a, b = pair
    lot = _lot(a)
    exchange(a, b)
    with a.work() as session:
        quality.hold_lot(session, a.actor(), lot=lot, reason="supplier alert")
    with b.work() as session:
        order = production.create_work_order(session, b.actor(), product="DOUGH", quantity="10").number
        production.issue_lot_to_order(session, b.actor(), order=order, lot=lot, quantity="5")
        output = production.record_output(session, b.actor(), order=order, quantity="5", confirm_unissued=True).code
    at_a, at_b = _sync(a, b)
    assert at_a == at_b
    [conflict] = at_a
    assert conflict.kind == "used_while_held" and set(conflict.lots) == {lot} and conflict.stations == ("A", "B")
    with a.runtime.reading() as session:
        # The lot made from it is suspect as usual, at the station that placed the hold too.
        assert output in quality.suspect_reasons(session, [output])


def test_a_use_after_the_hold_was_lifted_is_no_conflict(pair) -> None:
    a, b = pair
    lot = _lot(a)
    exchange(a, b)
    with a.work() as session:
        quality.hold_lot(session, a.actor(), lot=lot, reason="check label")
        quality.lift_hold(session, a.actor(), lot=lot, reason="label fine", pin=ADMIN_PIN)
    with b.work() as session:
        order = production.create_work_order(session, b.actor(), product="DOUGH", quantity="10").number
        production.issue_lot_to_order(session, b.actor(), order=order, lot=lot, quantity="5")
    assert _sync(a, b) == ([], [])


def test_a_release_and_a_rejection_decided_concurrently_are_a_conflict_with_one_status_everywhere(pair) -> None:
    a, b = pair
    lot = _lot(a, release=False)
    exchange(a, b)
    with a.work() as session:
        quality.release_lot(session, a.actor(), lot=lot, pin=ADMIN_PIN)
    with b.work() as session:
        quality.reject_lot(session, b.actor(), lot=lot, reason="mould", pin=ADMIN_PIN)
    at_a, at_b = _sync(a, b)
    assert at_a == at_b
    [conflict] = at_a
    assert conflict.kind == "concurrent_status" and conflict.lots == (lot,) and len(conflict.events) == 2
    for station in (a, b):
        with station.runtime.reading() as session:
            assert session.scalar(select(Lot.status).where(Lot.code == lot)) == "rejected"  # the later decision


def test_a_rejection_made_after_seeing_the_release_is_no_conflict(pair) -> None:
    a, b = pair
    lot = _lot(a, release=False)
    with a.work() as session:
        quality.release_lot(session, a.actor(), lot=lot, pin=ADMIN_PIN)
    exchange(a, b)
    with b.work() as session:
        quality.reject_lot(session, b.actor(), lot=lot, reason="complaint", pin=ADMIN_PIN)
    assert _sync(a, b) == ([], [])


def test_the_same_field_changed_at_two_stations_is_a_master_data_conflict(pair) -> None:
    a, b = pair
    with a.work() as session:
        masterdata.update_item(session, a.actor(), code="SUGAR", name="Cane sugar", unit="kg", kind="raw")
    with b.work() as session:
        masterdata.update_item(session, b.actor(), code="SUGAR", name="Beet sugar", unit="kg", kind="raw")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b
    [conflict] = at_a
    assert conflict.kind == "master_data" and conflict.stations == ("A", "B") and conflict.lots == ()
    for station in (a, b):
        with station.runtime.reading() as session:
            assert session.scalar(select(Item.name).where(Item.code == "SUGAR")) == "Beet sugar"  # recorded last


def test_the_same_code_created_at_two_stations_is_a_master_data_conflict(pair) -> None:
    a, b = pair
    with a.work() as session:
        masterdata.create_item(session, a.actor(), code="YEAST", name="Yeast (A)", unit="kg", kind="raw")
    with b.work() as session:
        masterdata.create_item(session, b.actor(), code="YEAST", name="Yeast (B)", unit="g", kind="raw")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b and [c.kind for c in at_a] == ["master_data"]
    for station in (a, b):
        with station.runtime.reading() as session:
            assert session.scalar(select(Item.name).where(Item.code == "YEAST")) == "Yeast (A)"  # created first


def _over_issue(a: Station, b: Station) -> str:
    lot = _lot(a)
    exchange(a, b)
    for station in (a, b):
        with station.work() as session:
            shipping.ship_lot(session, station.actor(), lot=lot, customer="SHOP", document="DN", quantity="25")
    [conflict] = _sync(a, b)[0]
    return conflict.id


def test_qa_resolves_a_conflict_with_a_signed_note_that_reaches_every_station(pair) -> None:
    a, b = pair
    code = _over_issue(a, b)
    with b.work() as session:
        resolved = resolve_conflict(
            session, b.actor(), conflict=code.lower(), note="Counted: the shipment took 15", pin=ADMIN_PIN
        )
    assert resolved.status == "resolved" and resolved.resolved_by == "admin"
    at_a, at_b = _sync(a, b)
    assert at_a == at_b and at_a[0].status == "resolved" and at_a[0].note == "Counted: the shipment took 15"
    with a.runtime.reading() as session:
        assert open_conflicts_of(session, list(at_a[0].lots)) == {}
    with a.work() as session, pytest.raises(Refused, match="resolved already"):
        resolve_conflict(session, a.actor(), conflict=code, note="again", pin=ADMIN_PIN)


def test_resolving_is_refused_without_qa_role_without_note_or_for_an_unknown_conflict(pair) -> None:
    a, b = pair
    code = _over_issue(a, b)
    with a.work() as session, pytest.raises(PermissionDenied):
        resolve_conflict(session, a.actor("clerk"), conflict=code, note="fine", pin="5656")
    with a.work() as session, pytest.raises(InvalidInput, match="Say how conflict"):
        resolve_conflict(session, a.actor(), conflict=code, note="  ", pin=ADMIN_PIN)
    with a.work() as session, pytest.raises(NotFound, match="There is no conflict C-NOPE"):
        resolve_conflict(session, a.actor(), conflict="C-NOPE", note="fine", pin=ADMIN_PIN)
    with a.work() as session, pytest.raises(Refused):
        resolve_conflict(session, a.actor(), conflict=code, note="fine", pin="0000")
    # Only the wrong PIN is remembered (for the lock-out); nothing was resolved.
    assert "conflict_resolved" not in {e.type for e in a.events()}
    with a.runtime.reading() as session:
        assert [c.status for c in list_conflicts(session)] == ["open"]


def test_a_lot_moved_at_two_stations_offline_is_where_the_later_move_put_it_everywhere(pair) -> None:
    from tests.services.warehouse.test_locations import build_plant
    from tracedesk.services.warehouse import move_lot

    a, b = pair
    with a.work() as session:
        build_plant(session, a.actor())
    lot = _lot(a)
    exchange(a, b)
    with b.work() as session:
        move_lot(session, b.actor(), lot=lot, to="B-05")
    with a.work() as session:
        move_lot(session, a.actor(), lot=lot, to="B-04")
    assert _sync(a, b) == ([], [])  # moves are facts that do not contradict: the later one says where it is
    for station in (a, b):
        with station.runtime.reading() as session:
            from tracedesk.services.lookup import lot_by_code, lot_info

            assert lot_info(session, lot_by_code(session, lot)).location == "B-04"


def test_using_a_lot_made_from_material_held_elsewhere_is_used_while_held(pair) -> None:
    a, b = pair
    flour = _lot(a)
    exchange(a, b)
    with b.work() as session:
        order = production.create_work_order(session, b.actor(), product="DOUGH", quantity="10").number
        production.issue_lot_to_order(session, b.actor(), order=order, lot=flour, quantity="6")
        dough = production.record_output(session, b.actor(), order=order, quantity="10", confirm_unissued=True).code
    _sync(a, b)
    with a.work() as session:
        quality.hold_lot(session, a.actor(), lot=flour, reason="aflatoxin alert")  # spreads to the dough
    with b.work() as session:
        shipping.ship_lot(session, b.actor(), lot=dough, customer="SHOP", document="DN-7", quantity="4")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b
    [conflict] = at_a
    assert conflict.kind == "used_while_held" and set(conflict.lots) == {flour, dough}
    with b.runtime.reading() as session:
        assert dough in quality.suspect_reasons(session, [dough])


def test_a_lot_corrected_and_an_order_closed_at_two_stations_settle_on_the_later_everywhere(pair) -> None:
    from tracedesk.db.models import WorkOrder
    from tracedesk.services.corrections import correct_lot

    a, b = pair
    lot = _lot(a)
    with a.work() as session:
        order = production.create_work_order(session, a.actor(), product="DOUGH", quantity="10").number
    exchange(a, b)
    with b.work() as session:
        correct_lot(session, b.actor(), lot=lot, reason="typo", po="PO-B")
        production.close_order(session, b.actor(), order=order)
    with a.work() as session:
        correct_lot(session, a.actor(), lot=lot, reason="supplier's paper", po="PO-A")
        production.close_order(session, a.actor(), order=order)
    _sync(a, b)  # the same state at both (fingerprints compared)
    with b.runtime.reading() as session:
        assert session.scalar(select(Lot.po).where(Lot.code == lot)) == "PO-A"  # A's was recorded later
        closed = session.scalar(select(WorkOrder.closed_at).where(WorkOrder.number == order))
    with a.runtime.reading() as session:
        assert session.scalar(select(WorkOrder.closed_at).where(WorkOrder.number == order)) == closed


def test_a_resolution_reaching_a_station_where_the_cause_was_already_gone_shows_the_same_conflict(pair, tmp_path) -> None:
    from tracedesk.db.remote import apply_remote_events

    a, b = pair
    c = open_station(tmp_path, "C", a.clock)
    try:
        lot = _lot(a)
        exchange(a, b)
        exchange(a, c)
        join(c, a.actor())
        with a.work() as session:
            quality.hold_lot(session, a.actor(), lot=lot, reason="check")
        hold_only = a.events()
        with a.work() as session:
            quality.lift_hold(session, a.actor(), lot=lot, reason="fine", pin=ADMIN_PIN)
        with b.work() as session:
            shipping.ship_lot(session, b.actor(), lot=lot, customer="SHOP", document="DN-3", quantity="5")
        # C has seen the hold and the shipment, not the lift: a conflict, which QA at C resolves.
        have = {e.id for e in c.events()}
        with c.work() as session:
            apply_remote_events(session, [e for e in hold_only if e.id not in have])
        exchange(b, c)
        with c.work() as session:
            [conflict] = list_conflicts(session)
            resolve_conflict(session, c.actor(), conflict=conflict.id, note="shipment was fine", pin=ADMIN_PIN)
        # B knows the hold was lifted before it shipped: no conflict, until C's decision arrives.
        exchange(a, b)
        with b.runtime.reading() as session:
            assert list_conflicts(session) == []
        exchange(c, b)
        for _ in range(2):
            for source, target in ((a, b), (b, a), (c, a), (a, c), (b, c), (c, b)):
                exchange(source, target)
        seen = []
        for station in (a, b, c):
            with station.runtime.reading() as session:
                seen.append((list_conflicts(session), state_fingerprint(session)))
        assert seen[0] == seen[1] == seen[2]
        assert [(x.id, x.status) for x in seen[0][0]] == [(conflict.id, "resolved")]
    finally:
        c.close()


def test_an_over_issue_counted_back_into_stock_goes_and_a_later_take_does_not_bring_it_back(pair) -> None:
    from tracedesk.services.inventory import adjust_lot

    a, b = pair
    lot = _lot(a)
    exchange(a, b)
    with a.work() as session:
        order = production.create_work_order(session, a.actor(), product="DOUGH", quantity="50").number
        production.issue_lot_to_order(session, a.actor(), order=order, lot=lot, quantity="30")
    with b.work() as session:
        shipping.ship_lot(session, b.actor(), lot=lot, customer="SHOP", document="DN-1", quantity="30")
    at_a, _ = _sync(a, b)
    assert [c.kind for c in at_a] == ["over_issue"]
    # The stock count finds more than the log said: the balance is back above zero, the cause gone.
    with a.work() as session:
        adjust_lot(session, a.actor(), lot=lot, counted="25", reason="counted")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b == []
    # A lot in stock with no conflict row is not derived again, and none appears.
    with b.work() as session:
        production.issue_lot_to_order(session, b.actor(), order=order, lot=lot, quantity="5", over_reason="rework")
    at_a, at_b = _sync(a, b)
    assert at_a == at_b == []
