"""Long fuzzing runs of everything that reads outside input: scans, quantities, times, dates, text, import files.

    python tools/fuzz.py --seconds 600                 # every target in turn, atheris when installed
    python tools/fuzz.py --target scan --seconds 3600  # one target
    python tools/fuzz.py --engine hypothesis           # without atheris (random, not coverage-guided)

`make fuzz` runs the first (`pip install -e '.[fuzz]'` brings atheris). Each target feeds one
input to the code under test and fails on any exception but `InvalidInput`, on a value that
does not round-trip through its text, and on an import refusal that records anything. A failing
input is printed (and written by atheris as crash-<hash>); replay it with `--replay FILE`.
The tests run the same properties with a few hundred examples each (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tracedesk.core.codes import parse_scan  # noqa: E402
from tracedesk.core.errors import InvalidInput  # noqa: E402
from tracedesk.core.parsing import clean_text, parse_date, parse_quantity, parse_timestamp  # noqa: E402
from tracedesk.core.quantity import format_quantity  # noqa: E402
from tracedesk.core.timeparse import iso_utc  # noqa: E402

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def fuzz_scan(data: bytes) -> None:
    text = _text(data[1:]) if data else ""
    flags = data[0] if data else 0
    try:
        code = parse_scan(text, today=date(2026, 6, 1), strict=bool(flags & 1), epc=bool(flags & 2))
    except InvalidInput:
        return
    code.to_json()


def fuzz_quantity(data: bytes) -> None:
    try:
        value = parse_quantity(_text(data))
    except InvalidInput:
        return
    assert 0 < value < 10**9 and parse_quantity(format_quantity(value)) == value, value


def fuzz_time(data: bytes) -> None:
    try:
        value = parse_timestamp(_text(data), local=CET, now=NOW)
    except InvalidInput:
        return
    assert parse_timestamp(iso_utc(value), local=CET, now=NOW) == value, value


def fuzz_date(data: bytes) -> None:
    try:
        value = parse_date(_text(data))
    except InvalidInput:
        return
    assert parse_date(value.isoformat()) == value, value


def fuzz_text(data: bytes) -> None:
    try:
        value = clean_text(_text(data), what="note", max_length=64, multiline=bool(data[:1] == b"\n"))
    except InvalidInput:
        return
    assert clean_text(value, what="note", max_length=64, multiline=True) == value


class _ImportTarget:
    """An import of a small plant whose receipts file has one fuzzed row; refused or imported, never half."""

    COLUMNS = ("lot", "item", "quantity", "supplier", "supplier_lot", "received_at", "expiry", "po", "status")

    def __init__(self) -> None:
        from tests.cli.random_plant import generate
        from tracedesk.core.actor import Actor
        from tracedesk.paths import AppPaths
        from tracedesk.services.runtime import Runtime, StationSettings

        self.folder = Path(tempfile.mkdtemp(prefix="tracedesk-fuzz-"))
        generate(self.folder / "csv", 5)
        self.receipts = (self.folder / "csv" / "receipts.csv").read_text("utf-8")
        paths = AppPaths(*(self.folder / name for name in ("data", "config", "logs", "backups"))).ensure()
        self.runtime = Runtime.open(f"sqlite:///{self.folder / 'fuzz.sqlite3'}", paths, StationSettings("FZ", "Fuzz", "F"))
        self.actor = self.runtime.create_first_admin(code="admin", name="Admin", pin="1234", at=Actor("", "FZ", 60, lambda: NOW))

    def __call__(self, data: bytes) -> None:
        from sqlalchemy import func, select

        from tracedesk.db.models import Event
        from tracedesk.services.importer import import_path

        cells = _text(data).split("\x1e")  # a record separator splits the input into cells
        rows = list(csv.reader(io.StringIO(self.receipts)))
        row = rows[1 + len(cells[0]) % (len(rows) - 1)]
        for index, value in enumerate(cells[1:]):
            row[index % len(row)] = value
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        (self.folder / "csv" / "receipts.csv").write_text(buffer.getvalue(), "utf-8", errors="surrogatepass")
        with self.runtime.sessions() as session:
            before = session.scalar(select(func.count()).select_from(Event))
            try:
                with session.begin_nested():
                    import_path(session, self.actor, self.folder / "csv")
            except InvalidInput:
                assert session.scalar(select(func.count()).select_from(Event)) == before, "a refusal recorded something"
            session.rollback()  # every input starts from the same database


TARGETS: dict[str, Callable[[], Callable[[bytes], None]]] = {
    "scan": lambda: fuzz_scan,
    "quantity": lambda: fuzz_quantity,
    "time": lambda: fuzz_time,
    "date": lambda: fuzz_date,
    "text": lambda: fuzz_text,
    "import": _ImportTarget,
}
# Inputs that look like the real thing, so random mutation starts close to the interesting paths.
SEEDS = [
    b"]C101095201234567881727010010LOT-1\x1d21S1",
    b"https://id.gs1.org/01/09520123456788/10/ABC?17=270101",
    b"https://[x/01/09520123456788",
    b"TD:A2611-0042",
    b"12.5",
    b"2026-03-01T08:30:00+01:00",
    b"2027-03-01",
    b"S-12\x1eR000\x1e12\x1e2026-03-01T08:00",
]


def run_atheris(target: Callable[[bytes], None], seconds: int, corpus: Path) -> None:
    import atheris

    corpus.mkdir(parents=True, exist_ok=True)
    for number, seed in enumerate(SEEDS):
        (corpus / f"seed-{number}").write_bytes(seed)
    atheris.instrument_all()  # coverage of the code already imported guides the mutations
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-print_final_stats=1", str(corpus)], target)
    atheris.Fuzz()


def run_random(target: Callable[[bytes], None], seconds: int, seed: int) -> int:
    """Random bytes and random mutations of the seeds until the time is up; the number of inputs."""
    rng = random.Random(seed)
    alphabet = b"0123456789.,-+eE:TZ \x00\x1d\x1e\n\t()[]/%?&=ABCxyz\xef\xbc\x95\xd9\xa3"
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline:
        base = bytearray(rng.choice(SEEDS))
        for _ in range(rng.randrange(1, 6)):
            where = rng.randrange(len(base) + 1)
            action = rng.random()
            if action < 0.4 and base:
                base[min(where, len(base) - 1)] = rng.choice(alphabet)
            elif action < 0.7:
                base[where:where] = bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
            else:
                del base[where : where + rng.randrange(1, 4)]
        data = bytes(base) if rng.random() < 0.8 else rng.randbytes(rng.randrange(0, 64))
        try:
            target(data)
        except Exception:
            print(f"FAILED on input {data!r}", file=sys.stderr)
            raise
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=sorted(TARGETS), action="append", help="what to fuzz (default: all, in turn)")
    parser.add_argument("--seconds", type=int, default=600, help="total time, shared by the targets")
    parser.add_argument("--engine", choices=("auto", "atheris", "random"), default="auto")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--replay", type=Path, help="run one saved input through the target and stop")
    args = parser.parse_args()
    names = args.target or sorted(TARGETS)
    if args.replay:
        TARGETS[names[0]]()(args.replay.read_bytes())
        print("no failure")
        return 0
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "random"
    share = max(1, args.seconds // len(names))
    if engine == "atheris" and len(names) > 1:
        # libFuzzer owns its process and ends it: one process per target.
        for name in names:
            command = [sys.executable, __file__, "--target", name, "--seconds", str(share), "--engine", "atheris"]
            if subprocess.run(command, check=False).returncode != 0:
                return 1
        return 0
    if engine == "atheris":
        run_atheris(TARGETS[names[0]](), args.seconds, ROOT / "bench" / "data" / "fuzz" / names[0])
        return 0
    for name in names:
        count = run_random(TARGETS[name](), share, args.seed)
        print(f"{name:9} {count:>10,} inputs in {share} s, no failure", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
