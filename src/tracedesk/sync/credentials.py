"""Credentials between stations: through the hub's own table, never through the event log.

A station sends the rows of the credential changes it recorded; the hub keeps a row only when
it holds the event, from that station, that changed it. A station takes a row from the hub only
when its own log (the pulled events included) commits to exactly that row, so neither the hub
nor another station can slip in a PIN the log does not prove.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from tracedesk.core.credential_hashes import commitment
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.credential_log import latest_commitments
from tracedesk.db.models import Credential, Event
from tracedesk.sync.hub import hub_connection


def push_credentials(hub: Engine, sessions: sessionmaker[Session], station: str) -> int:
    """Send the rows whose last change this station recorded; how many the hub took as newer."""
    with sessions() as session:
        rows = session.execute(
            select(
                Credential.user_code, Credential.pin_hash, Credential.badge_key, Credential.changed_at, Credential.changed_event
            )
            .join(Event, Event.id == Credential.changed_event)
            .where(Event.station == station)
        ).all()
    if not rows:
        return 0
    batch = [[code, pin, badge, iso_utc(changed), event] for code, pin, badge, changed, event in rows]
    with hub_connection(hub) as connection:
        taken = connection.execute(
            text("SELECT tracedesk.push_credentials(:station, CAST(:rows AS jsonb))"),
            {"station": station, "rows": json.dumps(batch, ensure_ascii=False)},
        ).scalar_one()
    return int(taken)


def _hub_rows(connection: Connection) -> list[tuple[str, str, str | None, datetime, str]]:
    rows = connection.execute(text("SELECT user_code, pin_hash, badge_key, changed_at, changed_event FROM tracedesk.credentials"))
    return [(str(a), str(b), None if c is None else str(c), d, str(e)) for a, b, c, d, e in rows]


def pull_credentials(hub: Engine, sessions: sessionmaker[Session]) -> int:
    """Take the hub's rows that this log proves and that are newer than the local ones; how many."""
    with hub_connection(hub) as connection:
        theirs = _hub_rows(connection)
    if not theirs:
        return 0
    taken = 0
    with sessions.begin() as session:
        proven = latest_commitments(session)
        for code, pin_hash, badge_key, changed_at, changed_event in theirs:
            if proven.get(code) != (changed_event, commitment(code, pin_hash, badge_key)):
                continue  # the log does not commit to this row (not pulled yet, or not genuine)
            row = session.get(Credential, code)
            if row is not None and row.changed_event == changed_event:
                continue
            if row is None:
                row = Credential(user_code=code)
                session.add(row)
            row.pin_hash, row.badge_key = pin_hash, badge_key
            row.changed_at, row.changed_event = changed_at, changed_event
            taken += 1
    return taken
