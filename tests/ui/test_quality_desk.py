"""The quality desk: holds, alerts, complaints, recall with the mock-recall clock, exports and the audit trail."""

from __future__ import annotations

import csv
import json

import pytest

from tests.ui.conftest import scan, sign_in_as, wait_idle
from tracedesk.ui.workspaces.quality.desk import QualityDeskWorkspace

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(shell):
    sign_in_as(shell, "qa")
    workspace = shell.window.show_workspace(QualityDeskWorkspace)
    wait_idle(shell)
    return workspace


def test_open_holds_and_alerts_are_listed_and_pass_the_model_tester(shell, desk, plant, qtmodeltester):
    assert [h.hold.lot for h in desk.holds.model.records()] == [plant.held]
    qtmodeltester.check(desk.holds.model)
    desk.tabs.setCurrentWidget(desk.alerts)
    wait_idle(shell)
    qtmodeltester.check(desk.alerts.model)


def test_a_scanned_lot_gets_a_complaint_that_can_hold_it_and_close(shell, desk, plant, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    desk.tabs.setCurrentWidget(desk.complaints)
    scan(shell, plant.sugar)
    desk.complaints.text.setText("Black specks in the sugar")
    desk.complaints.set_attachments([photo])
    desk.complaints.register()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    [complaint] = desk.complaints.model.records()
    assert complaint.lot == plant.sugar and len(complaint.attachments) == 1
    desk.complaints.view.selectRow(0)
    desk.complaints.status.setCurrentIndex(desk.complaints.status.findData("investigating"))
    desk.complaints.action.setCurrentIndex(desk.complaints.action.findData("hold"))
    desk.complaints.update_selected()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok", shell.ctx.banner.text()
    desk.complaints.view.selectRow(0)
    desk.complaints.status.setCurrentIndex(desk.complaints.status.findData("closed"))
    desk.complaints.action.setCurrentIndex(0)
    desk.complaints.update_selected()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused" and "conclusion" in shell.ctx.banner.text()
    assert shell.ctx.banner.text().startswith("Refused: ")


def test_a_mock_recall_times_from_its_start_to_the_report_and_is_listed(shell, desk, plant, tmp_path):
    desk.tabs.setCurrentWidget(desk.recall)
    wait_idle(shell)
    assert desk.recall.drills.rowCount() == 0
    desk.recall.toggle_mock()
    assert desk.recall.clock.isActive() and desk.recall.mock is not None  # the drill started: its clock runs
    desk.recall.toggle_mock()  # nothing named yet
    assert shell.ctx.banner.kind == "refused" and desk.recall.clock.isActive()
    scan(shell, plant.sugar)
    desk.recall.finish_mock(tmp_path / "drill.pdf")
    wait_idle(shell)
    report = desk.recall.report
    assert report is not None and report.mock is not None and plant.sugar in report.lot_codes
    assert (tmp_path / "drill.pdf").read_bytes().startswith(b"%PDF") and shell.ctx.banner.kind == "ok"
    assert "Mock recall finished in" in desk.recall.summary.text()
    assert not desk.recall.clock.isActive() and desk.recall.mock is None
    wait_idle(shell)
    [drill] = desk.recall.drills.records()
    assert drill.code == report.mock.code and drill.report == "drill.pdf" and drill.sources == (plant.sugar,)


def test_a_recall_on_a_lot_in_an_open_recall_offers_the_open_one(shell, desk, plant, monkeypatch):
    from tracedesk.ui.workspaces.quality import recall as recall_tab

    asked: list[str] = []
    monkeypatch.setattr(recall_tab, "ask_open_recall", lambda _parent, text: asked.append(text) or True)
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.lots.setText(plant.sugar)
    desk.recall.start("first")
    wait_idle(shell)
    first = desk.recall.report.recall_code
    desk.recall.start("second")
    wait_idle(shell)
    assert len(asked) == 1 and first in asked[0] and plant.sugar in asked[0]
    assert desk.recall.report.recall_code == first  # the open recall is shown, no second one opened


def test_a_recall_from_a_supplier_lot_holds_every_lot_and_saves_its_report(shell, desk, plant, tmp_path):
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.supplier_lot.setText("S-9")
    desk.recall.start("supplier recall notice")
    wait_idle(shell)
    assert desk.recall.report.recall_code and shell.ctx.banner.kind == "warning"
    desk.recall.save(tmp_path / "recall.xlsx")
    wait_idle(shell)
    assert shell.ctx.banner.kind == "ok" and (tmp_path / "recall.xlsx").stat().st_size > 0
    desk.tabs.setCurrentWidget(desk.holds)
    wait_idle(shell)
    assert plant.sugar in [h.hold.lot for h in desk.holds.model.records()]


def test_exports_and_the_audit_trail_write_their_files(shell, desk, plant, tmp_path, qtmodeltester):
    desk.tabs.setCurrentWidget(desk.exports)
    scan(shell, plant.sugar)
    desk.exports.export("dossier", tmp_path / "d.pdf")
    wait_idle(shell)
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")
    # The banner says what its number counts, not "trace dossier of ... (7)".
    said = shell.ctx.banner.text()
    assert said.startswith(f"d.pdf written: trace dossier of {plant.sugar}: ") and "in its timeline" in said
    desk.exports.export("epcis", tmp_path / "e.jsonld")
    wait_idle(shell)
    assert json.loads((tmp_path / "e.jsonld").read_text())["type"] == "EPCISDocument"
    # The plant's supplier has no address yet: the FSMA sheet is written and its gaps are said.
    desk.exports.export("fsma", tmp_path / "f.xlsx")
    wait_idle(shell)
    assert (tmp_path / "f.xlsx").exists() and shell.ctx.banner.kind == "warning"
    assert "listed in the Gaps sheet" in shell.ctx.banner.text()
    desk.tabs.setCurrentWidget(desk.audit)
    scan(shell, plant.held)
    types = [e.type for e in desk.audit.model.records()]
    assert "lot_held" in types
    qtmodeltester.check(desk.audit.model)
    desk.audit.start.setText("not a day")
    desk.audit.search()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "refused"
    desk.audit.start.clear()
    desk.audit.export_csv(tmp_path / "audit.csv")
    wait_idle(shell)
    with open(tmp_path / "audit.csv", encoding="utf-8") as handle:
        assert len(list(csv.reader(handle))) == len(types) + 1


def test_every_tab_takes_the_lot_code_from_a_scanned_label_or_gs1_code(shell, desk, plant):
    desk.tabs.setCurrentWidget(desk.recall)
    scan(shell, f"TD:{plant.sugar}")
    scan(shell, "]C10109501101530003" + "10F-NEW")
    assert desk.recall.lots.text() == f"{plant.sugar} {plant.flour}"
    desk.recall.show_report()
    wait_idle(shell)
    assert shell.ctx.banner.kind == "warning" and plant.sugar in desk.recall.report.lot_codes
    for tab, field in ((desk.complaints, desk.complaints.lot), (desk.exports, desk.exports.lot), (desk.audit, desk.audit.lot)):
        desk.tabs.setCurrentWidget(tab)
        wait_idle(shell)
        scan(shell, f"TD:{plant.held}")
        assert field.text() == plant.held
    assert "lot_held" in [e.type for e in desk.audit.model.records()]


def test_an_unknown_scan_is_refused_and_a_running_mock_recall_goes_on(shell, desk, plant):
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.toggle_mock()
    scan(shell, "TD:NO-SUCH-LOT")
    assert shell.ctx.banner.kind == "refused" and "NO-SUCH-LOT" in shell.ctx.banner.text()
    assert desk.recall.lots.text() == ""
    scan(shell, f"TD:{plant.sugar}")
    scan(shell, "nothing we know")
    assert shell.ctx.banner.kind == "refused"
    assert desk.recall.clock.isActive() and desk.recall.mock is not None and desk.recall.lots.text() == plant.sugar


def test_a_scan_that_matches_several_lots_asks_which_one(shell, desk, plant, monkeypatch):
    from tracedesk.ui.workspaces import base

    offered: list[list[str]] = []

    def choose(lots, _parent):  # noqa: ANN001, ANN202
        offered.append([lot.code for lot in lots])
        return lots[-1]

    monkeypatch.setattr(base, "choose_lot", choose)
    with shell.runtime.unit_of_work() as session:
        from sqlalchemy import update

        from tracedesk.db.models import Lot

        session.execute(update(Lot).where(Lot.code == plant.salt).values(supplier_lot="S-9"))
    desk.tabs.setCurrentWidget(desk.complaints)
    scan(shell, "S-9")
    assert offered == [[plant.sugar, plant.salt]] and desk.complaints.lot.text() == plant.salt


def test_beginning_a_mock_recall_clears_the_previous_report(shell, desk, plant):
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.lots.setText(plant.sugar)
    desk.recall.show_report()
    wait_idle(shell)
    assert desk.recall.model.rowCount() > 0
    desk.recall.toggle_mock()
    assert desk.recall.model.rowCount() == 0 and desk.recall.report is None and desk.recall.lots.text() == ""


def test_the_recall_summary_counts_in_the_singular_and_the_plural(shell, desk, plant):
    desk.tabs.setCurrentWidget(desk.recall)
    desk.recall.lots.setText(plant.salt)
    desk.recall.show_report()
    wait_idle(shell)
    assert "1 lot, 0 orders, 0 customers affected." in desk.recall.summary.text()
