"""Our own lot labels: the Code 128 content is `TD:` followed by the lot code.

The renderer builds the text with `internal_label_text` and the scanner side recognises it with
`parse_internal`, so the two can never drift apart.
"""

from __future__ import annotations

import string

from tracedesk.core.errors import InvalidInput

INTERNAL_LABEL_PREFIX = "TD:"
MAX_LOT_CODE_LENGTH = 40
# Printable ASCII without space: Code 128 carries it and a person can read it back aloud.
_ALLOWED = frozenset(string.ascii_letters + string.digits + "-._/+#")


def check_lot_code(lot_code: str) -> None:
    """Refuse a lot code that cannot go on (or come back from) our lot label."""
    if not lot_code:
        raise InvalidInput("The lot label carries no lot code after 'TD:'.")
    if len(lot_code) > MAX_LOT_CODE_LENGTH:
        raise InvalidInput(
            "Lot code is too long ({count} characters, at most {limit}).",
            count=len(lot_code),
            limit=MAX_LOT_CODE_LENGTH,
        )
    for char in lot_code:
        if char not in _ALLOWED:
            shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
            raise InvalidInput(
                "Lot code '{lot_code}': character {shown} is not allowed (letters, digits and - . _ / + # only).",
                lot_code=lot_code[:60],
                shown=shown,
            )


def internal_label_text(lot_code: str) -> str:
    """What our Code 128 lot label encodes for `lot_code`, e.g. `TD:A2611-0042`."""
    check_lot_code(lot_code)
    return INTERNAL_LABEL_PREFIX + lot_code


def is_internal(text: str) -> bool:
    return text.startswith(INTERNAL_LABEL_PREFIX)


def parse_internal(text: str) -> str:
    """The lot code on one of our labels (text starting with `TD:`)."""
    if not is_internal(text):
        raise InvalidInput("'{text}' is not a TraceDesk lot label (it must start with 'TD:').", text=text[:60])
    lot_code = text[len(INTERNAL_LABEL_PREFIX) :]
    check_lot_code(lot_code)
    return lot_code
