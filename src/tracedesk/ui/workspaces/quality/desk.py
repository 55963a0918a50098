"""The quality desk workspace: one tab each for holds, alerts, complaints, recall, exports and the audit trail."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tracedesk.services.permissions import Action
from tracedesk.ui.context import WorkContext
from tracedesk.ui.workspaces.base import Workspace
from tracedesk.ui.workspaces.quality.audit import AuditTab, ExportsTab
from tracedesk.ui.workspaces.quality.complaints import ComplaintsTab
from tracedesk.ui.workspaces.quality.holds import AlertsTab, HoldsTab
from tracedesk.ui.workspaces.quality.recall import RecallTab


class QualityDeskWorkspace(Workspace):
    """Scans go to the open tab: the complaint's lot, the recall's lots (starting a mock recall's clock), a filter."""

    action = Action.INVESTIGATE

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.holds = HoldsTab(ctx)
        self.alerts = AlertsTab(ctx)
        self.complaints = ComplaintsTab(ctx)
        self.recall = RecallTab(ctx)
        self.exports = ExportsTab(ctx)
        self.audit = AuditTab(ctx)
        for tab, title in ((self.holds, self.tr("Open holds")), (self.alerts, self.tr("Alerts")),
                           (self.complaints, self.tr("Complaints")), (self.recall, self.tr("Recall")),
                           (self.exports, self.tr("Exports")), (self.audit, self.tr("Audit trail"))):
            self.tabs.addTab(tab, title)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _index: self._load_current())

    def title(self) -> str:
        return self.tr("Quality desk")

    def activated(self) -> None:
        self._load_current()

    def reset(self) -> None:
        super().reset()
        if self.recall.mock is not None:
            self.recall._stop_mock()  # noqa: SLF001 - the desk owns its tabs
        self.tabs.setCurrentIndex(0)

    def _load_current(self) -> None:
        if self.ctx.user is None or not self.isVisible():
            return
        tab = self.tabs.currentWidget()
        if hasattr(tab, "load"):
            tab.load()  # type: ignore[union-attr]

    def handle_scan(self, text: str) -> None:
        tab = self.tabs.currentWidget()
        if hasattr(tab, "handle_scan"):
            tab.handle_scan(text)  # type: ignore[union-attr]
        else:
            self.ctx.banner.info(self.tr("Open Complaints, Recall, Exports or Audit trail to use a scan here."))
