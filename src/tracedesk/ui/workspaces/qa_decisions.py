"""QA's decisions on the open lot: hold, release or lift a hold, reject, scrap or destroy, rework."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from tracedesk.services import quality
from tracedesk.services.aftersales import ScrapInfo, rework_lot, scrap_lot
from tracedesk.services.dto import LotInfo
from tracedesk.ui.dialogs import ReasonDialog
from tracedesk.ui.formatting import qty, status_text
from tracedesk.ui.warehouse_dialogs import ReworkDialog, ScrapDialog

# The workspace this is mixed into is a QWidget (tr, dialogs' parent); at run time the mixin is a
# plain class, so nothing here overrides Qt's.
if TYPE_CHECKING:
    _MixedIntoWidget = QWidget
else:
    _MixedIntoWidget = object


class QaDecisions(_MixedIntoWidget):
    """The hold, release, reject, scrap and rework actions of the QA workspace; mixed into it."""

    # Provided by the workspace this is mixed into (annotations only).
    ctx: Any
    lot: LotInfo | None
    open_lot: Callable[..., None]

    def _decided(self, lot: LotInfo, text: str, *, blocking: bool = False) -> None:
        # A hold succeeding blocks material: amber tells the user to expect refusals, green would read "all fine".
        (self.ctx.banner.warning if blocking else self.ctx.banner.ok)(text)
        self.lot = lot
        self.ctx.data_changed.emit()  # refresh() re-opens the lot and reloads the list
        if not self.isVisible():
            self.open_lot(lot.code, announce=False)

    def _ask_hold(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Hold lot {0}").format(self.lot.code), self.tr("Why is the lot put on hold?"), self, lot=self.lot
        )
        if dialog.exec():
            self.hold(dialog.value())

    def hold(self, reason: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: quality.hold_lot(s, a, lot=code, reason=reason),
            lambda lot: self._decided(
                lot,
                self.tr("Lot {0} is on hold: {1}. Lots made from it are blocked too.").format(lot.code, reason),
                blocking=True,
            ),
        )

    def _ask_release(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Release lot {0}").format(self.lot.code),
            self.tr("Why may the lot be used again?"),
            self,
            signed=True,
            lot=self.lot,
        )
        if dialog.exec():
            self.release(dialog.value(), dialog.pin_value())

    def release(self, reason: str, pin: str) -> None:
        if self.lot is None:
            return
        code, held = self.lot.code, self.lot.status == "on_hold"

        def work(session, actor):  # noqa: ANN001, ANN202
            if held:
                return quality.lift_hold(session, actor, lot=code, reason=reason, pin=pin)
            return quality.release_lot(session, actor, lot=code, reason=reason, pin=pin)

        self.ctx.run(
            work, lambda lot: self._decided(lot, self.tr("Lot {0} is now {1}.").format(lot.code, status_text(lot.status)))
        )

    def _ask_reject(self) -> None:
        if self.lot is None:
            return
        dialog = ReasonDialog(
            self.tr("Reject lot {0}").format(self.lot.code), self.tr("Why is the lot rejected?"), self, signed=True, lot=self.lot
        )
        if dialog.exec():
            self.reject(dialog.value(), dialog.pin_value())

    def reject(self, reason: str, pin: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: quality.reject_lot(s, a, lot=code, reason=reason, pin=pin),
            lambda lot: self._decided(lot, self.tr("Lot {0} rejected: {1}.").format(lot.code, reason)),
        )

    def _ask_scrap(self) -> None:
        if self.lot is None:
            return
        dialog = ScrapDialog(self.lot, self)
        if dialog.exec():
            self.scrap(
                dialog.reason.text(),
                dialog.quantity.text().strip() or None,
                destroy=dialog.destruction.isChecked(),
                witness=dialog.witness.text().strip() or None,
                witness_pin=dialog.witness_pin.text() or None,
            )

    def scrap(
        self,
        reason: str,
        quantity: str | None,
        *,
        destroy: bool = False,
        witness: str | None = None,
        witness_pin: str | None = None,
    ) -> None:
        code = self.lot.code if self.lot else ""

        def done(result: ScrapInfo) -> None:
            if result.destroyed:
                text = self.tr("{0} of lot {1} destroyed, witnessed by {2}.").format(
                    qty(result.quantity, result.unit), result.lot.code, result.witness
                )
            else:
                text = self.tr("{0} of lot {1} scrapped.").format(qty(result.quantity, result.unit), result.lot.code)
            self._decided(result.lot, text)

        self.ctx.run(
            lambda s, a: scrap_lot(
                s, a, lot=code, reason=reason, quantity=quantity, destroy=destroy, witness=witness, witness_pin=witness_pin
            ),
            done,
        )

    def _ask_rework(self) -> None:
        if self.lot is None:
            return
        dialog = ReworkDialog(self.lot, self)
        if dialog.exec():
            self.rework(dialog.quantity.text().strip() or None, dialog.output.text(), dialog.reason.text())

    def rework(self, quantity: str | None, output: str, reason: str) -> None:
        code = self.lot.code if self.lot else ""
        self.ctx.run(
            lambda s, a: rework_lot(s, a, lot=code, quantity=quantity, output_quantity=output, reason=reason),
            lambda made: self._decided(
                made, self.tr("Lot {0} reworked into lot {1} ({2}), in quarantine.").format(code, made.code, made.order)
            ),
        )
