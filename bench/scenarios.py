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
import sys
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


def rotation(works: dict[str, Callable[[], Any]], repeat: int, warmup: int = 1) -> dict[str, Any]:
    """Run the works in turn (a, b, c, a, b, c ...), `repeat` rounds after `warmup`; wall and
    CPU seconds of every call, and the last result of each."""
    for _ in range(warmup):
        for work in works.values():
            work()
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, work in works.items():
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            results[name] = work()
            cpu[name].append(time.process_time() - start_cpu)
            wall[name].append(time.perf_counter() - start_wall)
    return {"wall": wall, "cpu": cpu, "results": results}


def paired_ratio(times: dict[str, list[float]], ours: str, reference: str) -> float | None:
    """The median of the rounds' ratios: both calls of a round ran in the same moment, so a
    machine that slows down or speeds up during the run moves both sides alike."""
    ratios = [a / b for a, b in zip(times[ours], times[reference], strict=True) if b > 0]
    return statistics.median(ratios) if ratios else None


def summary(run: dict[str, Any], ours: str, reference: str) -> dict[str, Any]:
    """Medians of wall and CPU time of two works of a rotation, and their paired ratios."""
    return {
        "ours": statistics.median(run["wall"][ours]),
        "reference": statistics.median(run["wall"][reference]),
        "ratio": paired_ratio(run["wall"], ours, reference),
        "ours_cpu": statistics.median(run["cpu"][ours]),
        "reference_cpu": statistics.median(run["cpu"][reference]),
        "cpu_ratio": paired_ratio(run["cpu"], ours, reference),
        "repeat": len(run["wall"][ours]),
    }


def alternated(ours: Callable[[], Any], reference: Callable[[], Any], repeat: int, warmup: int = 1) -> dict[str, Any]:
    """Ours and the reference in turn, wall and CPU time (see rotation and summary)."""
    run = rotation({"ours": ours, "reference": reference}, repeat, warmup)
    return {**summary(run, "ours", "reference"), "results": run["results"]}


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
    start, start_cpu = time.perf_counter(), time.process_time()
    with runtime.unit_of_work() as session:
        # Signed with the PIN, as an admin importing history with its released lots does.
        report = import_path(session, actor, folder, pin=BENCH_PIN)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    runtime.close()
    rows = data_rows(folder)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rows": rows,
        "events": report.events,
        "rows_per_s": rows / seconds,
        "rows_per_cpu_s": rows / cpu,
        "rss_mb": peak_rss_mb(),
    }


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


def _parents_first(db: Path, tables: list[str]) -> list[str]:
    """The tables in an order where every table comes after the tables its foreign keys name."""
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    copied = set(tables)
    parents = {
        name: {row[2] for row in source.execute(f'PRAGMA foreign_key_list("{name}")') if row[2] != name} & copied
        for name in tables
    }
    source.close()
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = [name for name in tables if name not in ordered and parents[name] <= set(ordered)]
        if not ready:
            raise ValueError("foreign keys in a cycle", sorted(set(tables) - set(ordered)))
        ordered.extend(ready)
    return ordered


