"""Which language a run speaks: the station's choice (ui.json), `--lang`, or the locale variables.

The station's language is chosen in the GUI's settings and kept in the config directory's
`ui.json`, where the command line reads it too: documents a station writes (labels, the
trace dossier, recall reports) follow it whichever way they are made. The command line's own
sentences follow `--lang`, else LC_ALL / LC_MESSAGES / LANG, else the station's choice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import CHINESE, ENGLISH, LANGUAGES, environment_language, normalise_language

UI_SETTINGS_FILE = "ui.json"


def station_language(config_dir: Path) -> str:
    """The language chosen in the station's settings; "" when it follows the system (or none is saved)."""
    try:
        value = json.loads((config_dir / UI_SETTINGS_FILE).read_text("utf-8")).get("language", "")
    except (OSError, ValueError, AttributeError):
        return ""
    return normalise_language(value) if isinstance(value, str) and value.strip() else ""


def parse_language(value: str) -> str:
    """`--lang` as given: en or zh_CN (zh, zh-CN, zh_CN.UTF-8 are read as zh_CN); anything else is refused."""
    text = value.strip().lower().replace("-", "_")
    if text.startswith("zh"):
        return CHINESE
    if text.startswith("en") or text in ("c", "posix"):
        return ENGLISH
    raise InvalidInput("Unknown language '{value}'; use en or zh_CN.", value=value)


def command_line_language(explicit: str | None, config_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language the command line prints in: --lang, else the locale variables, else the station's."""
    if explicit:
        return normalise_language(explicit)
    found = environment_language(environ)
    if found:
        return found
    return (station_language(config_dir) if config_dir is not None else "") or ENGLISH


def document_language(explicit: str | None, config_dir: Path | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the documents a station writes: --lang for one run, else the station's, else the system's."""
    if explicit:
        return normalise_language(explicit)
    chosen = station_language(config_dir) if config_dir is not None else ""
    return chosen or environment_language(environ) or ENGLISH


__all__ = ["LANGUAGES", "command_line_language", "document_language", "parse_language", "station_language"]
