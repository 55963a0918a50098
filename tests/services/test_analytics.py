"""The numbers behind the QA dashboard equal sums of what the plant recorded; the planted drift and outliers are found."""

from __future__ import annotations

import importlib.util
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from tests import analytics_plant
from tests.conftest import ADMIN_PIN
from tracedesk.core.errors import InvalidInput
from tracedesk.services import analytics, analytics_flow, dashboard, masterdata, production, quality
from tracedesk.services.alerts import AlertSettings, alerts
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.receiving import ReceiveRequest, register_received_lot

HALF_YEAR = analytics.Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def planted(analytics_template, tmp_path, clock):
    """A copy of the planted plant, built once per run: building it signs some two hundred QA decisions."""
    rt, plan = analytics_plant.open_copy(analytics_template, tmp_path, clock)
    rt.plan = plan
    yield rt
    rt.close()


@pytest.fixture
def plant(planted):
    return planted.plan


def test_analytics_of_a_planted_plant(planted, plant, clock):
    # One plant for all the checks.
    runtime = planted
    with runtime.reading() as s:
        _supplier_chart_finds_only_the_planted_drift(s, plant)
        _yield_marks_the_planted_outliers(s, plant)
        _lead_times_equal_the_plan(s, plant)
        _expiry_buckets_equal_the_plan(s, plant)
        _complaints_and_causes_equal_the_plan(s, plant)
        _yardsticks_equal_the_plan(s, plant)
        _flow_equals_the_plan(s, plant)
        _filters_narrow_the_charts(s, plant)
        _a_single_month_is_judged_against_the_year_before_it(s)
        drift_alerts = [a for a in alerts(s, now=datetime(2026, 6, 30, tzinfo=UTC)) if a.kind == "supplier_drifting"]
    assert [(a.subject, a.message.params["month"]) for a in drift_alerts] == [analytics_plant.DRIFT]
    assert "above the 3-sigma limit" in str(drift_alerts[0].message)
    with runtime.unit_of_work() as s:
        assert compare_with_replay(s) == ()  # complaint causes and the summary tables come back from the log too
        _upgrade_fills_the_summary_tables_as_the_projection_keeps_them(s)


def _upgrade_fills_the_summary_tables_as_the_projection_keeps_them(s):
    tables = ("flow_totals", "order_totals")
    kept = {t: sorted(s.execute(text(f"SELECT * FROM {t}")).all()) for t in tables}  # noqa: S608 - fixed names
    assert all(kept.values())
    for table in tables:
        s.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
    for statement in _migration("0014_flow_totals").REBUILD:
        s.execute(text(statement))
    assert {t: sorted(s.execute(text(f"SELECT * FROM {t}")).all()) for t in tables} == kept  # noqa: S608
    s.rollback()


def _migration(name):
    path = Path(analytics.__file__).parents[1] / "db" / "migrations" / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _filters_narrow_the_charts(s, plant):
    now = datetime(2026, 8, 1, tzinfo=UTC)
    farm = dashboard.load_dashboard(s, HALF_YEAR, now, dashboard.Filters(supplier="FARM", product="FLOUR"))
    assert {p.supplier for p in farm.suppliers} == {"FARM"}
    assert {(t.supplier, t.item) for t in farm.lead_times} == {("FARM", "FLOUR")}
    assert {e.item for e in farm.expiry} == {"FLOUR"}
    shop = dashboard.load_dashboard(s, HALF_YEAR, now, dashboard.Filters(customer="CAFE"))
    assert shop.complaints == ()  # every planted complaint came from SHOP
    tables = dashboard.chart_tables(farm)
    assert len(tables["suppliers"][1]) == analytics_plant.MONTHS


def _a_single_month_is_judged_against_the_year_before_it(s):
    now = datetime(2026, 8, 1, tzinfo=UTC)

    def month(number):
        return analytics.Period(date(2026, number, 1), date(2026, number + 1, 1) - timedelta(days=1))

    april = dashboard.load_dashboard(s, month(4), now)
    assert [(p.supplier, p.month) for p in april.drifting] == [analytics_plant.DRIFT]
    # The months before April are there as the p-chart's context, on one axis for every supplier.
    assert {p.month for p in april.suppliers} == {"2026-01", "2026-02", "2026-03", "2026-04"}
    assert analytics.supplier_months(list(april.suppliers), april.period) == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert [(p.supplier, p.month) for p in analytics.drifting_suppliers(s, month(4))] == [analytics_plant.DRIFT]
    for number in (2, 3, 5, 6):
        assert dashboard.load_dashboard(s, month(number), now).drifting == [], number
    # May's chart still shows April's point above its limit, but April lies before May: not named.
    may = dashboard.load_chart(s, "suppliers", month(5), now)
    assert [(p.supplier, p.month) for p in may.suppliers if p.is_drifting] == [analytics_plant.DRIFT]
    # The alerts judge by the same rule: one month searched, against the year up to today.
    end_of_april = datetime(2026, 4, 30, 18, tzinfo=UTC)
    found = alerts(s, now=end_of_april, settings=AlertSettings(drift_months=1))
    assert [(a.subject, a.message.params["month"]) for a in found if a.kind == "supplier_drifting"] == [analytics_plant.DRIFT]