def reference_store(db: Path, folder: Path, scratch: Path, foreign_keys: bool = True) -> dict[str, Any]:
    """The storage floor: what SQLite alone takes to store the result of the import.

    An empty database with the imported one's schema (tables, indexes) and the product's
    pragmas; in one transaction, every table of the imported database copied into it with
    INSERT ... SELECT, in row order, then committed. No Python per row, no parsing, no checks
    and no hashing: only the B-trees, the foreign key lookups (unless `foreign_keys` is
    False) and the write-ahead log. An import cannot take less than this; its rows per second
    count the same input rows as the import's. The copy reads the source too: that read alone
    (every row of every table, decoded) is timed and given as `read_seconds`.
    """
    _remove(scratch)
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    schema = source.execute(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    counts = {name: source.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for kind, name, _ in schema if kind == "table"}
    source.close()
    connection = bare_connection(scratch)
    if not foreign_keys:
        connection.execute("PRAGMA foreign_keys = OFF")
    for kind, _, sql in schema:
        if kind in ("table", "index"):
            connection.execute(sql)
    connection.execute("ATTACH DATABASE ? AS source", (f"file:{db}?mode=ro",))
    tables = _parents_first(db, [name for name, count in counts.items() if count])
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    for name in tables:
        # Every column of every row: the read part of the copy.
        nulls = " OR ".join(f'"{row[1]}" IS NULL' for row in connection.execute(f'PRAGMA source.table_info("{name}")'))
        connection.execute(f'SELECT COUNT(*) FROM source."{name}" WHERE {nulls}').fetchone()
    read_wall, read_cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    # Each table after the tables it refers to, as the import writes them: a row that refers to
    # a parent not yet there would make SQLite search the children of every parent inserted later.
    connection.execute("BEGIN IMMEDIATE")
    per_table = {}
    for name in tables:
        started = time.process_time()
        connection.execute(f'INSERT INTO main."{name}" SELECT * FROM source."{name}"')
        per_table[name] = time.process_time() - started
    started = time.process_time()
    connection.execute("COMMIT")
    per_table["(commit)"] = time.process_time() - started
    seconds, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    connection.close()
    _remove(scratch)
    rows = data_rows(folder)
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rows": rows,
        "rows_per_s": rows / seconds,
        "rows_per_cpu_s": rows / cpu,
        "stored_rows": sum(counts[name] for name in tables),
        "read_seconds": read_wall,
        "read_cpu": read_cpu,
        "foreign_keys": foreign_keys,
        "cpu_by_table": {name: round(value, 2) for name, value in sorted(per_table.items(), key=lambda kv: -kv[1])},
        "rss_mb": peak_rss_mb(),
    }


# --- trace and recall ------------------------------------------------------------------------


def reference_trace(connection: sqlite3.Connection, lot_id: int, direction: str) -> set[str]:
    sql = f"""
        WITH RECURSIVE walk(id) AS (SELECT ? UNION {_WALK[direction]})
        SELECT lots.code FROM walk JOIN lots ON lots.id = walk.id WHERE walk.id != ?
    """
    return {code for (code,) in connection.execute(sql, (lot_id, lot_id))}


# The second reference: what a trace answers, in plain SQL. Each lot once at its smallest
# depth, with its item, status, quantity and unit, and `via`: the smallest order number (or
# 'split') among the links reaching it from the level above; then the shipments of the lot
# and everything downstream. The bare CTE above returns only the codes.
_FULL_WALK = {
    direction: f"""
INSERT INTO temp.ref_best (id, depth)
WITH RECURSIVE walk(id, depth) AS (
    SELECT ?, 0
    UNION
    SELECT l.{to_col}, w.depth + 1 FROM walk w JOIN lot_links l ON l.{from_col} = w.id WHERE w.depth < 200
)
SELECT id, MIN(depth) FROM walk GROUP BY id
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}
_FULL_TRACE = {
    direction: f"""
SELECT t.code, i.code, i.name, b.depth, t.status,
       (SELECT MIN(COALESCE(o.number, 'split')) FROM lot_links l JOIN temp.ref_best p ON p.id = l.{from_col}
        LEFT JOIN work_orders o ON o.id = l.order_id WHERE l.{to_col} = b.id AND p.depth = b.depth - 1),
       t.quantity, t.unit, t.id
FROM temp.ref_best b JOIN lots t ON t.id = b.id JOIN items i ON i.id = t.item_id
WHERE b.depth > 0 ORDER BY b.depth, t.code
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}
# A small family in one statement per direction (cheaper than a temporary table for a few
# hundred lots; for a third of the plant the correlated look-up into the CTE would be quadratic).
_FULL_TRACE_SMALL = {
    direction: f"""
WITH RECURSIVE walk(id, depth) AS (
    SELECT ?, 0
    UNION
    SELECT l.{to_col}, w.depth + 1 FROM walk w JOIN lot_links l ON l.{from_col} = w.id WHERE w.depth < 200
),
best AS MATERIALIZED (SELECT id, MIN(depth) AS depth FROM walk GROUP BY id)
SELECT t.code, i.code, i.name, b.depth, t.status,
       (SELECT MIN(COALESCE(o.number, 'split')) FROM lot_links l JOIN best p ON p.id = l.{from_col}
        LEFT JOIN work_orders o ON o.id = l.order_id WHERE l.{to_col} = b.id AND p.depth = b.depth - 1),
       t.quantity, t.unit, t.id
FROM best b JOIN lots t ON t.id = b.id JOIN items i ON i.id = t.item_id
WHERE b.depth > 0 ORDER BY b.depth, t.code
"""
    for direction, from_col, to_col in (("down", "parent_id", "child_id"), ("up", "child_id", "parent_id"))
}
SMALL_FAMILY = 2_000

