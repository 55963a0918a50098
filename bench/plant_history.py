"""Generates a year of a plant's history as import CSV files, deterministically from a seed.

The shape is what makes a traceability database hard: five levels (raw -> premix -> bulk ->
finished -> cartons), about three genealogy links per produced lot, work orders that draw
their inputs first-in first-out from recent stock, and heavy-tailed raw material use: a few
silo lots (flour, resin) feed thousands of orders, while most raw lots feed one to three.

Usage: python bench/plant_history.py OUT_DIR [--lots 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import random
import sys
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tracedesk.core.checkdigit import gs1_check_digit

FULL_LOTS = 1_000_000
FAMILIES = 10
HEAVY_ITEMS = ("FLOUR-SILO", "RESIN-SILO")
START = datetime(2025, 1, 6, 6, 0, tzinfo=UTC)
DAYS = 365
# Share of work orders per level (1 premix, 2 bulk, 3 finished, 4 cartons) and outputs per order.
LEVEL_SHARE = {1: 0.10, 2: 0.20, 3: 0.20, 4: 0.50}
OUTPUTS = {1: 3, 2: 3, 3: 4}
PRODUCED_QUANTITY = 600  # kg of a premix, bulk or finished lot
CARTON_QUANTITY = 12  # pieces per carton lot
ORDINARY_ISSUE = 25  # kg or m taken from an ordinary raw or packaging lot per order
HEAVY_ISSUE = 100  # kg taken from a silo lot per order
# Lots waiting per (family, level). Intermediate levels make more than the next level draws;
# without a cap the first-in first-out pools only grow, lots made late in the year are never
# used and a late silo lot's family stops at bulk. Older lots beyond the cap stay as stock.
POOL_CAP = 24


def _gln(n: int) -> str:
    body = f"40{n:010d}"
    return body + str(gs1_check_digit(body))


@dataclass
class Scale:
    """Counts derived from the number of lots wanted; the full scale is the default."""

    lots: int
    orders: int = 0
    shipments: int = 0
    customers: int = 500
    suppliers: int = 60

    def __post_init__(self) -> None:
        ratio = self.lots / FULL_LOTS
        self.orders = max(40, round(50_000 * ratio))
        self.shipments = max(20, round(100_000 * ratio))
        self.customers = 500 if self.lots >= 50_000 else max(20, self.lots // 100)


@dataclass
class Stock:
    """A produced lot waiting to be used: FIFO pools per (family, level)."""

    code: str
    uses: int
    take: int


@dataclass
class History:
    """Everything generated, as rows per import file, plus what the benchmark needs to know."""

    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {
            name: []
            for name in ("items", "suppliers", "customers", "boms", "receipts", "orders", "issues", "outputs", "shipments")
        }
    )
    manifest: dict[str, Any] = field(default_factory=dict)


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class Plant:
    """The simulation: orders in time order, each drawing inputs from stock made before it."""

    def __init__(self, scale: Scale, seed: int) -> None:
        self.scale, self.rng, self.history = scale, random.Random(seed), History()
        self.families = FAMILIES if scale.lots >= 20_000 else 3
        self.items: dict[tuple[int, str], list[str]] = {}  # (family, role) -> item codes
        self.current: dict[str, tuple[str, int, int]] = {}  # raw item -> (lot, uses left, take)
        self.pools: dict[tuple[int, int], deque[Stock]] = {}
        self.pending: list[tuple[datetime, int, int, int, str, int, int]] = []  # ready heap
        self.raw_use: dict[str, int] = {}
        self.counters: dict[str, int] = {}
        self.lot_level: dict[str, int] = {}

    def next_code(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}{self.counters[prefix]:07d}"

    # --- master data -------------------------------------------------------------------------

    def master_data(self) -> None:
        rows = self.history.rows
        for code in HEAVY_ITEMS:
            rows["items"].append((code, f"{code.split('-')[0].title()} from silo", "kg", "raw", "lot", "", ""))
        for f in range(self.families):
            roles = {
                "raw": [f"RAW-{f:02d}-{i}" for i in range(4)],
                "pack": [f"PACK-{f:02d}"],
                "L1": [f"PREMIX-{f:02d}-{i}" for i in range(2)],
                "L2": [f"BULK-{f:02d}-{i}" for i in range(3)],
                "L3": [f"FIN-{f:02d}-{i}" for i in range(4)],
                "L4": [f"CTN-{f:02d}-{i:02d}" for i in range(12)],
            }
            self.items.update({(f, role): codes for role, codes in roles.items()})
            for code in roles["raw"]:
                rows["items"].append((code, f"Ingredient {code}", "kg", "raw", "lot", "", "720"))
            rows["items"].append((roles["pack"][0], f"Wrapping film {f}", "m", "packaging", "lot", "", ""))
            for level, kind, unit in (
                ("L1", "intermediate", "kg"),
                ("L2", "intermediate", "kg"),
                ("L3", "finished", "kg"),
                ("L4", "finished", "pcs"),
            ):
                for code in roles[level]:
                    rows["items"].append((code, f"Product {code}", unit, kind, "lot", "", ""))
            heavy = HEAVY_ITEMS[f % len(HEAVY_ITEMS)]
            # BOMs name what the generator really draws, so a scan checked against the BOM passes.
            for code in roles["L1"]:
                rows["boms"] += [(code, heavy, "0.5", "kg")] + [(code, c, "0.25", "kg") for c in roles["raw"]]
            for code in roles["L2"]:
                rows["boms"] += [(code, c, "0.5", "kg") for c in roles["L1"]] + [(code, heavy, "0.2", "kg")]
                rows["boms"] += [(code, c, "0.1", "kg") for c in roles["raw"]]
            for code in roles["L3"]:
                rows["boms"] += [(code, c, "1", "kg") for c in roles["L2"]] + [(code, roles["pack"][0], "2", "m")]
            for code in roles["L4"]:
                rows["boms"] += [(code, c, "2.4", "kg") for c in roles["L3"]] + [(code, roles["pack"][0], "3.5", "m")]
        for n in range(self.scale.suppliers):
            rows["suppliers"].append((f"SUP{n:03d}", f"Supplier {n}", _gln(n)))
        for n in range(self.scale.customers):
            rows["customers"].append((f"CUST{n:03d}", f"Customer {n}", _gln(100_000 + n)))

    # --- raw material ------------------------------------------------------------------------

    def raw_lot(self, item: str, when: datetime) -> str:
        """The lot of a raw item in use at `when`; a new one is received when the last runs out."""
        lot, uses, take = self.current.get(item, ("", 0, 0))
        if uses == 0:
            if item in HEAVY_ITEMS:
                # Pareto: most silo lots last a few hundred orders, a few last thousands.
                uses = min(int(60 * self.rng.paretovariate(1.1)) + 20, 6000)
                take = HEAVY_ISSUE
            else:
                uses, take = self.rng.choice((1, 1, 2, 3)), ORDINARY_ISSUE
            lot = self.next_code("R")
            received = max(START - timedelta(days=2), when - timedelta(hours=self.rng.randint(12, 96)))
            supplier = f"SUP{self.rng.randrange(self.scale.suppliers):03d}"
            self.history.rows["receipts"].append(
                (
                    lot,
                    item,
                    uses * take,
                    supplier,
                    f"S{self.rng.randrange(10**8):08d}",
                    _ts(received),
                    "",
                    f"PO-{self.rng.randrange(10**5):05d}",
                    "released",
                )
            )
            self.lot_level[lot] = 0
        self.current[item] = (lot, uses - 1, take)
        self.raw_use[lot] = self.raw_use.get(lot, 0) + 1
        return lot

    # --- production --------------------------------------------------------------------------

    def release_ready(self, now: datetime) -> None:
        while self.pending and self.pending[0][0] <= now:
            _, _, family, level, code, uses, take = heapq.heappop(self.pending)
            pool = self.pools.setdefault((family, level), deque())
            pool.append(Stock(code, uses, take))
            while len(pool) > POOL_CAP:
                pool.popleft()

    def take(self, family: int, level: int, count: int) -> list[Stock] | None:
        """`count` different lots of the family's level, oldest first (FIFO), or None if short."""
        pool = self.pools.get((family, level))
        if not pool or len(pool) < count:
            return None
        picked = [pool.popleft() for _ in range(count)]
        for stock in reversed(picked):
            stock.uses -= 1
            if stock.uses:
                pool.appendleft(stock)
        return picked

    def run(self) -> History:
        self.master_data()
        scale, rng, rows = self.scale, self.rng, self.history.rows
        non_carton = scale.lots * 0.11
        l4_orders = scale.orders * LEVEL_SHARE[4]
        cartons_per_order = max(2, round((scale.lots - non_carton) / l4_orders))
        ship_probability = min(1.0, scale.shipments / max(1, scale.lots - non_carton))
        step = timedelta(days=DAYS) / scale.orders
        levels, weights = list(LEVEL_SHARE), list(LEVEL_SHARE.values())
        shipment_docs = 0
        for n in range(scale.orders):
            started = START + step * n
            self.release_ready(started)
            family = rng.randrange(self.families)
            level = rng.choices(levels, weights)[0]
            inputs: list[tuple[str, int]] = []
            while True:
                if level == 1:
                    heavy = HEAVY_ITEMS[family % len(HEAVY_ITEMS)]
                    raws = rng.sample(self.items[(family, "raw")], 2)
                    inputs = [(self.raw_lot(heavy, started), HEAVY_ISSUE)] + [
                        (self.raw_lot(i, started), ORDINARY_ISSUE) for i in raws
                    ]
                    break
                picked = self.take(family, level - 1, 2)
                if picked is None:
                    level -= 1
                    continue
                inputs = [(s.code, s.take) for s in picked]
                if level == 2:
                    raw = (
                        HEAVY_ITEMS[family % len(HEAVY_ITEMS)] if rng.random() < 0.5 else rng.choice(self.items[(family, "raw")])
                    )
                    inputs.append((self.raw_lot(raw, started), HEAVY_ISSUE if raw in HEAVY_ITEMS else ORDINARY_ISSUE))
                else:
                    inputs.append((self.raw_lot(self.items[(family, "pack")][0], started), ORDINARY_ISSUE))
                break
            product = rng.choice(self.items[(family, f"L{level}")])
            number = f"WO{n + 1:07d}"
            outputs = OUTPUTS.get(level) or max(1, int(rng.triangular(cartons_per_order * 0.4, cartons_per_order * 1.6)))
            quantity = CARTON_QUANTITY if level == 4 else PRODUCED_QUANTITY
            rows["orders"].append((number, product, outputs * quantity, _ts(started)))
            for k, (lot, amount) in enumerate(inputs):
                rows["issues"].append(
                    (number, lot, amount, _ts(started + timedelta(minutes=5 + k)), f"op{rng.randrange(40):02d}")
                )
            for k in range(outputs):
                code = self.next_code(f"L{level}-")
                produced = started + timedelta(minutes=60 + 3 * k)
                rows["outputs"].append((number, code, quantity, _ts(produced)))
                self.lot_level[code] = level
                if level < 4:
                    uses = rng.choice((1, 2, 2, 3))
                    ready = produced + timedelta(hours=rng.randint(2, 30))
                    heapq.heappush(self.pending, (ready, n * 100 + k, family, level, code, uses, PRODUCED_QUANTITY // uses))
                elif rng.random() < ship_probability:
                    shipment_docs += 1
                    customer = min(int(rng.paretovariate(0.9)) - 1, scale.customers - 1)
                    shipped = produced + timedelta(days=rng.randint(1, 6), minutes=rng.randrange(600))
                    rows["shipments"].append(
                        (code, quantity, f"CUST{customer:03d}", _ts(shipped), f"DN-{started:%Y%m%d}-{customer:03d}")
                    )
        self.history.manifest = self.manifest()
        return self.history

    def manifest(self) -> dict[str, Any]:
        """The lots the benchmark looks at, chosen from the generated graph, not guessed later."""
        rows = self.history.rows
        silo_lots = {r[0] for r in rows["receipts"] if r[1] in HEAVY_ITEMS}
        heavy = max(silo_lots, key=lambda lot: (self.raw_use[lot], lot))
        finished = [r[1] for r in rows["outputs"] if self.lot_level[r[1]] == 3]
        spare = self.spare_lot()
        return {
            "lots": len(rows["receipts"]) + len(rows["outputs"]),
            "rows": {name: len(r) for name, r in rows.items()},
            "heavy_raw_lot": heavy,
            "heavy_raw_orders": self.raw_use[heavy],
            "typical_finished_lot": finished[len(finished) // 2],
            "scan_lot": spare[0],
            "scan_order": spare[1],
        }

    def spare_lot(self) -> tuple[str, str]:
        """A released raw lot with stock for the scan benchmark, and an open premix order of its family."""
        rows = self.history.rows
        order = next(r[0] for r in reversed(rows["orders"]) if r[1].startswith("PREMIX-00-"))
        item = self.items[(0, "raw")][0]
        code = "R-SPARE-0000001"
        rows["receipts"].append((code, item, 1_000_000, "SUP000", "S-SPARE", _ts(START), "", "PO-SPARE", "released"))
        return code, order


def generate(out: Path, lots: int = FULL_LOTS, seed: int = 7) -> dict[str, Any]:
    """Write the import CSV files and manifest.json into `out`; returns the manifest."""
    from tracedesk.services.import_sources import COLUMNS

    history = Plant(Scale(lots), seed).run()
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in history.rows.items():
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS[name])
            writer.writerows(rows)
    history.manifest.update(seed=seed, requested_lots=lots)
    (out / "manifest.json").write_text(json.dumps(history.manifest, indent=2), "utf-8")
    return history.manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lots", type=int, default=FULL_LOTS)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.lots, args.seed)
    json.dump(manifest, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
