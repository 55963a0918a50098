"""Import of a factory's history from spreadsheets: all or nothing, idempotent, as events.

Every row is checked (services.import_planner) before anything is written; the events then
go through the one write path in bulk, in batches read back from the import's spool.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.memory import collector_paused
from tracedesk.core.messages import Message, msg
from tracedesk.db.eventlog import EventDraft
from tracedesk.services.events import apply_events
from tracedesk.services.import_planner import MASTER_DATA_TABLES, Dispositions, Planner
from tracedesk.services.import_sources import read_import
from tracedesk.services.import_spool import Spool
from tracedesk.services.permissions import Action, is_allowed, require
from tracedesk.services.users import signature
from tracedesk.services.warehouse_import import WAREHOUSE_TABLES, import_warehouse

# Events applied per batch: the projection's working set (payloads, rows, the genealogy links
# of a batch of issues) grows with it, and below 20,000 the statements per batch cost nothing
# measurable; 5,000 took 140 MB off the peak of a 200,000-lot import at the same CPU time.
APPLY_BATCH = 5_000


@dataclass(frozen=True)
class ImportReport:
    """What an import added and what it found already recorded, per file; and what it says of them."""

    added: dict[str, int]
    skipped: dict[str, int]
    events: int
    # Parties and locations found with new details (an address filled in) and changed.
    updated: dict[str, int] = field(default_factory=dict)
    # Lots the files gave as released or rejected that arrived in quarantine instead (no QA signature).
    quarantined: int = 0
    notes: tuple[Message, ...] = ()


def import_path(session: Session, actor: Actor, path: Path, *, pin: str | None = None) -> ImportReport:
    """Import a folder of CSV files or an .xlsx workbook under the importing user; nothing is recorded if any row is bad.

    Lots the files give as released (or rejected) arrive so only when the user may release (or
    reject) and signs the import with the PIN: one signature, recorded first, that vouches for
    every decision of the import. Otherwise they arrive in quarantine, and the report says so.
    """
    me = require(session, actor, Action.IMPORT)
    disposition = Dispositions(
        bool(pin) and is_allowed(me.role, Action.RELEASE), bool(pin) and is_allowed(me.role, Action.REJECT)
    )
    tables = read_import(Path(path))
    # Moves and returns go through their own services once everything above is recorded.
    warehouse_tables = {name: tables.pop(name) for name in WAREHOUSE_TABLES if name in tables}
    with collector_paused(), Spool(_database_folder(session)) as spool:
        planner = Planner(session, actor, tables, disposition, spool)
        planner.plan()
        total = spool.count
        if any(planner.added[table] or planner.updated[table] for table in MASTER_DATA_TABLES):
            require(session, actor, Action.MASTER_DATA)  # an import is no way around the master data's owner
        if disposition.decided:
            # Signed before anything is applied: a wrong PIN leaves nothing of the import behind.
            signed = signature(session, actor, pin, _meaning(path, disposition.decided))
            summary = {"file": Path(path).name, "events": total, "decided": dict(sorted(disposition.decided.items()))}
            apply_events(session, actor, [EventDraft("import_signed", {**summary, "signature": signed})])
        for planned in spool.batches(APPLY_BATCH):
            apply_events(session, actor, [EventDraft(kind, json.loads(text), text) for kind, text in planned])
    added, skipped = dict(planner.added), dict(planner.skipped)
    if warehouse_tables:
        done = import_warehouse(session, actor, warehouse_tables)
        for name, (new, old) in done.items():
            added[name], skipped[name] = new, old
            total += done[name][0]
    notes: list[Message] = []
    if disposition.quarantined:
        notes.append(
            msg(
                "{count} {count|lot|lots} arrived in quarantine although the files say released or rejected: "
                "that decision is QA's, signed with the PIN (import as a QA user or an admin with --pin, or release them one by one).",
                count=disposition.quarantined,
            )
        )
    return ImportReport(added, skipped, total, dict(planner.updated), disposition.quarantined, tuple(notes))


def _database_folder(session: Session) -> Path | None:
    """The folder of the database file, where the import's spool goes; None for an in-memory one."""
    bind = session.get_bind()
    database = (bind if isinstance(bind, Engine) else bind.engine).url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve().parent


def _meaning(path: Path, decided: Counter[str]) -> str:
    parts = [f"{decided[status]} {status}" for status in ("released", "rejected") if decided[status]]
    return f"{' and '.join(parts)} on import of {Path(path).name}"