_FULL_SHIPMENTS = """
SELECT l.code, p.code, p.name, s.quantity, s.unit, s.shipped_at, s.document
FROM shipments s JOIN lots l ON l.id = s.lot_id JOIN parties p ON p.id = s.customer_id
WHERE s.lot_id IN (SELECT value FROM json_each(?)) ORDER BY s.shipped_at, l.code, s.id
"""


def reference_trace_full(connection: sqlite3.Connection, lot_id: int, sizes: dict[str, int]) -> dict[str, Any]:
    """The same-columns reference; `sizes` (lots up and down) chooses its faster form per direction."""
    import json

    found = {}
    for direction in ("up", "down"):
        if sizes[direction] <= SMALL_FAMILY:
            found[direction] = connection.execute(_FULL_TRACE_SMALL[direction], (lot_id,)).fetchall()
            continue
        # Each lot's smallest depth, keyed for the look-ups of the level above.
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS ref_best (id INTEGER PRIMARY KEY, depth INTEGER NOT NULL)")
        connection.execute("DELETE FROM temp.ref_best")
        connection.execute(_FULL_WALK[direction], (lot_id,))
        found[direction] = connection.execute(_FULL_TRACE[direction]).fetchall()
        connection.execute("DELETE FROM temp.ref_best")
    up, down = found["up"], found["down"]
    shipments = connection.execute(_FULL_SHIPMENTS, (json.dumps([lot_id, *(r[8] for r in down)]),)).fetchall()
    return {"up": up, "down": down, "shipments": shipments}


def _same_trace(result: Any, full: dict[str, Any]) -> bool:
    def ours(nodes: Any) -> dict[str, tuple[int, str]]:
        return {n.code: (n.depth, n.via) for n in nodes}

    def theirs(rows: list[tuple[Any, ...]]) -> dict[str, tuple[int, str]]:
        return {r[0]: (r[3], r[5]) for r in rows}

    return (
        ours(result.upstream) == theirs(full["up"])
        and ours(result.downstream) == theirs(full["down"])
        and sorted((s.lot, s.customer, s.document) for s in result.shipments)
        == sorted((r[0], r[1], r[6]) for r in full["shipments"])
    )


def scenario_trace(db: Path, code: str, repeat: int) -> dict[str, Any]:
    """trace_lot both ways (lots, items, depths, the order that reached each, shipments), in turn
    with the bare CTE and with the same-columns SQL reference; the unit of work alone and the
    queries alone (through a bare connection) are in the same rotation."""
    from tracedesk.db.engine import create_db_engine, driver_reading, make_read_sessionmaker
    from tracedesk.db.reader import set_pragmas
    from tracedesk.services.trace import trace_lot

    engine = create_db_engine(f"sqlite:///{db}")
    sessions = make_read_sessionmaker(engine)  # what Runtime.reading and the GUI's reads use
    bare = sqlite3.connect(db, isolation_level=None)  # what a quick read of the command line uses
    set_pragmas(bare, read_only=False)
    connection = bare_connection(db)
    (lot_id,) = connection.execute("SELECT id FROM lots WHERE code = ?", (code,)).fetchone()
    sizes = {direction: len(reference_trace(connection, lot_id, direction)) for direction in ("up", "down")}

    def ours() -> Any:
        with sessions() as session:
            return trace_lot(session, code, "both")

    def unit_of_work() -> None:
        with sessions() as session:
            session.connection()  # BEGIN ... ROLLBACK, nothing read

    def pooled() -> Any:
        with driver_reading(engine) as connection:  # Runtime.driver_reading: no session
            return trace_lot(connection, code, "both")

    def queries() -> Any:
        bare.execute("BEGIN")
        try:
            return trace_lot(bare, code, "both")
        finally:
            bare.execute("ROLLBACK")

    run = rotation(
        {
            "ours": ours,
            "reference": lambda: (reference_trace(connection, lot_id, "up"), reference_trace(connection, lot_id, "down")),
            "full": lambda: reference_trace_full(connection, lot_id, sizes),
            "unit_of_work": unit_of_work,
            "queries": queries,
            "pooled": pooled,
        },
        repeat,
    )
    engine.dispose()
    bare.close()
    connection.close()
    result, (up, down), full = run["results"]["ours"], run["results"]["reference"], run["results"]["full"]
    same = {n.code for n in result.upstream} == up and {n.code for n in result.downstream} == down
    assert same, f"trace of {code} differs from the reference CTE"
    assert _same_trace(result, full), f"trace of {code} differs from the same-columns reference"
    assert run["results"]["queries"] == result, "a quick read answers differently"
    assert run["results"]["pooled"] == result, "a read without a session answers differently"
    return {
        **summary(run, "ours", "reference"),
        "full": summary(run, "ours", "full"),
        "queries": summary(run, "queries", "reference"),
        "queries_full": summary(run, "queries", "full"),
        "pooled_full": summary(run, "pooled", "full"),
        "unit_of_work": statistics.median(run["wall"]["unit_of_work"]),
        "unit_of_work_cpu": statistics.median(run["cpu"]["unit_of_work"]),
        "same_set": same,
        "up": len(up),
        "down": len(down),
        "rss_mb": peak_rss_mb(),
    }


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


