"""What the quality desk's tabs share: a busy dialog for long work on the DB thread, and a save-file question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from tracedesk.core.errors import TraceDeskError
from tracedesk.ui.context import WorkContext
from tracedesk.ui.filedialogs import ask_save_path

__all__ = ["ask_save_path", "run_busy"]


def run_busy(
    parent: QWidget,
    ctx: WorkContext,
    text: str,
    work: Callable[[Any, Any], Any],
    on_done: Callable[[Any], Any],
    *,
    read_only: bool = False,
) -> None:
    """Run a use case as the signed-in user with a busy dialog (shown after half a second) until it ends.

    `read_only` for a report or an export: it reads a snapshot and blocks no scan meanwhile."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setCancelButton(None)  # the DB thread cannot be interrupted half-way; it ends by itself
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)

    def done(value: Any) -> None:
        progress.close()
        on_done(value)

    def failed(error: TraceDeskError) -> None:
        progress.close()
        ctx.banner.refused(str(error))

    ctx.run(work, done, failed, read_only=read_only)
