"""The monthly quality review as PDF: key figures first, then each dashboard chart with what it found.

Written in the station's language (every sentence a translated template); charts are
reportlab drawings (services.reports.quality_charts), so the file needs no screen and no Qt.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from tracedesk.core.messages import Message, format_date, msg, text_of
from tracedesk.core.quantity import format_quantity
from tracedesk.services.analytics import OUTLIER_FLOOR, OUTLIER_MADS, RISING_RUN, SIGMAS, SupplierMonth, pareto
from tracedesk.services.dashboard import Dashboard
from tracedesk.services.reports import quality_charts as charts
from tracedesk.services.reports.pdf import BODY, HEADING, SMALL, TITLE, build, para, section

MAX_SUPPLIER_CHARTS = 8


def _figure(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def key_figures(d: Dashboard) -> list[Message]:
    """The review's first page: one sentence per chart with its headline number."""
    received = sum(p.received for p in d.suppliers)
    rejected = sum(p.rejected for p in d.suppliers)
    released = [t.days(d.now) for t in d.lead_times if t.released_at is not None]
    expired = sum(e.lots for e in d.expiry if e.bucket == "expired")
    soon = sum(e.lots for e in d.expiry if e.bucket in ("lt7", "lt30"))
    causes = pareto([c.cause for c in d.complaints])
    holds = [t.hours_to_hold for t in d.complaint_times if t.hours_to_hold is not None]
    actions = [t.hours_to_first_action for t in d.complaint_times if t.hours_to_first_action is not None]
    lines = [
        msg(
            "{count} {count|lot|lots} received, {rejected} rejected ({rate}%).",
            count=received,
            rejected=rejected,
            rate=_figure(rejected / received * 100 if received else None),
        ),
        msg(
            "Suppliers drifting: {found}.",
            found=[f"{p.supplier} {p.month}" for p in d.drifting] or [text_of(msg("none"))],
        ),
        msg(
            "{count} {count|order|orders} with output; {outliers} outside the usual yield.",
            count=len(d.yields),
            outliers=sum(1 for y in d.yields if y.outlier),
        ),
        msg(
            "Median time from receipt to release: {days} days; {waiting} {waiting|lot|lots} waiting in quarantine now.",
            days=_figure(charts.median(released)),
            waiting=len(d.waiting),
        ),
        msg("Stock expired: {expired} {expired|lot|lots}; expiring within 30 days: {soon}.", expired=expired, soon=soon),
        msg(
            "{count} {count|complaint|complaints}; most frequent cause: {cause}.",
            count=len(d.complaints),
            cause=(causes[0][0] or text_of(msg("not stated"))) if causes else text_of(msg("none")),
        ),
        msg(
            "Median hours from complaint to lot held: {hold}; to first action: {action}.",
            hold=_figure(charts.median(holds)),
            action=_figure(charts.median(actions)),
        ),
        msg(
            "{recalls} {recalls|recall|recalls} and {mocks} mock {mocks|recall|recalls} in the period.",
            recalls=sum(1 for r in d.recalls if r.kind == "recall"),
            mocks=sum(1 for r in d.recalls if r.kind == "mock"),
        ),
    ]
    return lines


def _supplier_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    story: list[Flowable] = [
        para(msg("Supplier quality"), HEADING, language),
        para(
            msg(
                "Rejection rate per month with its {sigmas}-sigma upper limit (dashed) and the supplier's average (grey). "
                "A month above the limit, or a rate that rose {run} months in a row, is marked red.",
                sigmas=SIGMAS,
                run=RISING_RUN,
            ),
            SMALL,
            language,
        ),
    ]
    by_supplier: dict[str, list[SupplierMonth]] = defaultdict(list)
    for p in d.suppliers:
        by_supplier[p.supplier].append(p)
    drifting = {p.supplier for p in d.drifting}
    ranked = sorted(by_supplier, key=lambda s: (s not in drifting, -sum(p.received for p in by_supplier[s]), s))
    for supplier in ranked[:MAX_SUPPLIER_CHARTS]:
        story.append(charts.supplier_chart(by_supplier[supplier], d.period.months))
    if len(ranked) > MAX_SUPPLIER_CHARTS:
        story.append(
            para(
                msg("{count} more {count|supplier|suppliers} in the CSV export.", count=len(ranked) - MAX_SUPPLIER_CHARTS),
                SMALL,
                language,
            )
        )
    story += section(
        msg("Drifting supplier months"),
        (msg("Supplier"), msg("Month"), msg("Received"), msg("Rejected"), msg("Rate"), msg("Upper limit")),
        [(p.supplier, p.month, p.received, p.rejected, f"{p.rate * 100:.1f}%", f"{p.upper * 100:.1f}%") for p in d.drifting],
        (40, 25, 25, 25, 25, 30),
        language,
    )
    return story


