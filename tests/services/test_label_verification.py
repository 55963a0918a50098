"""Labels a customer can verify: a signed serial label, printed, decoded and checked; a forged one refused."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from tests.plant import mini_plant, received
from tests.qa_helpers import events_count
from tracedesk.core.codes import build_digital_link
from tracedesk.core.errors import InvalidInput, NotFound, PermissionDenied, Refused
from tracedesk.db.models import Event
from tracedesk.services import masterdata, shipping
from tracedesk.services.alerts import alerts
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.label_keys import backup_key, generate_key, key_path, list_keys, restore_key, rotate_key
from tracedesk.services.labels import prepare_labels
from tracedesk.services.verification import GENUINE, NOT_ISSUED, REPORTED, SerialSigner, verify_code

GTIN = "09501101530010"
PASSPHRASE = "correct horse battery"


def _scans(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=400 / 72, grayscale=True, no_smoothpath=True).to_pil()
    finally:
        document.close()
    return [r.symbology_identifier + r.bytes.decode("ascii") for r in zxingcpp.read_barcodes(image)]


@pytest.fixture
def serials(runtime, admin):
    """A serial-tracked item with a GTIN and two units received."""
    with runtime.unit_of_work() as session:
        mini_plant(session, admin)
        masterdata.create_item(
            session, admin, code="SCALE", name="Dosing scale 配料秤", unit="pcs", kind="finished", tracking="serial", gtin=GTIN
        )
        return [received(session, admin, "SCALE", "1", supplier_lot=f"SN-{n}") for n in (1, 2)]


@pytest.fixture
def config(runtime):
    return runtime.paths.config_dir


def _printed(runtime, serial: str, config: Path) -> str:
    """The DataMatrix content of the printed serial label, as a scanner reports it."""
    with runtime.unit_of_work() as session:
        job = prepare_labels(session, [serial], template=None, copies=1, zpl=False, signing_keys=config)
    [scan] = [s for s in _scans(job.data) if s.startswith("]d2")]
    return scan


def test_a_signed_serial_label_is_printed_decoded_and_genuine(runtime, admin, serials, config):
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
    scan = _printed(runtime, serials[0], config)
    assert "8030" in scan
    with runtime.unit_of_work() as session:
        verdict = verify_code(session, scan, today=admin.today)
        assert (verdict.outcome, verdict.serial, verdict.gtin, verdict.key) == (GENUINE, serials[0], GTIN, 1)
        assert str(verdict.message) == "genuine"
        # The same code as a Digital Link query parameter, and bare with the GTIN and serial.
        code = scan.split("8030")[-1]
        link = build_digital_link({"01": GTIN, "21": serials[0], "8030": code})
        assert verify_code(session, link, today=admin.today).outcome == GENUINE
        assert verify_code(session, code, gtin=GTIN, serial=serials[0]).outcome == GENUINE


def test_a_forged_or_altered_label_is_not_issued_by_this_plant(runtime, admin, serials, config):
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
    scan = _printed(runtime, serials[0], config)
    code = scan.split("8030")[-1]
    with runtime.unit_of_work() as session:
        # The genuine code copied onto another serial, one character changed, or another plant's key.
        assert verify_code(session, code, gtin=GTIN, serial=serials[1]).outcome == NOT_ISSUED
        flipped = code[:10] + ("A" if code[10] != "A" else "B") + code[11:]
        assert verify_code(session, flipped, gtin=GTIN, serial=serials[0]).outcome == NOT_ISSUED
        assert verify_code(session, "QUJD", gtin=GTIN, serial=serials[0]).outcome == NOT_ISSUED
        assert str(verify_code(session, "QUJD", gtin=GTIN, serial=serials[0]).message) == "not issued by this plant"
    # Another plant's key, even with the same key number, signs nothing of ours.
    forger = SerialSigner(1, Ed25519PrivateKey.generate())
    forged = f"(01){GTIN}(21){serials[0]}(8030){forger.code(GTIN, serials[0])}"
    with runtime.unit_of_work() as session:
        verdict = verify_code(session, forged, today=admin.today)
        assert verdict.outcome == NOT_ISSUED and not verdict.is_genuine


def test_a_genuine_serial_shipped_to_two_customers_is_reported_and_alerted(runtime, admin, serials, config):
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
        masterdata.create_party(session, admin, code="SHOP2", name="Second shop", kind="customer")
    scan = _printed(runtime, serials[0], config)
    with runtime.unit_of_work() as session:
        shipping.ship_lot(session, admin, lot=serials[0], customer="SHOP", quantity="1", document="DN-1")
        assert verify_code(session, scan, customer="SHOP").outcome == GENUINE
        other = verify_code(session, scan, customer="SHOP2")
        assert other.outcome == REPORTED and "serial already reported as shipped to SHOP on" in str(other.message)
    with runtime.unit_of_work() as session:
        # A copy sold as new at the other door: recorded offline at a second station, or found by count.
        from tracedesk.services.inventory import adjust_lot

        adjust_lot(session, admin, lot=serials[0], counted="1", reason="returned unit counted again")
        shipping.ship_lot(session, admin, lot=serials[0], customer="SHOP2", quantity="1", document="DN-2")
        verdict = verify_code(session, scan)
        assert verdict.outcome == REPORTED and "2 different customers" in str(verdict.message)
        found = [a for a in alerts(session, now=admin.now()) if a.kind == "serial_two_customers"]
        assert [a.subject for a in found] == [serials[0]] and "SHOP2" in str(found[0].message)
        assert compare_with_replay(session) == ()


def test_rotation_keeps_old_labels_genuine_and_signs_new_ones_with_the_new_key(runtime, admin, serials, config):
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
    old = _printed(runtime, serials[0], config)
    with runtime.unit_of_work() as session:
        info = rotate_key(session, admin, config)
        assert info.number == 2
        assert [(k.number, k.current, k.on_this_station) for k in list_keys(session, config)] == [
            (1, False, False),
            (2, True, True),
        ]
    new = _printed(runtime, serials[1], config)
    with runtime.unit_of_work() as session:
        assert verify_code(session, old).key == 1 and verify_code(session, old).outcome == GENUINE
        assert verify_code(session, new).key == 2 and verify_code(session, new).outcome == GENUINE


def test_backup_and_restore_move_the_key_to_another_station_only_encrypted(runtime, admin, serials, config, tmp_path):
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
    plain = key_path(config).read_bytes()
    backup = backup_key(config, tmp_path / "plant-key.pem", PASSPHRASE)
    assert b"ENCRYPTED" in backup.read_bytes() and plain not in backup.read_bytes()
    second = tmp_path / "second-station"
    with runtime.unit_of_work() as session:
        with pytest.raises(InvalidInput, match="passphrase is wrong"):
            restore_key(session, admin, second, backup, "wrong passphrase!")
        restore_key(session, admin, second, backup, PASSPHRASE)
    assert key_path(second).read_bytes() == plain
    with pytest.raises(InvalidInput, match="at least 10"):
        backup_key(config, tmp_path / "short.pem", "short")
    with pytest.raises(Refused, match="exists already"):
        backup_key(config, backup, PASSPHRASE)


def test_the_private_key_is_private_and_never_in_the_log_exports_or_backups(runtime, admin, serials, config, tmp_path):
    from tracedesk.services.backups import backup_database
    from tracedesk.services.reports import exports

    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
    path = key_path(config)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pem = path.read_bytes()
    body = b"".join(pem.splitlines()[1:-1])  # the base64 of the key, without its armour
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem, None)
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    import base64

    secrets = [body, raw, base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"=")]
    with runtime.unit_of_work() as session:
        payloads = " ".join(session.scalars(select(Event.payload))).encode()
        exports.export_epcis(session, admin, path=tmp_path / "all.jsonld")
        from tracedesk.services.audit_trail import AuditFilter

        exports.export_audit(session, admin, path=tmp_path / "audit.csv", flt=AuditFilter())
    backup = backup_database(runtime, root=tmp_path / "backups")
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p != path]
    assert files
    for secret in secrets:
        assert secret not in payloads
        for file in files:
            assert secret not in file.read_bytes(), file
    assert backup is not None


def test_key_refusals_say_what_to_do_and_record_nothing(runtime, admin, serials, config, tmp_path):
    before = events_count(runtime)
    with runtime.unit_of_work() as session:
        with pytest.raises(NotFound, match="no label signing key yet"):
            rotate_key(session, admin, config)
        clerk = replace(admin, user="nobody")
        with pytest.raises((PermissionDenied, NotFound, Refused)):
            generate_key(session, clerk, config)
    assert events_count(runtime) == before and not key_path(config).exists()
    with runtime.unit_of_work() as session, pytest.raises(NotFound, match="knows no signing key"):
        verify_code(session, "QUJD", gtin=GTIN, serial=serials[0])
    with runtime.unit_of_work() as session:
        generate_key(session, admin, config)
        with pytest.raises(Refused, match="keys rotate"):
            generate_key(session, admin, config)
    # A station without the private key cannot print a serial label once the plant signs.
    with runtime.unit_of_work() as session:
        with pytest.raises(NotFound, match="keys restore"):
            prepare_labels(session, [serials[0]], template=None, copies=1, zpl=False, signing_keys=tmp_path / "empty")
        # Without a (8030) there is nothing to check.
        with pytest.raises(InvalidInput, match="no verification code"):
            verify_code(session, f"]d201{GTIN}21{serials[0]}")
    key_path(config).chmod(0o644)
    if os.name == "posix":
        with runtime.unit_of_work() as session, pytest.raises(Refused, match="chmod 600"):
            prepare_labels(session, [serials[0]], template=None, copies=1, zpl=False, signing_keys=config)
