"""Runs the benchmark: generate a plant, import it, time each scenario against a bare-SQLite reference.

    python bench/run.py                    # 1,000,000 lots (generated once, imported every run)
    python bench/run.py --lots 200000      # a smaller plant
    python bench/run.py --quick --lots 2000 --data bench/data/smoke   # the smoke run the tests use

Each scenario runs in a fresh process so its peak RSS is its own; times are medians of
repeated runs after a warm-up, and each reference is measured in the same run on the same file.
Prints a Markdown table; `--json FILE` also writes every number.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import plant_history  # noqa: E402
import scenarios  # noqa: E402

TARGETS = {"trace": 1.5, "recall": 1.5, "scan": 2.0, "import_rows_per_s": 50_000, "dashboard_s": 1.0}


def _in_child(name: str, **kwargs: Any) -> dict[str, Any]:
    """Run one scenario in a fresh interpreter; its result is the last line of its output."""
    command = [sys.executable, str(Path(__file__).resolve()), "--scenario", name, "--kwargs", json.dumps(kwargs)]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    if done.returncode != 0:
        raise RuntimeError(f"scenario {name} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_scenario(name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    paths = {k: Path(v) if k in ("db", "folder", "scratch") else v for k, v in kwargs.items()}
    if name == "gui":
        import gui_probe

        return gui_probe.measure(**paths)
    if name == "dashboard":
        import dashboard_probe

        return dashboard_probe.measure(**paths)
    return getattr(scenarios, f"{'reference' if name.startswith('ref_') else 'scenario'}_{name.removeprefix('ref_')}")(**paths)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def _x(ratio: float | None) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def run(args: argparse.Namespace) -> dict[str, Any]:
    data = Path(args.data).resolve()
    folder = data / f"plant-{args.lots}-s{args.seed}"
    db = data / f"plant-{args.lots}-s{args.seed}.sqlite3"
    data.mkdir(parents=True, exist_ok=True)
    # Benchmarks never touch the real user directories: the station and settings live here.
    os.environ["TRACEDESK_HOME"] = str(data / "home")
    if not (folder / "manifest.json").exists():
        print(f"generating {args.lots} lots into {folder.name} ...", file=sys.stderr)
        plant_history.generate(folder, args.lots, args.seed)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    repeat = 3 if args.quick else args.repeat
    results: dict[str, Any] = {"environment": scenarios.environment(), "manifest": manifest, "lots": args.lots}

    if args.reuse_db and db.exists():
        print("reusing the imported database (import not measured)", file=sys.stderr)
    else:
        print("importing ...", file=sys.stderr)
        results["import"] = _in_child("import", db=str(db), folder=str(folder))
        results["import_reference"] = _in_child("ref_import", folder=str(folder), scratch=str(data / "reference-import.sqlite3"))
        # The storage floor: SQLite alone storing the import's result (see scenarios.reference_store).
        results["import_storage"] = _in_child(
            "ref_store", db=str(db), folder=str(folder), scratch=str(data / "storage-floor.sqlite3")
        )
    results["db_bytes"] = db.stat().st_size
    heavy, typical = manifest["heavy_raw_lot"], manifest["typical_finished_lot"]
    print("tracing ...", file=sys.stderr)
    results["trace_typical"] = _in_child("trace", db=str(db), code=typical, repeat=repeat)
    results["trace_heavy"] = _in_child("trace", db=str(db), code=heavy, repeat=repeat)
    results["recall_heavy"] = _in_child("recall", db=str(db), code=heavy, repeat=repeat)
    print("ordinary recalls ...", file=sys.stderr)
    results["recalls"] = _in_child("recalls", db=str(db), sample=4 if args.quick else 20, repeat=repeat)
    print("the command line as a whole process ...", file=sys.stderr)
    results["cli"] = _in_child("cli", db=str(db), code=typical, repeat=3 if args.quick else 21)
    print("scanning ...", file=sys.stderr)
    results["scan"] = _in_child(
        "scan", db=str(db), lot=manifest["scan_lot"], order=manifest["scan_order"], repeat=5 if args.quick else 200
    )
    print("holding the silo lot (in a copy) ...", file=sys.stderr)
    results["held"] = _in_child(
        "held", db=str(db), code=heavy, scratch=str(data / "held-copy.sqlite3"), repeat=1 if args.quick else 3
    )
    print("the QA dashboard for the plant's year ...", file=sys.stderr)
    first_day = plant_history.START.date()
    last_day = first_day + timedelta(days=plant_history.DAYS - 1)
    results["dashboard"] = _in_child(
        "dashboard", db=str(db), start=first_day.isoformat(), end=last_day.isoformat(), repeat=repeat
    )
    if not args.no_gui:
        results["dashboard_gui"] = _in_child("gui", db=str(db), what="dashboard", code=f"{first_day}/{last_day}")
    print("exporting everything as EPCIS and FSMA 204 ...", file=sys.stderr)
    for kind in ("epcis", "fsma"):
        results[f"export_{kind}"] = _in_child("export", db=str(db), scratch=str(data / "exports"), kind=kind)
    if not args.no_gui:
        import gui_probe

        results["gui"] = gui_probe.run_all(db, manifest, quick=args.quick, child=_in_child)
    results["storage"] = scenarios.storage_report(db)
    return results


def storage_table(storage: dict[str, Any]) -> str:
    """Where the bytes are: each table with its indexes, largest first."""
    lines = [
        f"{storage['bytes'] / 2**20:,.1f} MB for {storage['lots']:,} lots and {storage['links']:,} links: "
        f"{storage['bytes_per_lot']:,.0f} bytes per lot all told\n",
        "| table | rows | table | indexes | bytes per row (with indexes) |",
        "|---|---|---|---|---|",
    ]
    ranked = sorted(storage["tables"].items(), key=lambda kv: -(kv[1]["table_bytes"] + sum(kv[1]["indexes"].values())))
    for table, entry in ranked:
        index_bytes = sum(entry["indexes"].values())
        if entry["table_bytes"] + index_bytes < 64 * 1024:
            continue
        names = ", ".join(
            f"{name} {size / 2**20:,.1f} MB" for name, size in sorted(entry["indexes"].items(), key=lambda kv: -kv[1])
        )
        per_row = (entry["table_bytes"] + index_bytes) / entry["rows"] if entry["rows"] else 0
        lines.append(
            f"| {table} | {entry['rows']:,} | {entry['table_bytes'] / 2**20:,.1f} MB | {names or '-'} | {per_row:,.0f} |"
        )
    return "\n".join(lines)


def table(results: dict[str, Any]) -> str:
    """The Markdown table of medians, references, ratios and targets."""
    lines = [
        "| scenario | ours (median) | reference (median) | ratio | target | peak RSS | target met |",
        "|---|---|---|---|---|---|---|",
    ]
    manifest = results["manifest"]
    if "import" in results:
        ours, ref = results["import"], results["import_reference"]
        met = _verdict(ours["rows_per_s"] >= TARGETS["import_rows_per_s"])
        lines.append(
            f"| import {ours['rows']:,} rows ({ours['events']:,} events) | {ours['rows_per_s']:,.0f} rows/s ({_ms(ours['seconds'])}, CPU {_ms(ours['cpu'])}) "
            f"| {ref['rows_per_s']:,.0f} rows/s ({_ms(ref['seconds'])}) | {ours['seconds'] / ref['seconds']:.1f}x "
            f"| >= {TARGETS['import_rows_per_s']:,} rows/s | {ours['rss_mb']:.0f} MB | {met} |"
        )
        floor = results.get("import_storage")
        if floor:
            lines.append(
                f"| storage floor: SQLite alone storing the import's result ({floor['stored_rows']:,} rows, INSERT ... SELECT) "
                f"| {ours['rows_per_s']:,.0f} rows/s | {floor['rows_per_s']:,.0f} rows/s ({_ms(floor['seconds'])}, CPU {_ms(floor['cpu'])}) "
                f"| {ours['seconds'] / floor['seconds']:.1f}x | - | {floor['rss_mb']:.0f} MB | the target is "
                f"{'within' if floor['rows_per_s'] >= TARGETS['import_rows_per_s'] else 'beyond'} the floor |"
            )
    for key, label in (
        ("trace_typical", f"trace up+down, typical finished lot {manifest['typical_finished_lot']}"),
        ("trace_heavy", f"trace up+down, silo lot {manifest['heavy_raw_lot']} ({manifest['heavy_raw_orders']} orders)"),
    ):
        r = results[key]
        lines.append(
            f"| {label}: {r['up']:,} up, {r['down']:,} down | {_ms(r['ours'])} (CPU {_ms(r['ours_cpu'])}) "
            f"| {_ms(r['reference'])} bare CTE; {_ms(r['full']['reference'])} same columns "
            f"| {_x(r['ratio'])} ({_x(r['cpu_ratio'])} CPU); {_x(r['full']['ratio'])} ({_x(r['full']['cpu_ratio'])} CPU) "
            f"| <= {TARGETS['trace']}x | {r['rss_mb']:.0f} MB | {_verdict(r['full']['ratio'] <= TARGETS['trace'])} (same columns) |"
        )
        lines.append(
            f"| ... of which the unit of work (session, BEGIN, ROLLBACK); the queries through a bare connection "
            f"| {_ms(r['unit_of_work'])}; {_ms(r['queries']['ours'])} | | queries {_x(r['queries']['ratio'])} bare CTE, "
            f"{_x(r['queries_full']['ratio'])} same columns | | | n/a |"
        )
        lines.append(
            f"| ... through the pooled connection without a session (Runtime.driver_reading: the command line's fallback) "
            f"| {_ms(r['pooled_full']['ours'])} (CPU {_ms(r['pooled_full']['ours_cpu'])}) | | {_x(r['pooled_full']['ratio'])} "
            f"({_x(r['pooled_full']['cpu_ratio'])} CPU) same columns | <= {TARGETS['trace']}x | | "
            f"{_verdict(r['pooled_full']['ratio'] <= TARGETS['trace'])} |"
        )
    r = results["recall_heavy"]
    lines.append(
        f"| recall silo lot: {r['lots']:,} lots, {r['orders']:,} orders, {r['shipments']:,} shipments, {r['customers']} customers "
        f"| {_ms(r['ours'])} (CPU {_ms(r['ours_cpu'])}) | {_ms(r['reference'])} bare CTE + joins; {_ms(r['full']['reference'])} same columns "
        f"| {_x(r['ratio'])} ({_x(r['cpu_ratio'])} CPU); {_x(r['full']['ratio'])} | <= {TARGETS['recall']}x | {r['rss_mb']:.0f} MB "
        f"| {_verdict(r['ratio'] <= TARGETS['recall'])} |"
    )
    r = results.get("recalls")
    if r and r.get("measured"):
        lines.append(
            f"| ordinary recalls: {len(r['lots'])} raw lots with {r['descendants']['min']:,}-{r['descendants']['max']:,} descendants "
            f"| median {_ms(r['ours']['median'])}, worst {_ms(r['ours']['worst'])} | median {_ms(r['reference']['median'])} bare CTE + joins "
            f"| median {_x(r['ratio']['median'])}, worst {_x(r['ratio']['worst'])} (CPU median {_x(r['cpu_ratio']['median'])}); "
            f"same columns: median {_x(r['full_ratio']['median'])}, worst {_x(r['full_ratio']['worst'])} "
            f"| <= {TARGETS['recall']}x | {r['rss_mb']:.0f} MB | {_verdict(r['full_ratio']['worst'] <= TARGETS['recall'])} (same columns, worst) |"
        )
        lines.append(
            f"| ... through the pooled connection without a session (Runtime.driver_reading) | | "
            f"| same columns: median {_x(r['pooled_full_ratio']['median'])}, worst {_x(r['pooled_full_ratio']['worst'])} "
            f"(CPU median {_x(r['pooled_full_cpu_ratio']['median'])}, worst {_x(r['pooled_full_cpu_ratio']['worst'])}) "
            f"| <= {TARGETS['recall']}x | | {_verdict(r['pooled_full_ratio']['worst'] <= TARGETS['recall'])} (worst) |"
        )
    r = results["scan"]
    lines.append(
        f"| one scan: issue to an order, committed ({r['repeat']} alternated); WAL pages written | {_ms(r['ours'])} (CPU {_ms(r['ours_cpu'])}); "
        f"{r['pages']:.1f} pages | {_ms(r['reference'])} (CPU {_ms(r['reference_cpu'])}) INSERT + COMMIT, WAL, synchronous=FULL; "
        f"{r['reference_pages']:.1f} pages | {_x(r['ratio'])} ({_x(r['cpu_ratio'])} CPU) | <= {TARGETS['scan']}x | {r['rss_mb']:.0f} MB "
        f"| {_verdict(r['ratio'] <= TARGETS['scan'])} |"
    )
    by_table = ", ".join(f"{name} {n:.1f}" for name, n in r.get("pages_by_table", {}).items())
    lines.append(f"| ... of which, pages per scan by table or index | {by_table} | | | | | n/a |")
    r = results.get("cli")
    if r:
        lines.append(
            f"| `tracedesk trace {manifest['typical_finished_lot']} --json`, whole process; `tracedesk --version` "
            f"| {_ms(r['ours'])} (CPU {_ms(r['ours_cpu'])}); {_ms(r['version'])} (CPU {_ms(r['version_cpu'])}) "
            f"| {_ms(r['reference'])} (CPU {_ms(r['reference_cpu'])}) python -c with sqlite3, same CTEs "
            f"| {_x(r['ratio'])} ({_x(r['cpu_ratio'])} CPU); --version {_x(r['version_ratio'])} | <= 2x | | {_verdict(r['ratio'] <= 2)} |"
        )
    if "held" in results:
        r = results["held"]
        lines.append(
            f"| silo lot put on hold (in a copy): open holds list ({r['suspects']:,} suspect lots); a family-tree page; "
            f"recall report ({r['report_lots']:,} lots) | {_ms(r['holds_s'])}; {_ms(r['page_s'])}; {_ms(r['report_s'])} "
            f"| | | no target | {r['rss_mb']:.0f} MB | n/a |"
        )
    r = results.get("dashboard")
    if r:
        slowest = max(r["per_chart"], key=r["per_chart"].get)
        lines.append(
            f"| QA dashboard, a year: {r['received']:,} receipts, {r['orders']:,} orders, {r['flow_links']:,} flow bands "
            f"(slowest chart {slowest}: {_ms(r['per_chart'][slowest])}) | {_ms(r['ours'])} | {_ms(r['reference'])} "
            f"(bare SQL, one statement per chart, in turns) | {r['ours'] / r['reference']:.2f}x | <= {TARGETS['dashboard_s']:.0f} s all charts "
            f"| {r['rss_mb']:.0f} MB | {_verdict(r['ours'] <= TARGETS['dashboard_s'])} |"
        )
    r = results.get("dashboard_gui")
    if r:
        met = r["seconds"] <= TARGETS["dashboard_s"] and r["stall_ms"] <= 100
        lines.append(
            f"| QA desk dashboard on screen, a year: pyqtgraph imported ahead, on its own thread {_ms(r['charts_import_s'])}; "
            f"first chart; all charts; longest event-loop stall | {_ms(r['first_chart_s'])}; {_ms(r['seconds'])}; "
            f"stall {r['stall_ms']:.0f} ms | | | <= 1 s, stall <= 100 ms | {r['rss_mb']:.0f} MB | {_verdict(met)} |"
        )
    for kind, label in (("epcis", "EPCIS 2.0 export of everything (streamed)"), ("fsma", "FSMA 204 CSV of everything")):
        r = results.get(f"export_{kind}")
        if r:
            lines.append(
                f"| {label}: {r['count']:,} events/rows, {r['bytes'] / 2**20:,.0f} MB | {_ms(r['seconds'])} | | | "
                f"bounded memory | {r['rss_mb']:.0f} MB ({r['rss_before_mb']:.0f} MB before) | n/a |"
            )
    for row in results.get("gui", {}).get("rows", []):
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lots", type=int, default=plant_history.FULL_LOTS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--data", default=str(BENCH_DIR / "data"), help="where plants and databases are kept (default bench/data)"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per scenario (median reported)")
    parser.add_argument("--quick", action="store_true", help="few repeats: a smoke run, not a measurement")
    parser.add_argument("--reuse-db", action="store_true", help="skip the import when the database exists")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI scenarios")
    parser.add_argument("--json", type=Path, help="also write every number to this file")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    parser.add_argument("--kwargs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scenario:
        print(json.dumps(_run_scenario(args.scenario, json.loads(args.kwargs))))
        return 0
    results = run(args)
    env = results["environment"]
    db_bytes = results["db_bytes"]
    print(f"\n{args.lots:,} lots requested, {results['manifest']['lots']:,} generated; database {db_bytes / 2**20:,.0f} MB")
    print(f"{env['cpu']}, {env['cores']} cores, {env['ram_gb']} GB RAM, Python {env['python']}, SQLite {env['sqlite']}\n")
    print(table(results))
    print()
    print(storage_table(results["storage"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
