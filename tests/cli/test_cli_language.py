"""The command line speaks --lang, else LC_ALL/LC_MESSAGES/LANG; documents follow the station's language."""

from __future__ import annotations

import json
import re

import pypdfium2
import pytest

from tests.plant import QA_PIN, master_data, qa_signer, received
from tracedesk.cli import main
from tracedesk.core.actor import Actor
from tracedesk.paths import AppPaths
from tracedesk.services import quality
from tracedesk.services.runtime import Runtime, StationSettings

# What stays as typed in a Chinese sentence: the program, options, codes, standards, file types.
KEPT = {
    "TraceDesk",
    "tracedesk",
    "GTIN",
    "GS1",
    "AI",
    "EPC",
    "PIN",
    "CODE",
    "PDF",
    "ZPL",
    "JSON",
    "CSV",
    "URL",
    "kg",
    "YYYY",
    "MM",
    "DD",
}
NOT_WORDS = re.compile(r"--[\w-]+|`[^`]*`|“[^”]*”|\w*[_\d]\w*|tracedesk [\w-]+|/\S+|\.[a-z]+\b")


def english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{2,}", NOT_WORDS.sub(" ", text)) if w not in KEPT]


@pytest.fixture(scope="module")
def plant_db(tmp_path_factory) -> tuple[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("language")
    paths = AppPaths(folder / "data", folder / "config", folder / "logs", folder / "backups").ensure()
    runtime = Runtime.open(
        f"sqlite:///{folder / 'plant.sqlite3'}", paths, StationSettings(code="ST1", name="Station", lot_prefix="T")
    )
    try:
        admin = runtime.create_first_admin(code="admin", name="Admin", pin="1234", at=Actor("", "ST1"))
        with runtime.unit_of_work() as session:
            master_data(session, admin)
            qa_signer(session, admin)
            flour = received(session, admin, "FLOUR", "100", supplier_lot="F-1")
            held = received(session, admin, "SUGAR", "30", supplier_lot="S-H")
            quality.hold_lot(session, admin, lot=held, reason="supplier complaint", spread=False)
    finally:
        runtime.close()
    return str(folder / "plant.sqlite3"), {"flour": flour, "held": held}


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit:  # argparse: help, or a usage error
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_lang_chooses_the_language_of_an_error(plant_db, capsys):
    db, _ = plant_db
    code, _out, err = run(capsys, "--db", db, "--lang", "zh_CN", "trace", "NOPE-1")
    assert code == 2 and err == "tracedesk trace：没有批次“NOPE-1”；请核对代码或重新扫描标签。\n"
    code, _out, err = run(capsys, "--db", db, "--lang", "en", "trace", "NOPE-1")
    assert code == 2 and err == "tracedesk trace: There is no lot 'NOPE-1'; check the code or scan the label again.\n"


@pytest.mark.parametrize(
    ("variables", "chinese"),
    [
        ({"LANG": "zh_CN.UTF-8"}, True),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, False),  # LC_ALL wins, and "C" means untranslated
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, False),
    ],
)
def test_without_lang_the_locale_variables_decide(plant_db, capsys, monkeypatch, variables, chinese):
    db, _ = plant_db
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    code, _out, err = run(capsys, "--db", db, "trace", "NOPE-1")
    assert code == 2 and ("没有批次" in err) is chinese


def test_plain_output_and_json_sentences_follow_the_language(plant_db, capsys):
    db, lots = plant_db
    code, out, _err = run(capsys, "--db", db, "--lang", "zh_CN", "trace", lots["held"])
    assert code == 0 and "已冻结" in out and "来源（0 个批次）" in out and "去向（0 个批次）" in out
    assert english_words(out.replace("SUGAR", "").replace("Sugar", "")) == []
    # --json keeps its keys and codes; a sentence inside (an error) is Chinese.
    code, out, _err = run(capsys, "--lang", "zh_CN", "parse", "--json", "(01)12345678901234")
    document = json.loads(out)
    assert code == 2 and set(document) == {"input", "error"} and "校验位错误" in document["error"]
    code, out, _err = run(capsys, "--db", db, "--lang", "zh_CN", "alerts", "--json")
    assert code == 0 and all(set(a) == {"kind", "subject", "message"} for a in json.loads(out))


