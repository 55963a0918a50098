"""Read commands start quickly: they load only their own module, and a database at head is read
through the bare driver (db.reader) with the same answers as through a session."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import build_parser, main
from tracedesk.db import reader
from tracedesk.db.engine import head_revision, known_revisions, sqlite_file
from tracedesk.paths import AppPaths
from tracedesk.services.runtime import Runtime
from tracedesk.services.trace import recall_lot, trace_lot

HEAVY = (
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "reportlab",
    "PySide6",
    "logging",
    "tracedesk.db.models",
    "tracedesk.services.runtime",
    "tracedesk.services.dto",
)


@pytest.fixture
def plant_db(tmp_path: Path) -> tuple[str, list[str]]:
    plant = generate(tmp_path / "csv", 5)
    db = str(tmp_path / "plant.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    return db, sorted(plant.lots)


def _loaded_by(args: list[str], home: Path) -> tuple[list[str], str]:
    """The heavy modules a child process loaded running `tracedesk ARGS`, and what it printed."""
    code = (
        "import io, json, sys\n"
        "from contextlib import redirect_stdout\n"
        "from tracedesk.cli import main\n"
        "out = io.StringIO()\n"
        f"with redirect_stdout(out):\n    status = main({args!r})\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(json.dumps({'status': status, 'heavy': heavy, 'out': out.getvalue()}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"TRACEDESK_HOME": str(home), "PATH": ""}
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["status"] == 0, result
    return result["heavy"], result["out"]


def test_the_scripts_questions_load_no_orm_no_migrations_and_no_report_libraries(plant_db, tmp_path):
    db, lots = plant_db
    heavy, out = _loaded_by(["--db", db, "trace", lots[0], "--json"], tmp_path / "home")
    assert heavy == [] and json.loads(out)["lot"]["code"] == lots[0]
    heavy, out = _loaded_by(["--db", db, "recall", lots[0], "--json"], tmp_path / "home")
    assert heavy == [] and lots[0] in json.loads(out)["affected_lots"]
    heavy, out = _loaded_by(["parse", "(01)09506000134352(10)ABC", "--json"], tmp_path / "home")
    assert [m for m in heavy if m != "logging"] == [] and "ABC" in out  # parse logs what it refuses


def test_an_old_or_new_database_is_opened_the_ordinary_way(tmp_path):
    # A file that must be created (or upgraded) is not a quick read: the ordinary open does it.
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert reader.open_quick(url) is None
    runtime = Runtime.open(url, AppPaths.from_environment().ensure())
    runtime.close()
    quick = reader.open_quick(url)
    assert quick is not None
    quick.close()
    connection = sqlite3.connect(tmp_path / "new.sqlite3")
    connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.commit()
    connection.close()
    assert reader.open_quick(url) is None
    assert reader.open_quick("postgresql://hub/plant") is None
    assert reader.open_quick(f"sqlite:///{tmp_path / 'new.sqlite3'}?mode=ro") is None


def test_the_migration_head_read_from_the_scripts_is_alembic_s():
    assert reader.migration_head() == head_revision()
    assert reader.migration_revisions() == known_revisions()


@pytest.mark.parametrize(
    "url", ["sqlite:///rel.db", "sqlite:////tmp/a b/c.sqlite3", "sqlite:////tmp/中文/x.sqlite3", "sqlite:////tmp/a@b#c/x.db"]
)
def test_a_plain_url_names_the_file_sqlalchemy_would_open(url):
    assert reader.plain_sqlite_path(url) == sqlite_file(url)


@pytest.mark.parametrize(
    "url", ["sqlite:////tmp/x%20y.db", "sqlite:///x.db?mode=ro", "sqlite://", "sqlite:///", "postgresql://h/d"]
)
def test_other_urls_are_left_to_sqlalchemy(url):
    assert reader.plain_sqlite_path(url) is None


def test_a_quick_read_answers_as_a_session_does(plant_db):
    db, lots = plant_db
    runtime = Runtime.open(f"sqlite:///{db}", AppPaths.from_environment().ensure())
    quick = reader.open_quick(f"sqlite:///{db}")
    assert quick is not None
    try:
        for code in lots:
            with runtime.reading() as session:
                expected = (trace_lot(session, code), recall_lot(session, code))
            quick.connection.execute("BEGIN")
            try:
                assert (trace_lot(quick.connection, code), recall_lot(quick.connection, code)) == expected
            finally:
                quick.connection.execute("ROLLBACK")
    finally:
        quick.close()
        runtime.close()


def test_a_missing_lot_in_a_quick_read_is_the_same_sentence(plant_db, capsys):
    db, _ = plant_db
    assert main(["--db", db, "trace", "NO-SUCH-LOT", "--json"]) == 2
    assert "There is no lot 'NO-SUCH-LOT'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["trace", "recall", "parse", "users", "export"])
def test_a_command_s_own_parser_is_the_one_the_whole_parser_has(command):
    whole = build_parser()._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    alone = build_parser(command)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert list(alone) == [command]
    assert alone[command].format_help() == whole.format_help()


def test_a_command_whose_module_has_another_name_still_parses():
    # `import` lives in commands/import_data.py, `hold` in commands/qa.py: every module is loaded.
    assert build_parser("import").parse_args(["import", "folder"]).command == "import"
    assert build_parser("hold").parse_args(["hold", "L1", "--reason", "x"]).command == "hold"


def test_a_recall_changes_no_schema_so_no_statement_is_prepared_again(plant_db):
    # The scope table is the pooled connection's from its open: a recall inside a read that
    # made it would roll it back, and the schema change made every cached statement be
    # prepared again at the next read.
    db, lots = plant_db
    runtime = Runtime.open(f"sqlite:///{db}", AppPaths.from_environment().ensure())
    try:
        for code in lots[:4]:
            with runtime.reading() as session:
                connection = session.connection().connection.driver_connection
                before = connection.execute("PRAGMA temp.schema_version").fetchone()
                assert code in recall_lot(session, code).affected_lots
                assert connection.execute("PRAGMA temp.schema_version").fetchone() == before, code
    finally:
        runtime.close()


def test_a_read_without_a_session_answers_as_a_session_does_and_leaves_no_transaction(plant_db):
    db, lots = plant_db
    runtime = Runtime.open(f"sqlite:///{db}", AppPaths.from_environment().ensure())
    try:
        for code in lots:
            with runtime.reading() as session:
                expected = (trace_lot(session, code), recall_lot(session, code))
            with runtime.driver_reading() as connection:
                assert isinstance(connection, sqlite3.Connection) and connection.in_transaction
                assert (trace_lot(connection, code), recall_lot(connection, code)) == expected
            assert not connection.in_transaction
        with pytest.raises(Exception, match="no lot"), runtime.driver_reading() as connection:
            trace_lot(connection, "NO-SUCH-LOT")
        assert not connection.in_transaction
    finally:
        runtime.close()
