"""The plant's label signing keys: generate, rotate, back up and restore; public keys from the log.

The private key (Ed25519) lives only in a file in the app's config folder, readable by its
owner alone (0600). It never enters the event log, an export, a backup or a log file. Its public
key is recorded (`label_key_added`), so every station that syncs the log can check a label
offline, and a rotated key's public key stays there to check the labels it signed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.db.event_types import of_types
from tracedesk.db.models import Event
from tracedesk.services.events import apply_event
from tracedesk.services.permissions import Action, require

KEY_FILE = "label-signing-key.pem"
EVENT = "label_key_added"
MAX_KEYS = 255  # the key number is one byte of the verification code
MIN_PASSPHRASE = 10


@dataclass(frozen=True)
class PlantKey:
    """One public key of the plant, as the log keeps it."""

    number: int
    public_key: Ed25519PublicKey
    fingerprint: str
    added_at: datetime
    added_by: str
    current: bool  # the newest key signs new labels; older ones only check old labels


@dataclass(frozen=True)
class KeyInfo:
    """What `tracedesk keys` prints about a key: no secret in it."""

    number: int
    fingerprint: str
    added_at: datetime
    added_by: str
    current: bool
    on_this_station: bool  # this station holds the private key and can sign with it


def key_path(config_dir: Path) -> Path:
    return Path(config_dir) / KEY_FILE


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    """16 hex digits of the SHA-256 of the raw public key, grouped for reading aloud."""
    digest = hashlib.sha256(raw_public(key)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def plant_keys(session: Session) -> list[PlantKey]:
    """Every public key the plant has used, oldest first; the last is current."""
    rows = session.execute(select(Event.user, Event.recorded_at, Event.payload).where(of_types(EVENT)).order_by(Event.seq)).all()
    keys = []
    for index, (user, recorded_at, payload) in enumerate(rows):
        p = json.loads(payload)
        public = Ed25519PublicKey.from_public_bytes(_unb64(p["public_key"]))
        keys.append(PlantKey(int(p["key"]), public, fingerprint(public), recorded_at, user, index == len(rows) - 1))
    return keys


def list_keys(session: Session, config_dir: Path) -> list[KeyInfo]:
    held = _held_public(config_dir)
    return [
        KeyInfo(k.number, k.fingerprint, k.added_at, k.added_by, k.current, held is not None and raw_public(k.public_key) == held)
        for k in plant_keys(session)
    ]


def generate_key(session: Session, actor: Actor, config_dir: Path) -> KeyInfo:
    """The plant's first signing key: a new key file here, its public key recorded."""
    require(session, actor, Action.MANAGE_KEYS)
    if key_path(config_dir).exists():
        raise Refused(
            "This station has a signing key already ({path}); use `tracedesk keys rotate` to replace it.",
            path=key_path(config_dir).name,
        )
    if plant_keys(session):
        raise Refused(
            "The plant has a signing key already: restore its backup here (`tracedesk keys restore FILE`), "
            "or replace it everywhere with `tracedesk keys rotate` on a station that holds it."
        )
    return _add_key(session, actor, config_dir, replaces=None)


def rotate_key(session: Session, actor: Actor, config_dir: Path) -> KeyInfo:
    """A new key signs from now on; the old public key stays in the log to check old labels."""
    require(session, actor, Action.MANAGE_KEYS)
    current = current_key(session, config_dir)
    return _add_key(session, actor, config_dir, replaces=current[0].number)


def _add_key(session: Session, actor: Actor, config_dir: Path, *, replaces: int | None) -> KeyInfo:
    numbers = [k.number for k in plant_keys(session)]
    number = max(numbers, default=0) + 1
    if number > MAX_KEYS:
        raise Refused("The plant has used {count} signing keys, the most a label can name.", count=MAX_KEYS)
    private = Ed25519PrivateKey.generate()
    public = private.public_key()
    apply_event(
        session,
        actor,
        EVENT,
        {"key": number, "public_key": _b64(raw_public(public)), "fingerprint": fingerprint(public), "replaces": replaces},
    )
    # Written last: a refused event leaves no key file behind; a failed write undoes the event.
    _write_private(key_path(config_dir), private.private_bytes(*_PLAIN))
    return KeyInfo(number, fingerprint(public), actor.now(), actor.user, True, True)


