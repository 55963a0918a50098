"""Smoke test of a built TraceDesk: it starts, creates a database with its administrator, records a
receipt and answers a trace. `make package` runs it on dist/tracedesk/; any program path works:
`python scripts/package_smoke.py dist/tracedesk/tracedesk`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ADMIN, PIN = "admin", "1234"


def run(program: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run([program, *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise SystemExit(f"FAILED: tracedesk {' '.join(args)} (exit {done.returncode})\n{done.stdout}\n{done.stderr}")
    return done.stdout


def smoke(program: str) -> str:
    """Returns the lot code traced; exits with the failing step's output otherwise."""
    with tempfile.TemporaryDirectory(prefix="tracedesk-smoke-") as folder:
        home = Path(folder)
        env = {**os.environ, "TRACEDESK_HOME": str(home / "home"), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
        env.pop("TRACEDESK_DB", None)
        version = run(program, "--version", env=env)
        print("started:", version.splitlines()[0] if version else "")
        run(program, "init", "--admin", ADMIN, "--admin-pin", PIN, env=env)
        data = home / "import"
        data.mkdir()
        (data / "items.csv").write_text(
            "code,name,unit,kind,tracking,gtin,shelf_life_days\nFLOUR,Wheat flour,kg,raw,lot,,180\n", "utf-8"
        )
        (data / "suppliers.csv").write_text("code,name,gln\nMILL,The mill,\n", "utf-8")
        (data / "receipts.csv").write_text(
            "lot,item,quantity,supplier,supplier_lot,received_at,expiry,po,status\n"
            "SMOKE-1,FLOUR,25,MILL,M-77,2026-03-01T08:00:00Z,,PO-1,quarantine\n",
            "utf-8",
        )
        summary = json.loads(run(program, "--user", ADMIN, "--pin", PIN, "import", str(data), "--json", env=env))
        if summary["added"].get("receipts") != 1:
            raise SystemExit(f"FAILED: the receipt was not recorded: {summary}")
        trace = json.loads(run(program, "trace", "SMOKE-1", "--json", env=env))
        if trace["lot"]["code"] != "SMOKE-1" or trace["lot"]["item"] != "FLOUR":
            raise SystemExit(f"FAILED: the trace answered {trace}")
        print("receipt recorded and traced:", trace["lot"]["code"], trace["lot"]["quantity"], trace["lot"]["unit"])
        return str(trace["lot"]["code"])


if __name__ == "__main__":
    smoke(sys.argv[1] if len(sys.argv) > 1 else str(Path("dist") / "tracedesk" / "tracedesk"))
    print("smoke test passed")
