"""What a workspace is to the main window: a title, who may see it, and where scans go."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.services.dto import LotInfo
from tracedesk.services.permissions import Action
from tracedesk.services.scan_resolution import Resolution, ScanResult, resolve_scan
from tracedesk.ui.context import WorkContext
from tracedesk.ui.dialogs import ChooseLotDialog
from tracedesk.ui.tables import RecordTableModel


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
        ctx.data_changed.connect(self._data_changed)

    def title(self) -> str:
        raise NotImplementedError

    def handle_scan(self, text: str) -> None:
        """A scan arrived while this workspace is the active one; by default it says scans are not used here."""
        self.ctx.banner.warning(
            self.tr("Scans are not used on the {0} tab: open Trace & QA to look the code up.").format(
                self.title().replace("&&", "&")
            )
        )

    def saved_state(self) -> object | None:
        """What this workspace has open (e.g. a lot), to reopen in a window built again; None: nothing."""
        return None

    def restore_state(self, state: object) -> None:
        """Reopen what `saved_state` returned, without announcing it in the banner."""

    def activated(self) -> None:
        """The workspace was brought to the front: reload what may have changed."""

    def refresh(self) -> None:
        """Something was recorded (here or elsewhere) while this workspace shows: reload its lists."""
        self.activated()

    def _data_changed(self) -> None:
        # Hidden workspaces reload when brought to the front (activated), so only the visible one asks now.
        if self.ctx.user is not None and self.isVisible():
            self.refresh()

    def reset(self) -> None:
        """Someone signed out: forget everything typed, chosen or listed, so the next user starts clean."""
        for edit in self.findChildren(QLineEdit):
            if not isinstance(edit.parent(), (QAbstractSpinBox, QComboBox)):
                edit.clear()
        for text in self.findChildren(QPlainTextEdit):
            if not text.isReadOnly():
                text.clear()
        for spin in self.findChildren(QAbstractSpinBox):
            if hasattr(spin, "minimum"):
                spin.setValue(spin.minimum())  # type: ignore[attr-defined]
        for combo in self.findChildren(QComboBox):
            if combo.count():
                combo.setCurrentIndex(0)
        for model in self.findChildren(RecordTableModel):
            model.set_records([])

    def resolve(self, text: str, on_result: Callable[[ScanResult], Any]) -> None:
        """Resolve a scan on the DB thread; a malformed code goes straight to the red banner."""
        today = self.ctx.today()
        self.ctx.query(lambda session: resolve_scan(session, text, today=today), on_result)

    def single_lot(self, result: ScanResult, on_lot: Callable[[LotInfo], Any]) -> None:
        """Continue with the one lot a scan means, asking when several match; refuse otherwise."""
        if result.resolution is Resolution.LOT:
            self._say_conflicts(result.lots[0])
            on_lot(result.lots[0])
        elif result.resolution is Resolution.CHOOSE:
            chosen = choose_lot(list(result.lots), self)
            if chosen is not None:
                self._say_conflicts(chosen)
                on_lot(chosen)
        else:
            self.ctx.banner.refused(result.message)

    def _say_conflicts(self, lot: LotInfo) -> None:
        """Whatever the scan does next, its banner also says the lot is in an open conflict between stations."""
        if lot.open_conflicts:
            self.ctx.banner.note_next(
                self.tr("Lot {0} is part of an open conflict between stations ({1}); QA settles it on the quality desk.").format(
                    lot.code, ", ".join(lot.open_conflicts)
                )
            )

    def fail(self, error: TraceDeskError) -> None:
        self.ctx.banner.refused(str(error))
