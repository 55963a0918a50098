"""The reads a script asks once per answer, parsed by hand so that such a run loads no argparse.

    tracedesk [--db URL] [--lang LANG] trace LOT [--direction up|down|both] --json
    tracedesk [--db URL] [--lang LANG] recall LOT --json
    tracedesk [--lang LANG] parse [TEXT] [--epc] [--lenient] --json

A script or an ERP integration pays for the process's start on every call; argparse, with the
gettext, locale and shutil it brings and every help text rendered, is a good part of it. Only
these exact shapes are read here, into the attributes the full parser gives the same command;
anything else (help, an abbreviation, another option, a value out of range, a word too many)
returns None and the full parser reads the line, with its help and its errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import SimpleNamespace

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    import argparse
    from typing import Any

    from tracedesk.commands._context import CommandContext

Handler = Callable[["argparse.Namespace", "CommandContext"], "int | None"]

_GLOBAL_OPTIONS = ("--db", "--lang")
# The options of each quick command with the values the full parser accepts (None: a flag).
_COMMAND_OPTIONS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "trace": {"--direction": ("up", "down", "both"), "--json": None},
    "recall": {"--json": None},
    "parse": {"--epc": None, "--lenient": None, "--json": None},
}
# What the full parser sets for the options a quick line leaves out.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "trace": {"direction": "both"},
    "recall": {
        "supplier_lot": None,
        "supplier": None,
        "reason": None,
        "report": False,
        "mock": False,
        "out": None,
        "drills": False,
    },
    "parse": {"today": None},
}


class QuickCommand:
    """A command line read by hand: the command, its handler, its arguments and --lang."""

    __slots__ = ("command", "args", "lang")

    def __init__(self, command: str, args: argparse.Namespace, lang: str | None) -> None:
        self.command = command
        self.args = args
        self.lang = lang

    @property
    def handler(self) -> Handler:
        if self.command == "trace":
            from tracedesk.commands import trace

            return trace.run
        if self.command == "parse":
            from tracedesk.commands import parse

            return parse.run
        from tracedesk.commands import recall

        return recall.run


def _split(words: Sequence[str], options: dict[str, tuple[str, ...] | None]) -> tuple[dict[str, str], list[str]] | None:
    """Options given (each once, with its value) and the other words, or None when a word is not plain."""
    given: dict[str, str] = {}
    positional: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        index += 1
        if not word.startswith("-"):
            positional.append(word)
            continue
        name, equals, value = word.partition("=")
        if name not in options or name in given:
            return None  # help, an abbreviation, `--`, a negative number, an option given twice ...
        choices = options[name]
        if choices is None:
            if equals:
                return None
            given[name] = ""
            continue
        if not equals:
            if index >= len(words):
                return None
            value = words[index]
            index += 1
        if value not in choices:
            return None
        given[name] = value
    return given, positional


def quick_command(arguments: Sequence[str]) -> QuickCommand | None:
    """The command line as a quick read, or None when the full parser must read it."""
    index = 0
    globals_given: dict[str, str] = {}
    while index < len(arguments) and arguments[index].startswith("-"):
        name, equals, value = arguments[index].partition("=")
        if name not in _GLOBAL_OPTIONS or name in globals_given:
            return None
        if not equals:
            if index + 1 >= len(arguments) or arguments[index + 1].startswith("-"):
                return None
            value = arguments[index + 1]
            index += 1
        globals_given[name] = value
        index += 1
    if index >= len(arguments) or arguments[index] not in _COMMAND_OPTIONS:
        return None
    command = arguments[index]
    split = _split(arguments[index + 1 :], _COMMAND_OPTIONS[command])
    if split is None:
        return None
    given, positional = split
    if "--json" not in given or (len(positional) != 1 and not (command == "parse" and not positional)):
        return None  # parse reads standard input when TEXT is absent
    lang = globals_given.get("--lang")
    if lang is not None:
        from tracedesk.core.errors import TraceDeskError
        from tracedesk.language import parse_language

        try:
            lang = parse_language(lang)
        except TraceDeskError:
            return None  # the full parser says what is wrong with it
    values: dict[str, Any] = {
        "command": command,
        "db": globals_given.get("--db"),
        "user": None,
        "pin": None,
        "lang": lang,
        "version": False,
        "json": True,
        **_DEFAULTS[command],
    }
    if command == "trace":
        values["lot"] = positional[0]
        values["direction"] = given.get("--direction", "both")
    elif command == "parse":
        values["text"] = positional[0] if positional else None
        values["epc"] = "--epc" in given
        values["lenient"] = "--lenient" in given
    else:
        values["lots"] = positional
    args: argparse.Namespace = SimpleNamespace(**values)  # type: ignore[assignment]  # the same attributes
    return QuickCommand(command, args, lang)
