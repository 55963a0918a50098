"""Quality desk tabs that only read: open holds with what they block, and the alerts that hold now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tracedesk.services.alerts import alerts
from tracedesk.services.quality import open_holds
from tracedesk.ui.context import WorkContext
from tracedesk.ui.formatting import day
from tracedesk.ui.tables import Column, RecordTableModel, make_table


class HoldsTab(QWidget):
    """Every open hold: the lot, why, who, since when, the suspect lots made from it and the open orders using them."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Open holds and the suspect lots they block (lots made from a held lot).")))
        self.model = RecordTableModel(
            [
                Column(self.tr("Held lot"), lambda h: h.hold.lot),
                Column(self.tr("Reason"), lambda h: h.hold.reason),
                Column(self.tr("By"), lambda h: h.hold.placed_by),
                Column(self.tr("Since"), lambda h: day(h.hold.placed_at)),
                Column(self.tr("Recall"), lambda h: h.hold.recall or ""),
                Column(self.tr("Open orders"), lambda h: ", ".join(h.open_orders)),
                Column(self.tr("Suspect lots made from it"), self._suspects),
            ],
            self,
        )
        self.view = make_table(
            self.model, empty=self.tr("No lot is on hold. Lots put on hold (and the lots made from them) appear here.")
        )
        layout.addWidget(self.view)
        layout.addLayout(_refresh_row(self.tr("Refresh"), self.load))

    def _suspects(self, scope) -> str:  # noqa: ANN001
        if not scope.suspect_lots:
            return self.tr("none")
        shown = ", ".join(scope.suspect_lots[:20]) + (" …" if len(scope.suspect_lots) > 20 else "")
        return self.tr("%n lot(s): {0}", "", len(scope.suspect_lots)).format(shown)

    def load(self) -> None:
        self.ctx.query(open_holds, self.model.set_records)


class AlertsTab(QWidget):
    """Expiring lots, long quarantine, BOM deviations, outputs without inputs, held lots in open orders, suppliers."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.model = RecordTableModel(
            [
                Column(self.tr("Alert"), lambda a: a.kind_name),
                Column(self.tr("About"), lambda a: a.subject),
                Column(self.tr("What"), lambda a: a.message),
            ],
            self,
        )
        layout.addWidget(
            make_table(
                self.model,
                empty=self.tr(
                    "No alerts: expiring lots, long quarantine, BOM deviations and held lots in open orders appear here."
                ),
            )
        )
        layout.addLayout(_refresh_row(self.tr("Refresh"), self.load))

    def load(self) -> None:
        self.ctx.run(lambda s, a: alerts(s, now=a.now()), self.model.set_records, read_only=True)


def _refresh_row(text: str, load: Callable[[], None]) -> QHBoxLayout:
    row = QHBoxLayout()
    button = QPushButton(text)
    button.clicked.connect(load)
    row.addWidget(button)
    row.addStretch(1)
    return row
