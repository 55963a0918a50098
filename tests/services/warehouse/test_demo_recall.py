"""The demo plant's recall report read as a regulator would: on hand per location and per plant, and destroyed."""

from __future__ import annotations

import pypdfium2
import pytest
from sqlalchemy import select

from tests import templates
from tracedesk.core.actor import Actor
from tracedesk.db.models import Hold, Lot, Scrap
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.recall import recall_report
from tracedesk.services.reports.recall_report import write_recall_pdf


@pytest.fixture
def runtime(demo_template, tmp_path):
    """Thirty days of the demo plant: a copy of the one built for the whole run."""
    rt = templates.open_copy(demo_template, tmp_path)
    yield rt
    rt.close()


def test_the_demo_recall_report_says_where_stock_is_and_what_was_destroyed(runtime, clock, tmp_path):
    admin = Actor("admin", runtime.station.code, 60, clock)
    with runtime.unit_of_work() as s:
        held = s.scalar(select(Lot.code).join(Hold, Hold.lot_id == Lot.id).where(Hold.closed_at.is_(None)))
        destroyed = s.scalar(select(Lot.code).join(Scrap, Scrap.lot_id == Lot.id))
        assert held and destroyed
        # The held flour's cartons still in stock wait in the quarantine cage of the plant.
        report = recall_report(s, lots=[held], now=admin.now())
        assert report.stock, "some of the held flour's products are still in stock"
        assert {plant for plant, *_ in report.stock_by_location} == {"PLANT"}
        assert ("PLANT", "QC-CAGE") in {(plant, place) for plant, place, *_ in report.stock_by_location}
        # The rejected butter was destroyed, witnessed by a second person.
        butter = recall_report(s, lots=[destroyed], now=admin.now())
        (line,) = butter.scrapped
        assert line.destroyed and line.witness == "anna" and line.location == "QC-CAGE"
        assert butter.lots[0].balance == 0 and "destroyed" in str(butter.lots[0].where)
        write_recall_pdf(butter, tmp_path / "recall.pdf")
        assert compare_with_replay(s) == ()
    document = pypdfium2.PdfDocument(str(tmp_path / "recall.pdf"))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    for heading in ("On hand per location", "On hand per plant", "Scrapped and destroyed", "anna"):
        assert heading in text
