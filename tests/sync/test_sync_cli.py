"""The command line of the hub: init, connect, sync --once --json, verify; an unreachable hub is exit 2."""

from __future__ import annotations

import json

from tests.cli.conftest import first_admin
from tracedesk.cli import main


def test_connect_then_sync_prints_the_counts_as_json(empty_pg, tmp_path, capsys):  # noqa: ANN001
    assert main(["hub", "init", empty_pg]) == 0
    assert "Hub created" in capsys.readouterr().out
    db = str(tmp_path / "dock.sqlite3")
    signed = first_admin(db)
    assert main([*signed, "init", "--prefix", "D"]) == 0
    assert main([*signed, "hub", "connect", empty_pg]) == 0
    assert "is connected to the hub" in capsys.readouterr().out
    assert main(["--db", db, "sync", "--once", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"pushed", "pulled", "conflicts", "hub_seq"} and result["pushed"] > 0
    assert main(["--db", db, "sync", "--once", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pushed"] == 0
    assert main(["hub", "verify", empty_pg]) == 0
    assert "every chain is intact" in capsys.readouterr().out


def test_an_unreachable_hub_is_exit_2_and_one_sentence(tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "dock.sqlite3")
    assert main(["--db", db, "sync", "--once", "--hub", "postgresql://postgres@127.0.0.1:1/hub"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot be reached" in err and "offline" in err


def test_a_database_that_is_no_hub_is_named(empty_pg, tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "dock.sqlite3")
    assert main(["--db", db, "sync", "--once", "--hub", empty_pg]) == 2
    assert "not a TraceDesk hub yet" in capsys.readouterr().err


def test_version_names_the_hub_schema_of_a_connected_station(hub, tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "dock.sqlite3")
    signed = first_admin(db)
    assert main([*signed, "init", "--prefix", "D"]) == 0
    assert main([*signed, "hub", "connect", hub]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--version"]) == 0
    from tracedesk.sync.hub import hub_head_revision

    assert capsys.readouterr().out.splitlines()[-1] == f"Hub schema: {hub_head_revision()}"


def test_add_station_names_the_address_the_station_connects_with(hub, tmp_path, capsys):  # noqa: ANN001
    from sqlalchemy.engine import make_url

    admin = make_url(hub).set(password="admin-secret")  # trust authentication: the password is not checked
    assert main(["hub", "add-station", admin.render_as_string(hide_password=False), "--station", "ST1", "--prefix", "R1"]) == 0
    out = capsys.readouterr().out
    role = f"{admin.database}_st1"
    address = f"postgresql://{role}@{admin.host}:{admin.port}/{admin.database}?sslmode=require"
    assert f'`tracedesk hub connect "{address}"`' in out, out
    assert "SERVER" not in out and "admin-secret" not in out
