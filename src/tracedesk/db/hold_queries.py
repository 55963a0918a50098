"""Which lots are suspect: downstream of a lot with an open spreading hold (derived, never stored).

Deriving suspicion at read time keeps replay trivial (nothing to rebuild) and makes a lot that
is recorded later from held material suspect at once. Two shapes of the same question:
one lot walks up its own ancestry (bounded by its family), a batch walks down from the open
holds (usually few) once, so a list of thousands of lots costs one statement.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from tracedesk.core.messages import Message, msg
from tracedesk.db.driver import driver

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records
if TYPE_CHECKING:
    from typing import NamedTuple

    from sqlalchemy.orm import Session
else:
    from tracedesk.core.records import NamedTuple


class Suspicion(NamedTuple):
    """A lot is suspect because `source` (an ancestor) has the open hold `hold_id`."""

    hold_id: int
    source: str
    reason: str


_UP_SQL = """
WITH RECURSIVE up(id) AS (
    SELECT :lot
    UNION
    SELECT l.parent_id FROM up JOIN lot_links l ON l.child_id = up.id
)
SELECT h.id, s.code, h.reason
FROM up JOIN holds h ON h.lot_id = up.id JOIN lots s ON s.id = h.lot_id
WHERE up.id != :lot AND h.closed_at IS NULL AND h.spreads = 1
ORDER BY h.id
"""

_DOWN_SQL = """
WITH RECURSIVE down(hold, id) AS (
    SELECT h.id, h.lot_id FROM holds h WHERE h.closed_at IS NULL AND h.spreads = 1
    UNION
    SELECT down.hold, l.child_id FROM down JOIN lot_links l ON l.parent_id = down.id
)
SELECT down.id, h.id, s.code, h.reason
FROM down JOIN holds h ON h.id = down.hold JOIN lots s ON s.id = h.lot_id
WHERE down.id != h.lot_id
ORDER BY down.id, h.id
"""

# The same question asked from below, for a few lots at once: each walks up its ancestry
# (bounded by its family, whatever the holds reach), carrying which lot it started from.
_UP_FROM_SQL = """
WITH RECURSIVE up(origin, id) AS (
    SELECT value, value FROM json_each(?)
    UNION
    SELECT up.origin, l.parent_id FROM up JOIN lot_links l ON l.child_id = up.id
)
SELECT up.origin, h.id, s.code, h.reason
FROM up JOIN holds h ON h.lot_id = up.id JOIN lots s ON s.id = h.lot_id
WHERE up.id != up.origin AND h.closed_at IS NULL AND h.spreads = 1
ORDER BY up.origin, h.id
"""
WALK_UP_LOTS = 2_000

_OPEN_ORDERS_SQL = """
SELECT DISTINCT o.number, l.code
FROM order_inputs i JOIN work_orders o ON o.id = i.order_id JOIN lots l ON l.id = i.lot_id
WHERE o.status = 'open' AND i.lot_id IN (SELECT value FROM json_each(:ids))
ORDER BY o.number, l.code
"""


def suspicions_of(session: Session | sqlite3.Connection, lot_id: int) -> list[Suspicion]:
    """Open spreading holds on any ancestor of one lot (the lot's own holds are not included)."""
    # Asked on every scan and every lot shown; the driver cursor skips SQLAlchemy's statement
    # and row machinery (driver() flushes, as the autoflush of a session.execute would have).
    cursor = driver(session).execute(_UP_SQL, {"lot": lot_id})
    return [Suspicion(h, code, reason) for h, code, reason in cursor]


def suspect_lots(session: Session, lot_ids: Iterable[int] | None = None) -> dict[int, list[Suspicion]]:
    """Every suspect lot (or those among `lot_ids`) with the holds that reach it.

    A few lots (a page of the family tree, a list on screen) walk up their own ancestry: a
    held silo lot has a third of the plant below it, and walking all of that to answer for
    two hundred lots took a second a page. Many lots, or all, walk down from the holds once.
    """
    wanted = None if lot_ids is None else set(lot_ids)
    if wanted is not None and len(wanted) <= WALK_UP_LOTS:
        # driver() flushes: the driver cursor skips the autoflush a session.execute would do.
        rows = driver(session).execute(_UP_FROM_SQL, (json.dumps(sorted(wanted)),))
    else:
        from sqlalchemy import text

        rows = session.execute(text(_DOWN_SQL))
    found: dict[int, list[Suspicion]] = defaultdict(list)
    for lot, hold, code, reason in rows:
        if wanted is None or lot in wanted:
            if all(s.hold_id != hold for s in found[lot]):
                found[lot].append(Suspicion(hold, code, reason))
    return dict(found)


def open_orders_using(session: Session, lot_ids: Iterable[int]) -> list[tuple[str, str]]:
    """(order number, lot code) for open orders that consumed any of the lots: the work in progress."""
    from sqlalchemy import text

    return [(o, lot) for o, lot in session.execute(text(_OPEN_ORDERS_SQL), {"ids": json.dumps(sorted(set(lot_ids)))})]


def describe(suspicions: list[Suspicion]) -> Message | None:
    """One sentence fragment for people: which held lots make this one suspect, and why."""
    if not suspicions:
        return None
    reasons = [msg("made from lot {lot} on hold ({reason})", lot=s.source, reason=s.reason) for s in suspicions]
    return reasons[0] if len(reasons) == 1 else msg("{reasons}", reasons=reasons)
