"""Composition root of the GUI: paths -> logging -> settings -> database -> services -> devices -> UI."""

from __future__ import annotations

import gc
import logging
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from logging.handlers import RotatingFileHandler

from tracedesk.core.errors import TraceDeskError
from tracedesk.paths import AppPaths, database_url

log = logging.getLogger("tracedesk")


def _setup_logging(paths: AppPaths) -> None:
    handler = RotatingFileHandler(paths.log_dir / "tracedesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def run_gui(db: str | None = None, language: str | None = None) -> int:
    """Open the main window; returns the process exit code. Errors a user can act on become dialogs.

    `language` (the command line's --lang) overrides the station's language for this run.
    """
    paths = AppPaths.from_environment().ensure()
    _setup_logging(paths)
    from tracedesk.syscheck import check

    advice = check()
    if advice is not None:
        # Qt would abort naming only the first missing library: all of them, and how to install them.
        log.error("%s", advice)
        print(advice, file=sys.stderr)
        return 3
    from PySide6.QtWidgets import QApplication, QMessageBox

    from tracedesk.core.messages import set_language
    from tracedesk.services.runtime import Runtime, StationSettings
    from tracedesk.ui.i18n import install_language, register_fonts
    from tracedesk.ui.ui_settings import UiSettings

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("TraceDesk")
    app.setOrganizationName("TraceDesk")
    from PySide6.QtGui import QIcon

    from tracedesk.labels.resources import resource_dir

    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "tracedesk.png")))
    app.setDesktopFileName("tracedesk")  # the Linux desktop entry (resources/linux) the window belongs to
    register_fonts(app)
    settings = UiSettings.load(paths.config_dir / "ui.json")
    # Qt's screen texts and the services' sentences in the same language, from the first one.
    set_language(install_language(app, language or settings.language))

    def refuse(title: str, text: str) -> int:
        log.error("%s: %s", title, text)
        QMessageBox.critical(None, title, text)
        return 1

    station_file = paths.config_dir / "station.json"
    demo = False
    try:
        if station_file.exists():
            station = StationSettings.load_or_create(station_file)
        else:
            from tracedesk.ui.firstrun import FirstRunDialog

            dialog = FirstRunDialog()
            if not dialog.exec():
                return 0
            choice = dialog.choice()
            station = StationSettings.load_or_create(station_file)
            station = StationSettings(station.code, choice.station_name, choice.lot_prefix, station.numbering)
            station.save(station_file)
            demo = choice.demo
        runtime = Runtime.open(database_url(db, paths), paths, station)
    except TraceDeskError as error:
        return refuse(app.translate("App", "TraceDesk cannot start"), str(error))
    except Exception as error:  # noqa: BLE001 - never a traceback in the user's face
        log.exception("start-up failed")
        return refuse(
            app.translate("App", "TraceDesk cannot start"),
            app.translate("App", "The database could not be opened: {0}").format(error),
        )
    if demo:
        _build_demo(app, runtime)
    from tracedesk.ui.shell import build_shell

    shell = build_shell(app, runtime)
    shell.start_devices()
    shell.window.show()
    shell.start_upkeep()
    shell.start_sync()
    freeze_startup_objects()
    try:
        return app.exec()
    finally:
        shell.close()
        runtime.close()


def freeze_startup_objects() -> None:
    """Leave what start-up built (modules, classes, the window) out of the cycle collector.

    It lives as long as the process, and every full collection would walk it all again: a
    50-70 ms pause of the window at any moment, measured by the family-tree probe in bench/.
    """
    gc.collect()
    gc.freeze()


def _build_demo(app, runtime) -> None:  # noqa: ANN001
    """Fill the new database with the demo plant, showing that something is happening."""
    from PySide6.QtWidgets import QMessageBox, QProgressDialog

    from tracedesk.services.demo import build_demo

    progress = QProgressDialog(app.translate("App", "Recording three months of a biscuit factory…"), "", 0, 0)
    progress.setCancelButton(None)
    progress.show()
    app.processEvents()
    # On a worker thread, so the window keeps painting while the demo is recorded.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracedesk-demo") as pool:

        def work() -> object:
            with runtime.unit_of_work() as session:
                return build_demo(session, runtime.station_actor(), record_station=runtime.record_station)

        future = pool.submit(work)
        while not future.done():
            app.processEvents()
            time.sleep(0.05)
    progress.close()
    if isinstance(future.exception(), TraceDeskError):
        QMessageBox.warning(None, "TraceDesk", str(future.exception()))
