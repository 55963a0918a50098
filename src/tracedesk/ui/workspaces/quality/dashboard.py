"""Quality desk: the dashboard. Charts of a period, each loaded on the database thread on its own.

pyqtgraph is imported on a background thread a few seconds after a user who may use the
quality desk signs in (see `preload_charts`), or when the tab first opens if that comes
sooner; never at start-up.
Hovering an element says what it is under the charts; clicking it lists the lots behind it,
and a lot of that list opens in Trace & QA.
"""

from __future__ import annotations

import csv
import gc
import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tracedesk.core.errors import TraceDeskError
from tracedesk.core.words import word
from tracedesk.services import analytics_behind as behind
from tracedesk.services.analytics import Period
from tracedesk.services.dashboard import CHARTS, Dashboard, Filters, chart_tables, load_chart, merge
from tracedesk.services.permissions import Action
from tracedesk.ui.context import WorkContext
from tracedesk.ui.filedialogs import documents_folder
from tracedesk.ui.formatting import day
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record

# Which charts draw each part of the dashboard.
SHOWN_IN = {
    "suppliers": ("suppliers",),
    "yield": ("yield", "yield_spread"),
    "lead_times": ("lead_times",),
    "expiry": ("expiry",),
    "flow": ("flow",),
    "complaints": ("complaints", "causes"),
    "yardsticks": ("yardsticks", "recalls"),
}
# A band of the yield spread may hold thousands of orders: their lots are listed for the first ones.
MAX_ORDERS_LISTED = 50
PRELOAD_AFTER_MS = 3000
BUILD_PAUSE_MS = 20
_preload_lock = threading.Lock()
_preloading: list[threading.Thread] = []


def preload_charts() -> threading.Thread:
    """Import the chart module (pyqtgraph, numpy) on a background thread, once per process.

    The import runs Python code for a second or more; here the window keeps its turns of the
    event loop meanwhile (the interpreter switches threads every few milliseconds). What the
    import built lives as long as the process, so it is then left out of the cycle collector,
    as start-up's objects are (app.freeze_startup_objects): a full collection would otherwise
    walk pyqtgraph's modules each time, a pause of several hundred milliseconds on a year's
    dashboard. Returns the thread (already finished if the charts were imported before).
    """

    def run() -> None:
        import tracedesk.ui.charts  # noqa: F401 - the import is the work

        # Collect first: freezing keeps whatever is alive, garbage too (a window closed by a
        # language switch would then never be freed).
        gc.collect()
        gc.freeze()

    with _preload_lock:
        if not _preloading:
            thread = threading.Thread(target=run, name="tracedesk-charts-import", daemon=True)
            _preloading.append(thread)
            thread.start()
        return _preloading[0]