def test_help_and_usage_errors_are_chinese(capsys):
    code, out, _err = run(capsys, "--lang", "zh_CN", "--help")
    assert code == 0 and out.startswith("用法：") and "向上游和下游追溯批次" in out and "显示此帮助信息并退出" in out
    code, _out, err = run(capsys, "--lang", "zh_CN", "trace")
    assert code == 2 and "缺少以下必需参数" in err
    code, _out, err = run(capsys, "--lang", "fr", "trace", "X")
    assert code == 2 and "Unknown language 'fr'; use en or zh_CN." in err


@pytest.mark.parametrize(
    "args",
    [
        ("trace", "NOPE-1"),
        ("recall", "NOPE-1"),
        ("parse", "(01)12345678901234"),
        ("parse", "(17)261399"),
        ("label", "NOPE-1", "--out", "{tmp}/x.pdf"),
        ("label", "{held}", "--out", "{tmp}/x.txt"),
        ("hold", "{flour}", "--reason", "test"),
        ("--user", "qa", "--pin", "0000", "release", "{held}", "--reason", "ok"),
        ("--user", "qa", "--pin", QA_PIN, "release", "{held}", "--reason", "ok"),
        ("--user", "qa", "--pin", QA_PIN, "lift-hold", "{flour}", "--reason", "ok"),
        ("export", "dossier", "NOPE-1", "--out", "{tmp}/d.pdf"),
        ("export", "recall", "{flour}", "--out", "{tmp}/r.txt"),
        ("export", "epcis", "--out", "{tmp}/e.jsonld"),
        ("import", "{tmp}/missing"),
        ("devices", "remove", "NOPE"),
        ("devices", "add", "X", "--port", "COM3", "--baud", "0"),
        ("printers", "remove", "NOPE"),
        ("--user", "admin", "--pin", "1234", "users", "add", "x", "--name", "X", "--role", "qa", "--new-pin", "1"),
        ("--user", "admin", "--pin", "1234", "complaint", "update", "CP-9", "--status", "closed"),
        ("--user", "admin", "--pin", "1234", "correct", "{flour}", "--reason", "x", "--expiry", "2026-13-01"),
        ("recall", "start", "{flour}"),
    ],
)
def test_every_command_refuses_in_chinese(plant_db, capsys, tmp_path, args):
    db, lots = plant_db
    filled = [a.format(tmp=tmp_path, **lots) for a in args]
    code, _out, err = run(capsys, "--db", db, "--lang", "zh_CN", *filled)
    assert code != 0 and err.strip()
    sentence = err.replace("supplier complaint", "")  # what QA typed stays as typed
    assert english_words(sentence) == [], err


def test_documents_follow_the_station_language_and_lang_overrides_it(plant_db, capsys, tmp_path):
    db, lots = plant_db
    config = AppPaths.from_environment().ensure().config_dir
    (config / "ui.json").write_text(json.dumps({"language": "zh_CN"}), "utf-8")
    label, dossier = tmp_path / "label.pdf", tmp_path / "dossier.pdf"
    # The command line speaks English here (LANG=C), the station's documents Chinese.
    signed = ("--user", "admin", "--pin", "1234")
    assert run(capsys, "--db", db, *signed, "label", lots["flour"], "--out", str(label))[0] == 0
    assert run(capsys, "--db", db, *signed, "export", "dossier", lots["held"], "--out", str(dossier))[0] == 0
    assert "批次 " in pdf_text(label) and "Lot " not in pdf_text(label)
    text = pdf_text(dossier)
    assert "追溯档案" in text and "事件时间线" in text and "已冻结" in text and "Trace dossier" not in text
    assert b"+DroidSansFallback" in dossier.read_bytes()  # the shipped CJK font, embedded
    assert run(capsys, "--db", db, "--lang", "en", *signed, "label", lots["flour"], "--out", str(label))[0] == 0
    assert "Lot " in pdf_text(label) and "批次" not in pdf_text(label)


def pdf_text(path) -> str:  # noqa: ANN001
    document = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_an_import_problem_names_its_row_and_column_with_chinese_punctuation(plant_db, capsys, tmp_path):
    db, _ = plant_db
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "receipts.csv").write_text(
        "lot,item,quantity,supplier,supplier_lot,received_at,expiry,po,status\n"
        "T-900,FLOUR,-5,MILL,F-9,2026-12-07T08:00,,PO-1,quarantine\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "--db", db, "--lang", "zh_CN", "--user", "admin", "--pin", "1234", "import", str(folder))
    assert code == 2 and err.startswith("tracedesk import：receipts.csv，第 2 行，quantity 列：") and ": " not in err
