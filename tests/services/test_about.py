"""What `tracedesk --version` and the About box say, read without creating or changing a database."""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import sqlite3
import tomllib
from pathlib import Path

import tracedesk
from tracedesk.db.engine import head_revision
from tracedesk.services.about import about
from tracedesk.services.runtime import Runtime

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_version_is_written_once_and_the_installed_package_agrees() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", tracedesk.__version__)
    assert importlib.metadata.version("tracedesk") == tracedesk.__version__
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"], "the version is written in pyproject.toml again"


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert re.search(rf"^## \[{re.escape(tracedesk.__version__)}\] - ", changelog, re.MULTILINE)


def test_a_database_that_does_not_exist_yet_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "plant.sqlite3"
    info = about(f"sqlite:///{path}")
    assert not path.exists() and not path.parent.exists()
    assert info.version == tracedesk.__version__ and info.schema is None and info.problem is None
    assert info.text().splitlines() == [
        f"TraceDesk {tracedesk.__version__}",
        f"Database: {path}",
        f"Database schema: none yet; it is created at {head_revision()} when first opened",
        "Hub: no hub",
    ]


def test_an_open_database_at_the_current_schema(runtime: Runtime, db_url: str) -> None:
    for info in (about(runtime), about(db_url)):
        assert info.schema == head_revision()
        assert f"Database schema: {head_revision()} (current)" in info.text().splitlines()


def test_a_database_from_a_newer_version_is_named_and_left_untouched(runtime: Runtime, db_url: str, tmp_path: Path) -> None:
    runtime.close()
    path = tmp_path / "plant.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    connection.close()
    before = _digest(path)
    info = about(db_url)
    assert not info.schema_known
    assert (
        f"Database schema: 0099_from_the_future, from a newer version of TraceDesk (this one writes {head_revision()})"
        in info.text().splitlines()
    )
    assert _digest(path) == before


def test_a_file_that_is_not_a_database_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database")
    lines = about(f"sqlite:///{path}").text().splitlines()
    assert lines[2] == "Database schema: unknown"
    assert "not a readable database" in lines[3]
    assert lines[-1] == "Hub: no hub"
    assert path.read_text() == "not a database"


def test_a_server_database_that_cannot_be_reached_is_said_so_without_its_password() -> None:
    text = about("postgresql+psycopg://tracedesk:s3cret@127.0.0.1:9/nowhere").text()
    assert "s3cret" not in text
    assert "Database: postgresql+psycopg://tracedesk:***@127.0.0.1:9/nowhere" in text
    assert "cannot be read" in text


def test_the_lines_read_in_chinese_too(tmp_path: Path) -> None:
    lines = about(f"sqlite:///{tmp_path / 'plant.sqlite3'}").lines()
    assert [line.render("zh_CN") for line in lines][1:] == [
        f"数据库：{tmp_path / 'plant.sqlite3'}",
        f"数据库结构版本：尚无；首次打开时以 {head_revision()} 创建",
        "中心服务器：无",
    ]


def test_the_hub_can_be_left_to_ask_apart_and_its_answer_added(runtime: Runtime) -> None:
    from dataclasses import replace

    from tracedesk.services.about import with_hub

    assert str(about(runtime, ask_hub=False).lines()[-1]) == "Hub: no hub"  # no hub: nothing to ask
    runtime.station = replace(runtime.station, hub_url="postgresql://station@127.0.0.1:1/hub")
    info = about(runtime, ask_hub=False)
    assert info.hub_asked and str(info.lines()[-1]) == "Hub: asking the hub…"
    assert info.lines()[-1].render("zh_CN") == "中心服务器：正在询问中心服务器…"
    assert str(with_hub(info, "0003_hub").lines()[-1]) == "Hub schema: 0003_hub"
    assert "cannot be reached" in about(runtime).lines()[-1].render()


def test_the_hub_is_asked_with_a_short_connect_timeout(runtime: Runtime, monkeypatch) -> None:  # noqa: ANN001
    from dataclasses import replace

    from tracedesk.services import about as about_module
    from tracedesk.sync import hub

    asked: list[int] = []
    real = hub.hub_engine

    def engine(url: str, *, connect_timeout: int = hub.CONNECT_TIMEOUT):  # noqa: ANN202
        asked.append(connect_timeout)
        return real(url, connect_timeout=connect_timeout)

    monkeypatch.setattr(hub, "hub_engine", engine)
    runtime.station = replace(runtime.station, hub_url="postgresql://station@127.0.0.1:1/hub")
    about_module.hub_revision(runtime)
    assert asked == [2] and about_module.HUB_TIMEOUT < hub.CONNECT_TIMEOUT
