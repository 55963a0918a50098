"""The main window: header, scan field, status banner, and the workspaces the signed-in role may use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from tracedesk.core.errors import TraceDeskError
from tracedesk.devices.scan import Scan
from tracedesk.services.dto import UserInfo
from tracedesk.services.users import create_first_admin, list_users, sign_in, sign_in_with_badge, users_version
from tracedesk.ui.bridge import DeviceBridge
from tracedesk.ui.context import WorkContext
from tracedesk.ui.disabled import set_available
from tracedesk.ui.firstrun import FirstAdmin, FirstAdminPage
from tracedesk.ui.idle import IdleWatcher
from tracedesk.ui.label_check import carries_verification, check_label
from tracedesk.ui.scanfield import ScanField
from tracedesk.ui.signin import SignInPage, role_text
from tracedesk.ui.workspaces.base import Workspace

WorkspaceFactory = Callable[[WorkContext, QWidget], Workspace]
USERS_POLL_MS = 2000


class MainWindow(QMainWindow):
    """Arranges the workspaces and routes every scan to the active one; holds no business logic."""

    def __init__(self, ctx: WorkContext, bridge: DeviceBridge, factories: Sequence[WorkspaceFactory], idle: IdleWatcher) -> None:
        super().__init__()
        self.ctx = ctx
        self.bridge = bridge
        self.idle = idle
        self.setWindowTitle(self.tr("TraceDesk — {0}").format(ctx.runtime.station.name))
        self.setMinimumSize(960, 600)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        # One row for the name, the scan field and who is signed in: at 1366x768 (and with large
        # text) a separate header row would cost the lists below two of their rows.
        header = QHBoxLayout()
        title = QLabel("TraceDesk")
        title.setObjectName("heading")
        header.addWidget(title)
        self.scan_field = ScanField()
        header.addWidget(self.scan_field, 1)
        self.station_label = QLabel(self.tr("Station: {0}").format(ctx.runtime.station.name))
        self.user_label = QLabel()
        self.user_label.setObjectName("userBadge")
        header.addWidget(self.user_label)
        self.settings_button = QPushButton(self.tr("Settings"))
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        header.addWidget(self.settings_button)
        header.addWidget(self.sign_out_button)
        layout.addLayout(header)
        layout.addWidget(ctx.banner)
        self.stack = QStackedWidget()
        self.sign_in_page = SignInPage()
        self.first_admin_page = FirstAdminPage()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.stack.addWidget(self.sign_in_page)
        self.stack.addWidget(self.first_admin_page)
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.device_label = QLabel()
        self._unplugged_warnings: dict[str, str] = {}  # device name -> the banner's warning about it
        self.busy_label = QLabel()
        self.statusBar().addWidget(self.device_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.station_label)
        # The window owns every workspace from the start, not only those a tab has shown: one the
        # signed-in role never sees (or one never shown before signing out) would otherwise outlive
        # the window, kept by its own signal connections, and be re-styled with every later window.
        shelf = QWidget(self)
        shelf.hide()
        self.workspaces = [factory(ctx, shelf) for factory in factories]
        self.settings_dialog_factory: Callable[[], object] | None = None
        self.sync_label: QLabel | None = None  # the hub's state (the shell adds it)

        self.scan_field.submitted.connect(lambda text: self.handle_scan(Scan(text, "keyboard")))
        bridge.scanned.connect(self.handle_scan)
        bridge.status_changed.connect(self._device_status)
        self.sign_in_page.pin_entered.connect(self._pin_entered)
        self.first_admin_page.admin_entered.connect(self._create_first_admin)
        # Users added meanwhile (in master data, or with `tracedesk users add` by another program)
        # appear on the sign-in screen at once: while nobody is signed in, the log is asked.
        self._users_version: int | None = None
        self.users_timer = QTimer(self)
        self.users_timer.setInterval(USERS_POLL_MS)
        self.users_timer.timeout.connect(self._poll_users)
        self.sign_out_button.clicked.connect(self.sign_out)
        self.settings_button.clicked.connect(self._open_settings)
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.db.busy_changed.connect(self._busy_changed)
        idle.timed_out.connect(self._idle_sign_out)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self).activated.connect(self.scan_field.setFocus)
        for number in range(1, 10):
            QShortcut(QKeySequence(f"Ctrl+{number}"), self).activated.connect(lambda n=number: self._go_to_tab(n - 1))
        self.sign_out(quiet=True)
        if ctx.device_status is not None:
            self.device_label.setText(str(ctx.device_status))  # the last device line, in this window's language

    def detach(self) -> None:
        """Stop taking scans, device lines and idle time-outs: another window takes over (a language switch)."""
        for signal, slot in (
            (self.bridge.scanned, self.handle_scan),
            (self.bridge.status_changed, self._device_status),
            (self.ctx.db.busy_changed, self._busy_changed),
            (self.idle.timed_out, self._idle_sign_out),
            *((self.ctx.data_changed, w._data_changed) for w in self.workspaces),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass  # never connected, or already gone

    def saved_state(self) -> dict[str, object]:
        """Where the user is: the front workspace and what each workspace has open (see `restore_state`)."""
        current = self.current_workspace()
        return {
            "workspace": type(current) if current is not None else None,
            "workspaces": {type(w): w.saved_state() for w in self.workspaces},
        }

    def restore_state(self, state: dict[str, object]) -> None:
        opened = state.get("workspaces", {})
        for workspace in self.workspaces:
            kept = opened.get(type(workspace)) if isinstance(opened, dict) else None
            if kept is not None:
                workspace.restore_state(kept)
        front = state.get("workspace")
        if isinstance(front, type):
            self.show_workspace(front)

    def announce_language(self, name: str) -> None:
        self.ctx.banner.info(self.tr("The language is now {0}.").format(name))

    def _busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    # --- signing in and out ---------------------------------------------------------------

    def load_users(self) -> None:
        self.ctx.query(lambda s: (users_version(s), list_users(s)), self._users_loaded)

    def _users_loaded(self, found: tuple[int, list[UserInfo]]) -> None:
        self._users_version, users = found
        if self.ctx.user is not None:
            return
        if not users:
            # Nobody to sign in as: the first administrator comes first, never an empty list.
            if self.stack.currentWidget() is not self.first_admin_page:
                self.stack.setCurrentWidget(self.first_admin_page)
                self.ctx.banner.info(self.tr("Welcome. Create the administrator of this database to begin."))
                self.first_admin_page.focus_first()
            return
        self.sign_in_page.set_users(users)
        if self.stack.currentWidget() is not self.sign_in_page:
            if self.stack.currentWidget() is self.first_admin_page:
                # Someone created the users meanwhile (e.g. `tracedesk init --admin` on this database).
                self.ctx.banner.info(self.tr("There are users now: choose your name and type your PIN."))
            self.stack.setCurrentWidget(self.sign_in_page)
            self.sign_in_page.focus_pin()

    def _poll_users(self) -> None:
        if self.ctx.user is None and self.ctx.db.is_idle:
            self.ctx.query(users_version, self._users_polled)

    def _users_polled(self, version: int) -> None:
        if version != self._users_version:
            self.load_users()

    def _create_first_admin(self, admin: FirstAdmin) -> None:
        at = self.ctx.station_actor()

        def work(session: Session) -> UserInfo:
            user = create_first_admin(session, at, code=admin.code, name=admin.name, pin=admin.pin)
            self.ctx.runtime.record_station(session, replace(at, user=user.code))
            return user

        def done(user: UserInfo) -> None:
            self.signed_in(user)
            self.ctx.banner.ok(
                self.tr("Administrator {0} created and signed in. Add the other users under Master data → Users.").format(
                    user.name
                )
            )

        def failed(error: TraceDeskError) -> None:
            self.first_admin_page.show_error(str(error))
            self.load_users()  # someone else may have created the first user meanwhile

        self.ctx.db.run(work, done, failed)

    def _pin_entered(self, code: str, pin: str) -> None:
        at = replace(self.ctx.station_actor(), user=code)

        def work(session: Session) -> UserInfo:
            # A write unit: a wrong PIN is counted towards the lock-out, and the first user to
            # sign in at a station the database does not know yet records its configuration.
            user = sign_in(session, at, code, pin)
            self.ctx.runtime.record_station(session, replace(at, user=user.code))
            return user

        self.ctx.db.run(work, self.signed_in, lambda e: self.ctx.banner.refused(str(e)))

    def _badge_scanned(self, badge: str) -> None:
        at = self.ctx.station_actor()

        def work(session: Session) -> UserInfo:
            # A write unit: an old unsalted badge key is salted at its first use, and a station
            # the database does not know yet is recorded by the first user who signs in there.
            user = sign_in_with_badge(session, at, badge)
            self.ctx.runtime.record_station(session, replace(at, user=user.code))
            return user

        self.ctx.db.run(work, self.signed_in, lambda e: self.ctx.banner.refused(str(e)))

    def signed_in(self, user: UserInfo) -> None:
        self.ctx.sign_in(user)
        self.user_label.setText(f"{user.name} · {role_text(user.role.value)}")
        self.tabs.blockSignals(True)
        self.tabs.clear()
        for workspace in self.workspaces:
            if workspace.action is None or self.ctx.may(workspace.action):
                self.tabs.addTab(workspace, workspace.title())
        self.tabs.blockSignals(False)
        self.stack.setCurrentWidget(self.tabs)
        self.users_timer.stop()
        set_available(self.sign_out_button, True)
        self.ctx.banner.ok(self.tr("Signed in as {0}.").format(user.name))
        self.idle.arm()
        self._tab_changed(self.tabs.currentIndex())
        self.scan_field.setFocus()

    def sign_out(self, quiet: bool = False) -> None:
        self.ctx.sign_in(None)
        for workspace in self.workspaces:
            workspace.reset()
        self.user_label.setText(self.tr("Not signed in"))
        self.tabs.clear()
        self.stack.setCurrentWidget(self.sign_in_page)
        set_available(self.sign_out_button, False, self.tr("Nobody is signed in."))
        self.idle.disarm()
        self.load_users()
        self.users_timer.start()
        if not quiet:
            self.ctx.banner.info(self.tr("Signed out. Sign in to continue."))
        self.sign_in_page.focus_pin()

    def _idle_sign_out(self) -> None:
        if self.ctx.user is not None:
            self.sign_out(quiet=True)
            self.ctx.banner.info(self.tr("Signed out after %n minute(s) without activity.", "", self.idle.minutes))

    # --- scans ----------------------------------------------------------------------------

    def handle_scan(self, scan: Scan) -> None:
        """Every source ends here: signed out, a scan is a badge; signed in, it goes to the active workspace."""
        devices = self.ctx.devices
        if devices is not None and scan.source in devices.retired:
            # The device was removed from this station's settings while its scan was on its way.
            self.ctx.banner.warning(
                self.tr("A scan from {0}, which is no longer set up at this station, was not used: {1}").format(
                    scan.source, scan.text.strip()[:80]
                )
            )
            return
        if self.ctx.user is None:
            self._badge_scanned(scan.text.strip())
            return
        workspace = self.current_workspace()
        if workspace is None:
            self.ctx.banner.refused(self.tr("Choose a task before scanning."))
            return
        if carries_verification(scan.text):
            # A label that can be checked is checked at every station, offline, before it is used.
            check_label(self.ctx, scan.text, lambda: self._to_workspace(workspace, scan.text))
            return
        self._to_workspace(workspace, scan.text)

    def _to_workspace(self, workspace: Workspace, text: str) -> None:
        try:
            workspace.handle_scan(text)
        except TraceDeskError as error:
            self.ctx.banner.refused(str(error))

    def current_workspace(self) -> Workspace | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, Workspace) else None

    def show_workspace(self, kind: type) -> Workspace | None:
        for index in range(self.tabs.count()):
            if isinstance(self.tabs.widget(index), kind):
                self.tabs.setCurrentIndex(index)
                return self.tabs.widget(index)  # type: ignore[return-value]
        return None

    def _go_to_tab(self, index: int) -> None:
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def _tab_changed(self, index: int) -> None:
        workspace = self.current_workspace()
        if workspace is not None and index >= 0:
            workspace.activated()

    def _device_status(self, name: str, state: str, message: object) -> None:
        self.ctx.device_status = message
        self.device_label.setText(str(message))
        if state == "disconnected":
            self.ctx.banner.warning(message)
            self._unplugged_warnings[name] = self.ctx.banner.text()
        elif state == "connected":
            warning = self._unplugged_warnings.pop(name, None)
            if warning is not None and self.ctx.banner.text() == warning:
                # Left up, the amber "unplugged" would contradict the status bar until the next scan.
                self.ctx.banner.ok(message)

    def _open_settings(self) -> None:
        if self.settings_dialog_factory is not None:
            self.settings_dialog_factory()

    # --- layout memory --------------------------------------------------------------------

    def restore_layout(self, geometry: str, state: str) -> None:
        """The saved size and place, or on first start the whole screen (1366x768 leaves no room to spare)."""
        if geometry:
            self.restoreGeometry(QByteArray.fromHex(geometry.encode()))
        else:
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(screen.availableGeometry())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        if state:
            self.restoreState(QByteArray.fromHex(state.encode()))

    def layout_hex(self) -> tuple[str, str]:
        return bytes(self.saveGeometry().toHex().data()).decode(), bytes(self.saveState().toHex().data()).decode()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.closing_callback()
        super().closeEvent(event)

    def closing_callback(self) -> None:
        """Replaced by the application to save the window layout."""
