"""The `tracedesk` command: the GUI by default, headless subcommands that share the services."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Sequence

from tracedesk.commands._context import CommandContext
from tracedesk.core.errors import TraceDeskError
from tracedesk.core.messages import msg, set_language
from tracedesk.language import command_line_language, parse_language
from tracedesk.paths import AppPaths

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    # argparse (with gettext, locale and shutil) is loaded only by runs the quick reads do not
    # take: see commands._quick.
    import argparse

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_FAILED = 1
_DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)


def _language_option(value: str) -> str:
    import argparse

    try:
        return parse_language(value)
    except TraceDeskError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand module in `tracedesk.commands` registered.

    With `command` (the word the arguments name), only the module of that name is loaded when
    it registers that command: `trace` or `parse` from a script then loads what it uses, not
    every command's libraries (spreadsheets, PDF, migrations). Any other word loads them all.
    Help texts are rendered when the parser is built: build it after `set_language`.
    """
    import argparse
    import importlib
    import importlib.util

    from tracedesk import commands

    parser = argparse.ArgumentParser(
        prog="tracedesk",
        description=str(msg("Material traceability: where a lot came from and where it went.")),
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help=str(msg("show the version, the database's schema revision and the hub's, then exit")),
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help=str(msg("database file or SQLAlchemy URL (default: TRACEDESK_DB, else the user data directory)")),
    )
    parser.add_argument(
        "--user", metavar="CODE", help=str(msg("act as this user (default: TRACEDESK_USER); needed for QA decisions"))
    )
    parser.add_argument("--pin", metavar="PIN", help=str(msg("the user's PIN (default: TRACEDESK_PIN)")))
    parser.add_argument(
        "--lang",
        metavar="LANG",
        type=_language_option,
        help=str(
            msg(
                "language of what this run prints and writes: en or zh_CN "
                "(default: LC_ALL, LC_MESSAGES or LANG; documents: the station's language)"
            )
        ),
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command is not None and command.isidentifier() and not command.startswith("_"):
        if importlib.util.find_spec(f"{commands.__name__}.{command}") is not None:
            importlib.import_module(f"{commands.__name__}.{command}").register(subparsers)
            if command in subparsers.choices:
                return parser
            return build_parser()  # a module named like a command it does not register: load them all
    import pkgutil

    for name in sorted(info.name for info in pkgutil.iter_modules(commands.__path__) if not info.name.startswith("_")):
        importlib.import_module(f"{commands.__name__}.{name}").register(subparsers)
    return parser


def _requested_language(argv: Sequence[str]) -> str | None:
    """--lang from the arguments, read before the parser is built so its help is in that language."""
    import argparse

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(list(argv))
    if not known.lang:
        return None
    try:
        return parse_language(known.lang)
    except TraceDeskError:
        return None  # the real parser says what is wrong with it


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `tracedesk` script; returns the process exit code."""
    from tracedesk.commands._quick import quick_command

    arguments = list(sys.argv[1:] if argv is None else argv)
    paths = AppPaths.from_environment()
    quick = quick_command(arguments)
    if quick is not None:
        # A script's read (trace or recall of one lot as JSON): parsed by hand, no argparse.
        set_language(command_line_language(quick.lang, paths.config_dir))
        return run_command(quick.command, quick.handler, quick.args, CommandContext.from_args(quick.args))
    language = set_language(command_line_language(_requested_language(arguments), paths.config_dir))
    if _wants_version(arguments):
        return print_version(arguments)
    from tracedesk.commands import _argparse_text

    _argparse_text.install(language)
    first = _first_command(arguments)
    parser = build_parser(arguments[first] if first < len(arguments) else None)
    args = parser.parse_args(arguments)
    if args.command is None:
        from tracedesk.app import run_gui

        return run_gui(db=args.db, language=args.lang)
    return run_command(args.command, args.handler, args, CommandContext.from_args(args))


def run_command(
    command: str,
    handler: Callable[[argparse.Namespace, CommandContext], int | None],
    args: argparse.Namespace,
    ctx: CommandContext,
) -> int:
    """Run a subcommand's handler: a refusal or a failure is one line on stderr and an exit code."""
    try:
        return int(handler(args, ctx) or EXIT_OK)
    except TraceDeskError as error:
        print(msg("tracedesk {command}: {error}", command=command, error=one_line(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except _DRIVER_ERRORS + _sqlalchemy_errors() as error:
        # A driver error no layer below turned into a sentence: still one line, no traceback.
        fault = ctx.fault(error)
        if fault is not None:
            print(f"tracedesk {command}: {one_line(fault)}", file=sys.stderr)
            return EXIT_BAD_INPUT
        original = getattr(error, "orig", None) or error
        print(
            msg("tracedesk {command}: the database could not be used ({reason}).", command=command, reason=one_line(original)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except OSError as error:
        # A file the command reads or writes (an export's target, a folder) failed on the disk.
        print(f"tracedesk {command}: {one_line(error)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(msg("tracedesk {command}: interrupted; nothing more was recorded.", command=command), file=sys.stderr)
        return 130
    finally:
        ctx.close()


def _sqlalchemy_errors() -> tuple[type[Exception], ...]:
    # Only when SQLAlchemy was loaded: a quick read (db.reader) never loads it, and its errors
    # are the driver's.
    if "sqlalchemy" not in sys.modules:
        return ()
    from sqlalchemy.exc import SQLAlchemyError

    return (SQLAlchemyError,)


def _wants_version(arguments: Sequence[str]) -> bool:
    # Before the subcommands: `--version` loads none of them (build_parser imports them all).
    return "--version" in arguments and arguments.index("--version") < _first_command(arguments)


def _first_command(arguments: Sequence[str]) -> int:
    """Where the subcommand starts: the first word that is neither an option nor an option's value."""
    index = 0
    while index < len(arguments):
        word = arguments[index]
        if not word.startswith("-"):
            return index
        index += 1 if "=" in word or word not in _VALUE_OPTIONS else 2
    return len(arguments)


_VALUE_OPTIONS = {"--db", "--user", "--pin", "--lang"}


def print_version(arguments: Sequence[str]) -> int:
    """`tracedesk --version`: the app, the database it would open (not created, not migrated) and the hub."""
    import argparse

    from tracedesk.paths import AppPaths, database_url
    from tracedesk.services.about import about

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--db")
    known, _rest = pre.parse_known_args(arguments)
    print(about(database_url(known.db, AppPaths.from_environment())).text())
    return EXIT_OK


def one_line(error: BaseException) -> str:
    """An error message on a single line, as the CLI contract requires."""
    return " ".join(str(error).split()) or type(error).__name__
