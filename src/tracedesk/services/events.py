"""The single write path: validated drafts become events, state and log change in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.parsing import check_stored_text
from tracedesk.db.engine import READ_ONLY
from tracedesk.db.eventlog import EventDraft, StoredEvent, append_events
from tracedesk.db.projection import project


def apply_events(session: Session, actor: Actor, drafts: Sequence[EventDraft]) -> list[StoredEvent]:
    """Append the drafts to the station's chain and project them onto the state tables.

    The caller owns the transaction: if anything here fails, nothing of the request remains.
    A read-only unit of work (Runtime.reading) is rolled back at its end, so recording there
    would lose the record: it is refused before anything is written.
    """
    if session.connection().get_execution_options().get(READ_ONLY, False):
        raise RuntimeError("a read-only unit of work cannot record events")
    for draft in drafts:
        check_stored_text(draft.payload, draft.encoded)
    stored = append_events(
        session,
        drafts,
        station=actor.station,
        user=actor.user,
        recorded_at=actor.now(),
        utc_offset_minutes=actor.utc_offset_minutes,
    )
    project(session, stored)
    return stored


def apply_event(session: Session, actor: Actor, event_type: str, payload: dict[str, Any]) -> StoredEvent:
    """One event (the common case of a scan or a button)."""
    return apply_events(session, actor, [EventDraft(event_type, payload)])[0]
