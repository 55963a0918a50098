"""The smoke test `make package` runs on the built program passes on the program as installed here."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "package_smoke.py"


def test_the_smoke_test_starts_creates_records_a_receipt_and_traces(capsys):
    program = shutil.which("tracedesk", path=str(Path(sys.executable).parent))
    assert program is not None
    spec = importlib.util.spec_from_file_location("package_smoke", SCRIPT)
    assert spec is not None and spec.loader is not None
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    assert smoke.smoke(program) == "SMOKE-1"
    out = capsys.readouterr().out
    assert "started: TraceDesk" in out and "receipt recorded and traced: SMOKE-1 25 kg" in out
