"""A person behind every change: roles come from the user store at the moment of the event, never from the caller."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from tests.plant import QA_PIN, master_data, received
from tests.qa_helpers import events_count
from tracedesk.core.errors import PermissionDenied, Refused
from tracedesk.db.models import Event, Signature
from tracedesk.paths import AppPaths
from tracedesk.services import quality, shipping, users
from tracedesk.services.demo import DEMO_USERS, build_demo
from tracedesk.services.permissions import Action, require
from tracedesk.services.runtime import Runtime, StationSettings


@pytest.fixture
def plant(runtime, admin):
    """A quarantined flour lot, a QA user and a clerk (both real users of the store)."""
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        users.create_user(s, admin, code="qa", name="Quality", role="qa", pin=QA_PIN)
        users.create_user(s, admin, code="anna", name="Anna", role="clerk", pin="1111")
        lot = received(s, admin, "FLOUR", release=False)
    return lot


def test_a_clerk_actor_is_refused_qa_actions_whatever_it_claims(runtime, admin, plant):
    clerk = replace(admin, user="anna")  # an actor has no role to claim: the store says clerk
    before = events_count(runtime)
    for decide in (
        lambda s: quality.release_lot(s, clerk, lot=plant, pin="1111"),
        lambda s: quality.reject_lot(s, clerk, lot=plant, reason="x", pin="1111"),
        lambda s: quality.hold_lot(s, clerk, lot=plant, reason="x"),
    ):
        with pytest.raises(PermissionDenied, match=r"anna \(clerk\) may not"), runtime.unit_of_work() as s:
            decide(s)
    assert events_count(runtime) == before


@pytest.mark.parametrize("code", ["nobody", "", "   "])
def test_an_unknown_or_empty_user_is_refused_and_nothing_is_recorded(runtime, admin, plant, code):
    before = events_count(runtime)
    with pytest.raises(PermissionDenied), runtime.unit_of_work() as s:
        quality.hold_lot(s, replace(admin, user=code), lot=plant, reason="x")
    assert events_count(runtime) == before


def test_a_deactivated_user_is_refused_at_the_next_event(runtime, admin, plant):
    qa = replace(admin, user="qa")
    with runtime.unit_of_work() as s:
        quality.hold_lot(s, qa, lot=plant, reason="smell")
        users.set_active(s, admin, code="qa", active=False, reason="left the company")
    before = events_count(runtime)
    with pytest.raises(PermissionDenied, match="qa is deactivated"), runtime.unit_of_work() as s:
        quality.lift_hold(s, qa, lot=plant, reason="fine", pin=QA_PIN)
    assert events_count(runtime) == before


def test_a_role_change_applies_to_the_very_next_event(runtime, admin, plant):
    anna = replace(admin, user="anna")
    with runtime.unit_of_work() as s:
        users.change_role(s, admin, code="anna", role="qa", reason="promoted")
        quality.hold_lot(s, anna, lot=plant, reason="promoted and careful")
        users.change_role(s, admin, code="anna", role="clerk", reason="back to the dock")
    with pytest.raises(PermissionDenied), runtime.unit_of_work() as s:
        quality.lift_hold(s, anna, lot=plant, reason="x", pin="1111")


def test_a_locked_out_user_is_refused_even_with_an_actor_in_hand(runtime, admin, plant):
    qa = replace(admin, user="qa")
    for _ in range(5):
        with pytest.raises(Refused), runtime.unit_of_work() as s:
            users.sign_in(s, qa, "qa", "0000")
    before = events_count(runtime)
    with pytest.raises(Refused, match="locked"), runtime.unit_of_work() as s:
        quality.hold_lot(s, qa, lot=plant, reason="x")
    with pytest.raises(Refused, match="locked"), runtime.unit_of_work() as s:
        require(s, qa, Action.EXPORT)
    assert events_count(runtime) == before


def test_the_signature_records_the_role_from_the_store(runtime, admin, plant):
    with runtime.unit_of_work() as s:
        quality.release_lot(s, replace(admin, user="qa"), lot=plant, pin=QA_PIN)
        sig = s.scalars(select(Signature)).one()
        assert (sig.signer, sig.role) == ("qa", "qa")


def test_require_answers_with_the_user_as_the_store_knows_them(runtime, admin, plant):
    with runtime.reading() as s:
        me = require(s, admin, Action.MANAGE_USERS)
        assert (me.code, me.role.value, me.active) == ("admin", "admin", True)
        with pytest.raises(PermissionDenied, match=r"anna \(clerk\) may not export the audit trail|anna \(clerk\) may not read"):
            require(s, replace(admin, user="anna"), Action.VIEW_AUDIT)


def test_every_recording_service_refuses_a_forged_actor(runtime, admin, plant):
    """Shipping as an unknown user: the check is the service's own, not the caller's."""
    ghost = replace(admin, user="ghost")
    with pytest.raises(PermissionDenied, match="no user ghost"), runtime.unit_of_work() as s:
        shipping.ship_lot(s, ghost, lot=plant, customer="SHOP", quantity="1", document="DN-1")


def test_the_first_administrator_is_the_only_anonymous_write(runtime, admin):
    with pytest.raises(Refused, match="has users already"):
        runtime.create_first_admin(code="eve", name="Eve", pin="1234")
    with runtime.reading() as s:
        created = s.scalars(select(Event).order_by(Event.seq)).all()
    assert [(e.type, e.user) for e in created] == [("user_created", "admin"), ("station_configured", "admin")]
    assert '"first_admin":true' in created[0].payload


def test_opening_a_database_records_nothing(tmp_path):
    paths = AppPaths.from_environment().ensure()
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    for _ in range(2):
        runtime = Runtime.open(url, paths, StationSettings(code="ST9", name="Dock", lot_prefix="D"))
        assert events_count(runtime) == 0 and not runtime.station_is_recorded()
        runtime.close()


def test_the_station_is_recorded_by_the_first_user_who_signs_in(runtime, admin):
    with runtime.unit_of_work() as s:
        users.create_user(s, admin, code="li", name="Li", role="line_lead", pin="2222")
    moved = Runtime(runtime.engine, runtime.paths, StationSettings(code="ST2", name="Line 2", lot_prefix="M"))
    assert not moved.station_is_recorded()
    before = events_count(runtime)
    actor = moved.sign_in("li", "2222")
    assert actor.user == "li" and moved.station_is_recorded()
    with runtime.reading() as s:
        event = s.scalars(select(Event).order_by(Event.seq.desc())).first()
    assert (event.type, event.user, event.station) == ("station_configured", "li", "ST2")
    assert events_count(runtime) == before + 1
    moved.sign_in("li", "2222")
    assert events_count(runtime) == before + 1  # once


def test_demo_data_is_recorded_by_the_demo_users_only(runtime, admin_free_actor):
    with runtime.unit_of_work() as s:
        build_demo(s, admin_free_actor, days=10, record_station=runtime.record_station)
    with runtime.reading() as s:
        who = set(s.scalars(select(Event.user).distinct()))
    assert who <= {code for code, *_ in DEMO_USERS} and "system" not in who
    assert {"admin", "anna", "li", "qa"} <= who


@pytest.fixture
def admin_free_actor(runtime, clock):
    """Nobody in particular at ST1: the demo creates its own users."""
    return replace(runtime.station_actor(), utc_offset_minutes=60, clock=clock)


def test_refusals_read_in_chinese_with_the_role_and_the_action_translated(runtime, admin, plant):
    from tracedesk.core.messages import catalog, text_of
    from tracedesk.core.status import Role
    from tracedesk.services.permissions import ACTION_WORDS, role_word

    zh = catalog("zh_CN")
    assert not [a for a in Action if ACTION_WORDS[a].template not in zh]
    assert not [r for r in Role if text_of(role_word(r), "zh_CN") == text_of(role_word(r), "en")]
    with pytest.raises(PermissionDenied) as refused, runtime.reading() as s:
        require(s, replace(admin, user="anna"), Action.RELEASE)
    assert refused.value.render("zh_CN") == "anna（收发货员）无权放行批次。"
