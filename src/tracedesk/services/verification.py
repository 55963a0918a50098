"""Labels a customer can verify: an Ed25519 signature over GTIN and serial, carried in GS1 AI (8030).

The verification code is the key number (one byte) and the 64-byte signature, in base64url
without padding: 87 characters of GS1's CSET 64, within (8030)'s 90. It goes into the serial
label's GS1 DataMatrix (`(01)(21)(8030)`) or a Digital Link query (`?8030=...`).

A check needs only the plant's public keys, which every station has in its log: "genuine", "not
issued by this plant", or "serial already reported as ..." when the log knows that serial as
rejected, on hold, or shipped to another customer (a copied label is still a valid signature).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.codes import parse_scan
from tracedesk.core.codes.checks import mod10_check_digit
from tracedesk.core.errors import InvalidInput, NotFound
from tracedesk.core.messages import Message, msg
from tracedesk.db.models import Item, Lot, Party, Shipment
from tracedesk.services.label_keys import current_key, plant_keys

SIGNATURE_AI = "8030"
_DOMAIN = b"TraceDesk serial label v1\n"

GENUINE, NOT_ISSUED, REPORTED = "genuine", "not_issued", "reported"


@dataclass(frozen=True)
class SerialSigner:
    """Signs serial labels with the plant's current key (held by this station)."""

    number: int
    private_key: Ed25519PrivateKey

    def code(self, gtin: str, serial: str) -> str:
        """The verification code for one unit, for AI (8030)."""
        signature = self.private_key.sign(_message(self.number, gtin, serial))
        return base64.urlsafe_b64encode(bytes([self.number]) + signature).decode("ascii").rstrip("=")

    def __repr__(self) -> str:  # never the key, not even in a traceback
        return f"SerialSigner(key {self.number})"


def load_signer(session: Session, config_dir: Path) -> SerialSigner:
    """The signer for new labels, or a refusal saying how to get the key onto this station."""
    key, private = current_key(session, config_dir)
    return SerialSigner(key.number, private)


def signer_for_labels(session: Session, config_dir: Path) -> SerialSigner | None:
    """None while the plant has no key (labels print unsigned); else this station's signer or a refusal.

    Once the plant signs, a serial label printed without its code would fail every customer's check.
    """
    if not plant_keys(session):
        return None
    return load_signer(session, config_dir)


def _message(number: int, gtin: str, serial: str) -> bytes:
    return _DOMAIN + bytes([number]) + gtin.encode("ascii") + b"\n" + serial.encode("utf-8")


@dataclass(frozen=True)
class Verdict:
    """The answer to "is this label ours?"."""

    outcome: str  # GENUINE, NOT_ISSUED or REPORTED
    gtin: str
    serial: str
    key: int | None
    message: Message
    reports: tuple[Message, ...] = ()

    @property
    def is_genuine(self) -> bool:
        return self.outcome != NOT_ISSUED


def verify_code(
    session: Session,
    text: str,
    *,
    gtin: str | None = None,
    serial: str | None = None,
    customer: str | None = None,
    today: date | None = None,
) -> Verdict:
    """Check a scanned label (element string, Digital Link, bracketed) or a bare code with `gtin` and `serial`.

    `customer`: who presents the unit; a serial shipped to someone else is reported.
    """
    code, gtin, serial = _parts(text, gtin, serial, today)
    if not plant_keys(session):
        # Saying "not issued" here would call every genuine label a fake.
        raise NotFound(
            "This station knows no signing key of the plant, so it cannot check labels: "
            "sync it with the hub, or create the plant's key with `tracedesk keys generate`."
        )
    number = _signed_key(session, code, gtin, serial)
    if number is None:
        return Verdict(NOT_ISSUED, gtin, serial, None, msg("not issued by this plant"))
    reports = _reports(session, gtin, serial, customer)
    if reports:
        return Verdict(
            REPORTED, gtin, serial, number, msg("serial already reported as {reports}", reports=list(reports)), reports
        )
    return Verdict(GENUINE, gtin, serial, number, msg("genuine"))


def _parts(text: str, gtin: str | None, serial: str | None, today: date | None) -> tuple[str, str, str]:
    text = text.strip()
    if gtin is not None or serial is not None:
        if not (gtin and serial):
            raise InvalidInput("A bare verification code needs both the GTIN and the serial number it was printed with.")
        gtin = gtin.strip()
        if len(gtin) in (8, 12, 13) and gtin.isdigit():
            gtin = gtin.zfill(14)
        if len(gtin) != 14 or not gtin.isdigit() or mod10_check_digit(gtin[:-1]) != gtin[-1]:
            raise InvalidInput("The GTIN {gtin} is not a valid GTIN (14 digits with their check digit).", gtin=gtin)
        return text, gtin, serial.strip()
    scanned = parse_scan(text, today=today)
    code = scanned.fields.get(SIGNATURE_AI)
    if code is None or scanned.gtin is None or scanned.serial is None:
        raise InvalidInput(
            "This code carries no verification code: a label that can be checked has (01) GTIN, (21) serial and (8030)."
        )
    return code, scanned.gtin, scanned.serial


def _signed_key(session: Session, code: str, gtin: str, serial: str) -> int | None:
    """The number of the plant key that made this signature, or None (someone else's, altered, or garbage)."""
    try:
        raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 65:
        return None
    number, signature = raw[0], raw[1:]
    for key in plant_keys(session):
        if key.number != number:
            continue
        try:
            key.public_key.verify(signature, _message(number, gtin, serial))
        except InvalidSignature:
            return None
        return number
    return None


def _reports(session: Session, gtin: str, serial: str, customer: str | None) -> tuple[Message, ...]:
    """What the log says about this serial that a genuine label does not explain away."""
    row = session.execute(
        select(Lot.id, Lot.status).join(Item, Item.id == Lot.item_id).where(Lot.code == serial, Item.gtin == gtin)
    ).first()
    if row is None:
        return ()
    lot_id, status = row
    found: list[Message] = []
    if status == "rejected":
        found.append(msg("rejected (not to be sold)"))
    elif status == "on_hold":
        found.append(msg("on hold (recalled or under investigation)"))
    shipped = session.execute(
        select(Party.code, Shipment.shipped_at)
        .join(Party, Party.id == Shipment.customer_id)
        .where(Shipment.lot_id == lot_id)
        .order_by(Shipment.shipped_at)
    ).all()
    customers = list(dict.fromkeys(code for code, _ in shipped))
    if len(customers) > 1:
        found.append(msg("shipped to {count} different customers ({customers})", count=len(customers), customers=customers))
    elif customers and customer and customer.strip() and customers[0] != customer.strip():
        found.append(msg("shipped to {customer} on {day}", customer=customers[0], day=shipped[0][1].date()))
    return tuple(found)
