"""A writer killed with SIGKILL at random moments loses nothing it acknowledged, and the log verifies.

`make soak` runs the same with a thousand kills (TRACEDESK_KILLS=1000).
"""

from __future__ import annotations

import os

from tests.crash.kills import run_kills


def test_nothing_acknowledged_is_lost_when_a_writer_is_killed_at_random(tmp_path):
    kills = int(os.environ.get("TRACEDESK_KILLS", "30"))
    report = run_kills(tmp_path / "plant.sqlite3", kills, seed=int(os.environ.get("TRACEDESK_KILL_SEED", "1")))
    assert report.kills == kills
    assert report.acknowledged > kills  # the writers got to write between kills
    print(f"\n{report}")
