"""Hashing PINs and badges (scrypt, salted) and the commitment of a credentials row: standard library only.

See services.credentials for where the hashes live and why badges share a per-plant salt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os

_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
SCHEME = "scrypt"
# Badge keys written before badges were salted (migration 0002): an unsalted SHA-256, replaced
# by a salted key the first time the badge signs in.
LEGACY_BADGE = "sha256"


def _scrypt(secret: str, salt: bytes) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)


def _encode(salt: bytes, digest: bytes) -> str:
    return f"{SCHEME}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """scrypt with a random salt: slow enough that a stolen database does not give away PINs."""
    salt = salt or os.urandom(16)
    return _encode(salt, _scrypt(secret, salt))


def check_secret(secret: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
    except ValueError:
        return False
    if scheme != SCHEME:
        return False
    try:
        expected, salt = base64.b64decode(digest_b64, validate=True), base64.b64decode(salt_b64, validate=True)
    except ValueError:
        return False
    return hmac.compare_digest(expected, _scrypt(secret, salt))


def legacy_badge_key(badge: str) -> str:
    return LEGACY_BADGE + "$" + hashlib.sha256(("tracedesk-badge:" + badge.strip()).encode("utf-8")).hexdigest()


def commitment(user_code: str, pin_hash: str, badge_key: str | None) -> str:
    """SHA-256 of a user's credentials row: kept in the log, proves the row, reveals nothing to guess with."""
    material = json.dumps(["tracedesk-credential", user_code, pin_hash, badge_key or ""], separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
