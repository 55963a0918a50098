"""What every workspace shares: the runtime, the DB thread, the banner, who is signed in, the label printer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import TraceDeskError
from tracedesk.services.dto import UserInfo
from tracedesk.services.permissions import Action, is_allowed, not_allowed_reason
from tracedesk.services.runtime import Runtime
from tracedesk.ui.banner import StatusBanner
from tracedesk.ui.executor import DbExecutor
from tracedesk.ui.ui_settings import UiSettings

T = TypeVar("T")


class WorkContext(QObject):
    """Holds the signed-in user; builds the Actor each record carries."""

    user_changed = Signal(object)  # UserInfo | None
    data_changed = Signal()  # something was recorded: lists elsewhere may refresh

    def __init__(
        self, runtime: Runtime, db: DbExecutor, banner: StatusBanner, settings: UiSettings, clock: Callable[[], Any] | None = None
    ) -> None:
        super().__init__()
        self.runtime = runtime
        self.db = db
        self.banner = banner
        self.settings = settings
        self.user: UserInfo | None = None
        self._clock = clock  # tests pin "now"; None = the system clock
        self.printer: Any = None  # set by the shell (ui.printing.LabelPrinter)
        self.devices: Any = None  # set by the shell (ui.devices.DeviceManager)
        # The latest device line (a Message): a window built after a language switch shows it again.
        self.device_status: object | None = None
        self.last_label_check: object | None = None  # the last verification of a signed label (tests read it)

    def sign_in(self, user: UserInfo | None) -> None:
        self.user = user
        self.user_changed.emit(user)

    def actor(self) -> Actor:
        if self.user is None:
            raise TraceDeskError("Nobody is signed in; sign in first.")
        actor = self.runtime.actor_for(self.user.code)
        if self._clock is not None:
            actor = replace(actor, clock=self._clock)
        return actor

    def may(self, action: Action) -> bool:
        return self.user is not None and is_allowed(self.user.role, action)

    def why_not(self, action: Action) -> str:
        """The sentence a disabled button gives when the signed-in role may not do `action` ("" when it may)."""
        if self.user is None:
            return self.tr("Sign in first.")
        return "" if self.may(action) else str(not_allowed_reason(self.user.role, action))

    def run(
        self,
        work: Callable[[Session, Actor], T],
        on_done: Callable[[T], Any] | None = None,
        on_error: Callable[[TraceDeskError], Any] | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        """Run a use case as the signed-in user; errors go to the red banner unless handled.

        `read_only` for what only reads (a report, a list): it runs in a snapshot and takes
        no write lock, however long it takes."""
        try:
            actor = self.actor()
        except TraceDeskError as error:
            self.banner.refused(str(error))
            return
        self.db.run(
            lambda session: work(session, actor),
            on_done,
            on_error or (lambda e: self.banner.refused(str(e))),
            read_only=read_only,
        )

    def query(
        self, work: Callable[[Session], T], on_done: Callable[[T], Any], on_error: Callable[[TraceDeskError], Any] | None = None
    ) -> None:
        """A read that needs no signed-in user; it runs in a read-only snapshot."""
        self.db.run(work, on_done, on_error or (lambda e: self.banner.refused(str(e))), read_only=True)

    def station_actor(self) -> Actor:
        """Nobody in particular, at this station and by this window's clock (sign-in, first start)."""
        actor = self.runtime.station_actor()
        return replace(actor, clock=self._clock) if self._clock is not None else actor

    def today(self) -> date:
        actor = self.runtime.station_actor()
        if self._clock is not None:
            actor = replace(actor, clock=self._clock)
        return actor.today
