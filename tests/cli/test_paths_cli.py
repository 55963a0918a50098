"""Where the database lives: TRACEDESK_HOME, TRACEDESK_DB and --db, in that order of precedence."""

from __future__ import annotations

import json

from tracedesk.cli import main
from tracedesk.paths import AppPaths, database_url


def test_home_relocates_every_directory(tmp_path):
    paths = AppPaths.from_environment({"TRACEDESK_HOME": str(tmp_path)})
    assert paths.default_database == tmp_path / "data" / "tracedesk.sqlite3"
    assert {p.parent for p in (paths.data_dir, paths.config_dir, paths.log_dir, paths.backup_dir)} == {tmp_path}


def test_db_option_beats_environment_beats_default(tmp_path):
    paths = AppPaths.from_environment({"TRACEDESK_HOME": str(tmp_path)})
    assert database_url(None, paths, {}) == f"sqlite:///{paths.default_database}"
    assert database_url(None, paths, {"TRACEDESK_DB": str(tmp_path / "env.db")}) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url(str(tmp_path / "arg.db"), paths, {"TRACEDESK_DB": "x"}) == f"sqlite:///{tmp_path / 'arg.db'}"
    assert database_url("sqlite:///elsewhere.db", paths, {}) == "sqlite:///elsewhere.db"


def test_init_creates_the_database_in_the_data_directory(_isolated_home, capsys):
    assert main(["init", "--station-name", "Dock 1", "--prefix", "R"]) == 0
    assert (_isolated_home / "data" / "tracedesk.sqlite3").exists()
    out = capsys.readouterr().out
    assert "Dock 1" in out and "lot codes like R" in out


def test_init_creates_the_first_administrator_once(_isolated_home, capsys):
    assert main(["init", "--station-name", "Dock 1", "--admin", "boss", "--admin-pin", "2580", "--admin-name", "Ada Boss"]) == 0
    assert "First administrator boss" in capsys.readouterr().out
    assert main(["init", "--admin", "eve", "--admin-pin", "1111"]) == 2
    assert "has users already" in capsys.readouterr().err
    assert main(["users", "list", "--json"]) == 0
    assert [(u["code"], u["role"]) for u in json.loads(capsys.readouterr().out)] == [("boss", "admin")]
    assert main(["init", "--prefix", "Q"]) == 2  # once there are users, the station's settings are an admin's
    assert "needs a signed-in user" in capsys.readouterr().err
    assert main(["--user", "boss", "--pin", "2580", "init", "--prefix", "Q"]) == 0
    assert "lot codes like Q" in capsys.readouterr().out


def test_init_refuses_a_bad_prefix(capsys):
    assert main(["init", "--prefix", "R-1"]) == 2
    assert "letters and digits" in capsys.readouterr().err
