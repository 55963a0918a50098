"""Locations as a hierarchy (plant -> area -> bin), blocked cages, and location labels that scan back."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp

from tracedesk.core.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tracedesk.services import masterdata
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.locations import (
    block_location,
    list_location_tree,
    location_by_code,
    location_of_scan,
    prepare_location_labels,
)
from tracedesk.services.masterdata import location_info
from tracedesk.services.users import create_user

PLANT_GLN = "4012345000009"


def build_plant(session, admin) -> None:
    """A plant with a GLN: a warehouse with two bins and a quarantine cage; a second plant without one."""
    masterdata.create_location(session, admin, code="SZ", name="Suzhou plant", gln=PLANT_GLN, kind="plant")
    masterdata.create_location(session, admin, code="SZ-WH", name="Main warehouse", kind="warehouse", parent="SZ")
    masterdata.create_location(session, admin, code="B-04", name="Bin B-04", kind="bin", parent="SZ-WH")
    masterdata.create_location(session, admin, code="B-05", name="Bin B-05", kind="bin", parent="SZ-WH")
    masterdata.create_location(session, admin, code="QC", name="Quarantine cage", kind="area", parent="SZ", blocked=True)
    masterdata.create_location(session, admin, code="SH", name="Shanghai plant", kind="plant")
    masterdata.create_location(session, admin, code="SH-01", name="Bin 1", kind="bin", parent="SH")


def test_the_hierarchy_knows_each_places_plant_and_replays(runtime, admin):
    with runtime.unit_of_work() as s:
        build_plant(s, admin)
        bin_ = location_info(location_by_code(s, "B-04"))
        assert (bin_.kind, bin_.parent, bin_.plant, bin_.blocked) == ("bin", "SZ-WH", "SZ", False)
        assert location_info(location_by_code(s, "QC")).blocked
        tree = [(depth, info.code) for depth, info in list_location_tree(s)]
        assert tree == [(0, "SH"), (1, "SH-01"), (0, "SZ"), (1, "QC"), (1, "SZ-WH"), (2, "B-04"), (2, "B-05")]
        assert compare_with_replay(s) == ()


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"code": "B-9", "name": "Bin", "kind": "bin"}, InvalidInput, "needs the warehouse or area"),
        ({"code": "P2", "name": "Plant", "kind": "plant", "parent": "SZ"}, InvalidInput, "top-level"),
        ({"code": "X", "name": "In a bin", "parent": "B-04"}, InvalidInput, "holds lots, not other locations"),
        ({"code": "X", "name": "Nowhere", "parent": "NOPE"}, NotFound, "no location 'NOPE'"),
        ({"code": "X", "name": "Shelf", "kind": "shelf", "parent": "SZ"}, InvalidInput, "A location is one of"),
        ({"code": "B-04", "name": "Again", "kind": "bin", "parent": "SZ-WH"}, Refused, "already exists"),
    ],
)
def test_a_location_out_of_place_is_refused_and_nothing_recorded(runtime, admin, kwargs, error, words):
    with runtime.unit_of_work() as s:
        build_plant(s, admin)
        before = len(list_location_tree(s))
        with pytest.raises(error, match=words):
            masterdata.create_location(s, admin, **kwargs)
        assert len(list_location_tree(s)) == before


def test_blocking_a_location_takes_a_reason_and_qa(runtime, admin):
    with runtime.unit_of_work() as s:
        build_plant(s, admin)
        create_user(s, admin, code="clerk", name="Clerk", role="clerk", pin="5555")
        from dataclasses import replace

        with pytest.raises(PermissionDenied):
            block_location(s, replace(admin, user="clerk"), code="B-05", blocked=True, reason="pest found")
        with pytest.raises(InvalidInput, match="Say why"):
            block_location(s, admin, code="B-05", blocked=True, reason=" ")
        assert block_location(s, admin, code="B-05", blocked=True, reason="pest found").blocked
        with pytest.raises(Refused, match="blocked already"):
            block_location(s, admin, code="B-05", blocked=True, reason="again")
        assert not block_location(s, admin, code="B-05", blocked=False, reason="cleaned").blocked
        with pytest.raises(Refused, match="is not blocked"):
            block_location(s, admin, code="B-05", blocked=False, reason="again")
        assert compare_with_replay(s) == ()


def _decoded(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = []
        for page in document:
            image = page.render(scale=400 / 72, grayscale=True, no_smoothpath=True).to_pil()
            found.append(sorted(r.symbology_identifier + r.bytes.decode("ascii") for r in zxingcpp.read_barcodes(image)))
        return found
    finally:
        document.close()


def test_a_location_label_carries_its_code_and_the_plants_gln_and_scans_back(runtime, admin):
    with runtime.unit_of_work() as s:
        build_plant(s, admin)
        job = prepare_location_labels(s, ["B-04", "SZ", "SH-01"])
        pages = _decoded(job.data)
        # Code 128 of the code; GS1-128 with (414) the plant's GLN and (254) the bin where there is a GLN.
        assert pages[0] == ["]C0B-04", f"]C1414{PLANT_GLN}254B-04"]
        assert pages[1] == ["]C0SZ", f"]C1414{PLANT_GLN}"]
        assert pages[2] == ["]C0SH-01"]
        for page, code in zip(pages, ("B-04", "SZ", "SH-01")):
            for scanned in page:
                found = location_of_scan(s, scanned)
                assert found is not None and found.code == code, scanned
        assert location_of_scan(s, "]C1414" + PLANT_GLN + "254NOPE") is None
        assert location_of_scan(s, "no such place") is None
        zpl = prepare_location_labels(s, ["QC"], zpl=True)
        assert b"QC" in zpl.data and b"^XA" in zpl.data
        with pytest.raises(NotFound):
            prepare_location_labels(s, ["NOPE"])
        with pytest.raises(InvalidInput):
            prepare_location_labels(s, [])
