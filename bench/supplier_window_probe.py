"""The supplier p-chart of one period on a plant opened read-only: the period alone vs its window, alternated.

Before the p-chart looked back a year, the dashboard's supplier chart read only the period's
months; now it reads `analytics.supplier_window(period)`, the twelve months up to the period's
end. The old behaviour is had by swapping that function for the identity. Each run prints
wall and CPU time; the two run in turns so a noisy neighbour slows both alike.

    .venv/bin/python bench/supplier_window_probe.py PLANT.sqlite3 2025-06-01 2025-06-30
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tracedesk.services import analytics

Window = Callable[[analytics.Period], analytics.Period]


def main(db: str, start: str, end: str, repeat: int = 6) -> None:
    engine = create_engine(f"sqlite:///file:{db}?mode=ro&uri=true")  # never writes the plant
    period = analytics.Period(date.fromisoformat(start), date.fromisoformat(end))
    window = analytics.supplier_window

    def run(chosen: Window) -> tuple[float, float, int, int]:
        analytics.supplier_window = chosen
        try:
            with Session(engine) as session:
                wall, cpu = time.perf_counter(), time.process_time()
                points = analytics.supplier_quality(session, period)
                drifting = [p for p in analytics.in_period(points, period) if p.is_drifting]
                return time.perf_counter() - wall, time.process_time() - cpu, len(points), len(drifting)
        finally:
            analytics.supplier_window = window

    def alone(p: analytics.Period) -> analytics.Period:
        return p

    run(window), run(alone)  # warm the page cache for both
    found: dict[str, list[tuple[float, float, int, int]]] = {"period alone": [], "with its window": []}
    for _ in range(repeat):
        found["period alone"].append(run(alone))
        found["with its window"].append(run(window))
    for name, runs in found.items():
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        print(
            f"{name}: wall {min(walls) * 1000:.0f}-{max(walls) * 1000:.0f} ms (median {statistics.median(walls) * 1000:.0f}), "
            f"CPU {min(cpus) * 1000:.0f}-{max(cpus) * 1000:.0f} ms; {runs[0][2]} points, {runs[0][3]} drifting in the period"
        )


if __name__ == "__main__":
    main(*sys.argv[1:4])
