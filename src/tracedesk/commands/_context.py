"""What every subcommand gets: the app directories, the database (opened on demand) and the signed-in user."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

from tracedesk.core.messages import jsonable
from tracedesk.language import document_language
from tracedesk.paths import AppPaths, database_url

TYPE_CHECKING = False  # typing is not loaded at run time: see core.records

if TYPE_CHECKING:
    import argparse
    from typing import Any

    from sqlalchemy.orm import Session

    from tracedesk.core.actor import Actor
    from tracedesk.core.errors import DatabaseError
    from tracedesk.db.reader import QuickRead
    from tracedesk.services.permissions import Action
    from tracedesk.services.runtime import Runtime


class CommandContext:
    """Opened lazily so that commands without a database (parse, devices) never create one.

    A plain class, not a dataclass: a script's `trace --json` starts for one answer, and the
    dataclasses module alone (with inspect, ast and dis) costs a third of a bare script's start.
    """

    __slots__ = ("paths", "db_arg", "user_arg", "pin_arg", "lang_arg", "_runtime", "_quick", "_signed_in")

    def __init__(
        self,
        paths: AppPaths,
        db_arg: str | None = None,
        user_arg: str | None = None,
        pin_arg: str | None = None,
        lang_arg: str | None = None,
    ) -> None:
        self.paths = paths
        self.db_arg = db_arg
        self.user_arg = user_arg
        self.pin_arg = pin_arg
        self.lang_arg = lang_arg
        self._runtime: Runtime | None = None
        self._quick: QuickRead | None = None
        self._signed_in: Actor | None = None

    def __repr__(self) -> str:
        return f"CommandContext(paths={self.paths!r}, db_arg={self.db_arg!r}, user_arg={self.user_arg!r}, lang_arg={self.lang_arg!r})"

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CommandContext:
        return cls(
            paths=AppPaths.from_environment(),
            db_arg=getattr(args, "db", None),
            user_arg=getattr(args, "user", None) or os.environ.get("TRACEDESK_USER"),
            pin_arg=getattr(args, "pin", None) or os.environ.get("TRACEDESK_PIN"),
            lang_arg=getattr(args, "lang", None),
        )

    @property
    def document_language(self) -> str:
        """The language of labels and reports this run writes: --lang, else the station's."""
        return document_language(self.lang_arg, self.paths.config_dir)

    @property
    def db_url(self) -> str:
        return database_url(self.db_arg, self.paths)

    def runtime(self) -> Runtime:
        """The open database with this station's settings (migrated at first use)."""
        if self._runtime is None:
            from tracedesk.services.runtime import Runtime

            self._runtime = Runtime.open(self.db_url, self.paths.ensure())
        return self._runtime

    @contextmanager
    def quick_reading(self) -> Iterator[Session | sqlite3.Connection]:
        """A read for the services that take a bare connection (services.trace): one snapshot.

        A database that opens with nothing to do (see db.reader) is read through the bare
        driver, and this run loads neither SQLAlchemy nor the migrations; any other is opened
        as `runtime()` opens it, and read through its pooled connection (Runtime.driver_reading).
        """
        if self._runtime is None and self._quick is None:
            from tracedesk.db.reader import open_quick

            self.refuse_missing_database()
            self._quick = open_quick(self.db_url, self.paths.backup_dir)
        if self._quick is None:
            with self.runtime().driver_reading() as reading:
                yield reading
            return
        connection = self._quick.connection
        try:
            connection.execute("BEGIN")  # deferred: a snapshot of the WAL, no lock on writers
            yield connection
        except sqlite3.Error as error:
            fault = self._quick.health.fault(error)
            if fault is None:
                raise
            raise fault from None
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")

    def refuse_missing_database(self) -> None:
        """For commands that only look things up: a --db (or TRACEDESK_DB) file that is not
        there is a mistyped path, and no file in the data folder means this computer has no
        database yet. Say so and create nothing, instead of a new empty database (and the
        folders around it) that then has "no such lot"."""
        if self._runtime is not None:
            return
        from tracedesk.db.reader import plain_sqlite_path

        path = plain_sqlite_path(self.db_url)
        if path is None or path.exists():
            return
        from tracedesk.core.errors import DatabaseError

        if self.db_arg or os.environ.get("TRACEDESK_DB"):
            raise DatabaseError(
                "There is no database at {path}; nothing was created. Check the path given with --db or TRACEDESK_DB.",
                path=str(path),
            )
        raise DatabaseError(
            "There is no TraceDesk database on this computer yet ({path}); nothing was created. "
            "Start TraceDesk once to set it up, or name a database with --db.",
            path=str(path),
        )

    def station_actor(self) -> Actor:
        """Nobody in particular: the station's clock and calendar, for answers that only read."""
        return self.runtime().station_actor()

    def signed_in_actor(self, what: str) -> Actor:
        """The user named by --user (or TRACEDESK_USER), signed in with the PIN, for `what` (a Message).

        The PIN comes from --pin or TRACEDESK_PIN, else it is asked for when a person is at the
        terminal. Every command that records or exports anything goes through here: nothing is
        recorded by "the program".
        """
        from tracedesk.core.errors import InvalidInput
        from tracedesk.core.messages import msg

        runtime = self.runtime()
        if not self.user_arg:
            if not runtime.has_users():
                raise InvalidInput(
                    "{what} needs a signed-in user, and this database has no users yet: "
                    "create the first administrator with `tracedesk init --admin CODE --admin-pin PIN`.",
                    what=msg(what),
                )
            raise InvalidInput(
                "{what} needs a signed-in user: add --user CODE --pin PIN (or set TRACEDESK_USER and TRACEDESK_PIN).",
                what=msg(what),
            )
        pin = self.pin_arg
        if not pin and sys.stdin.isatty():
            pin = typed_secret(msg("PIN of {user}: ", user=self.user_arg).render())
            if pin is None:  # the person chose not to sign
                raise InvalidInput(
                    "{what} was cancelled at the PIN prompt of {user}; nothing was recorded.",
                    what=msg(what),
                    user=self.user_arg,
                )
        if not pin:
            raise InvalidInput(
                "{what} needs the PIN of {user}: add --pin PIN or set TRACEDESK_PIN.", what=msg(what), user=self.user_arg
            )
        if self._signed_in is None or self._signed_in.user != self.user_arg.strip():
            self._signed_in = runtime.sign_in(self.user_arg, pin)
            self.pin_arg = pin  # a decision that is signed takes the PIN given (or typed) once
        return self._signed_in

    def authorised(self, what: str, action: Action) -> Actor:
        """Signed in (as signed_in_actor) and refused at once unless the user's role may do `action`.

        For commands whose work is not a service that checks the role itself (a station's
        devices and printers, a backup), so nothing happens before the refusal.
        """
        from tracedesk.services.permissions import require

        actor = self.signed_in_actor(what)
        with self.runtime().reading() as session:
            require(session, actor, action)
        return actor

    def fault(self, error: BaseException) -> DatabaseError | None:
        """The sentence for a database error of the open database (locked, damaged, full ...)."""
        from tracedesk.db.health import DatabaseHealth

        if self._runtime is not None:
            health = self._runtime.health
        elif self._quick is not None:
            health = self._quick.health
        else:
            health = DatabaseHealth(None)
        return health.fault(error)

    def close(self) -> None:
        if self._quick is not None:
            self._quick.close()
            self._quick = None
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None


