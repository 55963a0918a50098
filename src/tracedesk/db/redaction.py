"""Taking a secret out of recorded events without losing the proof of everything else.

The hash chain covers each event's payload text, so an event whose payload is redacted no
longer matches its own hash. A redaction is therefore done only on a log whose chain verifies,
and is itself recorded: a `log_redacted` event, appended to the chain, lists for each redacted
event its id, its original hash (which the next event still links to), the fields taken out,
and the hash the event has now. `verify_chain` accepts exactly those events on that record's
authority, still checks every link, and catches any later edit of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.errors import DatabaseError
from tracedesk.core.messages import Message
from tracedesk.db.event_types import of_types
from tracedesk.db.eventlog import REDACTION_RECORD, EventDraft, StoredEvent, append_events, canonical_json, event_hash
from tracedesk.db.models import Event

REDACTED = "[redacted]"


def broken_log(database: str, problem: Message | str) -> DatabaseError:
    """The refusal to redact a log whose chain does not verify (nothing of it could be proven after)."""
    return DatabaseError(
        "The event log of {database} is broken ({problem}); TraceDesk will not rewrite a log it cannot prove. "
        "Restore a good backup, or run `tracedesk audit verify` with the version that wrote it. The database was not changed.",
        database=database,
        problem=problem,
    )


def users_without_log() -> DatabaseError:
    return DatabaseError("The database has users but no event log; restore a good backup.")


@dataclass(frozen=True)
class Redaction:
    """One event whose payload lost fields: what it was (its hash) and what it is now."""

    id: str
    hash: str
    fields: tuple[str, ...]
    redacted_hash: str

    def as_record(self) -> dict[str, Any]:
        return {"id": self.id, "hash": self.hash, "fields": list(self.fields), "redacted_hash": self.redacted_hash}


def redact_events(session: Session, types: Iterable[str], rewrite: Callable[[str, dict[str, Any]], list[str]]) -> list[Redaction]:
    """Rewrite the payloads of the events of `types`: `rewrite(type, payload)` edits the payload in
    place and returns the fields it took out (nothing when the event keeps its payload)."""
    done: list[Redaction] = []
    query = select(Event).where(of_types(types)).order_by(Event.seq)
    for row in session.scalars(query):
        payload = json.loads(row.payload)
        fields = rewrite(row.type, payload)
        if not fields:
            continue
        text = canonical_json(payload)
        redacted_hash = event_hash(
            id=row.id,
            station=row.station,
            station_seq=row.station_seq,
            user=row.user,
            recorded_at=row.recorded_at,
            utc_offset_minutes=row.utc_offset_minutes,
            type=row.type,
            payload=text,
            prev_hash=row.prev_hash,
        )
        done.append(Redaction(row.id, row.hash, tuple(fields), redacted_hash))
        row.payload = text
    session.flush()
    return done


def record_redactions(
    session: Session,
    redactions: list[Redaction],
    *,
    station: str,
    user: str,
    recorded_at: datetime,
    utc_offset_minutes: int,
    details: dict[str, Any],
) -> StoredEvent:
    """Append the `log_redacted` event that vouches for `redactions` (with `details`: why, by which upgrade ...)."""
    payload = {**details, "events": [r.as_record() for r in redactions]}
    [stored] = append_events(
        session,
        [EventDraft(REDACTION_RECORD, payload)],
        station=station,
        user=user,
        recorded_at=recorded_at,
        utc_offset_minutes=utc_offset_minutes,
    )
    return stored