class DashboardTab(QWidget):
    """Period and filters at the top, the charts in a scrolling grid, what lies behind a click below."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.charts: dict[str, Any] = {}
        self._specs: dict[str, tuple[int, Any, tuple[Any, ...]]] = {}
        self.parts: dict[str, Dashboard] = {}
        self.dashboard: Dashboard | None = None
        self.generation = 0
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.start = QDateEdit()
        self.end = QDateEdit()
        for dates in (self.start, self.end):
            dates.setCalendarPopup(True)
            dates.setDisplayFormat("yyyy-MM-dd")
        self.product = QLineEdit()
        self.supplier = QLineEdit()
        self.customer = QLineEdit()
        self.lot = QLineEdit()
        for edit, hint in (
            (self.product, self.tr("product / item")),
            (self.supplier, self.tr("supplier")),
            (self.customer, self.tr("customer")),
            (self.lot, self.tr("lot family (flow)")),
        ):
            edit.setPlaceholderText(hint)
            edit.setMaximumWidth(130)
            edit.returnPressed.connect(self.refresh)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export charts…"))
        self.export_button.clicked.connect(self._ask_export)
        for widget in (
            QLabel(self.tr("From")),
            self.start,
            QLabel(self.tr("to")),
            self.end,
            self.product,
            self.supplier,
            self.customer,
            self.lot,
            self.show_button,
            self.export_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.drift_label = QLabel()
        self.drift_label.setStyleSheet("color: #c53030; font-weight: bold;")
        self.drift_label.setWordWrap(True)
        self.drift_label.hide()
        layout.addWidget(self.drift_label)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.area.setWidget(self.grid_host)
        splitter.addWidget(self.area)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        # The hint and the button share a row, and the title shows once a click has listed
        # something: at 1366 x 768 a whole row of charts, axes included, needs every line.
        hint_row = QHBoxLayout()
        self.hover_label = QLabel(self.tr("Point at a bar, a dot or a band; click it to list the lots behind it."))
        hint_row.addWidget(self.hover_label, 1)
        below_layout.addLayout(hint_row)
        self.behind_title = QLabel()
        self.behind_title.hide()
        below_layout.addWidget(self.behind_title)
        self.behind = RecordTableModel(
            [
                Column(self.tr("Lot"), lambda r: r.lot),
                Column(self.tr("Item"), lambda r: r.item),
                Column(self.tr("What"), lambda r: self.what_text(r.what)),
                Column(self.tr("When"), lambda r: day(r.when) if r.when else ""),
                Column(self.tr("Quantity"), lambda r: r.quantity, align_right=True),
                Column(self.tr("Detail"), lambda r: r.detail),
            ],
            self,
        )
        self.behind_view = make_table(self.behind)
        self.behind_view.activated.connect(lambda index: self.open_in_qa(self.behind.record(index.row()).lot))
        self.behind_view.doubleClicked.connect(lambda index: self.open_in_qa(self.behind.record(index.row()).lot))
        below_layout.addWidget(self.behind_view)
        self.open_button = QPushButton(self.tr("Open the chosen lot in Trace && QA"))
        self.open_button.clicked.connect(self._open_selected)
        hint_row.addWidget(self.open_button)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([600, 1])  # the list starts at its smallest (a few rows); dragged up, it stays so
        layout.addWidget(splitter, 1)
        today = ctx.today()
        self.start.setDate(QDate(today.year - 1, today.month, 1).addMonths(1))
        self.end.setDate(QDate(today.year, today.month, today.day))
        # pyqtgraph and numpy are imported on a thread of their own a while after someone who
        # may use the quality desk signs in, so neither start-up nor the first opening of this
        # tab waits for them; then the charts are built, one per turn of the event loop, before
        # the tab is first opened. A station whose users never see this tab never pays for it.
        ctx.user_changed.connect(self._signed_in)
        self._signed_in(ctx.user)

    def _signed_in(self, user: object) -> None:
        if user is not None and not self._specs and self.ctx.may(Action.INVESTIGATE):
            QTimer.singleShot(PRELOAD_AFTER_MS, self, self._build_ahead)

    def what_text(self, what: str) -> str:
        """A row's role in words: a lot status, or what the lot did in the chart's sum."""
        roles = {
            "input": self.tr("input"),
            "output": self.tr("output"),
            "issued": self.tr("issued"),
            "shipped": self.tr("shipped"),
        }
        return roles.get(what) or str(word(what))

    # --- building the charts, the first time only ---------------------------------------------

    def _ensure_charts(self) -> None:
        """Start building the charts (once): one chart per turn of the event loop, so opening the
        tab never holds the window for all ten; a chart whose data arrives first is built then."""
        if self._specs:
            return
        from tracedesk.ui import charts  # imported ahead of time by preload_charts, if it has run

        made: list[tuple[Any, tuple[Any, ...]]] = [
            (charts.SupplierChart, (self.tr("Supplier quality: rejection rate per month (p-chart)"),)),
            (charts.YieldChart, (self.tr("Yield: deviation from the BOM per order, by week"),)),
            (charts.DistributionChart, (self.tr("Yield: distribution of deviations (%)"),)),
            (charts.LeadChart, (self.tr("Time in quarantine (hours, then days) and lots waiting now"),)),
            (
                charts.ExpiryChart,
                (
                    self.tr("Expiry exposure: stock by days to expiry"),
                    (self.tr("expired"), self.tr("< 7 days"), self.tr("< 30 days"), self.tr("< 90 days"), self.tr("later")),
                ),
            ),
            (charts.FlowChart, (self.tr("Material flow: suppliers → items → customers"),)),
            (charts.ComplaintsChart, (self.tr("Complaints per month"),)),
            (charts.ParetoChart, (self.tr("Complaint causes (Pareto)"), self.tr("not stated"))),
            (charts.YardstickChart, (self.tr("Response: hours to first action (blue) and to hold (red)"),)),
            (charts.RecallsChart, (self.tr("Recalls (red) and mock recalls (grey): lots reached"),)),
        ]
        self._specs = {kind.name: (position, kind, arguments) for position, (kind, arguments) in enumerate(made)}
        self.supplier_choice = QComboBox()
        self.supplier_choice.currentTextChanged.connect(lambda text: text and self.charts["suppliers"].choose(text))
        self.grid.setRowMinimumHeight(3, 360)
        self._build_next()

    def _build_ahead(self) -> None:
        if self._specs or not self.ctx.may(Action.INVESTIGATE):
            return  # built already (the tab was opened), or the user changed meanwhile
        if preload_charts().is_alive():
            QTimer.singleShot(BUILD_PAUSE_MS * 5, self, self._build_ahead)
        else:
            self._ensure_charts()

    def _build_next(self) -> None:
        waiting = [name for name in self._specs if name not in self.charts]
        if waiting:
            self._chart(waiting[0])
        if len(waiting) > 1:
            # A pause, not a zero timer: zero timers queued one after another starve the window's
            # own events (paint, input) until the last chart is built.
            QTimer.singleShot(BUILD_PAUSE_MS, self, self._build_next)
        elif self.dashboard is None:
            # The charts live as long as the tab: out of the cycle collector, like the imports.
            # (Not once data is shown: that goes away with the next refresh.) Garbage is
            # collected first, so nothing already dead is kept for good.
            gc.collect()
            gc.freeze()

    def _chart(self, name: str) -> Any:
        """The chart `name`, built now if the turns of the event loop have not reached it yet."""
        chart = self.charts.get(name)
        if chart is not None:
            return chart
        position, kind, arguments = self._specs[name]
        chart = kind(*arguments)
        self.charts[name] = chart
        chart.hovered.connect(self.hover_label.setText)
        chart.picked.connect(self.show_behind)
        box = QGroupBox()
        inner = QVBoxLayout(box)
        if name == "suppliers":
            inner.addWidget(self.supplier_choice)
        inner.addWidget(chart.widget)
        if name == "flow":
            self.grid.addWidget(box, position // 2 + 1, 0, 1, 2)
        else:
            self.grid.addWidget(box, position // 2 if position < 5 else position // 2 + 1, position % 2)
        return chart

    # --- loading -------------------------------------------------------------------------------

    def period(self) -> Period:
        start, end = self.start.date(), self.end.date()
        return Period(date(start.year(), start.month(), start.day()), date(end.year(), end.month(), end.day()))

    def filters(self) -> Filters:
        def text(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        return Filters(text(self.product), text(self.supplier), text(self.customer), text(self.lot))

    def load(self) -> None:
        """Called when the tab opens: build the charts once, then load them."""
        self._ensure_charts()
        self.refresh()

    def refresh(self) -> None:
        """Load every chart of the period on the database thread, each on its own so the first shows soon."""
        try:
            period = self.period()
        except TraceDeskError as error:  # the dates are the wrong way round
            self.ctx.banner.refused(str(error))
            return
        self._ensure_charts()
        self.generation += 1
        generation, filters = self.generation, self.filters()
        # Stock, expiry and the lots waiting are as they are now, whatever the period (as in the review).
        moment = self.ctx.station_actor().now()
        self.parts = {}
        for chart in CHARTS:
            self._load_one(generation, chart, period, moment, filters)

    def _load_one(self, generation: int, name: str, period: Period, moment: datetime, filters: Filters) -> None:
        # Each chart's drawing is worked out on the database thread too (`prepare` touches no Qt).
        preparers = {chart: self._specs[chart][1].prepare for chart in SHOWN_IN[name]}

        def work(session: Any) -> tuple[Dashboard, dict[str, Any]]:
            part = load_chart(session, name, period, moment, filters)
            return part, {chart: prepare(part) for chart, prepare in preparers.items()}

        self.ctx.query(work, lambda found: self._loaded(generation, name, found))

    def _loaded(self, generation: int, name: str, found: tuple[Dashboard, dict[str, Any]]) -> None:
        if generation != self.generation:
            return  # an older request: the period or filters changed since
        part, prepared = found
        self.parts[name] = part
        self.dashboard = merge(list(self.parts.values()))
        first, *others = SHOWN_IN[name]
        self._chart(first).draw(prepared[first])
        if name == "suppliers":
            self._suppliers_loaded(part)
        # A part drawn by two charts draws the second in a later turn: one chart per slice.
        for chart in others:
            QTimer.singleShot(0, self, lambda chart=chart: self._draw_later(generation, chart, prepared[chart]))

    def _draw_later(self, generation: int, chart: str, prepared: Any) -> None:
        if generation == self.generation:
            self._chart(chart).draw(prepared)

    def _suppliers_loaded(self, part: Dashboard) -> None:
        chart = self.charts["suppliers"]
        self.supplier_choice.blockSignals(True)
        self.supplier_choice.clear()
        self.supplier_choice.addItems(chart.suppliers)
        if chart.supplier:
            self.supplier_choice.setCurrentText(chart.supplier)
        self.supplier_choice.blockSignals(False)
        drifting = part.drifting
        self.drift_label.setText(
            self.tr("Supplier drifting: {0}").format(", ".join(f"{p.supplier} {p.month} ({p.rate * 100:.0f}%)" for p in drifting))
            if drifting
            else ""
        )
        self.drift_label.setVisible(bool(drifting))  # an empty line would push the charts down for nothing

    # --- what lies behind a click --------------------------------------------------------------

    def _make_room_for_the_list(self) -> None:
        """A click lists lots: the list grows to show a few of them (the charts scroll), unless
        someone has already made it that tall."""
        charts, below = self.splitter.sizes()
        wanted = (
            self.behind_title.sizeHint().height()
            + self.hover_label.sizeHint().height()
            + 5 * self.behind_view.verticalHeader().defaultSectionSize()
        )
        if below < wanted and charts + below > wanted:
            self.splitter.setSizes([charts + below - wanted, wanted])

    def show_behind(self, chart: str, key: object) -> None:
        """List the lots behind the element `key` of `chart` (from memory, or a query on the DB thread)."""
        d = self.dashboard
        if d is None:
            return
        title = self.charts[chart].title if chart in self.charts else chart
        self.behind_title.setText(self.tr("Behind {0}: {1}").format(title, self.key_words(chart, key)))
        self.behind_title.show()
        self._make_room_for_the_list()
        period = d.period
        parts: tuple[Any, ...] = key if isinstance(key, tuple) else (key,)
        if chart == "suppliers":
            supplier, month = parts
            self.ctx.query(lambda s: behind.supplier_month_lots(s, supplier, month), self.behind.set_records)
        elif chart == "yield" and parts[0] == "week":
            week = self.charts["yield"].weeks[parts[1]]
            orders = [y.order for y in d.yields if y.week == week][:MAX_ORDERS_LISTED]
            self.ctx.query(lambda s: [row for o in orders for row in behind.order_lots(s, o)], self.behind.set_records)
        elif chart == "yield":
            self.ctx.query(lambda s: behind.order_lots(s, str(key)), self.behind.set_records)
        elif chart == "yield_spread":
            orders = [str(order) for order in parts[:MAX_ORDERS_LISTED]]
            self.ctx.query(lambda s: [row for o in orders for row in behind.order_lots(s, o)], self.behind.set_records)
        elif chart == "expiry":
            item, bucket = parts
            today = d.now.date()
            self.ctx.query(lambda s: behind.expiry_lots(s, item, bucket, today), self.behind.set_records)
        elif chart == "flow":
            source, target = parts
            self.ctx.query(lambda s: behind.flow_lots(s, source, target, period), self.behind.set_records)
        elif chart == "lead_times":
            self.behind.set_records(behind.lead_time_rows(self._lead_times(key), d.now))
        elif chart in ("complaints", "causes"):
            field, value = parts
            facts = [c for c in d.complaints if (c.month if field == "month" else c.cause) == value]
            self.behind.set_records(behind.complaint_rows(facts))
        elif chart == "yardsticks":
            self.behind.set_records(behind.response_rows([t for t in d.complaint_times if t.complaint == key]))
        elif chart == "recalls" and parts[0] == "recall":
            code = str(parts[1])
            self.ctx.query(lambda s: behind.recall_lots(s, code), self.behind.set_records)
        elif chart == "recalls":
            self.behind.set_records([row for r in d.recalls if r.code == parts[1] for row in behind.drill_rows(r)])

    def key_words(self, chart: str, key: object) -> str:
        """The clicked element in the words its chart shows (not the internal key: "item:FLOUR", "later")."""
        from tracedesk.ui.charts import LEAD_LABELS

        parts: tuple[Any, ...] = key if isinstance(key, tuple) else (key,)
        if chart == "flow" and len(parts) == 2:
            return " → ".join(str(part).split(":", 1)[-1] for part in parts)
        if chart == "expiry" and len(parts) == 2:
            names = getattr(self.charts.get("expiry"), "bucket_names", {})
            return f"{parts[0]} {names.get(parts[1], parts[1])}"
        if chart == "lead_times" and len(parts) == 2:
            if parts[0] == "waiting":
                return self.tr("waiting now")
            return self.tr("released after {0}").format(LEAD_LABELS[int(parts[1])])
        return _key_text(key)

    def _lead_times(self, key: object) -> list[Any]:
        from tracedesk.ui.charts import LEAD_BINS

        d = self.dashboard
        if d is None:
            return []
        kind, index = key if isinstance(key, tuple) else (key, 0)
        if kind == "waiting":
            return list(d.waiting)
        low, high = LEAD_BINS[index]  # hours
        return [
            t for t in d.lead_times if t.released_at and low <= t.days(d.now) * 24 and (high is None or t.days(d.now) * 24 < high)
        ]

    def _open_selected(self) -> None:
        row = selected_record(self.behind_view)
        if row is None:
            self.ctx.banner.refused(self.tr("Choose a lot in the list first."))
            return
        self.open_in_qa(row.lot)

    def open_in_qa(self, code: str) -> None:
        from tracedesk.ui.workspaces.qa import QaWorkspace

        window: Any = self.window()
        workspace = window.show_workspace(QaWorkspace) if hasattr(window, "show_workspace") else None
        if workspace is not None:
            workspace.open_lot(code)

    # --- exports -------------------------------------------------------------------------------

    def _ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export charts to"), str(documents_folder()))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        """Every chart as PNG and SVG, and every chart's data as CSV, into `folder`."""
        if self.dashboard is None:
            self.ctx.banner.refused(self.tr("Show the dashboard first; then export it."))
            return []
        written: list[Path] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name in self._specs:
                written += self._chart(name).export(folder, f"chart-{name}")
            for name, (header, rows) in chart_tables(self.dashboard).items():
                path = folder / f"data-{name}.csv"
                with path.open("w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(header)
                    writer.writerows(rows)
                written.append(path)
        except OSError as error:
            self.ctx.banner.refused(
                self.tr("The charts could not be written to {0}: {1}").format(folder, error.strerror or error)
            )
            return written
        self.ctx.banner.ok(self.tr("{0} files written to {1}.").format(len(written), folder))
        return written


def _key_text(key: object) -> str:
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key if part)[:120]
    return str(key)
