"""A half year of a small plant with planted trouble, built through the services, for the analytics tests.

Three suppliers deliver ten lots a month from January to June 2026. MILL has one lot rejected
every month, CANE one every other month, and FARM one a month except in April, when seven of
its ten lots are rejected: FARM in 2026-04 is the one drift the p-chart must find. Two dough
orders a month turn flour and sugar into dough; two of them (planted) yield far less than the
BOM says. The plan records every fact as it is made, so tests compare the charts with sums of
the plan, not with another query.

Building it signs some two hundred QA decisions (a slow PIN check each, on purpose), so a run
builds it once (`build_template`, the `analytics_template` fixture) and each test reads its own
copy of the file (`open_copy`).
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tests import templates
from tests.conftest import ADMIN_PIN, FixedClock
from tests.plant import QA_PIN
from tracedesk.core.actor import Actor
from tracedesk.services import complaints, masterdata, mock_recall, production, quality, recall, shipping
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.runtime import Runtime
from tracedesk.services.users import create_user

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
MONTHS = 6
LOTS_PER_MONTH = 10
DRIFT = ("FARM", "2026-04")
OUTLIER_ORDERS = {(3, 1), (5, 0)}  # (month, order of the month) that lose material
SUPPLIES = {"MILL": "FLOUR", "CANE": "SUGAR", "FARM": "FLOUR"}


def rejected_in(supplier: str, month: int) -> int:
    """How many of a supplier's ten lots of month 1..6 the plan rejects."""
    if supplier == "MILL":
        return 1
    if supplier == "CANE":
        return month % 2
    return 7 if month == 4 else 1


@dataclass
class Plan:
    """What was recorded, as the builder made it."""

    received: Counter[tuple[str, str]] = field(default_factory=Counter)  # (supplier, month) -> lots
    rejected: Counter[tuple[str, str]] = field(default_factory=Counter)
    quarantine_days: dict[str, float] = field(default_factory=dict)  # released lot -> days
    orders: dict[str, tuple[Decimal, Decimal, Decimal]] = field(default_factory=dict)  # produced, issued, expected
    outliers: set[str] = field(default_factory=set)
    expiries: dict[str, tuple[date, Decimal]] = field(default_factory=dict)  # lot -> expiry, balance (kept current)
    complaints: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # code -> month, customer, cause
    hold_hours: dict[str, float] = field(default_factory=dict)
    shipped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (item, customer) -> kg
    qa: Actor | None = None
    dough_lots: list[str] = field(default_factory=list)


def build(runtime: Runtime, admin: Actor, clock: FixedClock) -> Plan:
    plan = Plan()
    clock.now = START
    qa = replace(admin, user="qa")
    plan.qa = qa
    with runtime.unit_of_work() as s:
        create_user(s, admin, code="qa", name="Quality 质量", role="qa", pin=QA_PIN)
        masterdata.create_item(s, admin, code="FLOUR", name="Flour 面粉", unit="kg", kind="raw")
        masterdata.create_item(s, admin, code="SUGAR", name="Sugar 糖", unit="kg", kind="raw")
        masterdata.create_item(s, admin, code="DOUGH", name="Dough 面团", unit="kg", kind="intermediate", shelf_life_days=60)
        for code in SUPPLIES:
            masterdata.create_party(s, admin, kind="supplier", code=code, name=f"{code.title()} Ltd")
        for code in ("SHOP", "CAFE"):
            masterdata.create_party(s, admin, kind="customer", code=code, name=f"{code.title()} 客户")
        masterdata.create_bom(
            s,
            admin,
            product="DOUGH",
            lines=[{"component": "FLOUR", "quantity_per": "0.6"}, {"component": "SUGAR", "quantity_per": "0.3"}],
        )
    stock: dict[str, list[str]] = {"FLOUR": [], "SUGAR": []}
    for month in range(1, MONTHS + 1):
        first_day = datetime(2026, month, 2, 8, 0, tzinfo=UTC)
        key_month = f"2026-{month:02}"
        for number in range(LOTS_PER_MONTH):
            for s_index, (supplier, item) in enumerate(SUPPLIES.items()):
                clock.now = first_day + timedelta(days=number, hours=s_index)
                expiry = clock.now.date() + timedelta(days=200 + 5 * number)
                with runtime.unit_of_work() as s:
                    lot = register_received_lot(
                        s,
                        ReceiveRequest(
                            item=item,
                            quantity="100",
                            supplier=supplier,
                            supplier_lot=f"{supplier}-{month}-{number}",
                            expiry=expiry,
                        ),
                        admin,
                    ).code
                received_at = clock.now
                plan.received[(supplier, key_month)] += 1
                clock.now += timedelta(days=1 + number % 3, hours=2)
                with runtime.unit_of_work() as s:
                    if number < rejected_in(supplier, month):
                        quality.reject_lot(s, qa, lot=lot, reason="moisture", pin=QA_PIN)
                        plan.rejected[(supplier, key_month)] += 1
                    else:
                        quality.release_lot(s, qa, lot=lot, pin=QA_PIN)
                        plan.quarantine_days[lot] = (clock.now - received_at).total_seconds() / 86400
                        stock[item].append(lot)
                        plan.expiries[lot] = (expiry, Decimal(100))
        for index in range(2):
            clock.now = first_day + timedelta(days=14 + index, hours=3)
            _one_order(runtime, admin, plan, stock, month, index)
    _complaints(runtime, admin, qa, plan, clock)
    return plan


