"""Templates are files a user copies and edits: sizes, positions and fields, no code involved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import LabelData, LabelTemplate, load_templates, render_pdf
from tracedesk.labels.gs1_encode import quantity_element
from tracedesk.labels.resources import builtin_template_dir

from .conftest import decode_pdf


def test_the_shipped_templates_have_their_sizes(templates: dict[str, LabelTemplate]) -> None:
    sizes = {name: (t.width_mm, t.height_mm) for name, t in templates.items()}
    assert sizes == {
        "incoming-lot": (100, 50),
        "output-lot": (100, 50),
        "serial": (50, 25),
        "carton": (100, 150),
        "location": (100, 50),
    }


def test_a_users_copy_replaces_the_shipped_one_and_new_ones_join(tmp_path: Path, lot: LabelData) -> None:
    text = (builtin_template_dir() / "serial.toml").read_text(encoding="utf-8")
    (tmp_path / "serial.toml").write_text(text.replace("width_mm = 50", "width_mm = 60"), encoding="utf-8")
    own = text.replace('name = "serial"', 'name = "bin"').replace('ais = ["01", "21", "8030"]', 'ais = ["10", "21", "17"]')
    (tmp_path / "bin.toml").write_text(own, encoding="utf-8")
    templates = load_templates(tmp_path)
    assert templates["serial"].width_mm == 60
    (page,) = decode_pdf(render_pdf(templates["bin"], [lot]))
    # (10) and (21) are variable length: a GS follows the first; (17) goes first.
    assert {b.symbology_identifier + b.bytes.decode() for b in page.barcodes} == {"]d21726053110RCV-A-000123\x1d21SN0001234"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("width_mm = 50", "width_mm = 30"), "reaches outside the label"),
        (("size = 9", "sizes = 9"), "unknown setting sizes"),
        (('type = "gs1-datamatrix"', 'type = "pdf417"'), "type must be one of"),
        (("x = 31", 'x = "31"'), "`x` must be a number"),
        (('text = "SN {serial}"', 'text = "SN {serial:>9}"'), "write fields as"),
        (("[[barcode]]", "[[barcode]"), "cannot be read"),
    ],
)
def test_a_mistake_in_a_template_names_the_file_and_the_problem(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = (builtin_template_dir() / "serial.toml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "mine.toml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(InvalidInput, match=rf"mine\.toml .*{message}"):
        load_templates(tmp_path)


@pytest.mark.parametrize(
    ("quantity", "unit", "expected"),
    [
        ("12", "pcs", ("30", "12")),
        ("12.5", "pcs", None),
        ("25", "kg", ("3100", "000025")),
        ("25.125", "kg", ("3103", "025125")),
        ("500", "g", ("3101", "000005")),
        ("1.5", "l", ("3151", "000015")),
        ("1234567", "kg", None),
        ("3", "bag", None),
    ],
)
def test_the_quantity_ai_follows_the_unit_and_is_never_rounded(
    quantity: str, unit: str, expected: tuple[str, str] | None
) -> None:
    element = quantity_element(Decimal(quantity), unit)
    assert (None if element is None else (element.ai, element.value)) == expected


def test_a_gtin_with_a_wrong_check_digit_is_refused(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    from dataclasses import replace

    with pytest.raises(InvalidInput, match="GTIN 09501101530004 has a wrong check digit"):
        render_pdf(templates["serial"], [replace(lot, gtin="09501101530004")])
