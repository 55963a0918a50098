"""The hub's password kept out of station.json: in a file of its own that only this user may read.

station.json is a settings file people copy, attach to support requests and back up; a password
in it would travel with it. When the hub address carries a password
(postgresql://station:secret@server/tracedesk), station.json keeps the address without it and
`hub-password` (mode 0600) keeps the password, with the address it belongs to. A password in
~/.pgpass or PGPASSWORD needs neither: the address then has none.
Standard library only: `tracedesk --version` reads it without loading SQLAlchemy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tracedesk.core.addresses import split_password, with_password

HUB_PASSWORD_FILE = "hub-password"
__all__ = ["full_hub_url", "split_password", "store_hub_password", "stored_hub_password", "with_password"]


def store_hub_password(config_dir: Path, url: str, password: str) -> None:
    """Keep `password` for the hub at `url` (its address without the password); none: the file goes."""
    path = config_dir / HUB_PASSWORD_FILE
    if not password:
        path.unlink(missing_ok=True)  # an old hub's password is not left lying about
        return
    config_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.unlink(missing_ok=True)
    # Created readable by this user only, before a byte of the password is written.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": url, "password": password}) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def stored_hub_password(config_dir: Path, url: str) -> str:
    """The password kept for the hub at `url` (without its password); "" when none is kept for it."""
    try:
        kept = json.loads((config_dir / HUB_PASSWORD_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return ""
    if not isinstance(kept, dict) or kept.get("url") != url:
        return ""  # kept for another hub: never sent to this one
    password = kept.get("password")
    return password if isinstance(password, str) else ""


def full_hub_url(config_dir: Path, url: str) -> str:
    """The address as saved in station.json, with its kept password put back (for connecting only)."""
    if not url:
        return url
    bare, password = split_password(url)
    if password:
        return url
    return with_password(bare, stored_hub_password(config_dir, bare))
