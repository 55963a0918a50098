"""The quality desk workspace: one tab each for holds, alerts, the dashboard, conflicts, complaints, recall, exports and the audit trail."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from tracedesk.services.permissions import Action
from tracedesk.services.scan_resolution import Resolution, ScanResult, resolve_scan
from tracedesk.ui.context import WorkContext
from tracedesk.ui.workspaces.base import Workspace
from tracedesk.ui.workspaces.quality.audit import AuditTab, ExportsTab
from tracedesk.ui.workspaces.quality.complaints import ComplaintsTab
from tracedesk.ui.workspaces.quality.conflicts import ConflictsTab
from tracedesk.ui.workspaces.quality.dashboard import DashboardTab
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
        self.conflicts = ConflictsTab(ctx)
        self.dashboard = DashboardTab(ctx)
        self.complaints = ComplaintsTab(ctx)
        self.recall = RecallTab(ctx)
        self.exports = ExportsTab(ctx)
        self.audit = AuditTab(ctx)
        for tab, title in (
            (self.holds, self.tr("Open holds")),
            (self.alerts, self.tr("Alerts")),
            (self.dashboard, self.tr("Dashboard")),
            (self.conflicts, self.tr("Conflicts between stations")),
            (self.complaints, self.tr("Complaints")),
            (self.recall, self.tr("Recall")),
            (self.exports, self.tr("Exports")),
            (self.audit, self.tr("Audit trail")),
        ):
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
            tab.load()

    def handle_scan(self, text: str) -> None:
        """Resolve the scan to one lot code on the DB thread, then hand that code to the open tab."""
        tab = self.tabs.currentWidget()
        if not hasattr(tab, "handle_scan"):
            self.ctx.banner.info(self.tr("Open Complaints, Recall, Exports or Audit trail to use a scan here."))
            return
        # The tabs take lot codes: a label's "TD:" text, a GS1 string or an EPC means nothing to the services.
        today = self.ctx.today()
        self.ctx.query(
            lambda session: resolve_scan(session, text, today=today),
            lambda result: self._resolved(tab, result),
            lambda error: self._scan_failed(tab, str(error)),
        )

    def _resolved(self, tab: QWidget, result: ScanResult) -> None:
        if result.resolution in (Resolution.LOT, Resolution.CHOOSE):
            self.single_lot(result, lambda lot: tab.handle_scan(lot.code))  # type: ignore[attr-defined]
        else:
            self._scan_failed(tab, result.message)

    def _scan_failed(self, tab: QWidget, message: object) -> None:
        self.ctx.banner.refused(message)
        if tab is self.recall:
            self.recall.scan_failed()
