"""What a workspace is to the main window: a title, who may see it, and where scans go."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.dto import LotInfo
from tracedesk.services.permissions import Action
from tracedesk.services.scan_resolution import Resolution, ScanResult, resolve_scan
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ChooseLotDialog


def choose_lot(lots: list[LotInfo], parent: QWidget | None) -> LotInfo | None:
    """Ask which lot was meant (tests replace this function)."""
    dialog = ChooseLotDialog(lots, parent)
    return dialog.chosen() if dialog.exec() else None


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    return label


class Workspace(QWidget):
    """Base of every workspace; subclasses set `action` and implement `title` and `handle_scan`."""

    # Shown to users whose role may do this (services.permissions); None: everyone signed in.
    action: Action | None = None

    def __init__(self, ctx: WorkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        raise NotImplementedError

    def handle_scan(self, text: str) -> None:
        """A scan arrived while this workspace is the active one."""

    def activated(self) -> None:
        """The workspace was brought to the front: reload what may have changed."""

    def resolve(self, text: str, on_result: Callable[[ScanResult], Any]) -> None:
        """Resolve a scan on the DB thread; a malformed code goes straight to the red banner."""
        today = self.ctx.today()
        self.ctx.query(lambda session: resolve_scan(session, text, today=today), on_result)

    def single_lot(self, result: ScanResult, on_lot: Callable[[LotInfo], Any]) -> None:
        """Continue with the one lot a scan means, asking when several match; refuse otherwise."""
        if result.resolution is Resolution.LOT:
            on_lot(result.lots[0])
        elif result.resolution is Resolution.CHOOSE:
            chosen = choose_lot(list(result.lots), self)
            if chosen is not None:
                on_lot(chosen)
        else:
            self.ctx.banner.refused(result.message)

    def fail(self, error: TraceDeskError) -> None:
        self.ctx.banner.refused(str(error))
