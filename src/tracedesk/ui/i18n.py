"""Languages and fonts: the Qt translator for the chosen language and the CJK font that always renders."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from tracedesk.labels.resources import resource_dir

log = logging.getLogger(__name__)
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_installed: list[QTranslator] = []


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (lupdate reads QCoreApplication.translate calls)."""
    return QCoreApplication.translate(context, text)


def i18n_dir() -> Path:
    return resource_dir() / "i18n"


def system_language() -> str:
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def install_language(app: QApplication, language: str) -> str:
    """Install the translators for `language` ("" = the system's); returns the language used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    chosen = language or system_language()
    ours = QTranslator(app)
    # English needs a file too: it holds only the plural forms ("1 lot", "2 lots") of the %n texts.
    if ours.load(str(i18n_dir() / f"tracedesk_{chosen}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no compiled translation for %s in %s", chosen, i18n_dir())
    if chosen == "en":
        return chosen
    qt = QTranslator(app)
    if qt.load(f"qtbase_{chosen}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return chosen


def register_fonts(app: QApplication) -> str | None:
    """Register the shipped CJK fallback font so Chinese renders on any PC; returns its family."""
    path = resource_dir() / "fonts" / "DroidSansFallbackFull.ttf"
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load %s", path)
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    # Latin text keeps the system font; characters it lacks fall back to the CJK family.
    base = app.font()
    QFont.insertSubstitution(base.family(), family)
    base.setFamilies([base.family(), family])
    app.setFont(base)
    return family
