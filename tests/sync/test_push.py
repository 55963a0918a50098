"""Pushing a station's events to a real PostgreSQL hub: in order, witnessed, never doubled."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.sync.conftest import role_url
from tracedesk.services import masterdata
from tracedesk.sync.client import connect
from tracedesk.sync.hub import HubRefused, HubUnreachable, init_hub
from tracedesk.sync.roles import add_station


def hub_rows(hub: str, sql: str) -> list[tuple]:
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def test_push_sends_every_event_once_in_chain_order(stations, hub):  # noqa: ANN001
    dock = stations("DOCK", "D")
    actor = dock.first_admin()
    with dock.runtime.unit_of_work() as session:
        masterdata.create_item(session, actor, code="FLOUR", name="Flour", unit="kg", kind="raw")
    first = dock.sync()
    assert first.pushed > 0
    again = dock.sync()
    assert again.pushed == 0
    rows = hub_rows(hub, "SELECT station, station_seq, hub_seq FROM tracedesk.events ORDER BY hub_seq")
    assert [r[1] for r in rows] == list(range(1, first.pushed + 1))
    assert {r[0] for r in rows} == {"DOCK"}
    head = hub_rows(hub, "SELECT head_seq FROM tracedesk.stations WHERE id = 'DOCK'")
    assert head == [(first.pushed,)]


def test_payload_is_kept_byte_for_byte(stations, hub):  # noqa: ANN001
    dock = stations("DOCK", "D")
    actor = dock.first_admin()
    with dock.runtime.unit_of_work() as session:
        masterdata.create_item(session, actor, code="MEHL", name='Mehl "fein" 面粉 \\ é', unit="kg", kind="raw")
    dock.sync()
    with dock.runtime.reading() as session:
        local = dict(session.execute(text("SELECT id, payload FROM events")).all())
    remote = dict(hub_rows(hub, "SELECT id, payload FROM tracedesk.events"))
    assert local == remote


def test_a_second_station_with_a_taken_prefix_is_refused(stations, hub):  # noqa: ANN001
    stations("DOCK", "D").sync()
    line = stations("LINE", "D")
    with pytest.raises(HubRefused, match="prefix D is already used by station DOCK"):
        line.sync()


def test_the_hub_never_changes_or_deletes_an_event(stations, hub):  # noqa: ANN001
    dock = stations("DOCK", "D")
    dock.first_admin()
    dock.sync()
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    try:
        for statement in (
            "UPDATE tracedesk.events SET payload = '{}'",
            "DELETE FROM tracedesk.events",
            "TRUNCATE tracedesk.events",
        ):
            with pytest.raises(Exception, match="never changes or deletes"), engine.begin() as connection:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def test_an_unreachable_hub_is_one_sentence(stations, hub):  # noqa: ANN001
    dock = stations("DOCK", "D")
    with pytest.raises(HubUnreachable, match="cannot be reached .* goes on working offline"):
        dock.sync("postgresql://postgres@127.0.0.1:1/nothing")


def test_a_hub_of_a_newer_version_is_refused_and_left_alone(stations, hub):  # noqa: ANN001
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        connection.execute(text("UPDATE tracedesk.alembic_version SET version_num = 'hub_9999_future'"))
    engine.dispose()
    dock = stations("DOCK", "D")
    with pytest.raises(HubRefused, match="newer version of TraceDesk"):
        dock.sync()
    with pytest.raises(HubRefused, match="newer version of TraceDesk"):
        init_hub(hub)
    assert hub_rows(hub, "SELECT version_num FROM tracedesk.alembic_version") == [("hub_9999_future",)]


def test_a_station_pushing_as_another_station_is_refused(stations, hub):  # noqa: ANN001
    add_station(hub, station="DOCK", name="Dock", lot_prefix="D")
    add_station(hub, station="LINE", name="Line", lot_prefix="L")
    dock_role = hub_rows(hub, "SELECT role_name FROM tracedesk.stations WHERE id = 'DOCK'")[0][0]
    line = stations("LINE", "L")
    line.first_admin()
    # The line's PC presents the dock's database role: it may not add the line's events ...
    with pytest.raises(HubRefused, match=f"role {dock_role} may not act for station LINE"):
        line.sync(role_url(hub, dock_role))
    # ... and a role of no station may not register one.
    with pytest.raises(HubRefused, match="not registered on the hub"):
        connect(role_url(hub, dock_role), stations("QA", "Q").identity)
    assert hub_rows(hub, "SELECT count(*) FROM tracedesk.events") == [(0,)]


def test_each_station_pushes_with_its_own_role(stations, hub):  # noqa: ANN001
    role = add_station(hub, station="DOCK", name="Dock", lot_prefix="D")
    dock = stations("DOCK", "D")
    dock.first_admin()
    assert dock.sync(role_url(hub, role)).pushed > 0
    # The station role reads events but may not write the table behind the hub's functions.
    engine = create_engine(make_url(role_url(hub, role)).set(drivername="postgresql+psycopg"))
    try:
        with pytest.raises(Exception, match="permission denied"), engine.begin() as connection:
            connection.execute(text("INSERT INTO tracedesk.stations (id, lot_prefix) VALUES ('X', 'X')"))
    finally:
        engine.dispose()


def test_hub_init_upgrades_an_older_hub_and_a_station_waits_for_it(empty_pg, tmp_path):  # noqa: ANN001
    from alembic import command
    from sqlalchemy import text as sql

    from tracedesk.sync.hub import _alembic_config, hub_engine, hub_head_revision

    engine = hub_engine(empty_pg)
    with engine.begin() as connection:
        connection.execute(sql("CREATE SCHEMA tracedesk"))
    command.upgrade(_alembic_config(engine), "hub_0001_events")
    engine.dispose()
    from tests.sync.conftest import Station

    dock = Station(tmp_path, "DOCK", "D", empty_pg)
    try:
        with pytest.raises(HubRefused, match="older schema .*tracedesk hub init"):
            dock.sync()
        assert init_hub(empty_pg) == ("hub_0001_events", hub_head_revision())
        assert dock.sync().pushed == 0
    finally:
        dock.close()