def test_the_supplier_window_is_the_year_up_to_the_periods_end_or_the_whole_period():
    window = analytics.supplier_window(analytics.Period(date(2026, 4, 10), date(2026, 4, 20)))
    assert (window.start, window.end) == (date(2025, 5, 1), date(2026, 4, 20))
    assert len(window.months) == analytics.HISTORY_MONTHS
    january = analytics.supplier_window(analytics.Period(date(2026, 1, 1), date(2026, 1, 31)))
    assert january.start == date(2025, 2, 1)
    long = analytics.Period(date(2024, 3, 5), date(2026, 4, 20))
    assert analytics.supplier_window(long) == long


def _supplier_chart_finds_only_the_planted_drift(s, plant):
    points = analytics.supplier_quality(s, HALF_YEAR)
    assert {(p.supplier, p.month): (p.received, p.rejected) for p in points} == {
        key: (n, plan_rejected) for key, n in plant.received.items() for plan_rejected in [plant.rejected[key]]
    }
    for p in points:
        rows = [(n, plant.rejected[(p.supplier, m)]) for (sup, m), n in plant.received.items() if sup == p.supplier]
        center = sum(r for _n, r in rows) / sum(n for n, _r in rows)
        assert p.center == pytest.approx(center)
        assert p.upper == pytest.approx(min(1, center + 3 * (center * (1 - center) / p.received) ** 0.5))
    assert [(p.supplier, p.month) for p in analytics.drifting_suppliers(s, HALF_YEAR)] == [analytics_plant.DRIFT]


def _yield_marks_the_planted_outliers(s, plant):
    orders = analytics.order_yields(s, HALF_YEAR)
    assert {y.order: (y.produced, y.issued, y.expected) for y in orders} == plant.orders
    assert {y.order for y in orders if y.outlier} == plant.outliers
    weekly = analytics.weekly_yields(orders)
    assert sum(w.orders for w in weekly) == len(plant.orders)
    assert sum(w.outliers for w in weekly) == len(plant.outliers)
    assert sum((w.produced for w in weekly), Decimal(0)) == sum(p for p, _i, _e in plant.orders.values())
    # The order totals the projection keeps give what the outputs and inputs themselves sum to,
    # for orders wholly inside a period and for those whose outputs lie partly outside it.
    for start, end in ((date(2026, 1, 15), date(2026, 5, 10)), (date(2026, 2, 3), date(2026, 2, 20))):
        period = analytics.Period(start, end)
        found = {y.order: (y.produced, y.issued) for y in analytics.order_yields(s, period)}
        assert found == _yields_from_the_rows(s, period)


def _yields_from_the_rows(s, period):
    first, after = period.between()
    rows = s.execute(
        text(
            "SELECT w.number, sum(o.quantity), (SELECT coalesce(sum(i.quantity), 0) FROM order_inputs i WHERE i.order_id = w.id), "
            "(SELECT sum(a.quantity) FROM order_outputs a WHERE a.order_id = w.id) "
            "FROM order_outputs o JOIN work_orders w ON w.id = o.order_id "
            "WHERE o.produced_at >= :first AND o.produced_at < :after AND w.bom_id IS NOT NULL GROUP BY w.id"
        ),
        {"first": first, "after": after},
    ).all()
    # An order partly in the period counts with the same share of its issued material as of its output.
    return {
        number: (Decimal(made) / 10**6, (Decimal(used) * made / whole).quantize(Decimal(1), ROUND_HALF_UP) / 10**6)
        for number, made, used, whole in rows
    }


def _lead_times_equal_the_plan(s, plant):
    found = analytics.lead_times(s, HALF_YEAR)
    now = datetime(2026, 7, 1, tzinfo=UTC)
    assert {t.lot: round(t.days(now), 6) for t in found} == {lot: round(d, 6) for lot, d in plant.quarantine_days.items()}
    assert analytics.waiting_lots(s) == []


