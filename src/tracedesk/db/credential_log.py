"""What the event log says of the credentials table: the last commitment of each user's row.

The credentials themselves never enter the log (services.credentials); each credential change
is an event carrying a commitment of the new row, and an upgrade that moved rows into the table
records theirs in its `log_redacted` event. `audit verify` and the upgrade both ask this.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.db.event_types import of_types
from tracedesk.db.eventlog import REDACTION_RECORD
from tracedesk.db.models import Event

# The event types that carry a credential commitment ("credential") for one user ("code").
CREDENTIAL_EVENTS = ("user_created", "user_pin_changed", "user_badge_changed")


def latest_commitments(session: Session) -> dict[str, tuple[str, str]]:
    """user code -> (event id, commitment) of the last credential change the log records.

    "Last" in the order this database recorded the events (its log sequence): a credential
    change is recorded where it is made, so a station's own order is the order of its changes.
    """
    latest: dict[str, tuple[str, str]] = {}
    types = (*CREDENTIAL_EVENTS, REDACTION_RECORD)
    rows = session.execute(select(Event.id, Event.type, Event.payload).where(of_types(types)).order_by(Event.seq))
    for event_id, event_type, payload_text in rows:
        payload = json.loads(payload_text)
        if event_type == REDACTION_RECORD:
            found = dict(payload.get("credentials") or {})
        elif payload.get("credential"):
            found = {payload["code"]: payload["credential"]}
        else:
            continue
        for code, digest in found.items():
            latest[code] = (event_id, digest)
    return latest
