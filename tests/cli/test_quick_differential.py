"""The quick path (hand-read line, bare sqlite3 read) answers exactly as the full path does.

Each line runs three ways on the same, freshly restored file: as a script runs it; with the
line read by the full parser; and with the full parser and the ordinary open (SQLAlchemy,
migrations). Exit code, stdout and stderr must be equal, whatever the line or the file.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.conftest import first_admin
from tests.cli.test_warehouse_cli import _plant_with_a_shipped_lot
from tests.plant import QA_PIN
from tracedesk.cli import build_parser, main
from tracedesk.commands import _quick
from tracedesk.commands._quick import quick_command
from tracedesk.db import reader

Answer = tuple[int, str, str]


def _json_of(*argv: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(argv)) == 0
    return json.loads(out.getvalue().splitlines()[-1])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A plant with warehouse and after-sales steps and a held lot, built once for the module."""
    folder = tmp_path_factory.mktemp("template")
    db = str(folder / "plant.sqlite3")
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()):
        patch.setenv("TRACEDESK_HOME", str(folder / "home"))
        patch.setenv("LANG", "C.UTF-8")
        for name in ("LC_ALL", "LC_MESSAGES", "TRACEDESK_DB", "TRACEDESK_USER", "TRACEDESK_PIN"):
            patch.delenv(name, raising=False)
        signed = first_admin(db)
        lot = _plant_with_a_shipped_lot(f"sqlite:///{db}")
        _json_of(*signed, "move", lot, "B-04", "--put-away", "--json")
        picked = _json_of(*signed, "pick", "FLOUR", "50", "--customer", "SHOP", "--document", "DN-1", "--json")
        shipped = picked["picks"][0]["lot"]
        back = _json_of(
            *signed, "return", shipped, "--document", "DN-1", "--quantity", "5", "--reason", "torn", "--to", "QC", "--json"
        )
        assert main(["--db", db, "--user", "qa", "--pin", QA_PIN, "hold", lot, "--reason", "supplier complaint"]) == 0
    return {"db": db, "lot": lot, "returned": back["lot"], "shipped": shipped}


