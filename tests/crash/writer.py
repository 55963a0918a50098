"""A writer to kill: records receipts, splits and batches through the services and says so after each commit.

Run as `python -m tests.crash.writer ZYGOTE DB`: the process imports everything once, then reads
`go SEED` lines on stdin and forks one writer per line, so each kill costs a fork, not an
interpreter start. A writer opens the database (recovering it after the previous kill), then
loops: each unit of work commits, and only then is `ACK <lot> ...` written to stdout. Whatever it
printed before being killed must be in the database afterwards.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

from tracedesk.core.actor import Actor
from tracedesk.paths import AppPaths
from tracedesk.services import inventory
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.runtime import Runtime, StationSettings

STATION = StationSettings(code="KILL", name="Crash test station", lot_prefix="K")


def actor(runtime: Runtime) -> Actor:
    """The plant's administrator (created by kills.prepare); the services look the role up."""
    return Actor("admin", runtime.station.code, 60)


def write_forever(database: Path, seed: int) -> None:
    """Record until killed; an ACK line follows every commit."""
    rng = random.Random(seed)
    runtime = Runtime.open(f"sqlite:///{database}", AppPaths.from_environment().ensure(), STATION)
    who = actor(runtime)
    out = sys.stdout
    number = 0
    mine: list[str] = []
    while True:
        number += 1
        choice = rng.random()
        if choice < 0.15 and mine:
            # A split: one event that creates several lots and changes a balance.
            with runtime.unit_of_work() as session:
                children = inventory.split_lot(session, who, lot=rng.choice(mine), quantities=["0.5", "0.25"])
            out.write("ACK " + " ".join(child.code for child in children) + "\n")
        elif choice < 0.2:
            # A batch of receipts in one transaction: all of it survives a kill, or none.
            with runtime.unit_of_work() as session:
                codes = [_receive(session, who, f"B{seed}-{number}-{k}").code for k in range(20)]
            out.write("ACK " + " ".join(codes) + "\n")
        else:
            with runtime.unit_of_work() as session:
                lot = _receive(session, who, f"S{seed}-{number}")
            mine.append(lot.code)
            out.write(f"ACK {lot.code}\n")
        out.flush()


def _receive(session, who: Actor, supplier_lot: str):  # noqa: ANN001, ANN202
    return register_received_lot(
        session, ReceiveRequest(item="FLOUR", quantity="10", supplier="MILL", supplier_lot=supplier_lot), who
    )


def zygote(database: Path) -> None:
    """Fork a writer for every `go SEED` line; report each one's pid, then how it ended."""
    print("READY", flush=True)
    for line in sys.stdin:
        seed = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(database, seed)
            finally:
                os._exit(3)  # only reached when writing failed: the test sees the status
        print(f"PID {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"DEAD {pid} {status}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] != "zygote":
        raise SystemExit("usage: python -m tests.crash.writer zygote DB")
    zygote(Path(sys.argv[2]))
