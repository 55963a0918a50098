"""The monthly quality review as PDF: key figures first, then each dashboard chart with what it found.

Written in the station's language (every sentence a translated template); charts are
reportlab drawings (services.reports.quality_charts), so the file needs no screen and no Qt.
A chart with nothing to draw is replaced by a sentence saying so. The supplier p-charts look
back a year before the period's end, as `tracedesk alerts` does: a one-month review has a
baseline to find that month's drift against, and names the drift the alerts name.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from sqlalchemy.orm import Session

from tracedesk.core.messages import Message, format_date, msg, text_of
from tracedesk.core.quantity import format_quantity
from tracedesk.services.analytics import (
    HISTORY_MONTHS,
    OUTLIER_FLOOR,
    OUTLIER_MADS,
    RISING_RUN,
    SIGMAS,
    Period,
    SupplierMonth,
    pareto,
    supplier_months,
)
from tracedesk.services.dashboard import Dashboard, Filters, load_dashboard
from tracedesk.services.reports import quality_charts as charts
from tracedesk.services.reports.pdf import BODY, HEADING, SMALL, TITLE, build, para, section

MAX_SUPPLIER_CHARTS = 8
# Rows of a table in the review: a year of a big plant has thousands of outlier orders, and 50
# pages of them hide the rest; the CSV export holds them all.
MAX_TABLE_ROWS = 40


def load_review(session: Session, period: Period, now: datetime, filters: Filters | None = None) -> Dashboard:
    """The dashboard of `period`: its supplier points reach back HISTORY_MONTHS before its end, as on screen."""
    return load_dashboard(session, period, now, filters or Filters())


def drifting_in_period(d: Dashboard) -> list[SupplierMonth]:
    """The drifting supplier-months inside the review's period (the history only sets the baseline)."""
    return d.drifting


def _figure(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _duration(days: float | None) -> Message | str:
    """Days, or hours under two days (a plant releasing within the shift is not "0.0 days")."""
    if days is None:
        return "-"
    if days < 2:
        return msg("{hours} hours", hours=f"{days * 24:.1f}")
    return msg("{days} days", days=f"{days:.1f}")


def key_figures(d: Dashboard) -> list[Message]:
    """The review's first page: one sentence per chart with its headline number."""
    months = set(d.period.months)
    received = sum(p.received for p in d.suppliers if p.month in months)
    rejected = sum(p.rejected for p in d.suppliers if p.month in months)
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
            found=[f"{p.supplier} {p.month}" for p in drifting_in_period(d)] or [msg("none")],
        ),
        msg(
            "{count} {count|order|orders} with output; {outliers} outside the usual yield.",
            count=len(d.yields),
            outliers=sum(1 for y in d.yields if y.outlier),
        ),
        msg(
            "Median time from receipt to release: {time}; {waiting} {waiting|lot|lots} waiting in quarantine now.",
            time=_duration(charts.median(released)),
            waiting=len(d.waiting),
        ),
        msg("Stock expired: {expired} {expired|lot|lots}; expiring within 30 days: {soon}.", expired=expired, soon=soon),
        msg(
            "{count} {count|complaint|complaints}; most frequent cause: {cause}.",
            count=len(d.complaints),
            cause=(causes[0][0] or msg("not stated")) if causes else msg("none"),
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


def _block(title: Message, caption: Message, body: Flowable | None, empty: Message, language: str | None) -> Flowable:
    """A chart with its heading and caption kept on one page; `empty` said instead of a chart with nothing to draw."""
    if body is None:  # the caption explains a chart that is not there: say why instead
        return KeepTogether([para(title, HEADING, language), para(empty, SMALL, language)])
    return KeepTogether([para(title, HEADING, language), para(caption, SMALL, language), body])


def _supplier_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    by_supplier: dict[str, list[SupplierMonth]] = defaultdict(list)
    for p in d.suppliers:
        by_supplier[p.supplier].append(p)
    drifting = drifting_in_period(d)
    months = supplier_months(list(d.suppliers), d.period)
    shaded = months.index(d.period.months[0])
    caption = msg(
        "Rejection rate per month (% of lots received) with its {sigmas}-sigma upper limit (dashed) and the supplier's "
        "average (grey), over the {history} months up to the period's end; the months before the period are shaded. "
        "A month above the limit, or a rate that rose {run} months in a row, is marked red.",
        sigmas=SIGMAS,
        history=HISTORY_MONTHS,
        run=RISING_RUN,
    )
    ranked = sorted(
        by_supplier, key=lambda s: (s not in {p.supplier for p in drifting}, -sum(p.received for p in by_supplier[s]), s)
    )
    charts_drawn = [charts.supplier_chart(by_supplier[s], months, language, shaded) for s in ranked[:MAX_SUPPLIER_CHARTS]]
    empty = msg("No lots were received from suppliers in these months.")
    story: list[Flowable] = [_block(msg("Supplier quality"), caption, charts_drawn[0] if charts_drawn else None, empty, language)]
    story += charts_drawn[1:]
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
        [(p.supplier, p.month, p.received, p.rejected, f"{p.rate * 100:.1f}%", f"{p.upper * 100:.1f}%") for p in drifting],
        (40, 25, 25, 25, 25, 30),
        language,
    )
    return story


