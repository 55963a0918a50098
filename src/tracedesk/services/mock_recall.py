"""Mock recalls: a drill timed from its start to the complete report, kept as an event, listed for QA.

The clock starts when the drill starts (the first scan or request on the command line, the
Begin button in the window) and stops the moment the report's content is complete, just before
its file is written: so the file itself can state the elapsed time, the date and who ran it,
with "MOCK RECALL" on every page. A drill holds nothing; the event is the evidence.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import Refused
from tracedesk.core.messages import msg
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event, User
from tracedesk.services.events import apply_event
from tracedesk.services.permissions import Action, require
from tracedesk.services.recall import MockDrill, RecallReport, recall_report
from tracedesk.services.reports.exports import ExportResult, check_recall_path, write_recall

EVENT = "mock_recall_completed"


class MockRecall:
    """The drill's clock: started once, stopped by `finish` when the report is complete."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, wall: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._clock = clock
        self._wall = wall
        self._started: float | None = None
        self.started_at: datetime | None = None

    @property
    def is_running(self) -> bool:
        return self._started is not None

    def start(self, since: tuple[float, datetime] | None = None) -> None:
        """Start the clock, or date its start back to `since` (a `clock()` reading and the wall time
        of the request, taken before this module was loaded); a second call keeps the first start."""
        if self._started is None:
            self._started, started_at = since if since is not None else (self._clock(), self._wall())
            self.started_at = started_at.astimezone(UTC)

    first_scan = start  # the first scan or request is the start

    def elapsed(self) -> float:
        return 0.0 if self._started is None else self._clock() - self._started

    def finish(self, session: Session, actor: Actor, report: RecallReport, *, report_name: str | None = None) -> RecallReport:
        """Stop the clock now, record the drill (no holds), and return the report with its time."""
        require(session, actor, Action.RECALL)
        if self._started is None or self.started_at is None:
            raise Refused("A mock recall starts with the first scan; nothing was scanned.")
        elapsed = round(self._clock() - self._started, 3)
        finished_at = self.started_at + timedelta(seconds=elapsed)
        code = _next_drill_code(session, actor)
        apply_event(
            session,
            actor,
            EVENT,
            {
                "drill": code,
                "started_at": self.started_at.isoformat(),
                "finished_at": finished_at.isoformat(),
                "elapsed_seconds": str(elapsed),
                "sources": list(report.sources),
                "lots": len(report.lots),
                "orders": len(report.orders),
                "customers": len(report.customers),
                "report": report_name,
            },
        )
        drill = MockDrill(
            code,
            self.started_at,
            finished_at,
            elapsed,
            actor.user,
            _user_name(session, actor.user),
            report.sources,
            len(report.lots),
            len(report.customers),
            report_name,
        )
        return RecallReport(
            msg("Mock recall {drill}: {title}", drill=code, title=report.title),
            report.sources,
            report.lots,
            report.orders,
            report.customers,
            report.prepared_at,
            elapsed_seconds=elapsed,
            mock=drill,
        )


def run_mock_recall(
    session: Session,
    actor: Actor,
    mock: MockRecall,
    *,
    lots: Sequence[str] = (),
    supplier_lot: str | None = None,
    supplier: str | None = None,
    path: Path | None = None,
    language: str | None = None,
) -> tuple[RecallReport, ExportResult | None]:
    """Answer the drill: the report, the clock stopped and the drill recorded, then the file written.

    A file that cannot be written undoes the record with it (one transaction): nothing half-recorded.
    """
    if path is not None:
        require(session, actor, Action.EXPORT)
        check_recall_path(path)
    report = recall_report(session, lots=lots, supplier_lot=supplier_lot, supplier=supplier, now=actor.now())
    timed = mock.finish(session, actor, report, report_name=Path(path).name if path is not None else None)
    written = write_recall(session, actor, timed, Path(path), language=language) if path is not None else None
    return timed, written


def _next_drill_code(session: Session, actor: Actor) -> str:
    count = session.scalar(select(func.count()).select_from(Event).where(of_types(EVENT), Event.station == actor.station))
    return f"MR-{actor.station}-{(count or 0) + 1:04}"


def _user_name(session: Session, user: str) -> str:
    return session.scalar(select(User.name).where(User.code == user)) or user


def list_mock_recalls(session: Session, limit: int = 500) -> list[MockDrill]:
    """Past drills, newest first, as the log keeps them (drills from before drill codes get one from their event)."""
    names: dict[str, str] = dict(session.execute(select(User.code, User.name)).all())
    drills = []
    for station, station_seq, user, recorded_at, payload in session.execute(
        select(Event.station, Event.station_seq, Event.user, Event.recorded_at, Event.payload)
        .where(of_types(EVENT))
        .order_by(Event.seq.desc())
        .limit(limit)
    ):
        p = json.loads(payload)
        elapsed = float(p.get("elapsed_seconds") or 0)
        finished = datetime.fromisoformat(p["finished_at"]) if p.get("finished_at") else recorded_at
        started = datetime.fromisoformat(p["started_at"]) if p.get("started_at") else finished - timedelta(seconds=elapsed)
        drills.append(
            MockDrill(
                p.get("drill") or f"MR-{station}-#{station_seq}",
                started.astimezone(UTC),
                finished.astimezone(UTC),
                elapsed,
                user,
                names.get(user, user),
                tuple(p.get("sources") or ()),
                int(p.get("lots") or 0),
                int(p.get("customers") or 0),
                p.get("report"),
            )
        )
    return drills
