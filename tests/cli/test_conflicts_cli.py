"""`tracedesk conflicts` lists what two stations' facts contradict; QA resolves one, signed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.plant import master_data
from tests.stations import ADMIN_PIN, StepClock, exchange, join, open_station
from tracedesk.cli import main
from tracedesk.services import shipping
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.users import create_user


def _over_issue_at(tmp_path: Path) -> tuple[str, str]:
    """Station A's database after A and B shipped the same 40 kg offline; (its file, the lot)."""
    clock = StepClock()
    a, b = open_station(tmp_path, "A", clock, first=True), open_station(tmp_path, "B", clock)
    try:
        with a.work() as session:
            master_data(session, a.actor())
            create_user(session, a.actor(), code="clerk", name="Clerk", role="clerk", pin="5656")
            request = ReceiveRequest(item="FLOUR", quantity="40", supplier="MILL", supplier_lot="S-1")
            lot = register_received_lot(session, request, a.actor()).code
            from tracedesk.services import quality

            quality.release_lot(session, a.actor(), lot=lot, pin=ADMIN_PIN)
        exchange(a, b)
        join(b, a.actor())
        for station in (a, b):
            with station.work() as session:
                shipping.ship_lot(session, station.actor(), lot=lot, customer="SHOP", document="DN", quantity="30")
        exchange(b, a)
    finally:
        a.close()
        b.close()
    return str(tmp_path / "A.sqlite3"), lot


def test_conflicts_are_listed_as_json_and_resolved_by_qa(tmp_path: Path, capsys) -> None:
    db, lot = _over_issue_at(tmp_path)
    assert main(["--db", db, "conflicts", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert {"id", "kind", "lots", "stations", "events", "detected_at", "status"} <= listed.keys()
    assert (listed["kind"], listed["lots"], listed["stations"], listed["status"]) == ("over_issue", [lot], ["A", "B"], "open")
    signed = ["--db", db, "--user", "admin", "--pin", ADMIN_PIN]
    assert main([*signed, "conflicts", "resolve", listed["id"], "--note", "Counted 10 kg short", "--json"]) == 0
    resolved = json.loads(capsys.readouterr().out)
    assert resolved["status"] == "resolved" and resolved["note"] == "Counted 10 kg short"
    assert main(["--db", db, "conflicts", "--open", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", db, "conflicts"]) == 0
    assert "resolved by admin: Counted 10 kg short" in capsys.readouterr().out
    assert main(["--db", db, "audit", "verify"]) == 0


def test_resolving_is_refused_to_a_clerk_and_for_an_unknown_conflict(tmp_path: Path, capsys) -> None:
    db, _lot = _over_issue_at(tmp_path)
    assert main(["--db", db, "conflicts", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert main(["--db", db, "--user", "clerk", "--pin", "5656", "conflicts", "resolve", listed["id"], "--note", "x"]) == 2
    assert "may not" in capsys.readouterr().err
    assert main(["--db", db, "--user", "admin", "--pin", ADMIN_PIN, "conflicts", "resolve", "C-0000", "--note", "x"]) == 2
    err = capsys.readouterr().err
    assert "There is no conflict C-0000" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", db, "conflicts", "--open", "--json"]) == 0
    assert [c["status"] for c in json.loads(capsys.readouterr().out)] == ["open"]
