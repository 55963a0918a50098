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
translation; `set_language` chooses the one `str(message)` uses in this process. A template
is found in the source by `scripts/messages.py` (the first argument of `msg()` and of every
error class, always a string literal), which lists what a catalog still lacks.
"""

from __future__ import annotations

import errno
import json
import os
import re
import string
import sys
import threading
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

from tracedesk.core.quantity import format_quantity

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    from typing import Any

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
_PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")
_FORMATTER = string.Formatter()


class Message:
    """One sentence: its English template (the message id) and its parameters; immutable.

    Not a dataclass on purpose: `dataclasses.asdict` of a DTO keeps a Message whole, so JSON
    output renders it as a sentence (see `jsonable`) instead of spilling template and params.
    """

    __slots__ = ("template", "params")
    template: str
    params: Mapping[str, Any]

    def __init__(self, template: str, params: Mapping[str, Any] | None = None) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "params", dict(params or {}))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message is immutable")

    def render(self, language: str | None = None) -> str:
        """The sentence in `language` (default: the process's language, see set_language)."""
        return render(self, language)

    def __str__(self) -> str:
        return self.render()

    def __contains__(self, text: str) -> bool:
        """`"on hold" in message`: a search in the sentence as the reader sees it."""
        return text in self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self.template == other.template and dict(self.params) == dict(other.params)

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, dict(self.params)))


class PerLanguage:
    """A value that is written differently per language but is no sentence of ours (a standard's names).

    `PerLanguage(en="AI (17) USE BY or EXPIRY", zh_CN="AI (17) 有效期")`; a language it lacks uses English.
    """

    __slots__ = ("texts",)

    def __init__(self, **texts: str) -> None:
        self.texts = texts

    def render(self, language: str | None = None) -> str:
        language = normalise_language(language) if language else current_language()
        return self.texts.get(language) or self.texts.get(ENGLISH, "")

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"PerLanguage({self.texts!r})"


# Whatever a sentence parameter or a label may be: a message, a per-language name, or plain text.
Text = Message | PerLanguage | str


def msg(template: str, /, **params: Any) -> Message:
    """Build a message: `msg("Lot {lot} is on hold.", lot=code)`."""
    return Message(template, params)


def text_of(value: Message | str | None, language: str | None = None) -> str:
    """A sentence as text: a Message rendered, a plain string as it is (user-typed text, codes)."""
    if value is None:
        return ""
    if isinstance(value, Message):
        return value.render(language)
    return str(value)


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
    return CHINESE if text.startswith("zh") else ENGLISH


def environment_language(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the POSIX locale variables ask for (LC_ALL, then LC_MESSAGES, then LANG).

    Returns None when none is set (or only "C"/"POSIX"), so a caller can fall back further.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").strip()
        if value:
            # The first one set decides, as in POSIX: LC_ALL=C means "untranslated".
            return None if value.split(".")[0] in ("C", "POSIX") else normalise_language(value)
    return None


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


def translated_template(template: str, language: str | None = None) -> str:
    """The catalog's translation of a template, else the template (for patterns filled elsewhere,
    such as a label template's text line "Lot {lot_code}")."""
    language = normalise_language(language) if language else current_language()
    return catalog(language).get(template) or template


def reload_catalogs() -> None:
    """Forget loaded catalogs (after a catalog file changed on disk)."""
    with _catalog_lock:
        _catalogs.clear()


# --- numbers, dates and lists as each language writes them ----------------------------------
# Both languages write a decimal point and ISO dates (YYYY-MM-DD is how dates are written on
# Chinese forms too, and how every date field of TraceDesk is typed); what differs is the list
# separator and the words. The GUI formats its cells with these same functions.


def format_decimal(value: Decimal) -> str:
    """20, 2.5, 0.001 - never 2E+1, never trailing zeros (the shared `format_quantity`)."""
    return format_quantity(value)


def format_date(value: date, language: str | None = None) -> str:
    """A calendar date: 2026-03-01 in both languages."""
    return value.isoformat()


def format_datetime(value: datetime, language: str | None = None) -> str:
    """A moment to the minute in the station's local time: 2026-03-01 08:30."""
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%Y-%m-%d %H:%M")


def list_separator(language: str) -> str:
    return "、" if language == CHINESE else ", "


def format_value(value: Any, language: str) -> str:
    """A parameter as people write it: exact decimals without exponent, ISO dates, nested messages."""
    if isinstance(value, (Message, PerLanguage)):
        return value.render(language)
    inner = getattr(value, "message", None)
    if isinstance(inner, Message) and isinstance(value, Exception):
        return render(inner, language)  # a TraceDeskError handed on as a parameter
    if isinstance(value, OSError):
        return render(os_reason(value), language)
    if isinstance(value, bool):
        return render(msg("yes") if value else msg("no"), language)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, float):
        return format_decimal(Decimal(repr(value)))
    if isinstance(value, datetime):
        return format_datetime(value, language)
    if isinstance(value, date):
        return format_date(value, language)
    if isinstance(value, (list, tuple, set, frozenset)):
        return list_separator(language).join(format_value(v, language) for v in value)
    return str(value)


def os_reason(error: OSError) -> Message:
    """Why the system refused, in words the reader's language has (the C library's are English)."""
    reason = _OS_REASONS.get(error.errno or -1)
    if reason is not None:
        return reason
    return msg("{reason}", reason=error.strerror or str(error) or type(error).__name__)


_OS_REASONS: dict[int, Message] = {
    errno.ENOENT: msg("no such file or folder"),
    errno.EACCES: msg("permission denied"),
    errno.EPERM: msg("permission denied"),
    errno.ENOSPC: msg("the disk is full"),
    errno.EISDIR: msg("it is a folder, not a file"),
    errno.ENOTDIR: msg("a part of the path is not a folder"),
    errno.EROFS: msg("the disk is read-only"),
    errno.EEXIST: msg("it exists already"),
    errno.EBUSY: msg("it is in use by another program"),
    errno.ECONNREFUSED: msg("the connection was refused"),
    errno.ETIMEDOUT: msg("no answer in time"),
    errno.EHOSTUNREACH: msg("the host cannot be reached"),
    errno.ENETUNREACH: msg("the network cannot be reached"),
    errno.ECONNRESET: msg("the connection was reset"),
}


# --- rendering ------------------------------------------------------------------------------


def _is_one(count: object) -> bool:
    if isinstance(count, bool):
        return False
    if isinstance(count, (int, Decimal)):
        return count == 1
    return count == "1"


def render(message: Message, language: str | None = None) -> str:
    """The sentence in `language`; an untranslated template falls back to English."""
    language = normalise_language(language) if language else current_language()
    template = catalog(language).get(message.template) or message.template
    params = message.params

    def plural(match: re.Match[str]) -> str:
        return match.group(2) if _is_one(params.get(match.group(1))) else match.group(3)

    template = _PLURAL.sub(plural, template)
    try:
        return _FORMATTER.vformat(template, (), _Formatted(params, language))
    except (KeyError, IndexError, ValueError, AttributeError):
        # A translation that names a parameter the message lacks must not hide the message.
        if language != ENGLISH:
            return render(message, ENGLISH)
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


def jsonable(value: Any, language: str | None = None) -> Any:
    """A value for json.dumps: every Message inside becomes its sentence in `language`."""
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, dict):
        return {k: jsonable(v, language) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v, language) for v in value]
    if isinstance(value, Decimal):
        return format_quantity(value)  # a string, exact, never 2E+1
    return value
