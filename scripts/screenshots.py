"""Take a screenshot of every workspace with demo data, on a real X server (Xvfb), into docs/screenshots/.

Run `make screenshots` (or `python scripts/screenshots.py [folder]`). Needs Xvfb and the X11
libraries of Qt's xcb plugin (Debian/Ubuntu: `sudo apt-get install xvfb libxcb-cursor0 libxcb-icccm4
libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1
libxkbcommon-x11-0`). An X display that already exists is used as is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

# (width, height, large text) per file-name suffix: the most common shop-floor screen and a big
# one, each with normal and large text; every one in English and in Chinese.
SIZES = {"": (1366, 768, False), "-large": (1366, 768, True), "-1920": (1920, 1080, False), "-touch": (1920, 1080, True)}


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """A virtual screen when none is available; exits with a hint when Xvfb is missing."""
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        return None
    if shutil.which("Xvfb") is None:
        sys.exit(
            "Screenshots need a real X server: install Xvfb and the X11 libraries of Qt's xcb plugin "
            "(Debian/Ubuntu: sudo apt-get install xvfb libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
            "libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0)."
        )
    display = ":87"
    process = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    if process.poll() is not None:
        sys.exit("Xvfb did not start.")
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return process


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    xvfb = start_xvfb()
    home = Path(tempfile.mkdtemp(prefix="tracedesk-shots-"))
    os.environ["TRACEDESK_HOME"] = str(home)
    try:
        return _shoot(out, home)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)
        shutil.rmtree(home, ignore_errors=True)


def _shoot(out: Path, home: Path) -> int:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QApplication, QComboBox, QTabWidget

    from tracedesk.core.actor import Actor
    from tracedesk.core.messages import set_language
    from tracedesk.devices.scan import Scan
    from tracedesk.paths import AppPaths
    from tracedesk.services.demo import build_demo
    from tracedesk.services.runtime import Runtime, StationSettings
    from tracedesk.ui.i18n import install_language, register_fonts
    from tracedesk.ui.shell import build_shell
    from tracedesk.ui.ui_settings import UiSettings
    from tracedesk.ui.workspaces.inspection import InspectionWorkspace
    from tracedesk.ui.workspaces.masterdata import MasterDataWorkspace
    from tracedesk.ui.workspaces.production import ProductionWorkspace
    from tracedesk.ui.workspaces.qa import QaWorkspace
    from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace
    from tracedesk.ui.workspaces.receiving import ReceivingWorkspace
    from tracedesk.ui.workspaces.shipping import ShippingWorkspace
    from tracedesk.ui.workspaces.warehouse import WarehouseWorkspace

    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts(app)
    paths = AppPaths.from_environment().ensure()
    now = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    runtime = Runtime.open(f"sqlite:///{home / 'demo.sqlite3'}", paths, StationSettings("GATE1", "Goods-in 1", "L"))
    with runtime.unit_of_work() as session:
        build_demo(session, Actor("", "GATE1", 60, lambda: now), days=45, record_station=runtime.record_station)

    def settle(shell) -> None:  # noqa: ANN001
        for _ in range(400):
            QCoreApplication.processEvents()
            if shell.db.is_idle:
                QCoreApplication.processEvents()
                break
            time.sleep(0.01)
        time.sleep(0.05)
        QCoreApplication.processEvents()

    for language in ("en", "zh_CN"):
        set_language(install_language(app, language))  # screen texts and the services' sentences alike
        for suffix, (width, height, large) in SIZES.items():
            (paths.config_dir / "layout.ini").unlink(missing_ok=True)  # every picture with the first-use pane sizes
            UiSettings(large_text=large, language=language).save(paths.config_dir / "ui.json")
            shell = build_shell(app, runtime, clock=lambda: now, wedge=False)
            shell.ctx.banner.sound = False
            window = shell.window
            window.setWindowState(Qt.WindowState.WindowNoState)  # the picture's size, not the screen's
            window.resize(width, height)
            window.show()
            settle(shell)
            tag = ("" if language == "en" else "-zh") + suffix

            def shot(name: str, shell=shell, window=window, tag=tag, folded: bool = False) -> None:  # noqa: ANN001
                settle(shell)
                if folded:
                    shell.ctx.banner.collapse()  # as it is a few seconds after the last message
                    settle(shell)
                path = out / f"{name}{tag}.png"
                window.grab().save(str(path))
                print(path)

            shot("00-sign-in")
            from tracedesk.services.users import list_users

            with runtime.unit_of_work() as session:
                admin = next(u for u in list_users(session) if u.code == "admin")
            window.signed_in(admin)
            settle(shell)
            window.show_workspace(ReceivingWorkspace)
            settle(shell)
            shell.bridge.on_scan(Scan("]C1010950110153000310MN2611-07\x1d17270531" + "3102250000", "scanner"))
            settle(shell)
            shot("01-receiving")
            window.show_workspace(InspectionWorkspace)
            shot("02-inspection")
            production = window.show_workspace(ProductionWorkspace)
            settle(shell)
            production.create_order("DOUGH", "500", line="LINE-1", equipment="Mixer M2", operators="li")
            settle(shell)
            from tracedesk.services.queries import search_lots

            with runtime.unit_of_work() as session:
                flour = [
                    lot for lot in search_lots(session, "FLOUR-T55", limit=500) if lot.status == "released" and lot.balance > 0
                ]
            if flour:
                shell.bridge.on_scan(Scan("TD:" + flour[-1].code, "scanner"))
            shot("03-production")
            shipping = window.show_workspace(ShippingWorkspace)
            settle(shell)
            shipping.customer.setCurrentIndex(3)
            shipping.document.setText("DN-204411")
            shot("04-shipping")
            window.show_workspace(WarehouseWorkspace)
            settle(shell)
            shell.bridge.on_scan(Scan("FG-A01", "scanner"))
            settle(shell)
            shot("04-warehouse")
            qa = window.show_workspace(QaWorkspace)
            settle(shell)
            with runtime.unit_of_work() as session:
                dough = search_lots(session, "DOUGH", limit=200)
            qa.open_lot(dough[min(5, len(dough) - 1)].code)
            settle(shell)
            for row in range(qa.tree_model.rowCount()):
                index = qa.tree_model.index(row, 0)
                qa.tree.expand(index)
                settle(shell)
                if qa.tree_model.rowCount(index):
                    qa.tree.expand(qa.tree_model.index(0, 0, index))
                    settle(shell)
            shot("05-trace-tree", folded=True)
            qa.views.setCurrentIndex(1)
            settle(shell)
            qa.graph.fit()
            shot("06-trace-graph", folded=True)
            qa.views.setCurrentIndex(2)
            shot("07-trace-history", folded=True)
            desk = window.show_workspace(QualityDeskWorkspace)
            shot("08-quality-holds")
            desk.tabs.setCurrentWidget(desk.recall)
            if flour and flour[-1].supplier_lot:
                desk.recall.supplier_lot.setText(flour[-1].supplier_lot)
                desk.recall.show_report()
            shot("09-quality-recall")
            desk.tabs.setCurrentWidget(desk.complaints)
            shot("10-quality-complaints")
            desk.tabs.setCurrentWidget(desk.audit)
            desk.audit.search()
            shot("11-quality-audit")
            window.show_workspace(MasterDataWorkspace)
            shot("12-master-data")
            if not suffix:
                # Every drop-down of every workspace, opened with its second entry highlighted.
                popups = []
                for index in range(window.tabs.count()):
                    window.tabs.setCurrentIndex(index)
                    settle(shell)
                    for combo in window.tabs.widget(index).findChildren(QComboBox):
                        if not combo.isVisible() or combo.count() < 2:
                            continue
                        combo.showPopup()
                        settle(shell)
                        combo.view().setCurrentIndex(combo.model().index(1, 0))
                        settle(shell)
                        popups.append(combo.view().window().grab().toImage())
                        combo.hidePopup()
                sheet = QImage(
                    max(p.width() for p in popups) + 20, sum(p.height() + 10 for p in popups) + 10, QImage.Format.Format_RGB32
                )
                sheet.fill(QColor("#f4f6f8"))
                painter = QPainter(sheet)
                y = 10
                for popup in popups:
                    painter.drawImage(10, y, popup)
                    y += popup.height() + 10
                painter.end()
                path = out / f"14-drop-downs{tag}.png"
                sheet.save(str(path))
                print(path)
            from tracedesk.labels.printers import PrinterConfig, save_printers
            from tracedesk.ui.settings_dialog import SettingsDialog

            save_printers(
                paths.config_dir / "printers.json", {"Dock Zebra": PrinterConfig("Dock Zebra", "zpl-tcp", "192.168.10.31:9100")}
            )

            dialog = SettingsDialog(
                shell.settings,
                runtime.station,
                may_edit_station=True,
                printers_path=paths.config_dir / "printers.json",
                parent=window,
            )
            dialog.findChild(QTabWidget).setCurrentIndex(1)
            dialog.show()
            settle(shell)
            path = out / f"13-settings-printers{tag}.png"
            dialog.grab().save(str(path))
            print(path)
            dialog.close()
            shell.close()
            window.deleteLater()
            settle(shell)
    runtime.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
