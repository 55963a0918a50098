"""Who may do what: the permission table, enforced here rather than by hiding buttons."""

from __future__ import annotations

from enum import StrEnum

from tracedesk.core.actor import Actor
from tracedesk.core.errors import PermissionDenied
from tracedesk.core.status import Role


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
        raise PermissionDenied(f"{actor.user} ({actor.role.value.replace('_', ' ')}) may not {action.value}.")
