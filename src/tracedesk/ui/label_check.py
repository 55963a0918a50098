"""A scanned label with a verification code (8030) is checked offline before any workspace uses it.

Genuine: the scan goes on to the workspace (its own answer follows in the banner). Not issued by
this plant, or a serial already reported: the banner says so and the scan stops here, so a copied
label is not received, issued or shipped as if it were ours.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import TraceDeskError
from tracedesk.services.verification import GENUINE, SIGNATURE_AI, Verdict, verify_code
from tracedesk.ui.context import WorkContext


def carries_verification(text: str) -> bool:
    """Whether the scan holds an (8030) code (parsing is pure: no I/O on the GUI thread)."""
    try:
        return SIGNATURE_AI in parse_scan(text, strict=False).fields
    except TraceDeskError:
        return False  # the workspace refuses it with the reason


def check_label(ctx: WorkContext, text: str, genuine: Callable[[], None]) -> None:
    """Verify on the database thread; `genuine` runs on the GUI thread when the label is ours."""
    today = ctx.today()

    def checked(verdict: Verdict) -> None:
        ctx.last_label_check = verdict
        line = QCoreApplication.translate("LabelCheck", "Label check, serial {0}: {1}").format(verdict.serial, verdict.message)
        if verdict.outcome == GENUINE:
            ctx.banner.ok(line)
            genuine()
        else:
            ctx.banner.refused(line)

    ctx.query(lambda session: verify_code(session, text, today=today), checked)