def write_quality_review(d: Dashboard, path: Path, *, station: str, language: str | None = None) -> None:
    """The review of `d.period` as a PDF at `path`."""
    title = msg(
        "Quality review {start} to {end}", start=format_date(d.period.start, language), end=format_date(d.period.end, language)
    )
    story: list[Flowable] = [
        para(title, TITLE, language),
        para(msg("Station {station}; prepared {time} UTC.", station=station, time=f"{d.now:%Y-%m-%d %H:%M}"), BODY, language),
        para(msg("Key figures"), HEADING, language),
        *[para(f"• {text_of(line, language)}", BODY, language) for line in key_figures(d)],
        PageBreak(),
        *_supplier_pages(d, language),
        PageBreak(),
        para(msg("Yield against the BOM"), HEADING, language),
        para(
            msg(
                "Each dot is an order: material issued against what its BOM expects for its output, in percent. "
                "Red: more than {mads} robust deviations (and {floor} points) from the median. Right: how the deviations spread.",
                mads=OUTLIER_MADS,
                floor=f"{OUTLIER_FLOOR:.0f}",
            ),
            SMALL,
            language,
        ),
        charts.yield_chart(d),
        *section(
            msg("Outlier orders"),
            (msg("Order"), msg("Product"), msg("Week"), msg("Produced"), msg("Issued"), msg("BOM expects"), msg("Deviation")),
            [
                (
                    y.order,
                    y.product,
                    format_date(y.week, language),
                    format_quantity(y.produced),
                    format_quantity(y.issued),
                    format_quantity(y.expected.normalize()),
                    f"{y.deviation:+.1f}%",
                )
                for y in d.yields
                if y.outlier
            ],
            (30, 28, 24, 24, 24, 26, 24),
            language,
        ),
        para(msg("Time in quarantine"), HEADING, language),
        para(msg("Lots received in the period by days from receipt to release."), SMALL, language),
        charts.lead_chart(d),
        *section(
            msg("Lots waiting in quarantine now"),
            (msg("Lot"), msg("Item"), msg("Supplier"), msg("Since"), msg("Days")),
            [
                (t.lot, t.item, t.supplier, format_date(t.received_at.date(), language), f"{t.days(d.now):.1f}")
                for t in d.waiting[:40]
            ],
            (40, 35, 35, 35, 20),
            language,
        ),
        PageBreak(),
        para(msg("Expiry exposure"), HEADING, language),
        para(
            msg("Stock on hand per item by days to expiry, on {day}.", day=format_date(d.now.date(), language)), SMALL, language
        ),
        charts.expiry_chart(d),
        para(msg("Material flow"), HEADING, language),
        para(
            msg("From suppliers through items to customers; each band as wide as the quantity (in its item's unit)."),
            SMALL,
            language,
        ),
        charts.flow_chart(d),
        PageBreak(),
        para(msg("Complaints"), HEADING, language),
        para(msg("Per month (left) and the Pareto of causes with the cumulative share (right)."), SMALL, language),
        charts.complaints_chart(d),
        *section(
            msg("Complaints per product and customer"),
            (msg("Product"), msg("Customer"), msg("Complaints")),
            _per_product_customer(d),
            (60, 60, 30),
            language,
        ),
        para(msg("Response: the seed's yardsticks"), HEADING, language),
        para(msg("Hours from each complaint to its first action (blue) and to its lot held (red)."), SMALL, language),
        charts.yardstick_chart(d),
        *section(
            msg("Recalls and mock recalls"),
            (msg("Recall"), msg("Kind"), msg("Date"), msg("Lots"), msg("Customers"), msg("Seconds")),
            [
                (
                    r.code,
                    msg("mock recall") if r.kind == "mock" else msg("recall"),
                    format_date(r.at.date(), language),
                    r.lots,
                    r.customers,
                    _figure(r.seconds),
                )
                for r in d.recalls
            ],
            (35, 30, 30, 25, 25, 25),
            language,
        ),
        Spacer(1, 4 * mm),
    ]
    build(path, story, title=text_of(title, language))


def _per_product_customer(d: Dashboard) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for c in d.complaints:
        counts[(c.product, c.customer)] += 1
    return [(product, customer or "-", n) for (product, customer), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
