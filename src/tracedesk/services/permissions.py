"""Who may do what: the permission table, enforced here rather than by hiding buttons."""

from __future__ import annotations

from enum import StrEnum

from tracedesk.core.actor import Actor
from tracedesk.core.errors import PermissionDenied
from tracedesk.core.messages import Message, msg
from tracedesk.core.status import Role
from tracedesk.core.words import word


class Action(StrEnum):
    RECEIVE = "receive material"
    INSPECT = "record inspections"
    RELEASE = "release lots"
    REJECT = "reject lots"
    HOLD = "put lots on hold"
    RECALL = "start recalls"
    MANAGE_ORDERS = "create and close work orders"
    ISSUE = "issue material to orders"
    RECORD_OUTPUT = "record output lots"
    SHIP = "ship lots"
    SPLIT = "split lots"
    ADJUST = "adjust quantities"
    PRINT_LABELS = "print labels"
    MASTER_DATA = "edit master data"
    MANAGE_USERS = "manage users"
    IMPORT = "import data"
    COMPLAINTS = "register complaints"
    INVESTIGATE = "investigate and close complaints"
    CORRECT = "correct recorded lot data"
    VIEW_AUDIT = "read and export the audit trail"


# What a refusal says the user may not do, in the reader's language.
ACTION_WORDS: dict[Action, Message] = {
    Action.RECEIVE: msg("receive material"),
    Action.INSPECT: msg("record inspections"),
    Action.RELEASE: msg("release lots"),
    Action.REJECT: msg("reject lots"),
    Action.HOLD: msg("put lots on hold"),
    Action.RECALL: msg("start recalls"),
    Action.MANAGE_ORDERS: msg("create and close work orders"),
    Action.ISSUE: msg("issue material to orders"),
    Action.RECORD_OUTPUT: msg("record output lots"),
    Action.SHIP: msg("ship lots"),
    Action.SPLIT: msg("split lots"),
    Action.ADJUST: msg("adjust quantities"),
    Action.PRINT_LABELS: msg("print labels"),
    Action.MASTER_DATA: msg("edit master data"),
    Action.MANAGE_USERS: msg("manage users"),
    Action.IMPORT: msg("import data"),
    Action.COMPLAINTS: msg("register complaints"),
    Action.INVESTIGATE: msg("investigate and close complaints"),
    Action.CORRECT: msg("correct recorded lot data"),
    Action.VIEW_AUDIT: msg("read and export the audit trail"),
}

_CLERK = {Action.RECEIVE, Action.SHIP, Action.SPLIT, Action.PRINT_LABELS, Action.COMPLAINTS, Action.INSPECT}
_LINE_LEAD = {Action.MANAGE_ORDERS, Action.ISSUE, Action.RECORD_OUTPUT, Action.SPLIT, Action.PRINT_LABELS}
_QA = {
    Action.INSPECT,
    Action.RELEASE,
    Action.REJECT,
    Action.HOLD,
    Action.RECALL,
    Action.ADJUST,
    Action.PRINT_LABELS,
    Action.COMPLAINTS,
    Action.INVESTIGATE,
    Action.CORRECT,
    Action.VIEW_AUDIT,
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.LINE_LEAD: frozenset(_LINE_LEAD),
    Role.QA: frozenset(_QA),
    Role.ADMIN: frozenset(Action),
}


def is_allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def require(actor: Actor, action: Action) -> None:
    """Refuse with a sentence when the actor's role may not do `action`."""
    if not is_allowed(actor.role, action):
        raise PermissionDenied(
            "{user} ({role}) may not {action}.", user=actor.user, role=word(actor.role), action=ACTION_WORDS[action]
        )
