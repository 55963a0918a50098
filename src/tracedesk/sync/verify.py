"""`hub verify`: every station's chain on the hub, recomputed here with the stations' own hashing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from tracedesk.core.messages import Message, msg
from tracedesk.db.eventlog import GENESIS_HASH, event_hash
from tracedesk.sync.hub import check_revision, hub_connection, hub_engine


@dataclass(frozen=True)
class HubReport:
    """How many stations and events were checked, and the first bad event if any."""

    stations: int
    checked: int
    first_bad_id: str | None = None
    problem: Message | None = None


def verify_hub(url: str) -> HubReport:
    """Recompute every event's hash, its link to the one before and each station's head.

    The check does not rely on the hub's own functions: a hub whose functions or rows were
    changed by someone with the owner's rights is caught here as well.
    """
    engine = hub_engine(url)
    try:
        with hub_connection(engine) as connection:
            check_revision(connection, engine.url)
            heads = {
                str(code): (int(seq), str(digest))
                for code, seq, digest in connection.execute(text("SELECT id, head_seq, head_hash FROM tracedesk.stations"))
            }
            expected = dict.fromkeys(heads, (0, GENESIS_HASH))
            rows = connection.execution_options(stream_results=True, yield_per=5000).execute(
                text(
                    'SELECT hub_seq, id, station, station_seq, "user", recorded_at, utc_offset_minutes, type, payload, '
                    "prev_hash, hash FROM tracedesk.events ORDER BY station, station_seq"
                )
            )
            try:
                bad = _first_bad(rows, expected)
            finally:
                rows.close()  # a streamed (server-side) cursor: closed even when the walk stops early
            checked, bad_id, problem = bad
            if problem is not None:
                return HubReport(len(heads), checked, bad_id, problem)
            for code, head in heads.items():
                if expected[code] != head and not (head[0] == 0 and expected[code][0] == 0):
                    return HubReport(
                        len(heads),
                        checked,
                        None,
                        msg(
                            "the hub's head of station {station} (sequence {sequence}) is not its last event",
                            station=code,
                            sequence=head[0],
                        ),
                    )
            return HubReport(len(heads), checked)
    finally:
        engine.dispose()


def _first_bad(rows: Iterable[Any], expected: dict[str, tuple[int, str]]) -> tuple[int, str | None, Message | None]:
    """Walk the hub's events in chain order: (events checked, the first bad one's id, why)."""
    checked = 0
    for row in rows:
        checked += 1
        described = msg(
            "event {id} (station {station}, sequence {sequence}, {type})",
            id=row.id,
            station=row.station,
            sequence=row.station_seq,
            type=row.type,
        )
        seq, prev = expected.get(row.station, (0, GENESIS_HASH))
        problem: Message | None = None
        if row.station_seq != seq + 1 or row.prev_hash != prev:
            problem = msg("{event} does not follow the event before it on the hub", event=described)
        elif (
            event_hash(
                id=row.id,
                station=row.station,
                station_seq=row.station_seq,
                user=row.user,
                recorded_at=row.recorded_at,
                utc_offset_minutes=row.utc_offset_minutes,
                type=row.type,
                payload=row.payload,
                prev_hash=row.prev_hash,
            )
            != row.hash
        ):
            problem = msg("{event} does not match its hash on the hub", event=described)
        if problem is not None:
            return checked, str(row.id), problem
        expected[row.station] = (row.station_seq, row.hash)
    return checked, None, None
