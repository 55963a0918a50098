"""Command-line fixtures: a database whose first administrator was created the way a user does it."""

from __future__ import annotations

from tests.conftest import ADMIN_PIN
from tracedesk.cli import main


def first_admin(db: str, code: str = "admin", pin: str = ADMIN_PIN) -> list[str]:
    """`tracedesk init --admin` on a new database; returns the arguments that sign in as that administrator."""
    assert main(["--db", db, "init", "--admin", code, "--admin-pin", pin]) == 0
    return ["--db", db, "--user", code, "--pin", pin]