def reference_recall_full(connection: sqlite3.Connection, lot_id: int) -> dict[str, list[Any]]:
    """What a recall answers, in plain SQL: the lots with their balance and unit in code order,
    the orders, every shipment with all its columns, the customers."""
    connection.execute("DROP TABLE IF EXISTS temp.scope")
    connection.execute(
        f"CREATE TEMP TABLE scope AS WITH RECURSIVE walk(id) AS (SELECT ? UNION {_WALK['down']}) SELECT id FROM walk", (lot_id,)
    )
    lots = connection.execute(
        "SELECT l.code, l.balance, l.unit FROM scope s JOIN lots l ON l.id = s.id ORDER BY l.code"
    ).fetchall()
    orders = connection.execute(
        "SELECT DISTINCT o.number FROM order_inputs i JOIN work_orders o ON o.id = i.order_id "
        "WHERE i.lot_id IN (SELECT id FROM scope) ORDER BY o.number"
    ).fetchall()
    shipments = connection.execute(
        "SELECT l.code, p.code, p.name, s.quantity, s.unit, s.shipped_at, s.document FROM shipments s "
        "JOIN lots l ON l.id = s.lot_id JOIN parties p ON p.id = s.customer_id WHERE s.lot_id IN (SELECT id FROM scope) "
        "ORDER BY l.code, p.code, s.shipped_at, s.document, s.id"
    ).fetchall()
    return {"lots": lots, "orders": orders, "shipments": shipments, "customers": sorted({s[1] for s in shipments})}


def _same_recall(result: Any, ref: dict[str, set[Any]]) -> bool:
    return (
        set(result.affected_lots) == ref["lots"]
        and set(result.orders) == ref["orders"]
        and {(s.lot, s.customer, s.document) for s in result.shipments} == ref["shipments"]
        and set(result.customers) == ref["customers"]
    )


def _recall_rotation(db: Path, codes: list[str], repeat: int) -> list[dict[str, Any]]:
    """Each lot's recall in turn with both references, on the same connections."""
    from tracedesk.db.engine import create_db_engine, driver_reading, make_read_sessionmaker
    from tracedesk.services.trace import recall_lot

    engine = create_db_engine(f"sqlite:///{db}")
    sessions = make_read_sessionmaker(engine)
    connection = bare_connection(db)
    measured = []
    try:
        for code in codes:
            (lot_id,) = connection.execute("SELECT id FROM lots WHERE code = ?", (code,)).fetchone()

            def ours(code: str = code) -> Any:
                with sessions() as session:
                    return recall_lot(session, code)

            def pooled(code: str = code) -> Any:
                with driver_reading(engine) as connection:  # Runtime.driver_reading: no session
                    return recall_lot(connection, code)

            run = rotation(
                {
                    "ours": ours,
                    "reference": lambda lot_id=lot_id: reference_recall(connection, lot_id),
                    "full": lambda lot_id=lot_id: reference_recall_full(connection, lot_id),
                    "pooled": pooled,
                },
                repeat,
            )
            result, ref = run["results"]["ours"], run["results"]["reference"]
            same = _same_recall(result, ref)
            assert same, f"recall of {code} differs from the reference"
            assert run["results"]["pooled"] == result, f"recall of {code} without a session differs"
            measured.append(
                {
                    "code": code,
                    **summary(run, "ours", "reference"),
                    "full": summary(run, "ours", "full"),
                    "pooled_full": summary(run, "pooled", "full"),
                    "same_set": same,
                    "lots": len(ref["lots"]),
                    "orders": len(ref["orders"]),
                    "shipments": len(ref["shipments"]),
                    "customers": len(ref["customers"]),
                }
            )
    finally:
        engine.dispose()
        connection.close()
    return measured


