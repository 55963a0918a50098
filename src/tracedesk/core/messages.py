"""Sentences a person reads: an English template with named parameters, rendered in the user's language.

Every refusal and every status line that leaves the services is a `Message`: the English
template is its id, the parameters stay typed until the sentence is rendered, so the GUI and
the command line can render the same message in English or Chinese, with numbers and dates
written the way the reader's language writes them.

Template syntax (Python's `str.format` fields, by name):
- `{lot}` inserts a parameter;
- `{count|lot|lots}` chooses the singular or the plural form by the parameter `count`
  (languages without plural forms, such as Chinese, simply write `{count} 个批次`).

Catalogs are JSON files `messages_<language>.json` mapping each English template to its
translation; `set_language` chooses the one `str(message)` uses in this process.
"""

from __future__ import annotations

import json
import re
import string
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ENGLISH = "en"
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Message:
    """One sentence: its English template (the message id) and its parameters."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def render(self, language: str | None = None) -> str:
        """The sentence in `language` (default: the process's language, see set_language)."""
        return render(self, language)

    def __str__(self) -> str:
        return self.render()


def msg(template: str, /, **params: Any) -> Message:
    """Build a message: `msg("Lot {lot} is on hold.", lot=code)`."""
    return Message(template, params)


# --- catalogs and the process's language ----------------------------------------------------

_language = ENGLISH
_catalogs: dict[str, dict[str, str]] = {}
_catalog_lock = threading.Lock()


def catalog_dir() -> Path:
    """`resources/i18n`: beside the frozen build's data, else at the source tree's root."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "i18n"
    return Path(__file__).resolve().parents[3] / "resources" / "i18n"


def normalise_language(value: str | None) -> str:
    """'zh_CN.UTF-8', 'zh-Hans', 'zh' -> 'zh_CN'; anything else -> 'en'."""
    text = (value or "").strip().lower().replace("-", "_")
    return "zh_CN" if text.startswith("zh") else ENGLISH


def set_language(language: str | None) -> str:
    """Choose the language `str(message)` renders in, for the whole process; returns it."""
    global _language
    _language = normalise_language(language)
    return _language


def current_language() -> str:
    return _language


def catalog(language: str) -> dict[str, str]:
    """English template -> translated template for `language` (empty for English or a missing file)."""
    if language == ENGLISH:
        return {}
    with _catalog_lock:
        if language not in _catalogs:
            path = catalog_dir() / f"messages_{language}.json"
            try:
                _catalogs[language] = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                _catalogs[language] = {}
        return _catalogs[language]


def reload_catalogs() -> None:
    """Forget loaded catalogs (after a catalog file changed on disk)."""
    with _catalog_lock:
        _catalogs.clear()


# --- rendering ------------------------------------------------------------------------------


def format_value(value: Any, language: str) -> str:
    """A parameter as people write it: exact decimals without exponent, ISO dates, nested messages."""
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, float):
        return format_decimal(Decimal(repr(value)))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        separator = "、" if language == "zh_CN" else ", "
        return separator.join(format_value(v, language) for v in value)
    return str(value)


def format_decimal(value: Decimal) -> str:
    """20, 2.5, 0.001 - never 2E+1, never trailing zeros."""
    if not value.is_finite():
        return str(value)
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


def render(message: Message, language: str | None = None) -> str:
    """The sentence in `language`; an untranslated template falls back to English."""
    language = normalise_language(language) if language else current_language()
    template = catalog(language).get(message.template) or message.template
    params = message.params

    def plural(match: re.Match[str]) -> str:
        count = params.get(match.group(1))
        return match.group(2) if count in (1, Decimal(1), "1") else match.group(3)

    template = _PLURAL.sub(plural, template)
    try:
        return _FORMATTER.vformat(template, (), _Formatted(params, language))
    except (KeyError, IndexError, ValueError, AttributeError):
        # A translation that names a parameter the message lacks must not hide the message.
        if template != message.template:
            return render(Message(message.template, params), ENGLISH)
        return message.template


class _Formatted(dict[str, str]):
    """Parameters formatted for the language on first use."""

    def __init__(self, params: Mapping[str, Any], language: str) -> None:
        super().__init__()
        self._params, self._language = params, language

    def __missing__(self, key: str) -> str:
        value = format_value(self._params[key], self._language)
        self[key] = value
        return value


def template_fields(template: str) -> set[str]:
    """The parameter names a template uses (plural fields included)."""
    names = {m.group(1) for m in _PLURAL.finditer(template)}
    for _text, name, _spec, _conversion in _FORMATTER.parse(_PLURAL.sub("", template)):
        if name:
            names.add(name.split(".")[0].split("[")[0])
    return names
