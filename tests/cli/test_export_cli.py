"""`tracedesk export`: the line it prints says what was written and what its number counts."""

from __future__ import annotations

import pytest

from tests.cli.conftest import first_admin
from tests.cli.random_plant import generate
from tracedesk.cli import main


@pytest.fixture(scope="module")
def plant(tmp_path_factory) -> list[str]:
    """A small imported plant; returns the arguments that sign in as its administrator."""
    folder = tmp_path_factory.mktemp("plant")
    signed_in = first_admin(str(folder / "plant.sqlite3"))
    generate(folder / "csv", 3, orders=6)
    assert main([*signed_in, "import", str(folder / "csv")]) == 0
    return signed_in


def test_the_dossier_line_says_its_number_is_the_timeline_s_events(plant, tmp_path, capsys):
    capsys.readouterr()
    out = tmp_path / "d.pdf"
    assert main([*plant, "export", "dossier", "R000", "--out", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("trace dossier of R000: ") and line.endswith(f"in its timeline -> {out}")
    count = int(line.split(": ")[1].split()[0])
    assert count >= 1 and f"{count} event{'s' if count != 1 else ''} in its timeline" in line


def test_the_dossier_line_is_translated(plant, tmp_path, capsys):
    capsys.readouterr()
    out = tmp_path / "d.pdf"
    assert main([*plant, "--lang", "zh_CN", "export", "dossier", "R000", "--out", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("R000 的追溯档案：时间线中有 ") and line.endswith(f"个事件 -> {out}")


@pytest.mark.parametrize(
    ("kind", "name", "said"),
    [
        ("recall", "r.xlsx", "recall report for R000: "),
        ("audit", "a.csv", "audit trail event"),
        ("fsma", "f.csv", "FSMA 204 row"),
        ("epcis", "e.jsonld", "EPCIS event"),
    ],
)
def test_every_export_line_names_what_it_counts(plant, tmp_path, capsys, kind, name, said):
    capsys.readouterr()
    out = tmp_path / name
    extra = {"recall": ["R000"], "fsma": ["--lot", "R000"], "epcis": ["--lot", "R000"], "audit": []}[kind]
    assert main([*plant, "export", kind, *extra, "--out", str(out)]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert said in line and line.endswith(f" -> {out}")
