"""The command line: a signed-in user for everything that records or exports; reads stay open to anyone."""

from __future__ import annotations

import getpass
import json
import shutil
import sqlite3
import sys

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tests.conftest import ADMIN_PIN
from tracedesk.cli import main


@pytest.fixture(scope="module")
def plant_template(tmp_path_factory) -> tuple[str, str]:
    """A small imported plant with its first administrator (R000 is a received lot), built once."""
    folder = tmp_path_factory.mktemp("plant")
    db = str(folder / "plant.sqlite3")
    generate(folder / "csv", 3, orders=6)
    assert main([*first_admin(db), "import", str(folder / "csv")]) == 0
    return db, str(folder / "csv")


@pytest.fixture
def plant_db(plant_template, tmp_path) -> str:
    source, csv = plant_template
    db = str(tmp_path / "plant.sqlite3")
    with sqlite3.connect(source) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    shutil.copytree(csv, tmp_path / "csv")
    return db


def _events(db: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM events").fetchone()[0]


WRITES = [
    ["import", "{csv}"],
    ["export", "dossier", "R000", "--out", "{out}/d.pdf"],
    ["export", "recall", "R000", "--out", "{out}/r.xlsx"],
    ["export", "epcis", "--lot", "R000", "--out", "{out}/e.jsonld"],
    ["export", "fsma", "--lot", "R000", "--out", "{out}/f.csv"],
    ["export", "audit", "--out", "{out}/a.csv"],
    ["label", "R000", "--out", "{out}/l.pdf"],
    ["backup", "{out}"],
    ["recall", "start", "R000", "--reason", "x"],
    ["recall", "--mock", "R000"],
    ["recall", "R000", "--out", "{out}/r.pdf"],
    ["hold", "R000", "--reason", "x"],
    ["release", "R000", "--reason", "x"],
    ["correct", "R000", "--reason", "x", "--po", "P"],
    ["complaint", "add", "R000", "--text", "crumbs"],
    ["users", "add", "eve", "--name", "Eve", "--role", "admin", "--new-pin", "1234"],
    ["users", "reset-pin", "admin", "--new-pin", "1234"],
    ["users", "badge", "admin", "--new-badge", "BADGE-1234"],
    ["devices", "add", "dock", "--port", "/dev/ttyS9"],
    ["printers", "add", "zebra", "--kind", "zpl-tcp", "--address", "127.0.0.1"],
    ["init", "--prefix", "Q"],
]


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_every_command_that_records_or_exports_needs_a_signed_in_user(plant_db, tmp_path, capsys, command):
    out = tmp_path / "out"
    out.mkdir()
    args = [part.format(csv=tmp_path / "csv", out=out) for part in command]
    before = _events(plant_db)
    capsys.readouterr()
    assert main(["--db", plant_db, *args]) == 2
    err = capsys.readouterr().err
    assert "needs a signed-in user" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", plant_db, "--user", "ghost", "--pin", "1234", *args]) == 2
    assert "Unknown user or wrong PIN" in capsys.readouterr().err
    assert _events(plant_db) == before and not list(out.iterdir())


READS = [
    ["trace", "R000", "--json"],
    ["recall", "R000", "--json"],
    ["recall", "R000", "--report", "--json"],
    ["parse", "TD:R000", "--json"],
    ["alerts", "--json"],
    ["audit", "verify", "--json"],
    ["users", "list", "--json"],
    ["complaint", "list", "--json"],
    ["devices", "--json"],
    ["printers"],
]


@pytest.mark.parametrize("command", READS, ids=lambda c: " ".join(c[:2]))
def test_answers_that_only_read_need_nobody_and_record_nothing(plant_db, capsys, command):
    before = _events(plant_db)
    assert main(["--db", plant_db, *command]) == 0
    assert _events(plant_db) == before


def test_the_pin_is_asked_for_at_a_terminal_when_only_the_user_is_given(plant_db, tmp_path, capsys, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or ADMIN_PIN)
    assert main(["--db", plant_db, "--user", "admin", "export", "audit", "--out", str(tmp_path / "a.csv")]) == 0
    assert asked == ["PIN of admin: "]


def test_without_a_terminal_a_missing_pin_is_a_sentence(plant_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["--db", plant_db, "--user", "admin", "backup", str(tmp_path)]) == 2
    assert "needs the PIN of admin" in capsys.readouterr().err


def test_the_user_and_pin_may_come_from_the_environment(plant_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRACEDESK_USER", "admin")
    monkeypatch.setenv("TRACEDESK_PIN", ADMIN_PIN)
    assert main(["--db", plant_db, "export", "audit", "--out", str(tmp_path / "a.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] > 0


def test_an_empty_database_points_to_init_admin(tmp_path, capsys):
    db = str(tmp_path / "empty.sqlite3")
    assert main(["--db", db, "import", str(tmp_path)]) == 2
    assert "tracedesk init --admin CODE --admin-pin PIN" in capsys.readouterr().err
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_a_clerks_import_leaves_released_lots_in_quarantine_and_says_so(plant_db, tmp_path, capsys):
    admin = ["--db", plant_db, "--user", "admin", "--pin", ADMIN_PIN]
    assert main([*admin, "users", "add", "anna", "--name", "Anna", "--role", "clerk", "--new-pin", "1111"]) == 0
    generate(tmp_path / "more", 4, orders=2)
    for name in ("items", "suppliers", "customers", "boms"):
        (tmp_path / "more" / f"{name}.csv").unlink(missing_ok=True)
    renamed = (tmp_path / "more" / "receipts.csv").read_text("utf-8").replace("R00", "Q00")
    (tmp_path / "more" / "receipts.csv").write_text(renamed, "utf-8")
    for name in ("orders", "issues", "outputs", "shipments"):
        (tmp_path / "more" / f"{name}.csv").unlink(missing_ok=True)
    capsys.readouterr()
    assert main(["--db", plant_db, "--user", "anna", "--pin", "1111", "import", str(tmp_path / "more"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["quarantined"] == summary["added"]["receipts"] > 0 and "arrived in quarantine" in summary["notes"][0]
    with sqlite3.connect(plant_db) as connection:
        statuses = {row[0] for row in connection.execute("SELECT status FROM lots WHERE code LIKE 'Q00%'")}
    assert statuses == {"quarantine"}


def test_a_user_changes_their_own_pin_and_the_log_says_only_that(plant_db, tmp_path, capsys):
    admin = ["--db", plant_db, "--user", "admin", "--pin", ADMIN_PIN]
    assert main([*admin, "users", "add", "anna", "--name", "Anna", "--role", "clerk", "--new-pin", "1111"]) == 0
    assert main(["--db", plant_db, "--user", "anna", "--pin", "1111", "users", "pin", "--new-pin", "2468"]) == 0
    assert main(["--db", plant_db, "--user", "anna", "--pin", "1111", "users", "pin", "--new-pin", "1357"]) == 2
    capsys.readouterr()
    # Signed in with the new PIN; what a clerk may do is still the store's answer.
    assert main(["--db", plant_db, "--user", "anna", "--pin", "2468", "export", "audit", "--out", str(tmp_path / "a.csv")]) == 2
    assert "anna (clerk) may not read and export the audit trail" in capsys.readouterr().err
    with sqlite3.connect(plant_db) as connection:
        user, payload = connection.execute("SELECT user, payload FROM events WHERE type = 'user_pin_changed'").fetchone()
    assert user == "anna" and set(json.loads(payload)) == {"code", "credential", "reason"}


def _typed_at_the_prompt(arguments: list[str], prompt: bytes, keys: bytes) -> tuple[int, str]:
    """Run `tracedesk ARGUMENTS` on a real terminal, type `keys` at `prompt`; exit code and all it wrote."""
    import os
    import pty
    import select
    import time

    environment = {k: v for k, v in os.environ.items() if k not in ("TRACEDESK_PIN", "TRACEDESK_KEY_PASSPHRASE")}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: a session with this pseudo-terminal as its controlling terminal
        os.execve(sys.executable, [sys.executable, "-m", "tracedesk", *arguments], environment)
    said = b""
    deadline = time.monotonic() + 60
    typed = False
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([terminal], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            said += chunk
        if not typed and prompt in said:
            os.write(terminal, keys)
            typed = True
    _pid, status = os.waitpid(pid, 0)
    os.close(terminal)
    return os.waitstatus_to_exitcode(status), said.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX pseudo-terminals")
@pytest.mark.parametrize("keys", [b"\x04", b"\x03"], ids=["Ctrl-D", "Ctrl-C"])
def test_ctrl_d_or_ctrl_c_at_the_pin_prompt_is_one_sentence(plant_db, tmp_path, keys):
    before = _events(plant_db)
    arguments = ["--db", plant_db, "--user", "admin", "export", "audit", "--out", str(tmp_path / "a.csv")]
    code, said = _typed_at_the_prompt(arguments, b"PIN of admin: ", keys)
    assert "Traceback" not in said and "Error" not in said, said
    sentence = "tracedesk export: Exporting the audit trail was cancelled at the PIN prompt of admin; nothing was recorded."
    assert said.replace("\r", "").splitlines()[-1] == sentence, said
    assert code == 2 and _events(plant_db) == before and not (tmp_path / "a.csv").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX pseudo-terminals")
@pytest.mark.parametrize("keys", [b"\x04", b"\x03"], ids=["Ctrl-D", "Ctrl-C"])
def test_ctrl_d_or_ctrl_c_at_the_passphrase_prompt_is_one_sentence(plant_db, tmp_path, keys):
    assert main(["--db", plant_db, "--user", "admin", "--pin", ADMIN_PIN, "keys", "generate"]) == 0
    backup = tmp_path / "key-backup.pem"
    arguments = ["--db", plant_db, "--user", "admin", "--pin", ADMIN_PIN, "keys", "backup", str(backup)]
    code, said = _typed_at_the_prompt(arguments, b"Passphrase of the key backup: ", keys)
    sentence = "tracedesk keys: No passphrase was typed (the prompt was cancelled); nothing was written."
    assert said.replace("\r", "").splitlines()[-1] == sentence, said
    assert code == 2 and not backup.exists()
