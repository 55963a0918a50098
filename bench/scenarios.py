"""The timed scenarios: each runs ours and its bare-SQLite reference and checks they agree.

Every scenario runs in its own process (see run.py) so that its peak RSS is its own. A
scenario returns a dict: ours and reference medians in seconds (or a rate), and what it checked.
"""

from __future__ import annotations

import csv
import os
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracedesk.services.import_sources import COLUMNS

# The pragmas db.engine sets on every connection; the references use the same.
PRAGMAS = (
    "PRAGMA busy_timeout = 10000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -65536",
)

_WALK = {
    "down": "SELECT l.child_id FROM lot_links l JOIN walk w ON l.parent_id = w.id",
    "up": "SELECT l.parent_id FROM lot_links l JOIN walk w ON l.child_id = w.id",
}


def peak_rss_mb() -> float:
    """This process image's peak RSS. ru_maxrss would also count the parent's peak from
    before the fork, so on Linux read the high-water mark of this image from /proc."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_time(work: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[float, Any]:
    """Median wall time of `repeat` runs after `warmup` untimed ones; returns the last result too."""
    result = None
    for _ in range(warmup):
        result = work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def bare_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def _runtime(db: Path) -> Any:
    from tracedesk.paths import AppPaths
    from tracedesk.services.runtime import Runtime

    return Runtime.open(f"sqlite:///{db}", AppPaths.from_environment().ensure())


BENCH_USER, BENCH_PIN = "bench", "2468"


def _actor(runtime: Any) -> Any:
    """The benchmark's own administrator (created as the first one of a new database): nothing is recorded by nobody."""
    if not runtime.has_users():
        return runtime.create_first_admin(code=BENCH_USER, name="Benchmark", pin=BENCH_PIN)
    return runtime.actor_for(BENCH_USER)


# --- import --------------------------------------------------------------------------------


def data_rows(folder: Path) -> int:
    total = 0
    for name in COLUMNS:
        path = folder / f"{name}.csv"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                total += sum(1 for _ in handle) - 1
    return total


def scenario_import(db: Path, folder: Path) -> dict[str, Any]:
    """`tracedesk import FOLDER` into an empty database, the way a user runs it."""
    from tracedesk.services.importer import import_path

    _remove(db)
    runtime = _runtime(db)
    actor = _actor(runtime)
    start = time.perf_counter()
    with runtime.unit_of_work() as session:
        # Signed with the PIN, as an admin importing history with its released lots does.
        report = import_path(session, actor, folder, pin=BENCH_PIN)
    seconds = time.perf_counter() - start
    runtime.close()
    rows = data_rows(folder)
    return {"seconds": seconds, "rows": rows, "events": report.events, "rows_per_s": rows / seconds, "rss_mb": peak_rss_mb()}


def reference_import(folder: Path, scratch: Path) -> dict[str, Any]:
    """The floor: read the same CSV rows and executemany them into plain tables, one transaction."""
    _remove(scratch)
    connection = bare_connection(scratch)
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    rows = 0
    for name, columns in COLUMNS.items():
        path = folder / f"{name}.csv"
        if not path.exists():
            continue
        connection.execute(f'CREATE TABLE "{name}" ({", ".join(f"{c!r} TEXT" for c in columns)})')
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            records = list(reader)
        connection.executemany(f'INSERT INTO "{name}" VALUES ({", ".join("?" * len(columns))})', records)
        rows += len(records)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    _remove(scratch)
    return {"seconds": seconds, "rows": rows, "rows_per_s": rows / seconds, "rss_mb": peak_rss_mb()}


# --- trace and recall ------------------------------------------------------------------------


def reference_trace(connection: sqlite3.Connection, lot_id: int, direction: str) -> set[str]:
    sql = f"""
        WITH RECURSIVE walk(id) AS (SELECT ? UNION {_WALK[direction]})
        SELECT lots.code FROM walk JOIN lots ON lots.id = walk.id WHERE walk.id != ?
    """
    return {code for (code,) in connection.execute(sql, (lot_id, lot_id))}


