"""No PIN hash and no badge (key or number) in any file a working session produces, nor in the event log.

A scripted session: users created with badges, PINs reset and changed, badges set and taken away,
wrong PINs, an import, every export, the audit CSV, labels, a recall report, a backup, the app's
log file. Then every byte produced is searched for each secret the credentials table holds.
"""

from __future__ import annotations

import base64
import logging
import sqlite3
import zipfile
from pathlib import Path

import pypdfium2
import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import main
from tracedesk.paths import AppPaths

BADGES = ("BADGE-7731-ANNA", "BADGE-9902-QA", "BADGE-5555-LATE")


def _readable(path: Path) -> str:
    """What a file says: PDF text, the XML inside a workbook, or the bytes themselves."""
    if path.suffix == ".pdf":
        pdf = pypdfium2.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in pdf) + path.read_bytes().decode("latin-1")
        finally:
            pdf.close()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    if path.suffix == ".sqlite3":
        # A backup is the database: its credentials table is where the secrets belong; nothing else may hold one.
        with sqlite3.connect(path) as connection:
            tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return "\n".join(
                repr(row) for table in tables if table != "credentials" for row in connection.execute(f'SELECT * FROM "{table}"')
            )
    return path.read_bytes().decode("utf-8", "replace")


def _secrets(db: str) -> list[str]:
    """Every PIN hash and badge key, whole and in parts (salt, digest), and the badge numbers themselves."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT pin_hash, badge_key FROM credentials").fetchall()
    found = list(BADGES)
    for pin_hash, badge_key in rows:
        for value in (pin_hash, badge_key):
            if value:
                found.append(value)
                found.extend(part for part in value.split("$")[1:] if len(part) >= 16)
                found.extend(base64.b64decode(part).hex() for part in value.split("$")[1:] if len(part) >= 16)
    return found


@pytest.fixture
def app_log(_isolated_home):
    """The log file the app writes, attached for the session as the app attaches it."""
    from tracedesk.app import _setup_logging

    paths = AppPaths.from_environment().ensure()
    before = list(logging.getLogger().handlers)
    level = logging.getLogger().level
    _setup_logging(paths)
    logging.getLogger().setLevel(logging.DEBUG)
    yield paths.log_dir / "tracedesk.log"
    for handler in logging.getLogger().handlers[:]:
        if handler not in before:
            handler.close()
            logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(level)


def test_a_whole_session_leaves_no_secret_in_any_file_or_in_the_log(tmp_path, capsys, app_log):
    db = str(tmp_path / "plant.sqlite3")
    out = tmp_path / "out"
    out.mkdir()
    boss = first_admin(db, "boss", "2580")
    generate(tmp_path / "csv", 5, orders=8)

    def ok(*args: str) -> None:
        assert main([*boss, *args]) == 0, args

    ok("users", "add", "anna", "--name", "Anna", "--role", "clerk", "--new-pin", "1111")
    ok("users", "add", "qa", "--name", "Quality", "--role", "qa", "--new-pin", "3333")
    ok("users", "badge", "anna", "--new-badge", BADGES[0])
    ok("users", "badge", "qa", "--new-badge", BADGES[1])
    ok("users", "reset-pin", "anna", "--new-pin", "2222")
    ok("users", "badge", "anna", "--new-badge", BADGES[2])
    ok("users", "badge", "qa", "--remove")
    assert main(["--db", db, "--user", "anna", "--pin", "9999", "users", "list"]) == 0  # listing needs nobody
    assert main(["--db", db, "--user", "anna", "--pin", "9999", "backup", str(out)]) == 2  # a wrong PIN: recorded
    ok("import", str(tmp_path / "csv"))
    ok("users", "role", "anna", "line_lead", "--reason", "moved")
    lot, product = "R000", "BAR"
    for kind, name in (
        ("dossier", "dossier.pdf"),
        ("recall", "recall.pdf"),
        ("recall", "recall.xlsx"),
        ("epcis", "events.jsonld"),
        ("fsma", "fsma.xlsx"),
        ("fsma", "fsma.csv"),
        ("audit", "audit.csv"),
    ):
        where = ["--lot", lot] if kind in ("dossier", "epcis", "audit") else []
        where = [lot] if kind == "dossier" else where
        where = ["--product", product] if kind == "fsma" else where
        where = [lot] if kind == "recall" else where
        ok("export", kind, *where, "--out", str(out / name), "--json")
    ok("export", "audit", "--out", str(out / "audit-all.csv"))
    ok("recall", lot, "--out", str(out / "recall-cli.xlsx"))
    ok("label", lot, "--out", str(out / "label.pdf"))
    ok("label", lot, "--out", str(out / "label.zpl"))
    ok("backup", str(out))
    assert main(["--db", db, "audit", "verify", "--json"]) == 0
    printed = capsys.readouterr()

    secrets = _secrets(db)
    assert len(secrets) > 10
    produced = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.suffix for p in produced} >= {".pdf", ".xlsx", ".csv", ".jsonld", ".zpl", ".sqlite3"}
    files = {p.name: _readable(p) for p in [*produced, app_log] if p.exists()}
    files["stdout and stderr"] = printed.out + printed.err
    with sqlite3.connect(db) as connection:
        files["events table"] = "\n".join(repr(row) for row in connection.execute("SELECT * FROM events"))
    leaks = {name: [s for s in secrets if s in text] for name, text in files.items()}
    assert not {name: found for name, found in leaks.items() if found}
    assert "sign_in_failed" in files["events table"] and "user_badge_changed" in files["events table"]