def _expiry_buckets_equal_the_plan(s, plant):
    today = date(2026, 8, 1)
    expected: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0)])
    edges = [(0, "expired"), (7, "lt7"), (30, "lt30"), (90, "lt90")]
    for lot, (expiry, balance) in plant.expiries.items():
        days = (expiry - today).days
        bucket = next((name for edge, name in edges if days < edge), "later")
        item = "DOUGH" if lot in plant.dough_lots else None
        expected[(item, bucket)][0] += 1
        expected[(item, bucket)][1] += balance
    found: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0)])
    for e in analytics.expiry_buckets(s, today):
        key = ("DOUGH" if e.item == "DOUGH" else None, e.bucket)
        found[key][0] += e.lots
        found[key][1] += e.quantity
    assert found == expected


def _complaints_and_causes_equal_the_plan(s, plant):
    facts = analytics.complaint_facts(s, HALF_YEAR)
    assert {f.code: (f.month, f.customer, f.cause) for f in facts} == plant.complaints
    causes = Counter(cause for _m, _c, cause in plant.complaints.values())
    assert analytics.pareto([f.cause for f in facts])[0] == ("foreign body", causes["foreign body"], 60.0)
    assert sum(analytics.count_by(facts, "product").values()) == len(plant.complaints)


def _yardsticks_equal_the_plan(s, plant):
    times = analytics_flow.complaint_times(s, HALF_YEAR)
    assert {t.complaint: t.hours_to_hold for t in times if t.held_at} == pytest.approx(plant.hold_hours)
    assert sorted(round(t.hours_to_first_action or 0, 6) for t in times) == [3.0, 4.0, 5.0, 6.0, 7.0]
    sizes = analytics_flow.recall_sizes(s, HALF_YEAR)
    assert [(r.kind, r.lots, r.seconds) for r in sizes if r.kind == "mock"] == [("mock", 1, 12.5)]
    (real,) = [r for r in sizes if r.kind == "recall"]
    assert (real.lots, real.customers) == (1, 1)


def _flow_equals_the_plan(s, plant):
    links = analytics_flow.material_flow(s, HALF_YEAR)
    received = Counter()
    for (supplier, _month), n in plant.received.items():
        received[(f"supplier:{supplier}", f"item:{analytics_plant.SUPPLIES[supplier]}")] += 100 * n
    assert {(f.source, f.target): f.quantity for f in links if f.source.startswith("supplier:")} == received
    shipped = {(f.source, f.target): f.quantity for f in links if f.target.startswith("customer:")}
    assert shipped == {(f"item:{i}", f"customer:{c}"): q for (i, c), q in plant.shipped.items()}
    issued = {(f.source, f.target): f.quantity for f in links if f.target == "item:DOUGH"}
    assert issued == {("item:FLOUR", "item:DOUGH"): 60 * len(plant.orders), ("item:SUGAR", "item:DOUGH"): 30 * len(plant.orders)}
    family = analytics_flow.material_flow(s, HALF_YEAR, lot=plant.dough_lots[0])
    assert {f.target for f in family} == {"item:FLOUR", "item:SUGAR", "item:DOUGH", "customer:SHOP"}
    # Whole months come from the monthly totals, the days around them from the rows themselves:
    # any period sums to what the issues and shipments of its days add up to.
    for start, end in (
        (date(2026, 1, 15), date(2026, 5, 10)),
        (date(2026, 2, 3), date(2026, 2, 20)),
        (date(2025, 12, 20), date(2026, 3, 31)),
    ):
        period = analytics.Period(start, end)
        moved = {
            (f.source, f.target, f.unit): f.quantity
            for f in analytics_flow.material_flow(s, period)
            if not f.source.startswith("supplier:")
        }
        assert moved == _flow_from_the_rows(s, period)
    assert _flow_from_the_rows(s, HALF_YEAR)  # the plant issues and ships in that half-year


def _flow_from_the_rows(s, period):
    first, after = period.between()
    rows = s.execute(
        text(
            "SELECT 'item:' || it.code, 'item:' || pr.code, l.unit, i.quantity FROM order_inputs i JOIN lots l ON l.id = i.lot_id "
            "JOIN items it ON it.id = l.item_id JOIN work_orders w ON w.id = i.order_id JOIN items pr ON pr.id = w.product_id "
            "WHERE i.issued_at >= :first AND i.issued_at < :after "
            "UNION ALL SELECT 'item:' || it.code, 'customer:' || c.code, sh.unit, sh.quantity FROM shipments sh "
            "JOIN lots l ON l.id = sh.lot_id JOIN items it ON it.id = l.item_id JOIN parties c ON c.id = sh.customer_id "
            "WHERE sh.shipped_at >= :first AND sh.shipped_at < :after"
        ),
        {"first": first, "after": after},
    ).all()
    sums = Counter()
    for source, target, unit, scaled in rows:
        sums[(source, target, unit)] += Decimal(scaled) / 10**6
    return dict(sums)