_PLAIN = (serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def current_key(session: Session, config_dir: Path) -> tuple[PlantKey, Ed25519PrivateKey]:
    """The plant's current key with this station's private key for it, or a refusal that says what to do."""
    keys = plant_keys(session)
    if not keys:
        raise NotFound("The plant has no label signing key yet: an admin creates one with `tracedesk keys generate`.")
    private = load_private(config_dir)
    if private is None:
        raise NotFound(
            "This station holds no label signing key: restore the plant's key backup here with `tracedesk keys restore FILE`."
        )
    held = raw_public(private.public_key())
    if raw_public(keys[-1].public_key) != held:
        known = next((k for k in keys if raw_public(k.public_key) == held), None)
        if known is None:
            raise Refused("The signing key file on this station is not one of the plant's keys; restore the plant's key backup.")
        raise Refused(
            "The signing key on this station is key {old}, replaced by key {new}: restore the backup of key {new} here.",
            old=known.number,
            new=keys[-1].number,
        )
    return keys[-1], private


def load_private(config_dir: Path) -> Ed25519PrivateKey | None:
    """This station's private key, or None when it holds none."""
    path = key_path(config_dir)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Refused("The signing key file {path} cannot be read: {reason}.", path=path.name, reason=error.strerror) from None
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise Refused(
            "The signing key file {path} may be read by other users; make it private (chmod 600) or restore it again.",
            path=path.name,
        )
    return _private_from(data, None)


def _held_public(config_dir: Path) -> bytes | None:
    try:
        private = load_private(config_dir)
    except Refused:
        return None
    return None if private is None else raw_public(private.public_key())


def backup_key(config_dir: Path, destination: Path, passphrase: str) -> Path:
    """This station's private key, encrypted with `passphrase`, written to `destination` (0600)."""
    _check_passphrase(passphrase)
    private = load_private(config_dir)
    if private is None:
        raise NotFound("This station holds no label signing key to back up.")
    encrypted = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    destination = Path(destination)
    if destination.exists():
        raise Refused("{path} exists already; name a new file for the key backup.", path=str(destination))
    _write_private(destination, encrypted)
    return destination


def restore_key(session: Session, actor: Actor, config_dir: Path, source: Path, passphrase: str) -> KeyInfo:
    """Put a key backup on this station; only a key whose public key the plant's log knows."""
    require(session, actor, Action.MANAGE_KEYS)
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise InvalidInput("The key backup {path} cannot be read: {reason}.", path=str(source), reason=error.strerror) from None
    private = _private_from(data, passphrase)
    held = raw_public(private.public_key())
    known = next((k for k in plant_keys(session) if raw_public(k.public_key) == held), None)
    if known is None:
        raise Refused(
            "This key is not one of the plant's signing keys (none in the log has its fingerprint {fingerprint}).",
            fingerprint=fingerprint(private.public_key()),
        )
    _write_private(key_path(config_dir), private.private_bytes(*_PLAIN))
    return KeyInfo(known.number, known.fingerprint, known.added_at, known.added_by, known.current, True)


def _private_from(data: bytes, passphrase: str | None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8") if passphrase is not None else None)
    except TypeError:
        raise InvalidInput("The key file is encrypted; give its passphrase.") from None
    except (ValueError, UnsupportedAlgorithm):
        raise InvalidInput("This is not a TraceDesk signing key, or the passphrase is wrong.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInput("This is not a TraceDesk signing key (not an Ed25519 key).")
    return key


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput("A key backup needs a passphrase of at least {count} characters.", count=MIN_PASSPHRASE)


def _write_private(path: Path, data: bytes) -> None:
    """Write a secret: created 0600 from the start (never readable by others, even briefly), then moved in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o600)
    try:
        os.write(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)
    if sys.platform != "win32":
        os.chmod(temporary, 0o600)  # whatever the umask said
    os.replace(temporary, path)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