def scenario_trace(db: Path, code: str, repeat: int) -> dict[str, Any]:
    """trace_lot both ways (lots, items, depths, the order that reached each, shipments)."""
    from tracedesk.db.engine import create_db_engine, make_read_sessionmaker
    from tracedesk.services.trace import trace_lot

    engine = create_db_engine(f"sqlite:///{db}")
    sessions = make_read_sessionmaker(engine)  # what Runtime.reading and the GUI's reads use

    def ours() -> Any:
        with sessions() as session:
            return trace_lot(session, code, "both")

    ours_s, result = median_time(ours, repeat)
    engine.dispose()
    connection = bare_connection(db)
    (lot_id,) = connection.execute("SELECT id FROM lots WHERE code = ?", (code,)).fetchone()
    ref_s, (up, down) = median_time(
        lambda: (reference_trace(connection, lot_id, "up"), reference_trace(connection, lot_id, "down")), repeat
    )
    connection.close()
    same = {n.code for n in result.upstream} == up and {n.code for n in result.downstream} == down
    assert same, f"trace of {code} differs from the reference CTE"
    return {"ours": ours_s, "reference": ref_s, "same_set": same, "up": len(up), "down": len(down), "rss_mb": peak_rss_mb()}


def reference_recall(connection: sqlite3.Connection, lot_id: int) -> dict[str, set[Any]]:
    connection.execute("DROP TABLE IF EXISTS temp.scope")
    connection.execute(
        f"CREATE TEMP TABLE scope AS WITH RECURSIVE walk(id) AS (SELECT ? UNION {_WALK['down']}) SELECT id FROM walk", (lot_id,)
    )
    lots = {r[0] for r in connection.execute("SELECT code FROM lots WHERE id IN (SELECT id FROM scope)")}
    orders = {
        r[0]
        for r in connection.execute(
            "SELECT DISTINCT o.number FROM order_inputs i JOIN work_orders o ON o.id = i.order_id WHERE i.lot_id IN (SELECT id FROM scope)"
        )
    }
    shipments = {
        tuple(r)
        for r in connection.execute(
            "SELECT l.code, p.code, s.document FROM shipments s JOIN lots l ON l.id = s.lot_id "
            "JOIN parties p ON p.id = s.customer_id WHERE s.lot_id IN (SELECT id FROM scope)"
        )
    }
    return {"lots": lots, "orders": orders, "shipments": shipments, "customers": {s[1] for s in shipments}}


def scenario_recall(db: Path, code: str, repeat: int) -> dict[str, Any]:
    """recall_lot: affected lots, orders, shipments, customers and stock on hand."""
    from tracedesk.db.engine import create_db_engine, make_read_sessionmaker
    from tracedesk.services.trace import recall_lot

    engine = create_db_engine(f"sqlite:///{db}")
    sessions = make_read_sessionmaker(engine)

    def ours() -> Any:
        with sessions() as session:
            return recall_lot(session, code)

    ours_s, result = median_time(ours, repeat)
    engine.dispose()
    connection = bare_connection(db)
    (lot_id,) = connection.execute("SELECT id FROM lots WHERE code = ?", (code,)).fetchone()
    ref_s, ref = median_time(lambda: reference_recall(connection, lot_id), repeat)
    connection.close()
    same = (
        set(result.affected_lots) == ref["lots"]
        and set(result.orders) == ref["orders"]
        and {(s.lot, s.customer, s.document) for s in result.shipments} == ref["shipments"]
        and set(result.customers) == ref["customers"]
    )
    assert same, f"recall of {code} differs from the reference"
    return {
        "ours": ours_s,
        "reference": ref_s,
        "same_set": same,
        "lots": len(ref["lots"]),
        "orders": len(ref["orders"]),
        "shipments": len(ref["shipments"]),
        "customers": len(ref["customers"]),
        "rss_mb": peak_rss_mb(),
    }


# --- one scan --------------------------------------------------------------------------------


def scenario_scan(db: Path, lot: str, order: str, repeat: int) -> dict[str, Any]:
    """One scan at the line: issue_lot_to_order in its own committed unit of work."""
    from tracedesk.services.production import issue_lot_to_order

    runtime = _runtime(db)
    actor = _actor(runtime)

    def ours() -> Any:
        with runtime.unit_of_work() as session:
            return issue_lot_to_order(session, actor, order=order, lot=lot, quantity="1", over_reason="benchmark")

    ours_s, _ = median_time(ours, repeat, warmup=2)
    runtime.close()
    connection = bare_connection(db)
    connection.execute("CREATE TABLE IF NOT EXISTS bench_scan_reference (seq INTEGER PRIMARY KEY, payload TEXT)")
    payload = "x" * 400  # about the size of an issue event row

    def reference() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO bench_scan_reference (payload) VALUES (?)", (payload,))
        connection.execute("COMMIT")

    ref_s, _ = median_time(reference, repeat, warmup=2)
    connection.execute("DROP TABLE bench_scan_reference")
    connection.close()
    return {"ours": ours_s, "reference": ref_s, "rss_mb": peak_rss_mb()}


# --- a held silo lot ---------------------------------------------------------------------------