def test_p_chart_limits_follow_each_months_lot_count_and_a_rising_run_drifts():
    # 2% over the period; a month of 10 lots has wide limits, a month of 200 narrow ones.
    points = analytics.p_chart("S", "S Ltd", [("2026-01", 200, 2), ("2026-02", 10, 1), ("2026-03", 200, 20), ("2026-04", 90, 0)])
    center = 23 / 500
    assert [p.upper for p in points] == pytest.approx(
        [center + 3 * (center * (1 - center) / n) ** 0.5 for n in (200, 10, 200, 90)]
    )
    assert [p.above_limit for p in points] == [
        False,
        False,
        True,
        False,
    ]  # 10% of 200 lots is above; 10% of 10 is within its limit
    # Five months each worse than the last, all below the limit: the fifth is a drift by the run rule.
    rising = analytics.p_chart("R", "R Ltd", [(f"2026-0{m}", 100, r) for m, r in enumerate((1, 2, 3, 4, 5, 5, 20), start=1)])
    assert [(p.month, p.rising) for p in rising if p.rising] == [("2026-05", True)]
    assert not any(p.above_limit for p in rising[:5])
    assert analytics.RISING_RUN == 4
    # A single rejected lot in a small month is above its limit but is no drift.
    once = analytics.p_chart("O", "O Ltd", [("2026-01", 20, 0), ("2026-02", 20, 0), ("2026-03", 3, 1)])
    assert once[2].rate > once[2].upper and not once[2].is_drifting


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(InvalidInput, match="before it starts"):
        analytics.Period(date(2026, 5, 1), date(2026, 4, 30))


def test_an_order_counts_only_its_outputs_inside_the_period(runtime, admin, clock):
    clock.now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    with runtime.unit_of_work() as s:
        masterdata.create_item(s, admin, code="FLOUR", name="Flour", unit="kg", kind="raw")
        masterdata.create_item(s, admin, code="DOUGH", name="Dough", unit="kg", kind="intermediate")
        masterdata.create_party(s, admin, kind="supplier", code="MILL", name="Mill")
        masterdata.create_bom(s, admin, product="DOUGH", lines=[{"component": "FLOUR", "quantity_per": "0.5"}])
        flour = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="M-1"), admin
        ).code
        quality.release_lot(s, admin, lot=flour, pin=ADMIN_PIN)
        order = production.create_work_order(s, admin, product="DOUGH", quantity="100").number
        production.issue_lot_to_order(s, admin, order=order, lot=flour, quantity="50")
    # Output on 3 March and on 20 March: a period between them sees none of the order.
    for day, made in ((3, "40"), (20, "60")):
        clock.now = datetime(2026, 3, day, 10, 0, tzinfo=UTC)
        with runtime.unit_of_work() as s:
            production.record_output(s, admin, order=order, quantity=made)
    with runtime.reading() as s:

        def found(start, end):
            return {y.order: y.produced for y in analytics.order_yields(s, analytics.Period(start, end))}

        assert found(date(2026, 3, 5), date(2026, 3, 15)) == {}
        assert found(date(2026, 3, 1), date(2026, 3, 10)) == {order: Decimal(40)}
        assert found(date(2026, 3, 10), date(2026, 3, 31)) == {order: Decimal(60)}
        assert found(date(2026, 3, 1), date(2026, 3, 31)) == {order: Decimal(100)}
        # Judged on the whole order (50 issued for 100 made at 0.5 each: exactly as the BOM says),
        # with the period's share of what was issued: the period's edge makes it neither short nor long.
        for start, end, made, issued in ((1, 10, 40, 20), (10, 31, 60, 30), (1, 31, 100, 50)):
            (y,) = analytics.order_yields(s, analytics.Period(date(2026, 3, start), date(2026, 3, end)))
            assert (y.produced, y.issued, y.expected, y.deviation, y.outlier) == (made, issued, issued, 0.0, False)
        assert analytics.order_yields(s, analytics.Period(date(2026, 3, 1), date(2026, 3, 31)), product="FLOUR") == []