def scenario_recall(db: Path, code: str, repeat: int) -> dict[str, Any]:
    """recall_lot: affected lots, orders, shipments, customers and stock on hand, in turn with the references."""
    (measured,) = _recall_rotation(db, [code], repeat)
    return {**measured, "rss_mb": peak_rss_mb()}


def scenario_recalls(db: Path, sample: int, repeat: int, low: int = 100, high: int = 1_000) -> dict[str, Any]:
    """Ordinary recalls: `sample` raw lots with `low` to `high` descendants, evenly spread over
    the raw lots, each recalled in turn with the references; the median and the worst ratio."""
    counts = descendant_counts(db, "R0", 40 * sample)
    fitting = sorted(code for count, code in counts if low <= count <= high)
    codes = fitting[:: max(1, len(fitting) // sample)][:sample]
    measured = _recall_rotation(db, codes, repeat)

    def spread(key: str, part: str | None = None) -> dict[str, float]:
        values = [m[part][key] if part else m[key] for m in measured if (m[part][key] if part else m[key]) is not None]
        return {"median": statistics.median(values), "worst": max(values)} if values else {}

    return {
        "lots": [m["code"] for m in measured],
        "descendants": {"min": min(m["lots"] for m in measured) - 1, "max": max(m["lots"] for m in measured) - 1}
        if measured
        else {},
        "ratio": spread("ratio"),
        "cpu_ratio": spread("cpu_ratio"),
        "full_ratio": spread("ratio", "full"),
        "full_cpu_ratio": spread("cpu_ratio", "full"),
        "pooled_full_ratio": spread("ratio", "pooled_full"),
        "pooled_full_cpu_ratio": spread("cpu_ratio", "pooled_full"),
        "ours": spread("ours"),
        "reference": spread("reference"),
        "measured": measured,
        "rss_mb": peak_rss_mb(),
    }


# --- the command line as a whole process --------------------------------------------------------

# What a script would write instead of calling us: python, sqlite3, the same recursive CTEs.
_BARE_TRACE_SCRIPT = """
import json, sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
(lot,) = connection.execute("SELECT id FROM lots WHERE code = ?", (sys.argv[2],)).fetchone()
walks = {"up": "SELECT l.parent_id FROM lot_links l JOIN walk w ON l.child_id = w.id",
         "down": "SELECT l.child_id FROM lot_links l JOIN walk w ON l.parent_id = w.id"}
print(json.dumps({d: [c for (c,) in connection.execute(
    f"WITH RECURSIVE walk(id) AS (SELECT ? UNION {w}) SELECT lots.code FROM walk JOIN lots ON lots.id = walk.id WHERE walk.id != ?",
    (lot, lot))] for d, w in walks.items()}))
"""


def _child_run(command: list[str]) -> Any:
    import subprocess

    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed: {done.stderr}")
    return done.stdout


def _timed_children(works: dict[str, list[str]], repeat: int) -> dict[str, Any]:
    """Whole processes in turn: wall time and the children's CPU (user + system) of each run."""
    wall: dict[str, list[float]] = {name: [] for name in works}
    cpu: dict[str, list[float]] = {name: [] for name in works}
    outputs: dict[str, Any] = {}
    for command in works.values():
        _child_run(command)  # warm-up: the file in the page cache
    for _ in range(repeat):
        for name, command in works.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            outputs[name] = _child_run(command)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "results": outputs}


def scenario_cli(db: Path, code: str, repeat: int) -> dict[str, Any]:
    """`tracedesk trace CODE --json` as a whole process, in turn with a bare `python -c` script
    doing the same recursive CTEs with the sqlite3 module; `tracedesk --version` too.

    Both run on this interpreter; the package's bytecode is compiled first, as an installed
    copy has it."""
    import compileall
    import json

    import tracedesk

    compileall.compile_dir(str(Path(tracedesk.__file__).parent), quiet=2)
    script = Path(sys.executable).with_name("tracedesk")
    ours = [str(script)] if script.exists() else [sys.executable, "-m", "tracedesk"]
    run = _timed_children(
        {
            "ours": [*ours, "--db", str(db), "trace", code, "--json"],
            "reference": [sys.executable, "-c", _BARE_TRACE_SCRIPT, str(db), code],
            "version": [*ours, "--db", str(db), "--version"],
        },
        repeat,
    )
    traced, bare = json.loads(run["results"]["ours"]), json.loads(run["results"]["reference"])
    same = {n["code"] for n in traced["upstream"]} == set(bare["up"]) and {n["code"] for n in traced["downstream"]} == set(
        bare["down"]
    )
    assert same, f"tracedesk trace {code} --json differs from the bare script"
    return {
        **summary(run, "ours", "reference"),
        "version": statistics.median(run["wall"]["version"]),
        "version_cpu": statistics.median(run["cpu"]["version"]),
        "version_ratio": paired_ratio(run["wall"], "version", "reference"),
        "same_set": same,
    }


# --- one scan --------------------------------------------------------------------------------


def scenario_scan(db: Path, lot: str, order: str, repeat: int) -> dict[str, Any]:
    """One scan at the line: issue_lot_to_order in its own committed unit of work, alternated
    with the reference (one INSERT + COMMIT on the same file, same pragmas), wall and CPU time;
    then the pages each writes into the WAL, counted scan by scan."""
    from tracedesk.services.production import issue_lot_to_order

    runtime = _runtime(db)
    actor = _actor(runtime)
    connection = bare_connection(db)
    connection.execute("CREATE TABLE IF NOT EXISTS bench_scan_reference (seq INTEGER PRIMARY KEY, payload TEXT)")
    payload = "x" * 400  # about the size of an issue event row

    def ours() -> Any:
        with runtime.unit_of_work() as session:
            return issue_lot_to_order(session, actor, order=order, lot=lot, quantity="1", over_reason="benchmark")

    def reference() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO bench_scan_reference (payload) VALUES (?)", (payload,))
        connection.execute("COMMIT")

    timed = alternated(ours, reference, repeat, warmup=2)
    pages: dict[str, list[int]] = {"ours": [], "reference": []}
    written: list[int] = []  # the page numbers each of our scans wrote
    for _ in range(10):
        for side, work in (("ours", ours), ("reference", reference)):
            # The WAL emptied, one write, then its frames: the pages that write changed.
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            work()
            if side == "ours":
                written.extend(wal_page_numbers(Path(f"{db}-wal")))
            pages[side].append(connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1])
    by_table = pages_by_btree(connection, written, scans=10)
    runtime.close()
    connection.execute("DROP TABLE bench_scan_reference")
    connection.close()
    timed.pop("results")
    return {
        **timed,
        "pages": statistics.mean(pages["ours"]),
        "reference_pages": statistics.mean(pages["reference"]),
        "pages_by_table": by_table,
        "rss_mb": peak_rss_mb(),
    }


def wal_page_numbers(wal: Path) -> list[int]:
    """The page number of every frame in a WAL file (its 32-byte header, then 24-byte frame headers)."""
    data = wal.read_bytes()
    if len(data) < 32:
        return []
    page_size = int.from_bytes(data[8:12], "big")
    return [int.from_bytes(data[at : at + 4], "big") for at in range(32, len(data) - 23, 24 + page_size)]


def pages_by_btree(connection: sqlite3.Connection, pages: list[int], scans: int) -> dict[str, float]:
    """Pages written per scan, by the table or index they belong to (SQLite's dbstat, one pass
    over the file: seconds on the 1M-lot plant, after the timed part)."""
    wanted = set(pages)
    owner = {pageno: name for name, pageno in connection.execute("SELECT name, pageno FROM dbstat") if pageno in wanted}
    counts: dict[str, int] = {}
    for page in pages:
        name = owner.get(page, "(free or new)")
        counts[name] = counts.get(name, 0) + 1
    return {name: round(n / scans, 2) for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))}


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
