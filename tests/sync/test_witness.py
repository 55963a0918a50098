"""The hub witnesses each chain: cuts lose and double nothing, a re-hashed history is caught and named."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select

from tests.sync.conftest import through
from tests.sync.test_push import hub_rows
from tracedesk.cli import main
from tracedesk.db.eventlog import event_hash
from tracedesk.db.models import Event
from tracedesk.services import masterdata
from tracedesk.sync.hub import HubRefused, HubUnreachable, hub_engine
from tracedesk.sync.push import push_events
from tracedesk.sync.verify import verify_hub


def add_items(station, actor, count: int, start: int = 0) -> None:  # noqa: ANN001
    with station.runtime.unit_of_work() as session:
        for number in range(start, start + count):
            masterdata.create_item(session, actor, code=f"I{number:05}", name=f"Item {number} 物料", unit="kg", kind="raw")


def own_chain(station) -> list[tuple[str, int, str]]:  # noqa: ANN001
    with station.runtime.reading() as session:
        rows = session.execute(
            select(Event.id, Event.station_seq, Event.hash).where(Event.station == station.code).order_by(Event.station_seq)
        )
        return [tuple(row) for row in rows]


def test_a_connection_cut_mid_push_loses_and_doubles_nothing(stations, hub, proxy):  # noqa: ANN001
    dock = stations("DOCK", "D")
    actor = dock.first_admin()
    dock.sync()
    url = through(proxy, hub)
    cuts = 0
    for round_, cut_after in enumerate((3_000, 25_000, 70_000, 160_000)):
        add_items(dock, actor, 150, start=round_ * 150)
        proxy.arm(cut_after, "up")
        engine = hub_engine(url)
        try:
            push_events(engine, dock.runtime.sessions, "DOCK", batch=40)
        except HubUnreachable:
            cuts += 1
        finally:
            engine.dispose()
            proxy.disarm()
    assert cuts >= 3
    dock.sync()
    hub_chain = hub_rows(hub, "SELECT id, station_seq, hash FROM tracedesk.events WHERE station = 'DOCK' ORDER BY hub_seq")
    assert hub_chain == own_chain(dock)
    assert verify_hub(hub).problem is None


def rehash_history(station, seq: int) -> str:  # noqa: ANN001
    """Edit one synced event's payload with sqlite3, then re-hash the chain after it with the project's hashing."""
    path = station.runtime.database_file
    with station.runtime.reading() as session:
        rows = session.execute(select(Event).where(Event.station == station.code).order_by(Event.station_seq)).scalars().all()
        events = [
            (e.seq, e.id, e.station_seq, e.user, e.recorded_at, e.utc_offset_minutes, e.type, e.payload, e.prev_hash)
            for e in rows
        ]
    station.close()
    connection = sqlite3.connect(path)
    prev = None
    edited = ""
    for local_seq, event_id, station_seq, user, recorded, offset, kind, payload, prev_hash in events:
        if station_seq == seq:
            data = json.loads(payload)
            data["name"] = "Rewritten"
            payload = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            edited = event_id
        prev_hash = prev or prev_hash
        digest = event_hash(
            id=event_id,
            station=station.code,
            station_seq=station_seq,
            user=user,
            recorded_at=recorded,
            utc_offset_minutes=offset,
            type=kind,
            payload=payload,
            prev_hash=prev_hash,
        )
        connection.execute(
            "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?", (payload, prev_hash, digest, local_seq)
        )
        prev = digest
    connection.execute("UPDATE stations SET last_hash = ? WHERE code = ?", (prev, station.code))
    connection.commit()
    connection.close()
    return edited


def test_a_rehashed_history_is_refused_by_sync_and_named_by_audit_verify(stations, hub, tmp_path, monkeypatch, capsys):  # noqa: ANN001
    dock = stations("DOCK", "D")
    actor = dock.first_admin()
    add_items(dock, actor, 5)
    dock.sync()
    with dock.runtime.reading() as session:
        seq = session.scalar(
            select(Event.station_seq)
            .where(Event.station == "DOCK", Event.type == "item_created")
            .order_by(Event.station_seq)
            .limit(1)
        )
    edited = rehash_history(dock, seq)
    reopened = stations("DOCK", "D")  # the same files, opened again
    add_items(reopened, actor, 1, start=100)
    with pytest.raises(HubRefused, match=f"not the history the hub witnessed: event {edited} .* differs from the hub's copy"):
        reopened.sync()
    # The hub kept its copy and nothing of the rewritten history.
    assert hub_rows(hub, f"SELECT count(*) FROM tracedesk.events WHERE id = '{edited}' AND payload LIKE '%Rewritten%'") == [(0,)]
    # audit verify: the local chain is intact (it was re-hashed), the hub's copy names the edit.
    settings = reopened.runtime.station
    home = tmp_path / "DOCK"
    monkeypatch.setenv("TRACEDESK_HOME", str(home))
    (home / "config" / "station.json").write_text(
        json.dumps({"code": "DOCK", "name": settings.name, "lot_prefix": "D", "hub_url": hub}), "utf-8"
    )
    reopened.close()
    code = main(["--db", str(home / "station.sqlite3"), "audit", "verify", "--no-replay"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"event {edited}" in err and "differs from the hub's copy" in err


def test_hub_verify_catches_an_event_edited_on_the_hub_behind_its_triggers(stations, hub, capsys):  # noqa: ANN001
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    dock = stations("DOCK", "D")
    actor = dock.first_admin()
    add_items(dock, actor, 3)
    dock.sync()
    assert verify_hub(hub).problem is None
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE tracedesk.events DISABLE TRIGGER events_append_only"))
        edited = connection.execute(
            text(
                "UPDATE tracedesk.events SET payload = replace(payload, 'Item 1 ', 'Item 9 ') "
                "WHERE payload LIKE '%Item 1 %' RETURNING id"
            )
        ).scalar_one()
        connection.execute(text("ALTER TABLE tracedesk.events ENABLE TRIGGER events_append_only"))
    engine.dispose()
    report = verify_hub(hub)
    assert report.first_bad_id == edited and "does not match its hash on the hub" in str(report.problem)
    assert main(["hub", "verify", hub]) == 1
    assert f"event {edited}" in capsys.readouterr().err