def scenario_held(db: Path, code: str, scratch: Path, repeat: int) -> dict[str, Any]:
    """QA puts the silo lot on hold (in a copy of the database, which is then deleted) and
    works on it: the quality desk's list of open holds, a page of the lot's family tree, and
    the recall report of the lot."""
    from datetime import UTC, datetime

    from tracedesk.services.family import family_page, root_node
    from tracedesk.services.quality import hold_lot, open_holds
    from tracedesk.services.recall import recall_report

    _remove(scratch)
    source, copy = sqlite3.connect(db), sqlite3.connect(scratch)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    try:
        runtime = _runtime(scratch)
        actor = _actor(runtime)
        with runtime.unit_of_work() as session:
            hold_lot(session, actor, lot=code, reason="supplier warning (benchmark)")
        with runtime.reading() as session:
            holds_s, holds = median_time(lambda: open_holds(session), repeat, warmup=0)
            lot_id = root_node(session, code)[0].lot_id
            page_s, page = median_time(lambda: family_page(session, lot_id, "down"), repeat)
            report_s, report = median_time(lambda: recall_report(session, lots=[code], now=datetime.now(UTC)), 1, warmup=0)
        runtime.close()
    finally:
        _remove(scratch)
    return {
        "holds_s": holds_s,
        "suspects": sum(len(h.suspect_lots) for h in holds),
        "page_s": page_s,
        "page_rows": len(page.nodes),
        "report_s": report_s,
        "report_lots": len(report.lots),
        "rss_mb": peak_rss_mb(),
    }


# --- exports of everything: EPCIS and FSMA 204, streamed ------------------------------------


def scenario_export(db: Path, scratch: Path, kind: str) -> dict[str, Any]:
    """`tracedesk export epcis|fsma` of the whole plant, no filter: time, size and peak RSS.

    The RSS before the export (the runtime open, nothing read) is measured too: what the
    export adds is its working set, which a stream keeps to one page of the log."""
    from tracedesk.services.reports import exports

    scratch.mkdir(parents=True, exist_ok=True)
    out = scratch / ("all.jsonld" if kind == "epcis" else "all.csv")
    runtime = _runtime(db)
    actor = _actor(runtime)
    before = peak_rss_mb()
    start = time.perf_counter()
    with runtime.reading() as session:
        export = exports.export_epcis if kind == "epcis" else exports.export_fsma
        result = export(session, actor, path=out)
    seconds = time.perf_counter() - start
    runtime.close()
    size = out.stat().st_size
    for written in scratch.glob("all*"):
        written.unlink()
    return {
        "kind": kind,
        "seconds": seconds,
        "count": result.count,
        "gaps": result.gaps,
        "bytes": size,
        "rss_before_mb": before,
        "rss_mb": peak_rss_mb(),
    }


def _remove(db: Path) -> None:
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()


def descendant_counts(db: Path, prefix: str, sample: int) -> list[tuple[int, str]]:
    """(descendants, code) for evenly spaced lots whose code starts with `prefix`."""
    connection = bare_connection(db)
    codes = [r[0] for r in connection.execute("SELECT code FROM lots WHERE code LIKE ? ORDER BY code", (prefix + "%",))]
    picked = codes[:: max(1, len(codes) // sample)][:sample]
    counts = []
    for code in picked:
        (count,) = connection.execute(
            f"WITH RECURSIVE walk(id) AS (SELECT id FROM lots WHERE code = ? UNION {_WALK['down']}) SELECT COUNT(*) - 1 FROM walk",
            (code,),
        ).fetchone()
        counts.append((count, code))
    connection.close()
    return counts


def storage_report(db: Path) -> dict[str, Any]:
    """Bytes per table and per index (SQLite's dbstat), and per lot and per link overall."""
    connection = bare_connection(db)
    try:
        owner = dict(connection.execute("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')"))
        sizes = connection.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
        tables: dict[str, dict[str, Any]] = {}
        for name, size in sizes:
            table = owner.get(name, name)
            entry = tables.setdefault(table, {"table_bytes": 0, "indexes": {}})
            if name == table:
                entry["table_bytes"] = size
            else:
                entry["indexes"][name] = size
        for table, entry in tables.items():
            entry["rows"] = connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] if table in owner else 0
        lots, links = tables["lots"]["rows"], tables["lot_links"]["rows"]
        total = sum(size for _, size in sizes)
    finally:
        connection.close()
    return {"bytes": total, "lots": lots, "links": links, "bytes_per_lot": total / max(lots, 1), "tables": tables}


def environment() -> dict[str, Any]:
    import platform

    cpu = "unknown"
    if os.path.exists("/proc/cpuinfo"):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(ram_gb, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