def typed_secret(prompt: str) -> str | None:
    """A PIN or passphrase typed at the terminal without echo; None when Ctrl-D or Ctrl-C ends the prompt."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")  # the prompt left the cursor on its line
        return None


def whole_number(what: str, minimum: int = 0, maximum: int = 1_000_000) -> Callable[[str], int]:
    """An argparse type: a whole number in range, written with 0-9 (no `1_000`, `+5` or `５`)."""

    def parse(text: str) -> int:
        from tracedesk.core.errors import InvalidInput
        from tracedesk.core.parsing import parse_count

        try:
            return parse_count(text, what=what, minimum=minimum, maximum=maximum)
        except InvalidInput as error:
            import argparse  # loaded by the full parser already: these types are its own

            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def decimal_number(what: str, *, allow_zero: bool = True) -> Callable[[str], Decimal]:
    """An argparse type: a plain decimal number in range (no exponent, NaN or sign)."""

    def parse(text: str) -> Decimal:
        from tracedesk.core.errors import InvalidInput
        from tracedesk.core.parsing import parse_quantity

        try:
            return parse_quantity(text, what=what, allow_zero=allow_zero)
        except InvalidInput as error:
            import argparse  # loaded by the full parser already: these types are its own

            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def iso_date(what: str) -> Callable[[str], date]:
    """An argparse type: a plausible YYYY-MM-DD date."""

    def parse(text: str) -> date:
        from tracedesk.core.errors import InvalidInput
        from tracedesk.core.parsing import parse_date

        try:
            return parse_date(text, what=what)
        except InvalidInput as error:
            import argparse  # loaded by the full parser already: these types are its own

            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def print_json(value: Any) -> None:
    """One JSON document on stdout, UTF-8, keys in the order built.

    Keys and codes stay as they are; a sentence inside (a Message) is written in the run's language.
    """
    sys.stdout.write(json.dumps(jsonable(value), ensure_ascii=False, default=str) + "\n")
