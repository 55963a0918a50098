"""Settings: language, text size, automatic sign-out, sound, label output, printers; the station's name and prefix for admins."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tracedesk.services.runtime import StationSettings
from tracedesk.ui.hub_page import HubPage
from tracedesk.ui.i18n import LANGUAGES
from tracedesk.ui.printers_page import PrintersPage
from tracedesk.ui.ui_settings import UiSettings


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: UiSettings,
        station: StationSettings,
        *,
        may_edit_station: bool,
        printers_path: Path | None = None,
        backups_kept: int | None = None,
        on_about: Callable[[QWidget], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.large_text = QCheckBox(self.tr("Large text and buttons (touch screen)"))
        self.large_text.setChecked(settings.large_text)
        self.idle = QSpinBox()
        self.idle.setRange(0, 480)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setSpecialValueText(self.tr("never"))
        self.idle.setValue(settings.idle_minutes)
        self.sound = QCheckBox(self.tr("Beep on refusals"))
        self.sound.setChecked(settings.sound)
        self.output = QComboBox()
        for value, text in (
            ("pdf", self.tr("Save as PDF files")),
            ("preview", self.tr("Print preview, then print")),
            ("printer", self.tr("Print directly on the default printer")),
        ):
            self.output.addItem(text, value)
        self.output.setCurrentIndex(max(0, self.output.findData(settings.label_output)))
        self.station_name = QLineEdit(station.name)
        self.prefix = QLineEdit(station.lot_prefix)
        self.backups_kept = QSpinBox()
        self.backups_kept.setRange(1, 3650)
        self.backups_kept.setValue(backups_kept or 14)
        self.backups_kept.setToolTip(self.tr("A checked backup is made every day; older automatic backups are removed."))
        self.backups_kept.setVisible(backups_kept is not None)
        for widget in (self.station_name, self.prefix, self.backups_kept):
            widget.setEnabled(may_edit_station)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.large_text)
        form.addRow(self.tr("Sign out after"), self.idle)
        form.addRow("", self.sound)
        form.addRow(self.tr("Labels"), self.output)
        form.addRow(self.tr("Station name"), self.station_name)
        form.addRow(self.tr("Lot-code prefix"), self.prefix)
        if backups_kept is not None:
            form.addRow(self.tr("Daily backups kept"), self.backups_kept)
        tabs = QTabWidget()
        general = QWidget()
        general.setLayout(form)
        tabs.addTab(general, self.tr("General"))
        self.printers: PrintersPage | None = None
        if printers_path is not None:
            self.printers = PrintersPage(printers_path, settings.label_printer)
            self.printers.setEnabled(may_edit_station)  # printers belong to the station: admins set them up
            tabs.addTab(self.printers, self.tr("Printers"))
        self._saved_hub = station.hub_url
        self.hub = HubPage(station, may_edit=may_edit_station)
        tabs.addTab(self.hub, self.tr("Hub"))
        self.tabs = tabs
        layout.addWidget(tabs)
        # Greyed-out fields alone leave a user wondering whether something is broken.
        self.station_note = QLabel(
            self.tr("Printers, the station's name and lot-code prefix, and the hub are set up by an administrator.")
        )
        self.station_note.setWordWrap(True)
        self.station_note.setHidden(may_edit_station)
        layout.addWidget(self.station_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.about_button: QPushButton | None = None
        if on_about is not None:
            self.about_button = QPushButton(self.tr("About TraceDesk"))
            buttons.addButton(self.about_button, QDialogButtonBox.ButtonRole.HelpRole)
            self.about_button.clicked.connect(lambda: on_about(self))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        # A new hub address is kept only once "Test connection" reached it.
        if not self.hub.is_unchanged_or_tested(self._saved_hub):
            self.tabs.setCurrentWidget(self.hub)
            self.hub.result.setText(self.tr("Test the connection to the new hub before saving."))
            return
        self.hub.shutdown()
        super().accept()

    def reject(self) -> None:
        self.hub.shutdown()
        super().reject()

    def hub_changes(self) -> tuple[str, int]:
        """The hub address and the sync interval in seconds, as the page shows them."""
        return self.hub.address(), self.hub.interval.value()

    def result_settings(self) -> UiSettings:
        return replace(
            self._settings,
            language=self.language.currentData(),
            large_text=self.large_text.isChecked(),
            idle_minutes=self.idle.value(),
            sound=self.sound.isChecked(),
            label_output=self.output.currentData(),
            label_printer=self.printers.chosen_default() if self.printers else self._settings.label_printer,
        )

    def station_changes(self) -> dict[str, str]:
        return {"name": self.station_name.text().strip(), "lot_prefix": self.prefix.text().strip().upper()}
