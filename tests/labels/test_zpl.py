"""ZPL jobs: one format per label at the printer's size, printer-native barcodes, CJK as bitmaps."""

from __future__ import annotations

import re

import pytest

from tracedesk.core.errors import InvalidInput
from tracedesk.labels import LabelData, LabelTemplate, for_containers, render_zpl


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", ["incoming-lot", "output-lot", "serial", "carton"])
def test_each_label_is_one_format_sized_for_the_printer(
    name: str, dpi: int, templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    template = templates[name]
    labels = for_containers(lot, [lot.quantity] * 3)
    job = render_zpl(template, labels, copies=2, dpi=dpi)
    formats = re.findall(r"\^XA(.*?)\^XZ", job, flags=re.S)
    assert len(formats) == 3 and job.count("^XA") == 3 and job.count("^XZ") == 3
    for body in formats:
        assert f"^PW{round(template.width_mm * dpi / 25.4)}" in body
        assert f"^LL{round(template.height_mm * dpi / 25.4)}" in body
        assert "^CI28" in body and "^PQ2" in body


def test_barcodes_use_the_printers_own_commands_with_fnc1(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    incoming = render_zpl(templates["incoming-lot"], [lot], dpi=203)
    assert "^BXN,4,200,22,22,6,_^FH\\^FD_1" + "010950110153000317260531310100025510RCV-A-000123^FS" in incoming
    assert "^BCN,52,N,N,N,A^FH\\^FDTD:RCV-A-000123^FS" in incoming
    carton = render_zpl(templates["carton"], [lot], dpi=300)
    assert "^FD>;>801095011015300031726053110RCV-A-000123^FS" in carton
    assert "^FD>;>801095011015300033101000255^FS" in carton
    assert "^FD>;>800095011010000000018^FS" in carton
    assert "^BQN,2," in carton and "^FDMA,https://id.gs1.org/01/09501101530003/10/RCV-A-000123?17=260531^FS" in carton


def test_a_gs_separator_becomes_fnc1_in_zpl(lot: LabelData, tmp_path) -> None:
    from tracedesk.labels import load_template

    path = tmp_path / "two.toml"
    path.write_text(
        'width_mm = 50\nheight_mm = 30\n[[barcode]]\ntype = "gs1-datamatrix"\nais = ["10", "21"]\nx = 2\ny = 2\nw = 26\nh = 26\n',
        encoding="utf-8",
    )
    job = render_zpl(load_template(path), [lot])
    assert "^FD_110RCV-A-000123_121SN0001234^FS" in job


def test_chinese_text_goes_as_a_bitmap_unless_the_printer_has_a_cjk_font(
    templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    plain = render_zpl(templates["serial"], [lot])
    assert "^GFA," in plain and "高" not in plain
    with_font = render_zpl(templates["serial"], [lot], cjk_font="E:SIMSUN.TTF")
    assert "^GFA," not in with_font
    assert "^A@N," in with_font and ",E:SIMSUN.TTF" in with_font
    assert "\\E9\\AB\\98" in with_font  # 高 as UTF-8 bytes after ^FH\


def test_field_data_cannot_break_out_of_its_field(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    from dataclasses import replace

    sneaky = replace(lot, supplier_name="ACME^XZ~JA\\")
    job = render_zpl(templates["incoming-lot"], [sneaky])
    assert job.count("^XZ") == 1
    assert "ACME\\5EXZ\\7EJA\\5C" in job


def test_unsupported_resolution_is_refused(templates: dict[str, LabelTemplate], lot: LabelData) -> None:
    with pytest.raises(InvalidInput, match="203 or 300 dpi"):
        render_zpl(templates["serial"], [lot], dpi=600)


def test_a_serial_labels_verification_code_goes_into_the_datamatrix_with_its_underscores_escaped(
    templates: dict[str, LabelTemplate], lot: LabelData
) -> None:
    from dataclasses import replace

    code = "AQ" + "x_-Z" * 21 + "9"  # 87 characters of CSET 64, underscores included
    job = render_zpl(templates["serial"], [replace(lot, verification=code)])
    assert "21SN0001234_18030" + code.replace("_", "_d095") + "^FS" in job
    assert "_18030" not in render_zpl(templates["serial"], [lot])  # no key, no code
