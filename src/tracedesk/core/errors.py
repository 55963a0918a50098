"""The errors a person can act on; every refusal in TraceDesk is one of these."""

from __future__ import annotations


class TraceDeskError(Exception):
    """Base of every error that is shown to a user as a sentence."""


class InvalidInput(TraceDeskError):
    """A value typed, scanned or imported is malformed (bad number, date, code ...)."""


class NotFound(TraceDeskError):
    """A lot, item, order, party or user named in a request does not exist."""


class Refused(TraceDeskError):
    """The request is well-formed but the current state forbids it (lot on hold, order closed ...)."""


class PermissionDenied(Refused):
    """The signed-in user's role may not do this."""


class DatabaseError(TraceDeskError):
    """The database cannot be opened or used (newer version, locked, unreadable)."""
