"""What every subcommand gets: the app directories, the database (opened on demand) and the actor."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracedesk.core.messages import Message, jsonable
from tracedesk.language import document_language
from tracedesk.paths import AppPaths, database_url

if TYPE_CHECKING:
    from tracedesk.core.actor import Actor
    from tracedesk.services.runtime import Runtime


@dataclass
class CommandContext:
    """Opened lazily so that commands without a database (parse, devices) never create one."""

    paths: AppPaths
    db_arg: str | None = None
    user_arg: str | None = None
    pin_arg: str | None = None
    lang_arg: str | None = None
    _runtime: Runtime | None = field(default=None, repr=False)

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

    def actor(self) -> Actor:
        """The user named by --user/--pin (checked), or the system user when none is named."""
        return self.runtime().cli_actor(self.user_arg, self.pin_arg)

    def signed_in_actor(self, what: Message) -> Actor:
        """A named, PIN-checked user: QA decisions and signatures are never made by "the system"."""
        if not self.user_arg:
            from tracedesk.core.errors import InvalidInput

            raise InvalidInput(
                "{what} needs a signed-in user: add --user CODE --pin PIN (or set TRACEDESK_USER and TRACEDESK_PIN).", what=what
            )
        return self.actor()

    def close(self) -> None:
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None


def print_json(value: Any) -> None:
    """One JSON document on stdout, UTF-8, keys in the order built.

    Keys and codes stay as they are; a sentence inside (a Message) is written in the run's language.
    """
    sys.stdout.write(json.dumps(jsonable(value), ensure_ascii=False, default=str) + "\n")
