"""Quality desk tab: conflicts between facts recorded at different stations, resolved by QA with a signed note."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tracedesk.core.words import word
from tracedesk.services.conflicts import ConflictInfo, list_conflicts, resolve_conflict
from tracedesk.services.permissions import Action
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ReasonDialog
from tracedesk.ui.formatting import day
from tracedesk.ui.tables import Column, RecordTableModel, make_table, selected_record


class ConflictsTab(QWidget):
    """Open conflicts first: what kind, which lots, which stations, since when; resolve one with a note."""

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "Facts recorded at different stations that contradict each other. Every record is kept; "
                "decide what happened and resolve the conflict with a note (signed)."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.model = RecordTableModel(
            [
                Column(self.tr("Conflict"), lambda c: c.id),
                Column(self.tr("Kind"), lambda c: str(word(c.kind))),
                Column(self.tr("Lots"), lambda c: ", ".join(c.lots) or "—"),
                Column(self.tr("Stations"), lambda c: ", ".join(c.stations)),
                Column(self.tr("Detected"), lambda c: day(c.detected_at)),
                Column(self.tr("Status"), lambda c: str(word(c.status))),
                Column(self.tr("Note"), lambda c: c.note),
            ],
            self,
        )
        self.view = make_table(
            self.model,
            empty=self.tr("No conflicts. Facts recorded offline at two stations that contradict each other appear here."),
        )
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.show_resolved = QCheckBox(self.tr("Show resolved conflicts too"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        refresh = QPushButton(self.tr("Refresh"))
        row.addWidget(self.show_resolved)
        row.addStretch(1)
        row.addWidget(refresh)
        row.addWidget(self.resolve_button)
        layout.addLayout(row)
        self.show_resolved.toggled.connect(lambda _on: self.load())
        refresh.clicked.connect(self.load)
        self.resolve_button.clicked.connect(self._ask_resolve)

    def load(self) -> None:
        self.resolve_button.setEnabled(self.ctx.may(Action.RESOLVE_CONFLICTS))
        open_only = not self.show_resolved.isChecked()
        self.ctx.query(lambda s: list_conflicts(s, open_only=open_only), self.model.set_records)

    def selected(self) -> ConflictInfo | None:
        return selected_record(self.view)

    def _ask_resolve(self) -> None:
        conflict = self.selected()
        if conflict is None or not conflict.is_open:
            self.ctx.banner.info(self.tr("Choose an open conflict in the list first."))
            return
        dialog = ReasonDialog(
            self.tr("Resolve conflict {0}").format(conflict.id),
            self.tr("{0} between stations {1}. What happened, and what was done?").format(
                word(conflict.kind), ", ".join(conflict.stations)
            ),
            self,
            signed=True,
        )
        if dialog.exec():
            self.resolve(conflict.id, dialog.value(), dialog.pin_value())

    def resolve(self, code: str, note: str, pin: str) -> None:
        self.ctx.run(
            lambda s, a: resolve_conflict(s, a, conflict=code, note=note, pin=pin),
            lambda c: self._resolved(c),
        )

    def _resolved(self, conflict: ConflictInfo) -> None:
        self.ctx.banner.ok(self.tr("Conflict {0} resolved: {1}").format(conflict.id, conflict.note))
        self.ctx.data_changed.emit()
        self.load()
