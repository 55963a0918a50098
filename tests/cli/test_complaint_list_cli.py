"""`tracedesk complaint list` with nothing to list says so, rather than printing nothing at all."""

from __future__ import annotations

from tests.cli.conftest import first_admin
from tracedesk.cli import main


def test_an_empty_list_is_a_sentence(tmp_path, capsys):  # noqa: ANN001
    db = str(tmp_path / "plant.sqlite3")
    first_admin(db)
    capsys.readouterr()
    assert main(["--db", db, "complaint", "list"]) == 0
    assert capsys.readouterr().out.strip() == "No complaints are recorded."
    assert main(["--db", db, "complaint", "list", "--status", "closed"]) == 0
    assert capsys.readouterr().out.strip() == "No complaints with the status closed."
    assert main(["--db", db, "complaint", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
