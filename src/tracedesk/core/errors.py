"""The errors a person can act on; every refusal in TraceDesk is one of these.

An error carries a `Message` (an English template and its parameters), so the GUI and the
command line can show it in the reader's language: `raise Refused("Lot {lot} is on hold.", lot=code)`.
`str(error)` renders it in the process's language (core.messages.set_language).
"""

from __future__ import annotations

from tracedesk.core.messages import Message

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import Any


class TraceDeskError(Exception):
    """Base of every error that is shown to a user as a sentence."""

    def __init__(self, message: Message | str = "", /, **params: Any) -> None:
        self.message = message if isinstance(message, Message) else Message(message, params)
        super().__init__(self.message.template)

    def render(self, language: str | None = None) -> str:
        return self.message.render(language)

    def __str__(self) -> str:
        return self.message.render()


class InvalidInput(TraceDeskError):
    """A value typed, scanned or imported is malformed (bad number, date, code ...)."""


class NotFound(TraceDeskError):
    """A lot, item, order, party or user named in a request does not exist."""


class Refused(TraceDeskError):
    """The request is well-formed but the current state forbids it (lot on hold, order closed ...)."""


class NeedsConfirmation(Refused):
    """Allowed only once the person confirms it (with a reason where one is asked).

    The GUI asks and sends the request again with the confirmation; the CLI takes a flag."""


class PermissionDenied(Refused):
    """The signed-in user's role may not do this."""


class DatabaseError(TraceDeskError):
    """The database cannot be opened or used (newer version, locked, unreadable)."""
