"""The benchmark still runs end to end at a small scale, and our answers equal the references'.

No timing is asserted here: benchmarks are measurements, not tests (see bench/run.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "bench" / "run.py"


@pytest.mark.slow
def test_benchmark_runs_and_matches_the_bare_sqlite_references(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--lots", "2000", "--data", str(tmp_path), "--json", str(out)],
        capture_output=True,
        text=True,
        # A guard against a hang, not a measurement: the run starts a dozen interpreters (one per
        # scenario, the two exports included), and on a shared machine that can take minutes.
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text("utf-8"))
    assert results["import"]["events"] > 2000
    assert results["import"]["rows"] == results["import_reference"]["rows"]
    # The storage floor copied every event (and more: the state tables) and left no file behind.
    floor = results["import_storage"]
    assert floor["rows"] == results["import"]["rows"] and floor["stored_rows"] > 2 * results["import"]["events"]
    assert floor["cpu_by_table"]["events"] > 0 and "| storage floor" in done.stdout
    assert not list(tmp_path.glob("storage-floor*"))
    for key in ("trace_typical", "trace_heavy", "recall_heavy"):
        assert results[key]["same_set"] is True
    assert results["trace_heavy"]["down"] > 0 and results["recall_heavy"]["orders"] > 0
    assert "| one scan" in done.stdout
    for key in ("trace_typical", "trace_heavy"):
        trace = results[key]
        assert trace["full"]["ratio"] > 0 and trace["queries"]["ours"] > 0 and trace["unit_of_work"] > 0
    recalls = results["recalls"]
    assert recalls["measured"] and all(m["same_set"] for m in recalls["measured"])
    assert 100 <= recalls["descendants"]["min"] <= recalls["descendants"]["max"] <= 1000
    assert results["cli"]["same_set"] is True and results["cli"]["cpu_ratio"] > 0
    assert results["scan"]["pages"] > 0 and results["scan"]["cpu_ratio"] > 0
    held = results["held"]
    assert held["suspects"] == results["trace_heavy"]["down"] and held["report_lots"] == results["recall_heavy"]["lots"]
    assert not list(tmp_path.glob("held-copy*"))  # the copy with the hold is gone
    epcis, fsma = results["export_epcis"], results["export_fsma"]
    # Every lot is made by a receipt or an output: at least one EPCIS event and one FSMA row each.
    assert epcis["count"] >= results["manifest"]["lots"] and fsma["count"] >= results["manifest"]["lots"]
    assert "| EPCIS 2.0 export of everything" in done.stdout and not list((tmp_path / "exports").glob("all*"))
    gui = results["gui"]
    assert gui["launch"]["seconds"] > 0 and gui["tree"]["seconds"] > 0 and gui["silo_tree"]["seconds"] > 0
    assert "error" not in gui["tree"] and "error" not in gui["silo_tree"]
    assert done.stdout.count("| QA family tree of") == 3
    assert gui["tree_full"]["rows"] > 0 and "full_seconds" in gui["tree_full"]
    dashboard = results["dashboard"]
    assert dashboard["same_counts"] is True and dashboard["orders"] > 0 and "| QA dashboard, a year" in done.stdout
    storage = results["storage"]
    assert storage["lots"] == results["manifest"]["lots"] and storage["links"] > storage["lots"]
    assert storage["tables"]["lot_links"]["indexes"].keys() >= {"ix_lot_links_down", "ix_lot_links_up"}
    assert "| lot_links |" in done.stdout


def test_generator_is_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(RUN.parent))
    try:
        import plant_history
    finally:
        sys.path.remove(str(RUN.parent))
    first = plant_history.generate(tmp_path / "a", lots=500, seed=3)
    second = plant_history.generate(tmp_path / "b", lots=500, seed=3)
    assert first == second
    for name in ("receipts", "orders", "issues", "outputs", "shipments"):
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()


@pytest.mark.slow
def test_sync_benchmark_runs_against_a_real_hub(tmp_path: Path) -> None:
    from tests.sync.conftest import server_url

    out = tmp_path / "sync.json"
    done = subprocess.run(
        [
            sys.executable,
            str(RUN.parent / "sync_bench.py"),
            "--quick",
            "--lots",
            "300",
            "--server",
            server_url(),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 and "connection" in done.stderr.lower() and os.environ.get("CI") != "true":
        pytest.skip("No PostgreSQL server for the sync benchmark; set TRACEDESK_TEST_PG=postgresql://USER@HOST:PORT/postgres.")
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text("utf-8"))
    assert results["push"]["events"] == results["events"] and results["pull_bootstrap"]["events"] == results["events"]
    assert results["scan"]["ratio"] > 0 and "| push |" in done.stdout
