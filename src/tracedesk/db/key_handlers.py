"""Projection of the plant's label signing keys: the public keys live in the log itself.

A `label_key_added` event carries a public key (never a private one). Every station that has
the event can check labels offline; the log is the key list, so there is no state to change.
"""

from __future__ import annotations

from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.projector import HandlerTable, Projector, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


@handles("label_key_added")
def _label_key_added(p: Projector, events: list[StoredEvent]) -> None:
    """Evidence only: services.label_keys reads the public keys from the log (type-indexed)."""