def _yield_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    caption = msg(
        "Each dot is an order: material issued against what its BOM expects for its output, in percent. "
        "Red: more than {mads} robust deviations (and {floor} points) from the median. Right: how the deviations spread.",
        mads=OUTLIER_MADS,
        floor=f"{OUTLIER_FLOOR:.0f}",
    )
    chart = charts.yield_chart(d, language) if d.yields else None
    empty = msg("No order recorded output in the period.")
    # Outliers are told from the period's median deviation, so the furthest from it come first.
    usual = charts.median([y.deviation for y in d.yields]) or 0.0
    outliers = sorted((y for y in d.yields if y.outlier), key=lambda y: (-abs(y.deviation - usual), y.order))
    return [
        _block(msg("Yield against the BOM"), caption, chart, empty, language),
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
                for y in outliers[:MAX_TABLE_ROWS]
            ],
            (30, 28, 24, 24, 24, 26, 24),
            language,
        ),
        *_more(len(outliers), language, msg("the furthest from the usual yield are listed")),
    ]


def _more(count: int, language: str | None, which: Message) -> list[Flowable]:
    """A sentence under a table cut at MAX_TABLE_ROWS: how many rows it left to the CSV export."""
    if count <= MAX_TABLE_ROWS:
        return []
    return [para(msg("{count} more in the CSV export; {which}.", count=count - MAX_TABLE_ROWS, which=which), SMALL, language)]


def _quarantine_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    released = any(t.released_at is not None for t in d.lead_times)
    return [
        _block(
            msg("Time in quarantine"),
            msg("Lots received in the period by time from receipt to release."),
            charts.lead_chart(d, language) if released else None,
            msg("No lot received in the period has been released yet."),
            language,
        ),
        *section(
            msg("Lots waiting in quarantine now"),
            (msg("Lot"), msg("Item"), msg("Supplier"), msg("Since"), msg("Days")),
            [
                (t.lot, t.item, t.supplier or "-", format_date(t.received_at.date(), language), f"{t.days(d.now):.1f}")
                for t in d.waiting[:MAX_TABLE_ROWS]
            ],
            (40, 35, 35, 35, 20),
            language,
        ),
        *_more(len(d.waiting), language, msg("the longest waiting are listed")),
    ]


def _expired(d: Dashboard, language: str | None) -> list[Flowable]:
    """Expired stock per item: a few kilograms draw no visible bar beside tonnes, yet count."""
    if not d.expiry:
        return []
    return section(
        msg("Expired stock on hand"),
        (msg("Item"), msg("Lots"), msg("Quantity")),
        [
            (e.item, e.lots, f"{format_quantity(e.quantity)} {e.unit}")
            for e in sorted(d.expiry, key=lambda e: (-e.lots, e.item))
            if e.bucket == "expired"
        ],
        (60, 30, 40),
        language,
    )


def _stock_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    return [
        _block(
            msg("Expiry exposure"),
            msg("Stock on hand per item by days to expiry, on {day}.", day=format_date(d.now.date(), language)),
            charts.expiry_chart(d, language=language) if d.expiry else None,
            msg("No stock on hand has an expiry date."),
            language,
        ),
        *_expired(d, language),
        _block(
            msg("Material flow"),
            msg("From suppliers through items to customers; each band as wide as the quantity (in its item's unit)."),
            charts.flow_chart(d) if d.flow else None,
            msg("No material was received, used or shipped in the period."),
            language,
        ),
    ]


def _complaint_pages(d: Dashboard, language: str | None) -> list[Flowable]:
    return [
        _block(
            msg("Complaints"),
            msg("Per month (left) and the Pareto of causes with the cumulative share (right)."),
            charts.complaints_chart(d, language) if d.complaints else None,
            msg("No complaint was registered in the period."),
            language,
        ),
        *section(
            msg("Complaints per product and customer"),
            (msg("Product"), msg("Customer"), msg("Complaints")),
            _per_product_customer(d),
            (60, 60, 30),
            language,
        ),
        _block(
            msg("Response times"),
            msg("Hours from each complaint to its first action (blue) and to its lot held (red)."),
            charts.yardstick_chart(d, language) if _has_response(d) else None,
            msg("No complaint of the period has a first action or a held lot yet.")
            if d.complaint_times
            else msg("No complaint was registered in the period."),
            language,
        ),
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
    ]


def _has_response(d: Dashboard) -> bool:
    return any(t.hours_to_first_action is not None or t.hours_to_hold is not None for t in d.complaint_times)


def write_quality_review(d: Dashboard, path: Path, *, station: str, language: str | None = None) -> None:
    """The review of `d.period` as a PDF at `path`; pages follow one another as the charts fill them."""
    title = msg(
        "Quality review {start} to {end}", start=format_date(d.period.start, language), end=format_date(d.period.end, language)
    )
    story: list[Flowable] = [
        para(title, TITLE, language),
        para(msg("Station {station}; prepared {time} UTC.", station=station, time=f"{d.now:%Y-%m-%d %H:%M}"), BODY, language),
        para(msg("Key figures"), HEADING, language),
        *[para(f"• {text_of(line, language)}", BODY, language) for line in key_figures(d)],
        *_supplier_pages(d, language),
        *_yield_pages(d, language),
        *_quarantine_pages(d, language),
        *_stock_pages(d, language),
        *_complaint_pages(d, language),
        Spacer(1, 4 * mm),
    ]
    build(path, story, title=text_of(title, language), language=language)


def _per_product_customer(d: Dashboard) -> list[tuple[str, str, int]]:
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for c in d.complaints:
        counts[(c.product, c.customer)] += 1
    return [(product, customer or "-", n) for (product, customer), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