@pytest.fixture
def plant(template: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """The template plant copied into this test's folder, with its pristine copy beside it."""
    db = tmp_path / "plant.sqlite3"
    shutil.copyfile(template["db"], db)
    shutil.copyfile(template["db"], tmp_path / "pristine.sqlite3")
    return {**template, "db": str(db)}


def _answer(capsys: pytest.CaptureFixture[str], line: list[str], stdin: str | None) -> Answer:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(line))
    except SystemExit as exit:  # argparse: usage errors, help
        code = exit.code if isinstance(exit.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def three_ways(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    line: list[str],
    restore: Callable[[], None] = lambda: None,
    stdin: str | None = None,
) -> list[Answer]:
    """The answers as a script gets it, with the full parser, and with the full parser and the ordinary open."""
    answers = []
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdin", sys.stdin)
        restore()
        answers.append(_answer(capsys, line, stdin))
        patch.setattr(_quick, "quick_command", lambda arguments: None)
        restore()
        answers.append(_answer(capsys, line, stdin))
        patch.setattr(reader, "open_quick", lambda url, backup_dir=None: None)
        restore()
        answers.append(_answer(capsys, line, stdin))
    return answers


def assert_same(answers: list[Answer]) -> Answer:
    quick, full_parser, ordinary = answers
    assert quick == ordinary, f"quick: {quick!r}\nordinary: {ordinary!r}"
    assert full_parser == ordinary, f"full parser: {full_parser!r}\nordinary: {ordinary!r}"
    return ordinary


def _restorer(plant: dict[str, str]) -> Callable[[], None]:
    db = Path(plant["db"])

    def restore() -> None:
        for extra in (db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", ".damaged")):
            extra.unlink(missing_ok=True)
        shutil.copyfile(db.with_name("pristine.sqlite3"), db)

    return restore


SHAPES = [
    ["--db", "{db}", "trace", "{lot}", "--json"],
    ["--db={db}", "trace", "{lot}", "--json", "--direction", "down"],
    ["--db", "{db}", "trace", "{lot}", "--json", "--direction=up"],
    ["--db", "{db}", "trace", "{returned}", "--json"],
    ["--db", "{db}", "trace", "{shipped}", "--json"],
    ["--db", "{db}", "recall", "{lot}", "--json"],
    ["--db", "{db}", "recall", "{returned}", "--json"],
    ["--db", "{db}", "trace", "NO-SUCH-LOT", "--json"],
    ["--db", "{db}", "recall", "NO-SUCH-LOT", "--json"],
    ["--db", "{db}", "trace", "", "--json"],
    ["--db", "{db}", "trace", " {lot} ", "--json"],
    ["--db", "{db}", "trace", "{lot_lower}", "--json"],
    ["--db", "{db}", "trace", "(01)09506000134352(10){lot}", "--json"],
    ["--db", "{db}", "recall", "(10){lot}", "--json"],
    ["--db", "{db}", "trace", "https://id.gs1.org/01/09506000134352/10/{lot}", "--json"],
    ["--db", "{db}", "trace", "TD:{lot}", "--json"],
    ["--db", "{db}", "trace", "]C1(10){lot}", "--json"],
    ["--db", "{db}", "trace", "{lot}\x1d", "--json"],
    ["--db", "{db}", "trace", "X" * 5000, "--json"],
    ["--db", "{db}", "trace", "批次-1", "--json"],
    ["--db", "{db}", "--lang", "zh_CN", "trace", "NO-SUCH-LOT", "--json"],
    ["--db", "{db}", "--lang=zh", "recall", "{lot}", "--json"],
    ["--db", "{db}", "--language", "zh", "trace", "{lot}", "--json"],
    ["--db", "{db}", "--lang", "fr", "trace", "{lot}", "--json"],
    ["--db", "{db}", "--lang", "", "trace", "{lot}", "--json"],
    ["--db", "{db}", "--lang=", "trace", "NO-SUCH-LOT", "--json"],
    ["--db", "{db}", "--user", "qa", "trace", "{lot}", "--json"],
    ["trace", "{lot}", "--json", "--db", "{db}"],
    ["--db", "{db}", "trace", "{lot}", "--json", "--json"],
    ["--db", "{db}", "trace", "--json", "--", "{lot}"],
    ["--db", "{db}", "trace", "--", "{lot}", "--json"],
    ["--db", "{db}", "--", "trace", "{lot}", "--json"],
    ["--db", "{db}", "--db", "{db}", "trace", "{lot}", "--json"],
    ["--db", "{db}", "trace", "-{lot}", "--json"],
    ["--db", "{db}", "trace", "{lot}", "--json", "--direction", "Up"],
    ["--db", "sqlite:///{db}", "trace", "{lot}", "--json"],
    ["--db", "{db}", "TRACE", "{lot}", "--json"],
]


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: " ".join(shape)[:60])
def test_a_line_answers_the_same_on_every_path(plant, capsys, monkeypatch, shape):
    values = {**plant, "lot_lower": plant["lot"].lower()}
    line = [word.format(**values) for word in shape]
    assert_same(three_ways(capsys, monkeypatch, line, _restorer(plant)))


PARSE_SHAPES = [
    (["parse", "(01)09506000134352(10)ABC(17)260228", "--json"], None),
    (["parse", "", "--json"], None),
    (["parse", " ", "--json"], None),
    (["parse", "--json"], "(01)09506000134352(10)ABC\n"),
    (["parse", "--json"], ""),
    (["parse", "--json"], "\n\n"),
    (["parse", "--json"], "(01)09506000134352\n(10)X\n"),
    (["parse", "--json", "-"], "(01)09506000134352\n"),
    (["parse", "--json", "--", "-1"], None),
    (["parse", "--json", "--json", "TD:A1"], None),
    (["parse", "--lenient", "--json", "(01)0950600013435"], None),
    (["parse", "--epc", "--json", "3034257BF7194E4000001A85"], None),
    (["parse", "--epc", "--json", "not hex"], None),
    (["parse", "--json", "https://id.gs1.org/01/09506000134352/10/ABC"], None),
    (["parse", "--json", "(10)" + "A" * 20000], None),
    (["--lang", "zh_CN", "parse", "--json", "(01)09506000134353"], None),
    (["--lang", "zh_CN", "parse", "--json"], ""),
    (["--db", "{db}", "parse", "TD:A1", "--json"], None),
]


@pytest.mark.parametrize("shape", PARSE_SHAPES, ids=lambda shape: repr(shape)[:60])
def test_parse_answers_the_same_on_every_path(plant, capsys, monkeypatch, shape):
    line, stdin = shape
    line = [word.format(**plant) for word in line]
    assert_same(three_ways(capsys, monkeypatch, line, stdin=stdin))


def test_the_station_language_speaks_on_every_path(plant, capsys, monkeypatch):
    from tracedesk.paths import AppPaths

    config = AppPaths.from_environment().ensure().config_dir
    (config / "ui.json").write_text('{"language": "zh_CN"}', "utf-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for line, chinese in (
        (["--db", plant["db"], "trace", "NO-SUCH-LOT", "--json"], True),
        (["--db", plant["db"], "recall", plant["lot"], "--json"], False),
        (["parse", "--json", "(01)09506000134353"], True),
    ):
        _code, out, err = assert_same(three_ways(capsys, monkeypatch, line, _restorer(plant)))
        assert any("\u4e00" <= char <= "\u9fff" for char in out + err) == chinese, (out, err)


def test_an_empty_or_missing_database_answers_the_same(tmp_path, capsys, monkeypatch):
    empty = tmp_path / "empty.sqlite3"
    missing = tmp_path / "missing.sqlite3"

    def restore() -> None:
        empty.write_bytes(b"")
        for path in tmp_path.glob("missing.sqlite3*"):
            path.unlink()

    for db in (empty, missing):
        for command in ("trace", "recall"):
            assert_same(three_ways(capsys, monkeypatch, ["--db", str(db), command, "L-1", "--json"], restore))


def test_a_database_at_an_older_schema_is_upgraded_the_same_way(plant, capsys, monkeypatch):
    from alembic import command
    from sqlalchemy import create_engine

    from tracedesk.db.engine import _alembic_config
    from tracedesk.db.reader import migration_head

    db = Path(plant["db"])
    older = db.with_name("pristine.sqlite3")
    engine = create_engine(f"sqlite:///{older}")
    command.downgrade(_alembic_config(engine), "-1")
    engine.dispose()
    line = ["--db", str(db), "trace", plant["lot"], "--json"]
    code, out, _err = assert_same(three_ways(capsys, monkeypatch, line, _restorer(plant)))
    assert code == 0 and plant["lot"] in out
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migration_head()
    connection.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "foreign", "newer", "unknown", "no revision", "locked", "writing", "writing in WAL", "restoring"],
)
def test_a_damaged_or_locked_database_gets_the_same_sentence(plant, capsys, monkeypatch, damage, language):
    db = Path(plant["db"])
    pristine = db.with_name("pristine.sqlite3")
    if damage == "garbage":
        pristine.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        pristine.write_bytes(pristine.read_bytes()[:3000])
    elif damage == "foreign":
        pristine.unlink()
        other = sqlite3.connect(pristine)
        other.execute("CREATE TABLE notes (x)")
        other.commit()
        other.close()
    elif damage == "newer":
        other = sqlite3.connect(pristine)
        with other:
            other.execute("UPDATE alembic_version SET version_num = '9999_future'")
        other.close()
    elif damage == "unknown":
        other = sqlite3.connect(pristine)
        with other:
            other.execute("UPDATE alembic_version SET version_num = '0013_previous'")
        other.close()
    elif damage == "no revision":
        other = sqlite3.connect(pristine)
        with other:
            other.execute("DELETE FROM alembic_version")
        other.close()
    line = ["--db", str(db), "--lang", language, "trace", plant["lot"], "--json"]
    if damage == "restoring":
        import fcntl

        from tracedesk.db.inuse import lock_file

        _restorer(plant)()
        with lock_file(db).open("w") as restoring:
            fcntl.flock(restoring, fcntl.LOCK_EX)  # what a restore holds
            code, _out, err = assert_same(three_ways(capsys, monkeypatch, line))
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        return
    if not damage.startswith(("locked", "writing")):
        code, _out, err = assert_same(three_ways(capsys, monkeypatch, line, _restorer(plant)))
        if damage != "no revision":  # (read as a file at head by every path alike)
            assert code != 0 and len(err.strip().splitlines()) == 1, err
        return
    from tracedesk.db import engine as db_engine

    monkeypatch.setattr(reader, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    _restorer(plant)()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL" if damage == "writing in WAL" else "PRAGMA journal_mode = DELETE")
    other.execute("BEGIN EXCLUSIVE" if damage == "locked" else "BEGIN IMMEDIATE")
    other.execute("UPDATE items SET name = name || ' (being renamed)'")  # not committed: no reader sees it
    try:
        code, out, _err = assert_same(three_ways(capsys, monkeypatch, line))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "being renamed" not in out
    if damage == "writing in WAL":  # a writer at work does not stop a read
        assert code == 0 and plant["lot"] in out


def test_arguments_that_are_not_utf8_answer_the_same_in_a_real_process(plant, tmp_path):
    # Python keeps such bytes as lone surrogates; only a real process writes them back as bytes.
    db = plant["db"]
    lines = [
        ["--db", db, "trace", b"\xff\xfe", "--json"],
        ["--db", db, "recall", b"L\xe9", "--json"],
        ["parse", b"(10)\xff", "--json"],
    ]
    for line in lines:
        quick, full = (
            subprocess.run(
                [sys.executable, "-m", "tracedesk", *forced, *line],
                capture_output=True,
                env={**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")},
                timeout=120,
            )
            for forced in ([], [b"--pin=unused"])  # an option the quick path does not read
        )
        assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)
        assert b"Traceback" not in quick.stderr and len(quick.stderr.splitlines()) <= 1, quick.stderr


def test_a_read_only_database_answers_the_same_in_a_real_process(plant, tmp_path):
    from tests.cli.faults import without_override

    db = Path(plant["db"])
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        wrap = without_override()
        for line in (["trace", plant["lot"], "--json"], ["--lang", "zh_CN", "recall", "NO-SUCH-LOT", "--json"]):
            quick, full = (
                subprocess.run(
                    [*wrap, sys.executable, "-m", "tracedesk", "--db", str(db), *forced, *line],
                    capture_output=True,
                    text=True,
                    env={**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")},
                    timeout=120,
                )
                for forced in ([], ["--pin=unused"])
            )
            assert (quick.returncode, quick.stdout, quick.stderr) == (full.returncode, full.stdout, full.stderr)
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)


def test_a_random_plant_reads_the_same_on_every_path(tmp_path, capsys, monkeypatch):
    from tests.cli.random_plant import generate

    plant = generate(tmp_path / "csv", 23)
    db = str(tmp_path / "random.sqlite3")
    assert main([*first_admin(db), "import", str(tmp_path / "csv")]) == 0
    capsys.readouterr()
    lots = sorted(plant.lots)
    for index, code in enumerate(lots[:: max(1, len(lots) // 12)]):
        direction = ("both", "up", "down")[index % 3]
        for line in (
            ["--db", db, "trace", code, "--direction", direction, "--json"],
            ["--db", db, "recall", code, "--json"],
        ):
            assert_same(three_ways(capsys, monkeypatch, line))


@pytest.mark.parametrize("table", ["lots", "lot_links", "shipments", "holds", "lot_moves", "items"])
@pytest.mark.parametrize("command", ["trace", "recall"])
def test_damage_inside_a_table_a_read_needs_gets_the_same_sentence_and_marker(plant, capsys, monkeypatch, table, command):
    from tests.cli.faults import overwrite_pages, pages_of
    from tracedesk.db.health import damage_marker

    db = Path(plant["db"])
    pristine = db.with_name("pristine.sqlite3")
    pages = pages_of(pristine, table)
    overwrite_pages(pristine, pages[len(pages) // 2 :] or pages)
    restore = _restorer(plant)
    markers = []

    def restore_and_look() -> None:
        markers.append(damage_marker(db).exists())  # what the way before left behind
        restore()

    line = ["--db", str(db), command, plant["lot"], "--json"]
    answers = three_ways(capsys, monkeypatch, line, restore_and_look)
    markers.append(damage_marker(db).exists())
    assert_same(answers)
    assert markers[1:] == [markers[-1]] * 3, markers


def test_parse_with_standard_input_closed_answers_the_same_in_a_real_process(tmp_path):
    # `<&-`: the process starts without a standard input at all (Python's sys.stdin is None).
    answers = [
        subprocess.run(
            ["sh", "-c", 'exec "$@" <&-', "sh", sys.executable, "-m", "tracedesk", *forced, "parse", "--json"],
            capture_output=True,
            text=True,
            env={**os.environ, "TRACEDESK_HOME": str(tmp_path / "home")},
            timeout=120,
        )
        for forced in ([], ["--pin=unused"])
    ]
    quick, full = ((done.returncode, done.stdout, done.stderr) for done in answers)
    assert quick == full == (0, "", ""), quick


_WORDS = [
    *("trace", "recall", "parse", "L1", "L2", "", " ", "-", "-1", "=", "--", "-h", "--js", "--dir"),
    *("--json", "--json=1", "--direction", "up", "down", "both", "--direction=up", "--direction="),
    *("--db", "x.sqlite3", "--db=y", "--db=", "--lang", "zh", "en", "fr", "--lang=zh_CN", "--lang="),
    *("--user", "--pin", "--version", "--epc", "--lenient", "--today", "2026-01-01", "--report", "--mock"),
]


_GLOBALS = ["--db", "x.sqlite3", "--db=y", "--db=", "--lang", "zh", "--lang=en", "--lang=", "--user", "-h", "--"]


@st.composite
def _lines(draw: st.DrawFn) -> list[str]:
    """Mostly lines a script would write, with a word or two out of place."""
    before = draw(st.lists(st.sampled_from(_GLOBALS), max_size=4))
    command = draw(st.sampled_from(["trace", "recall", "parse"]))
    json = draw(st.sampled_from(["--json", "--json", "--json=1", "--js", "--JSON"]))
    rest = draw(st.lists(st.sampled_from(_WORDS), max_size=3))
    return [*before, command, *draw(st.permutations(["L1", json, *rest]))]


@given(st.one_of(_lines(), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7)))
@settings(max_examples=500, deadline=None)
def test_a_line_read_by_hand_is_one_the_full_parser_reads_the_same(line):
    quick = quick_command(line)
    if quick is None:
        return  # the full parser reads it, help and errors included
    with contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            full = build_parser(quick.command).parse_args(line)
        except SystemExit:
            pytest.fail(f"read by hand, refused by the full parser: {line!r}: {err.getvalue()}")
    assert vars(quick.args) == {key: value for key, value in vars(full).items() if key != "handler"}, line
