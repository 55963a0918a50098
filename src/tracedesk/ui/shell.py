"""Assembles the GUI around an open runtime: DB thread, bridges, filters, context, workspaces, main window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.core.messages import set_language
from tracedesk.labels.printers import load_printers
from tracedesk.services.about import about, hub_revision
from tracedesk.services.backups import BackupSettings
from tracedesk.services.permissions import Action
from tracedesk.services.runtime import Runtime
from tracedesk.ui.about_dialog import AboutDialog
from tracedesk.ui.banner import StatusBanner
from tracedesk.ui.bridge import DeviceBridge, WedgeFilter
from tracedesk.ui.context import WorkContext
from tracedesk.ui.devices import ConfigWatcher, DeviceManager
from tracedesk.ui.executor import DbExecutor
from tracedesk.ui.hub_sync import BackgroundSync, SyncState, SyncStatusLabel
from tracedesk.ui.i18n import LANGUAGES, install_language, system_language
from tracedesk.ui.idle import IdleWatcher
from tracedesk.ui.main_window import MainWindow
from tracedesk.ui.printing import LabelPrinter
from tracedesk.ui.settings_dialog import SettingsDialog
from tracedesk.ui.style import ComboPopupStyler, stylesheet
from tracedesk.ui.ui_settings import UiSettings
from tracedesk.ui.upkeep import DatabaseUpkeep
from tracedesk.ui.workspaces.inspection import InspectionWorkspace
from tracedesk.ui.workspaces.masterdata import MasterDataWorkspace
from tracedesk.ui.workspaces.production import ProductionWorkspace
from tracedesk.ui.workspaces.qa import QaWorkspace
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace
from tracedesk.ui.workspaces.receiving import ReceivingWorkspace
from tracedesk.ui.workspaces.shipping import ShippingWorkspace
from tracedesk.ui.workspaces.warehouse import WarehouseWorkspace

WORKSPACES = (
    ReceivingWorkspace,
    InspectionWorkspace,
    ProductionWorkspace,
    ShippingWorkspace,
    WarehouseWorkspace,
    QaWorkspace,
    QualityDeskWorkspace,
    MasterDataWorkspace,
)


@dataclass
class Shell:
    """Everything the running GUI holds; `close()` stops it in order."""

    app: QApplication
    runtime: Runtime
    settings: UiSettings
    settings_path: Path
    db: DbExecutor
    bridge: DeviceBridge
    wedge: WedgeFilter
    idle: IdleWatcher
    combos: ComboPopupStyler
    ctx: WorkContext
    window: MainWindow
    devices: DeviceManager
    upkeep: DatabaseUpkeep
    sync: BackgroundSync
    watcher: ConfigWatcher | None = None  # the station's device and printer files, once devices run
    station_changes: list[str] = field(default_factory=list)  # what the status line said of them, latest last
    replaced: list[MainWindow] = field(default_factory=list)  # windows a language switch replaced, not yet deleted

    def apply_settings(self, settings: UiSettings) -> None:
        self.settings = settings
        self.ctx.settings = settings
        apply_stylesheet(self.app, settings.large_text)
        self.idle.set_minutes(settings.idle_minutes)
        self.wedge.configure(settings.wedge_max_gap_ms, settings.wedge_min_length)
        self.ctx.banner.sound = settings.sound
        self.ctx.printer.output = settings.label_output
        self.ctx.printer.station_printer = settings.label_printer
        settings.save(self.settings_path)

    def open_settings(self) -> None:
        backups = BackupSettings.load(self.runtime.paths.config_dir)
        dialog = SettingsDialog(
            self.settings,
            self.runtime.station,
            may_edit_station=self.ctx.may(Action.MASTER_DATA),
            printers_path=self.runtime.paths.config_dir / "printers.json",
            backups_kept=backups.keep,
            on_about=self.open_about,
            parent=self.window,
        )
        if not dialog.exec():
            return
        if self.ctx.may(Action.MASTER_DATA) and dialog.backups_kept.value() != backups.keep:
            BackupSettings(keep=dialog.backups_kept.value()).save(self.runtime.paths.config_dir)
        if dialog.printers is not None and self.ctx.may(Action.MASTER_DATA):
            dialog.printers.save()
        new = dialog.result_settings()
        language_changed = new.language != self.settings.language
        self.apply_settings(new)
        if language_changed:
            self.switch_language(new.language)
        changes = dialog.station_changes()
        if self.ctx.may(Action.MASTER_DATA) and changes != {
            "name": self.runtime.station.name,
            "lot_prefix": self.runtime.station.lot_prefix,
        }:
            try:
                self.runtime.with_station(self.ctx.actor(), **changes)
            except TraceDeskError as error:
                self.ctx.banner.refused(str(error))
                return
        hub_url, interval = dialog.hub_changes()
        if self.ctx.may(Action.MASTER_DATA) and (hub_url, interval) != (
            self.runtime.station.hub_url,
            self.runtime.station.sync_interval,
        ):
            self.sync.connect_hub(hub_url, interval)

    def switch_language(self, language: str) -> None:
        """Every text in `language` at once: the window is built again in it, where the user was.

        Rebuilding rather than retranslating widget by widget: every text a workspace set (a
        heading, a hint, a table's lot statuses, a refusal) is made again by the same code that
        made it, so nothing can stay in the old language. The signed-in user, the front
        workspace, the open lot and work order, the window's size and the last device line stay.
        """
        set_language(install_language(self.app, language))
        old = self.window
        state = old.saved_state()
        user = self.ctx.user
        visible = old.isVisible()
        old.detach()
        banner = StatusBanner()
        banner.sound = self.settings.sound
        self.ctx.banner = banner
        window = self._new_window()
        window.restoreGeometry(old.saveGeometry())
        window.restoreState(old.saveState())
        if user is not None:
            window.signed_in(user)
            window.restore_state(state)
        self.window = window
        if visible:
            window.show()
        old.hide()
        self.replaced.append(old)
        self._dispose(old)
        window.announce_language(LANGUAGES.get(language or system_language(), language))

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.ctx, self.bridge, WORKSPACES, self.idle)
        self._wire(window)
        return window

    def _wire(self, window: MainWindow) -> None:
        self.ctx.printer.parent = window
        label = SyncStatusLabel()
        window.statusBar().addPermanentWidget(label)
        label.show_state(self.sync.state)
        window.sync_label = label
        window.settings_dialog_factory = self.open_settings
        window.closing_callback = self.save_layout  # type: ignore[method-assign]

    def _dispose(self, window: MainWindow) -> None:
        """Delete a replaced window once no database answer is on its way to one of its widgets."""
        if window not in self.replaced:
            return  # the shell was closed meanwhile, and deleted it
        if self.db.is_idle:
            self.replaced.remove(window)
            window.deleteLater()
        else:
            QTimer.singleShot(100, window, lambda: self._dispose(window))

    def open_about(self, parent: QWidget | None = None) -> AboutDialog:
        """The About box; the database's lines are read on the database thread, like every other
        read, and the hub is asked on the box's own worker, so a hub that is down holds up no scan."""
        dialog = AboutDialog(parent or self.window)
        dialog.open()
        runtime = self.runtime
        if runtime.station.hub_url:
            dialog.ask_hub(lambda: hub_revision(runtime))
        self.db.run(lambda _session: about(runtime, ask_hub=False), dialog.show_info, dialog.show_error, read_only=True)
        return dialog

    def save_layout(self) -> None:
        geometry, state = self.window.layout_hex()
        self.settings = replace(self.settings, window_geometry=geometry, window_state=state)
        self.settings.save(self.settings_path)

    def start_devices(self) -> None:
        """Start the configured readers, then follow their file: devices and printers added,
        changed or removed (here, from the command line, by another program) apply within
        seconds. A damaged file or a missing port is said, not fatal."""
        try:
            self.devices.reload()
        except TraceDeskError as error:
            self.ctx.banner.warning(str(error))
        if self.watcher is None:
            self.watcher = ConfigWatcher([self.devices.path, self.ctx.printer.printers_path])
            self.watcher.changed.connect(self._station_file_changed)
            self.watcher.start()

    def _station_file_changed(self, path: Path) -> None:
        if path == self.devices.path:
            self.apply_devices()
        else:
            self.apply_printers()

    def _say_station_change(self, text: str, warning: bool = False) -> None:
        self.station_changes[:] = [*self.station_changes[-19:], text]
        self.window.device_label.setText(text)
        (self.ctx.banner.warning if warning else self.ctx.banner.info)(text)

    def apply_devices(self) -> None:
        """Run what the devices file says now, and say in the status line what changed."""
        try:
            started = self.devices.reload()
        except TraceDeskError as error:
            self._say_station_change(str(error), warning=True)
            return
        stopped = [name for name in self.devices.stopped if name not in started]
        restarted = [name for name in started if name in self.devices.stopped]
        added = [name for name in started if name not in restarted]
        parts = []
        if added:
            parts.append(QCoreApplication.translate("Shell", "started {0}").format(", ".join(added)))
        if restarted:
            parts.append(QCoreApplication.translate("Shell", "restarted with new settings {0}").format(", ".join(restarted)))
        if stopped:
            parts.append(QCoreApplication.translate("Shell", "stopped {0}").format(", ".join(stopped)))
        if parts:
            self._say_station_change(QCoreApplication.translate("Shell", "Devices changed: {0}.").format("; ".join(parts)))

    def apply_printers(self) -> None:
        """Printers are read at every print; say what the station has now, and whether its own printer is gone."""
        try:
            names = sorted(load_printers(self.ctx.printer.printers_path))
        except TraceDeskError as error:
            self._say_station_change(str(error), warning=True)
            return
        mine = self.ctx.printer.station_printer
        if mine and mine not in names:
            self._say_station_change(
                QCoreApplication.translate(
                    "Shell",
                    "The station's printer {0} was removed; labels do not print until you choose another under Settings → Printers.",
                ).format(mine),
                warning=True,
            )
            return
        listed = ", ".join(names) if names else QCoreApplication.translate("Shell", "none")
        self._say_station_change(QCoreApplication.translate("Shell", "Printers changed; configured now: {0}.").format(listed))

    def start_upkeep(self) -> None:
        """Say what state the database is in, and make the daily checked backup when due."""
        self.upkeep.start()

    def _sync_state(self, state: SyncState) -> None:
        if isinstance(self.window.sync_label, SyncStatusLabel):
            self.window.sync_label.show_state(state)

    def _pulled(self, count: int) -> None:
        # Other stations' events arrived: lists and the open lot show them.
        self.ctx.data_changed.emit()

    def start_sync(self) -> None:
        """Sync with the hub in the background, every few seconds (nothing when the station has none)."""
        self.sync.state_changed.connect(self._sync_state)
        self.sync.events_pulled.connect(self._pulled)
        self.sync.connect_failed.connect(lambda problem: self.ctx.banner.refused(problem))
        self.sync.start()

    def close(self) -> None:
        self.sync.shutdown()
        self.upkeep.shutdown()
        if self.watcher is not None:
            self.watcher.stop()
        self.devices.stop_all()
        self.ctx.printer.close()
        self.idle.disarm()
        self.window.users_timer.stop()  # it asks the database thread, which stops below
        self.app.removeEventFilter(self.wedge)
        self.app.removeEventFilter(self.idle)
        self.app.removeEventFilter(self.combos)
        self.window.close()
        # Closed is not deleted: a window left alive would be re-styled with every later one.
        self.window.deleteLater()
        # A replaced window still waiting for the database thread goes now: its timer would
        # otherwise ask a closed executor forever, and keep the window.
        for old in self.replaced:
            old.deleteLater()
        self.replaced.clear()
        self.db.shutdown()
        # The shell's own objects go too: their signals hold lambdas that reach back to the shell,
        # a cycle through Qt that Python's collector cannot see, so the whole shell (runtime,
        # windows' wrappers, caches) would otherwise stay for the life of the process.
        for part in (self.sync, self.upkeep, self.combos, self.idle, self.wedge, self.bridge, self.ctx, self.db):
            part.deleteLater()


def apply_stylesheet(app: QApplication, large: bool) -> None:
    """Set the look only when it changes: setting it re-polishes every widget alive."""
    css = stylesheet(large)
    if app.styleSheet() != css:
        app.setStyleSheet(css)


def build_shell(app: QApplication, runtime: Runtime, *, clock: Callable[[], datetime] | None = None, wedge: bool = True) -> Shell:
    """The whole GUI for `runtime`, not yet shown; `clock` pins "now" (tests, screenshots)."""
    settings_path = runtime.paths.config_dir / "ui.json"
    settings = UiSettings.load(settings_path)
    apply_stylesheet(app, settings.large_text)
    db = DbExecutor(runtime.sessions, runtime.read_sessions)
    bridge = DeviceBridge()
    wedge_filter = WedgeFilter(bridge)
    wedge_filter.enabled = wedge
    wedge_filter.configure(settings.wedge_max_gap_ms, settings.wedge_min_length)
    idle = IdleWatcher(settings.idle_minutes)
    combos = ComboPopupStyler()
    app.installEventFilter(combos)  # before any widget is polished
    banner = StatusBanner()
    banner.sound = settings.sound
    ctx = WorkContext(runtime, db, banner, settings, clock)
    ctx.printer = LabelPrinter(
        ctx,
        settings.label_output,
        Path(settings.label_folder or runtime.paths.data_dir / "labels"),
        runtime.paths.config_dir / "printers.json",
        settings.label_printer,
    )
    devices = DeviceManager(bridge, runtime.paths.config_dir / "devices.json")
    ctx.devices = devices
    window = MainWindow(ctx, bridge, WORKSPACES, idle)
    # The window and its banner are built again when the language changes: reach them through ctx and the shell.
    db.waiting.connect(lambda attempt, attempts: ctx.banner.database_busy(attempt, attempts))
    holder: list[Shell] = []
    upkeep = DatabaseUpkeep(runtime, lambda: ctx.banner, lambda text: holder[0].window.statusBar().showMessage(text, 60_000))
    sync = BackgroundSync(runtime)
    shell = Shell(
        app, runtime, settings, settings_path, db, bridge, wedge_filter, idle, combos, ctx, window, devices, upkeep, sync
    )
    holder.append(shell)
    shell._wire(window)
    window.restore_layout(settings.window_geometry, settings.window_state)
    app.installEventFilter(wedge_filter)
    app.installEventFilter(idle)
    return shell
