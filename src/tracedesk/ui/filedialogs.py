"""File choosers that start in the user's Documents folder (never the program's own folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """Documents if the system names one that exists, else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def ask_save_path(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    """Where to save `name`; None when the person cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(documents_folder() / name), filters)
    return Path(path) if path else None


def ask_open_paths(parent: QWidget, title: str) -> list[Path]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(documents_folder()))
    return [Path(p) for p in paths]
