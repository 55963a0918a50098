"""Who may do what: the permission table, and the check every recording or exporting service makes.

The role is never taken from the caller: `require` looks the acting user up in the user store
at the moment of the event, so a deactivated user, a locked-out user, a user nobody created or
a clerk whose actor object "claims" more are refused, whatever the GUI or the command line did.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import PermissionDenied
from tracedesk.core.messages import Message, msg
from tracedesk.core.status import Role
from tracedesk.core.words import word
from tracedesk.services.dto import UserInfo
from tracedesk.services.sign_in_guard import user_and_lock


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
    MOVE = "move lots between locations"
    SCRAP = "scrap and destroy lots"
    REWORK = "rework returned or held lots"
    ADJUST = "adjust quantities"
    PRINT_LABELS = "print labels"
    MASTER_DATA = "edit master data"
    MANAGE_USERS = "manage users"
    IMPORT = "import data"
    COMPLAINTS = "register complaints"
    INVESTIGATE = "investigate and close complaints"
    CORRECT = "correct recorded lot data"
    VIEW_AUDIT = "read and export the audit trail"
    EXPORT = "export traces and reports"
    BACKUP = "back up the database"
    CONFIGURE_STATION = "configure this station's devices and printers"
    MANAGE_KEYS = "manage the plant's label signing keys"
    RESOLVE_CONFLICTS = "resolve conflicts between stations"


# Exporting a trace or a report is open to every role (tracing is); the check still makes sure
# a known, active person stands behind every file that leaves the program.
_EVERYONE = {Action.PRINT_LABELS, Action.EXPORT}
# Clerks, QA and admins import: what a file says is recorded under the importer's name, its
# master data only by an admin, and its released or rejected lots only with a QA signature.
_CLERK = _EVERYONE | {
    Action.RECEIVE,
    Action.SHIP,
    Action.SPLIT,
    Action.MOVE,
    Action.COMPLAINTS,
    Action.INSPECT,
    Action.IMPORT,
}
_LINE_LEAD = _EVERYONE | {Action.MANAGE_ORDERS, Action.ISSUE, Action.RECORD_OUTPUT, Action.SPLIT, Action.MOVE, Action.REWORK}
_QA = _EVERYONE | {
    Action.INSPECT,
    Action.RELEASE,
    Action.REJECT,
    Action.HOLD,
    Action.RECALL,
    Action.ADJUST,
    Action.MOVE,
    Action.SCRAP,
    Action.REWORK,
    Action.COMPLAINTS,
    Action.INVESTIGATE,
    Action.CORRECT,
    Action.VIEW_AUDIT,
    Action.BACKUP,
    Action.IMPORT,
    Action.RESOLVE_CONFLICTS,
}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.LINE_LEAD: frozenset(_LINE_LEAD),
    Role.QA: frozenset(_QA),
    Role.ADMIN: frozenset(Action),
}

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
    Action.MOVE: msg("move lots between locations"),
    Action.SCRAP: msg("scrap and destroy lots"),
    Action.REWORK: msg("rework returned or held lots"),
    Action.ADJUST: msg("adjust quantities"),
    Action.PRINT_LABELS: msg("print labels"),
    Action.MASTER_DATA: msg("edit master data"),
    Action.MANAGE_USERS: msg("manage users"),
    Action.IMPORT: msg("import data"),
    Action.COMPLAINTS: msg("register complaints"),
    Action.INVESTIGATE: msg("investigate and close complaints"),
    Action.CORRECT: msg("correct recorded lot data"),
    Action.VIEW_AUDIT: msg("read and export the audit trail"),
    Action.EXPORT: msg("export traces and reports"),
    Action.BACKUP: msg("back up the database"),
    Action.CONFIGURE_STATION: msg("configure this station's devices and printers"),
    Action.MANAGE_KEYS: msg("manage the plant's label signing keys"),
    Action.RESOLVE_CONFLICTS: msg("resolve conflicts between stations"),
}


def is_allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def not_allowed_reason(role: Role, action: Action) -> Message:
    """Why a role may not do an action, with who may: the reason a disabled button gives."""
    allowed = [role_word(other) for other in Role if is_allowed(other, action)]
    return msg(
        "Signed in as {role}, you may not {action}; ask someone signed in as {roles}.",
        role=role_word(role),
        action=ACTION_WORDS[action],
        roles=allowed,
    )


def role_word(role: Role) -> Message | str:
    """How a role reads in a sentence ("line lead"), in the reader's language."""
    return word(role)


def acting_user(session: Session, actor: Actor, *, now: datetime | None = None) -> UserInfo:
    """The user the actor names, as the user store knows them now; refused unless active and not locked out."""
    code = actor.user.strip()
    if not code:
        raise PermissionDenied("Nobody is signed in; sign in first.")
    found = user_and_lock(session, code, now or actor.now())
    if found is None:
        raise PermissionDenied("There is no user {user}; sign in as a user an admin has created.", user=code)
    name, role, active = found
    if not active:
        raise PermissionDenied("User {user} is deactivated and may not record or export anything.", user=code)
    return UserInfo(code, name, Role(role), active)


def require(session: Session, actor: Actor, action: Action) -> UserInfo:
    """The acting user from the store, refused with a sentence unless their role may do `action`."""
    user = acting_user(session, actor)
    if not is_allowed(user.role, action):
        raise PermissionDenied(
            "{user} ({role}) may not {action}.", user=user.code, role=role_word(user.role), action=ACTION_WORDS[action]
        )
    return user