def _one_order(runtime: Runtime, admin: Actor, plan: Plan, stock: dict[str, list[str]], month: int, index: int) -> None:
    produced = Decimal(70) if (month, index) in OUTLIER_ORDERS else Decimal(98 + 4 * index)
    with runtime.unit_of_work() as s:
        order = production.create_work_order(s, admin, product="DOUGH", quantity="100").number
        flour, sugar = stock["FLOUR"].pop(0), stock["SUGAR"].pop(0)
        production.issue_lot_to_order(s, admin, order=order, lot=flour, quantity="60")
        production.issue_lot_to_order(s, admin, order=order, lot=sugar, quantity="30")
        plan.expiries[flour] = (plan.expiries[flour][0], Decimal(40))
        plan.expiries[sugar] = (plan.expiries[sugar][0], Decimal(70))
        made = production.record_output(s, admin, order=order, quantity=str(produced))
        dough = made.code
        production.close_order(s, admin, order=order)
        customer = "SHOP" if index == 0 else "CAFE"
        shipping.ship_lot(s, admin, lot=dough, customer=customer, quantity="50", document=f"DN-{order}")
    plan.shipped[("DOUGH", customer)] += 50
    plan.dough_lots.append(dough)
    if made.expiry is not None:
        plan.expiries[dough] = (made.expiry, produced - 50)
    plan.orders[order] = (produced, Decimal(90), Decimal("0.9") * produced)
    if (month, index) in OUTLIER_ORDERS:
        plan.outliers.add(order)


def _complaints(runtime: Runtime, admin: Actor, qa: Actor, plan: Plan, clock: FixedClock) -> None:
    """Five complaints on dough lots: causes "foreign body" x3, "taste" x1, none x1; two holds, one recall."""
    causes = ["foreign body", "taste", "foreign body", "", "foreign body"]
    for number, cause in enumerate(causes):
        clock.now = datetime(2026, 2 + number, 20, 9, 0, tzinfo=UTC)
        lot = plan.dough_lots[2 * number]
        customer = "SHOP"
        with runtime.unit_of_work() as s:
            code = complaints.register_complaint(
                s, admin, lot=lot, text="something in it", customer=customer, store=runtime_store(runtime)
            ).code
        plan.complaints[code] = (f"2026-{2 + number:02}", customer, cause)
        clock.now += timedelta(hours=3 + number)
        with runtime.unit_of_work() as s:
            action = "hold" if number in (0, 2) else ("recall" if number == 4 else "none")
            complaints.update_complaint(s, qa, code=code, status="investigating", cause=cause, action=action, reason="complaint")
        if action != "none":
            plan.hold_hours[code] = 3.0 + number
    clock.now = datetime(2026, 6, 25, 9, 0, tzinfo=UTC)
    ticks = iter([100.0, 112.5])
    drill = mock_recall.MockRecall(clock=lambda: next(ticks), wall=lambda: clock.now)
    drill.first_scan()
    with runtime.unit_of_work() as s:
        report = recall.recall_report(s, lots=[plan.dough_lots[0]], now=clock.now)
        drill.finish(s, qa, report)


def runtime_store(runtime: Runtime) -> Path:
    return runtime.paths.ensure().attachments_dir


@dataclass(frozen=True)
class Template:
    """The plant built once into a database file, as the shared conftest's `runtime` and `admin` would have it."""

    path: Path
    plan: Plan
    now: datetime  # the clock when the builder finished


def build_template(folder: Path) -> Template:
    """Build the plant in `folder`: the first administrator, then `build`."""
    runtime = templates.open_template(folder)
    clock = FixedClock(templates.BUILT_AT)
    try:
        admin = runtime.create_first_admin(code="admin", name="Admin", pin=ADMIN_PIN, at=Actor("", "ST1", 60, clock))
        plan = build(runtime, admin, clock)
    finally:
        runtime.close()
    return Template(folder / "template.sqlite3", plan, clock.now)


def copy_database(template: Template, target: Path) -> str:
    """A copy of the built plant at `target`; returns its URL."""
    return templates.copy_database(template.path, target)


def open_copy(template: Template, folder: Path, clock: FixedClock) -> tuple[Runtime, Plan]:
    """A runtime on a copy of the built plant in `folder`, the clock where the builder left it, the plan."""
    runtime = templates.open_copy(template.path, folder)
    clock.now = template.now
    return runtime, copy.deepcopy(template.plan)
