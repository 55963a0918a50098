"""Applying other stations' events, measured without a hub: events per second against an import of the same history.

    python bench/apply_remote.py                 # about 25,000 events
    python bench/apply_remote.py --lots 2000     # the smoke run

Station A imports the benchmark's generated history (bench/plant_history.py): the reference,
measured in the same run. Station B then applies A's events through `apply_remote_events` in
batches of 5,000, the way a pull does: once empty (no conflict detection needed, one station's
events only), once with an event of its own (every batch derives conflicts). Printed: the
events per second of each and their ratio to the import's. No time is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=5_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        os.environ["TRACEDESK_HOME"] = str(base / "home")
        from plant_history import generate

        from tracedesk.core.actor import Actor
        from tracedesk.db.eventlog import EventDraft, append_events, read_events
        from tracedesk.db.remote import apply_remote_events
        from tracedesk.paths import AppPaths
        from tracedesk.services.importer import import_path
        from tracedesk.services.runtime import Runtime, StationSettings

        generate(base / "plant", args.lots)
        paths = AppPaths.from_environment().ensure()

        def station(code: str) -> Runtime:
            return Runtime.open(
                f"sqlite:///{base / f'{code}.sqlite3'}", paths, StationSettings(code=code, name=code, lot_prefix=code)
            )

        a = station("A")
        admin = a.create_first_admin(code="admin", name="Admin", pin="1234", at=Actor("", "A", 0))
        began = time.perf_counter()
        with a.unit_of_work() as session:
            import_path(session, admin, base / "plant", pin="1234")
        imported = time.perf_counter() - began
        with a.reading() as session:
            events = list(read_events(session))
        a.close()
        print(f"{len(events):,} events; import {len(events) / imported:,.0f} events/s (the reference)")
        for code, own in (("B", False), ("C", True)):
            target = station(code)
            if own:
                with target.unit_of_work() as session:
                    draft = EventDraft("sign_in_failed", {"user": "nobody"})
                    append_events(
                        session, [draft], station=code, user="nobody", recorded_at=datetime.now(UTC), utc_offset_minutes=0
                    )
            began = time.perf_counter()
            pending = iter(events)
            while batch := list(islice(pending, args.batch)):
                with target.unit_of_work() as session:
                    apply_remote_events(session, batch)
            took = time.perf_counter() - began
            target.close()
            what = "with its own events (conflicts derived)" if own else "empty station"
            rate = len(events) / took
            print(f"apply, {what}: {rate:,.0f} events/s, {rate / (len(events) / imported):.2f} x the import")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
