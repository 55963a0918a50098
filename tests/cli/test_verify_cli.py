"""`tracedesk keys` and `tracedesk verify`: a serial label printed from the command line checks offline."""

from __future__ import annotations

import json

import pypdfium2
import pytest
import zxingcpp
from sqlalchemy.engine import make_url

from tests.conftest import ADMIN_PIN
from tests.plant import mini_plant, received
from tracedesk.cli import main
from tracedesk.services import masterdata

GTIN = "09501101530010"


@pytest.fixture
def cli(runtime, admin, capsys):
    with runtime.unit_of_work() as session:
        mini_plant(session, admin)
        masterdata.create_item(
            session, admin, code="SCALE", name="Dosing scale", unit="pcs", kind="finished", tracking="serial", gtin=GTIN
        )
        serial = received(session, admin, "SCALE", "1", supplier_lot="SN-1")
    db = make_url(str(runtime.engine.url)).database
    capsys.readouterr()
    return serial, ["--db", db], ["--db", db, "--user", "admin", "--pin", ADMIN_PIN]


def _datamatrix(pdf) -> str:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[0].render(scale=400 / 72, grayscale=True, no_smoothpath=True).to_pil()
    finally:
        document.close()
    [found] = [r for r in zxingcpp.read_barcodes(image) if r.symbology_identifier == "]d2"]
    return found.symbology_identifier + found.bytes.decode("ascii")


def test_keys_label_and_verify_on_the_command_line(cli, capsys, tmp_path, monkeypatch):
    serial, reader, admin = cli
    assert main([*reader, "keys", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*reader, "keys", "generate"]) == 2  # nobody signed in
    assert "signed-in user" in capsys.readouterr().err
    assert main([*admin, "keys", "generate", "--json"]) == 0
    captured = capsys.readouterr()
    [key] = json.loads(captured.out)
    assert key["key"] == 1 and key["current"] and key["on_this_station"] and "keys backup" in captured.err
    assert main([*admin, "label", serial, "--out", str(tmp_path / "serial.pdf")]) == 0
    capsys.readouterr()
    scan = _datamatrix(tmp_path / "serial.pdf")
    assert main([*reader, "verify", scan]) == 0
    assert capsys.readouterr().out.strip() == f"{GTIN} serial {serial}: genuine"
    forged = scan[:-5] + ("AAAAA" if not scan.endswith("AAAAA") else "BBBBB")
    assert main([*reader, "verify", forged, "--json"]) == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["outcome"] == "not_issued" and answer["message"] == "not issued by this plant"
    assert main([*reader, "verify", f"]d201{GTIN}21{serial}"]) == 2
    assert "no verification code" in capsys.readouterr().err
    monkeypatch.setenv("TRACEDESK_KEY_PASSPHRASE", "a long enough passphrase")
    assert main([*admin, "keys", "backup", str(tmp_path / "key-backup.pem")]) == 0
    assert "encrypted" in capsys.readouterr().out
    assert b"ENCRYPTED PRIVATE KEY" in (tmp_path / "key-backup.pem").read_bytes()
    assert main([*admin, "keys", "rotate"]) == 0
    capsys.readouterr()
    assert main([*reader, "keys"]) == 0
    listing = capsys.readouterr().out
    assert "key 1" in listing and "retired" in listing and "key 2" in listing and "held by this station" in listing
    assert main([*reader, "verify", scan]) == 0  # the old label still checks
