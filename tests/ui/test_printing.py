"""Label printing from the GUI goes through services.labels: every print is an event the lot's history shows."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication

from tests.ui.conftest import sign_in_as, wait_idle
from tracedesk.labels.printers import PrinterConfig, load_printers, save_printers
from tracedesk.services.history import lot_history
from tracedesk.ui.printers_page import PrintersPage
from tracedesk.ui.settings_dialog import SettingsDialog
from tracedesk.ui.workspaces.qa import QaWorkspace

pytestmark = pytest.mark.gui


def _prints(runtime, code: str) -> list:
    with runtime.unit_of_work() as s:
        return [e for e in lot_history(s, code) if e.type == "label_printed"]


def test_qa_print_saves_a_pdf_and_the_timeline_shows_the_print(shell, runtime, plant):
    sign_in_as(shell, "qa")
    qa = shell.window.show_workspace(QaWorkspace)
    qa.open_lot(plant.sugar)
    wait_idle(shell)
    qa.print_label()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and "saved" in shell.ctx.banner.text()
    assert shell.ctx.printer.last_file.read_bytes().startswith(b"%PDF")
    [entry] = _prints(runtime, plant.sugar)
    saved = shell.ctx.printer.last_file.name
    assert entry.user == "qa" and entry.summary.render("en") == f"Label saved (incoming-lot, PDF) to the file {saved}."
    assert any(saved in e.summary for e in qa.history.records())
    # The history is read in the reader's language: nothing of the English sentence is kept in the event.
    assert entry.summary.render("zh_CN") == f"标签（incoming-lot，PDF）已保存到文件 {saved}。"


def test_zpl_goes_to_the_station_printer_and_is_recorded_only_when_sent(shell, runtime, plant):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    received: list[bytes] = []

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(65536):
                received.append(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    path = shell.runtime.paths.config_dir / "printers.json"
    save_printers(path, {"Dock": PrinterConfig("Dock", "zpl-tcp", f"127.0.0.1:{server.getsockname()[1]}")})
    shell.ctx.printer.station_printer = "Dock"
    sign_in_as(shell, "qa")
    shell.ctx.printer.print_lots([plant.sugar])
    wait_idle(shell)
    thread.join(5)
    server.close()
    assert shell.ctx.banner.kind == "ok" and "Dock" in shell.ctx.banner.text()
    assert b"^XA" in b"".join(received) and plant.sugar.encode() in b"".join(received)
    assert [e.payload["printer"] for e in _prints(runtime, plant.sugar)] == ["Dock"]

    # A printer that does not answer: said in the banner, nothing recorded.
    save_printers(path, {"Dock": PrinterConfig("Dock", "zpl-tcp", "127.0.0.1:1")})
    shell.ctx.printer.print_lots([plant.sugar])
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "did not print" in shell.ctx.banner.text()
    assert len(_prints(runtime, plant.sugar)) == 1


def test_printers_page_checks_adds_removes_and_sets_the_station_default(qapp, tmp_path):
    path = tmp_path / "printers.json"
    page = PrintersPage(path, "")
    page.name.setText("Dock")
    page.kind.setCurrentIndex(page.kind.findData("zpl-tcp"))
    assert not page.add() and "address" in page.error.text()
    page.address.setText("10.0.0.9:9100")
    assert page.add()
    page.default.setCurrentIndex(page.default.findData("Dock"))
    page.save()
    assert load_printers(path)["Dock"].address == "10.0.0.9:9100"
    assert page.chosen_default() == "Dock"
    page.list.setCurrentRow(0)
    page.remove_selected()
    page.save()
    assert load_printers(path) == {}


def test_settings_dialog_keeps_the_default_printer(qapp, shell, tmp_path):
    save_printers(tmp_path / "p.json", {"Dock": PrinterConfig("Dock", "zpl-serial", "/dev/ttyUSB0")})
    settings = replace(shell.settings, label_printer="Dock")
    dialog = SettingsDialog(settings, shell.runtime.station, may_edit_station=True, printers_path=tmp_path / "p.json")
    assert dialog.result_settings().label_printer == "Dock"


def test_a_slow_printer_never_holds_up_the_database_thread(shell, runtime, plant, monkeypatch):
    from tracedesk.services import labels as label_service

    release, threads = threading.Event(), []

    def slow_send(job, printer) -> None:  # noqa: ANN001
        threads.append(threading.current_thread().name)
        release.wait(5)

    monkeypatch.setattr(label_service, "send_to_printer", slow_send)
    save_printers(shell.runtime.paths.config_dir / "printers.json", {"Dock": PrinterConfig("Dock", "zpl-tcp", "127.0.0.1:9")})
    shell.ctx.printer.station_printer = "Dock"
    sign_in_as(shell, "qa")
    shell.ctx.printer.print_lots([plant.sugar])
    answers: list[int] = []

    deadline = time.monotonic() + 5
    while not threads and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    shell.ctx.query(lambda s: 42, answers.append)  # the DB thread answers while the printer hangs
    while not answers and time.monotonic() < deadline:
        QCoreApplication.processEvents()
    assert answers == [42] and threads[0].startswith("tracedesk-print")
    assert _prints(runtime, plant.sugar) == []  # not recorded before it was sent
    release.set()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and [e.payload["printer"] for e in _prints(runtime, plant.sugar)] == ["Dock"]


def test_the_window_prints_with_the_station_s_own_templates(shell, runtime, plant, monkeypatch):
    """A template in the settings folder's `labels` folder, as `tracedesk label` reads it, prints from the window too."""
    own = runtime.paths.config_dir / "labels"
    own.mkdir(parents=True, exist_ok=True)
    (own / "bench-tag.toml").write_text(
        'name = "bench-tag"\ntitle = "Bench tag 50 x 25 mm"\nwidth_mm = 50\nheight_mm = 25\n\n'
        '[[text]]\nx = 2\ny = 2\nw = 46\nh = 8\ntext = "{lot_code}"\nsize = 12\n',
        encoding="utf-8",
    )
    sign_in_as(shell, "qa")
    shell.ctx.printer.print_lots([plant.sugar], template="bench-tag")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    saved = shell.ctx.printer.last_file
    assert saved.name.endswith("-bench-tag.pdf") and saved.read_bytes().startswith(b"%PDF")
    assert [e.payload["template"] for e in _prints(runtime, plant.sugar)] == ["bench-tag"]

    # Qt's print dialog gets the same template (read on the database thread); cancelling records nothing.
    from tracedesk.ui import printing

    opened: list[tuple[float, float]] = []

    def cancel(dialog) -> int:  # noqa: ANN001 - a modal dialog cannot be answered offscreen
        size = dialog.printer().pageLayout().pageSize().size(printing.QPageSize.Unit.Millimeter)
        opened.append((round(size.width()), round(size.height())))
        return 0

    monkeypatch.setattr(printing.QPrintDialog, "exec", cancel)
    shell.ctx.printer.output = "printer"
    shell.ctx.printer.print_lots([plant.sugar], template="bench-tag")
    wait_idle(shell)
    assert opened == [(50, 25)] and "cancelled" in shell.ctx.banner.text()
    assert len(_prints(runtime, plant.sugar)) == 1


def test_settings_say_why_the_station_s_own_settings_are_greyed_out(qapp, shell, tmp_path):
    """A QA user found the printers page greyed out and no word of why."""
    path = tmp_path / "p.json"
    qa = SettingsDialog(shell.settings, shell.runtime.station, may_edit_station=False, printers_path=path)
    assert not qa.printers.isEnabled() and not qa.station_name.isEnabled()
    assert not qa.station_note.isHidden()
    assert qa.station_note.text() == (
        "Printers, the station's name and lot-code prefix, and the hub are set up by an administrator."
    )
    admin = SettingsDialog(shell.settings, shell.runtime.station, may_edit_station=True, printers_path=path)
    assert admin.station_note.isHidden()
