"""A hub address with a password: connected and synced with it, yet never written or printed with it."""

from __future__ import annotations

import stat
import sys

from sqlalchemy.engine import make_url

from tests.cli.conftest import first_admin
from tracedesk.cli import main
from tracedesk.paths import AppPaths

SECRET = "S3cret-hub-pw"


def _everything_written(capsys) -> str:  # noqa: ANN001
    said = capsys.readouterr()
    return said.out + said.err


def test_the_password_reaches_the_hub_but_no_file_or_screen(hub, tmp_path, capsys):  # noqa: ANN001
    # The test server trusts its clients: the password is accepted and ignored.
    with_password = make_url(hub).set(password=SECRET).render_as_string(hide_password=False)
    db = str(tmp_path / "dock.sqlite3")
    signed = first_admin(db)
    assert main([*signed, "init", "--prefix", "D"]) == 0
    assert main([*signed, "hub", "connect", with_password]) == 0
    printed = _everything_written(capsys)
    config = AppPaths.from_environment().config_dir
    station = (config / "station.json").read_text("utf-8")
    assert SECRET not in station and "postgres@" in station
    kept = config / "hub-password"
    assert SECRET in kept.read_text("utf-8")
    if sys.platform != "win32":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert main(["--db", db, "sync", "--once", "--json"]) == 0
    assert main(["--db", db, "--version"]) == 0
    printed += _everything_written(capsys)
    assert main([*signed, "audit", "verify"]) == 0
    printed += _everything_written(capsys)
    assert "Hub schema:" in printed and SECRET not in printed
    for path in AppPaths.from_environment().log_dir.rglob("*"):
        assert not path.is_file() or SECRET not in path.read_text("utf-8", "replace")


def test_an_unreachable_or_malformed_hub_is_said_without_its_password(tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "dock.sqlite3")
    for url in (
        f"postgresql://postgres:{SECRET}@127.0.0.1:1/hub",
        f"postgresql://postgres:{SECRET}@127.0.0.1:notaport/hub",
        f"mysql://postgres:{SECRET}@127.0.0.1/hub",
        f"postgresql//postgres:{SECRET}@127.0.0.1/hub",
    ):
        assert main(["--db", db, "sync", "--once", "--hub", url]) == 2
        said = _everything_written(capsys)
        assert said.strip() and SECRET not in said, said
