"""Random plant histories as import CSVs, with an independent computation of trace and recall."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path


@dataclass
class RandomPlant:
    lots: dict[str, str] = field(default_factory=dict)  # code -> item
    issues: list[tuple[str, str, Decimal, datetime]] = field(default_factory=list)  # order, lot, qty, at
    outputs: list[tuple[str, str, Decimal, datetime]] = field(default_factory=list)  # order, lot, qty, at
    shipments: list[tuple[str, Decimal, str, datetime, str]] = field(default_factory=list)
    quantity: dict[str, Decimal] = field(default_factory=dict)

    def links(self) -> set[tuple[str, str, str]]:
        """The rule, computed naively: every lot issued to an order at or before an output."""
        result = set()
        for order, child, _, produced in self.outputs:
            for o, parent, _, issued in self.issues:
                if o == order and issued <= produced:
                    result.add((parent, child, order))
        return result

    def walk(self, start: str, direction: str) -> dict[str, tuple[int, str]]:
        """Breadth-first: each lot at its smallest depth, with the smallest `via` at that depth."""
        edges = defaultdict(list)
        for parent, child, order in self.links():
            if direction == "down":
                edges[parent].append((child, order))
            else:
                edges[child].append((parent, order))
        seen: dict[str, tuple[int, str]] = {}
        frontier, depth = {start}, 0
        visited = {start}
        while frontier:
            depth += 1
            reached: dict[str, str] = {}
            for lot in frontier:
                for other, via in edges[lot]:
                    if other not in visited:
                        reached[other] = min(via, reached.get(other, via))
            for lot, via in reached.items():
                seen[lot] = (depth, via)
            visited |= set(reached)
            frontier = set(reached)
        return seen

    def balance(self, code: str) -> Decimal:
        used = sum((q for _, lot, q, _ in self.issues if lot == code), Decimal(0))
        shipped = sum((q for lot, q, *_ in self.shipments if lot == code), Decimal(0))
        return self.quantity[code] - used - shipped


def generate(folder: Path, seed: int, *, raws: int = 8, orders: int = 30) -> RandomPlant:
    """A few raw lots, orders over three levels, some shipments; written as import CSVs."""
    rng = random.Random(seed)
    plant = RandomPlant()
    start = datetime(2026, 3, 1, 6, 0)
    clock = [start]

    def tick() -> datetime:
        clock[0] += timedelta(minutes=rng.randint(1, 90))
        return clock[0]

    items = [("RAW-A", "raw"), ("RAW-B", "raw"), ("MIX", "intermediate"), ("BAR", "finished"), ("BOX", "finished")]
    receipts = []
    for n in range(raws):
        code = f"R{n:03}"
        qty = Decimal(rng.randint(50, 500))
        when = tick()
        plant.lots[code], plant.quantity[code] = rng.choice(["RAW-A", "RAW-B"]), qty
        receipts.append([code, plant.lots[code], qty, "SUP", f"S{rng.randint(1, 3)}", when.isoformat(), "", "", ""])
    order_rows = []
    products = {"MIX": ["RAW-A", "RAW-B"], "BAR": ["MIX", "RAW-A"], "BOX": ["BAR", "MIX"]}
    for n in range(orders):
        order = f"WO{n:03}"
        product = rng.choice(list(products))
        order_rows.append([order, product, 100, tick().isoformat()])
        for _step in range(rng.randint(1, 4)):
            if rng.random() < 0.6:
                candidates = [c for c, item in plant.lots.items() if item in products[product] and plant.balance(c) > 0]
                if candidates:
                    lot = rng.choice(candidates)
                    qty = min(plant.balance(lot), Decimal(rng.randint(1, 40)))
                    plant.issues.append((order, lot, qty, tick()))
            else:
                code = f"P{len(plant.outputs):04}"
                qty = Decimal(rng.randint(5, 60))
                plant.lots[code], plant.quantity[code] = product, qty
                plant.outputs.append((order, code, qty, tick()))
    for code, item in list(plant.lots.items()):
        if item in ("BAR", "BOX") and rng.random() < 0.7 and plant.balance(code) > 0:
            qty = min(plant.balance(code), Decimal(rng.randint(1, 10)))
            when = max(tick(), *(at for _, lot, _, at in plant.outputs if lot == code))
            plant.shipments.append(
                (code, qty, f"C{rng.randint(1, 4)}", when + timedelta(minutes=1), f"DN{len(plant.shipments):04}")
            )

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)

    folder.mkdir(parents=True, exist_ok=True)
    write(
        "items",
        ["code", "name", "unit", "kind", "tracking", "gtin", "shelf_life_days"],
        [[c, c.title(), "kg", k, "lot", "", ""] for c, k in items],
    )
    write("suppliers", ["code", "name", "gln"], [["SUP", "Supplier", ""]])
    write("customers", ["code", "name", "gln"], [[f"C{n}", f"Customer {n}", ""] for n in range(1, 5)])
    write("receipts", ["lot", "item", "quantity", "supplier", "supplier_lot", "received_at", "expiry", "po", "status"], receipts)
    write("orders", ["order", "product", "quantity", "started_at"], order_rows)
    write(
        "issues",
        ["order", "lot", "quantity", "issued_at", "operator"],
        [[o, lot, q, at.isoformat(), "op"] for o, lot, q, at in plant.issues],
    )
    write(
        "outputs", ["order", "lot", "quantity", "produced_at"], [[o, lot, q, at.isoformat()] for o, lot, q, at in plant.outputs]
    )
    write(
        "shipments",
        ["lot", "quantity", "customer", "shipped_at", "document"],
        [[lot, q, c, at.isoformat(), d] for lot, q, c, at, d in plant.shipments],
    )
    return plant
