"""Sync with a real PostgreSQL hub, measured: push and pull throughput, a new station's bootstrap, scan latency.

    python bench/sync_bench.py                     # about 50,000 events (a busy plant's day)
    python bench/sync_bench.py --lots 2000 --quick # the smoke run
    python bench/sync_bench.py --json results.json

The plant is the benchmark's generated history (bench/plant_history.py) imported at station A:
that is the day's events. A pushes them to an empty hub; B, a new station, bootstraps from the
hub (the pull). Then the cost of background sync on a scan: B records scans while a thread pulls
another station's events into the same database in the GUI's small batches; blocks of scans
with and without sync alternate, and the ratio of the medians is reported (no wall-clock target
is asserted anywhere; this is a measurement).

The server: TRACEDESK_TEST_PG (default postgresql://postgres@127.0.0.1:5432/postgres), a user who
may create databases and roles. A database is created for the run and dropped after it.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import plant_history  # noqa: E402

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_EVENTS, TARGET_SECONDS = 50_000, 10.0


def _admin_engine(server: str) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    return create_engine(make_url(server).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")


def _runtime(db: Path, code: str, prefix: str) -> Any:
    from tracedesk.paths import AppPaths
    from tracedesk.services.runtime import Runtime, StationSettings

    return Runtime.open(f"sqlite:///{db}", AppPaths.from_environment().ensure(), StationSettings(code, f"Station {code}", prefix))


def _identity(runtime: Any) -> Any:
    from tracedesk.sync.push import StationIdentity

    s = runtime.station
    return StationIdentity(s.code, s.name, s.lot_prefix)


def run(lots: int, server: str, scans: int) -> dict[str, Any]:
    from sqlalchemy import func, select, text
    from sqlalchemy.engine import make_url

    from tracedesk.db.models import Event
    from tracedesk.services import masterdata
    from tracedesk.services.importer import import_path
    from tracedesk.sync.client import connect
    from tracedesk.sync.hub import hub_engine, init_hub
    from tracedesk.sync.pull import pull_events
    from tracedesk.sync.push import push_events

    work = Path(tempfile.mkdtemp(prefix="tracedesk-sync-bench-"))
    os.environ["TRACEDESK_HOME"] = str(work / "home")
    name = f"tdbench_{secrets.token_hex(4)}"
    admin = _admin_engine(server)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    hub = make_url(server).set(database=name).render_as_string(hide_password=False)
    results: dict[str, Any] = {"lots": lots}
    try:
        init_hub(hub)
        plant_history.generate(work / "plant", lots=lots, seed=7)
        a = _runtime(work / "a.sqlite3", "A", "A")
        actor = a.create_first_admin(code="bench", name="Benchmark", pin="2468")
        with a.unit_of_work() as session:
            import_path(session, actor, work / "plant", pin="2468")
        with a.reading() as session:
            events = int(session.scalar(select(func.count()).select_from(Event)) or 0)
        results["events"] = events
        connect(hub, _identity(a))
        engine = hub_engine(hub)
        start = time.perf_counter()
        pushed = push_events(engine, a.sessions, "A")
        push_s = time.perf_counter() - start
        results["push"] = {"events": pushed, "seconds": push_s, "events_per_s": pushed / push_s}

        b = _runtime(work / "b.sqlite3", "B", "B")
        connect(hub, _identity(b))
        start = time.perf_counter()
        pulled = pull_events(engine, b.sessions, "B")
        pull_s = time.perf_counter() - start
        results["pull_bootstrap"] = {"events": pulled.pulled, "seconds": pull_s, "events_per_s": pulled.pulled / pull_s}
        results["sync_total_seconds"] = push_s + pull_s

        # Scans at C while background sync pulls the plant into C in the GUI's batches.
        c = _runtime(work / "c.sqlite3", "C", "C")
        connect(hub, _identity(c))
        pull_events(engine, c.sessions, "C", batch=200, max_batches=5)  # the plant's users first
        scanner = c.actor_for("bench")
        syncing = threading.Event()
        stop = threading.Event()

        def background() -> None:
            while not stop.is_set():
                if not syncing.wait(0.05):
                    continue
                if pull_events(engine, c.sessions, "C", batch=200, max_batches=1).pulled == 0:
                    stop.set()

        thread = threading.Thread(target=background, daemon=True)
        thread.start()
        quiet: list[float] = []
        busy: list[float] = []
        number = 0
        block = max(5, scans // 10)
        while len(busy) < scans and not stop.is_set():
            for flag, sink in ((False, quiet), (True, busy)):
                (syncing.set if flag else syncing.clear)()
                time.sleep(0.05)
                for _ in range(block):
                    number += 1
                    started = time.perf_counter()
                    with c.unit_of_work() as session:
                        masterdata.create_item(session, scanner, code=f"SCAN{number:06}", name="scan", unit="kg", kind="raw")
                    sink.append(time.perf_counter() - started)
        stop.set()
        syncing.set()
        thread.join()
        results["scan"] = {
            "scans_quiet": len(quiet),
            "scans_during_sync": len(busy),
            "median_quiet_ms": statistics.median(quiet) * 1e3,
            "median_during_sync_ms": statistics.median(busy) * 1e3,
            "ratio": statistics.median(busy) / statistics.median(quiet),
        }
        engine.dispose()
        for runtime in (a, b, c):
            runtime.close()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for (role,) in connection.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"), {"p": f"{name}%"}):
                connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=37_000, help="lots of the generated plant (37,000 give about 50,000 events)")
    parser.add_argument("--scans", type=int, default=200, help="scans measured during background sync")
    parser.add_argument("--quick", action="store_true", help="a small run (smoke)")
    parser.add_argument("--server", default=os.environ.get("TRACEDESK_TEST_PG") or DEFAULT_SERVER)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = run(args.lots, args.server, 20 if args.quick else args.scans)
    push, pull, scan = results["push"], results["pull_bootstrap"], results["scan"]
    scale = TARGET_EVENTS / max(1, results["events"])
    print(f"| measure | value |\n|---|---|\n| events of the plant's day | {results['events']:,} |")
    print(f"| push | {push['events_per_s']:,.0f} events/s ({push['seconds']:.2f} s) |")
    print(f"| pull, a new station's bootstrap | {pull['events_per_s']:,.0f} events/s ({pull['seconds']:.2f} s) |")
    print(
        f"| push + pull, scaled to {TARGET_EVENTS:,} events | {results['sync_total_seconds'] * scale:.1f} s "
        f"(target < {TARGET_SECONDS:.0f} s) |"
    )
    print(
        f"| one scan, median, quiet / during background sync | {scan['median_quiet_ms']:.1f} ms / "
        f"{scan['median_during_sync_ms']:.1f} ms (ratio {scan['ratio']:.2f}) |"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
