"""A new Excel workbook and its first worksheet, for the reports written as .xlsx."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl loads only when a workbook is written (it imports numpy when present)
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet  # noqa: TC004 - imported again where it is used


def first_worksheet(book: Workbook) -> Worksheet:
    """The worksheet a new workbook starts with (openpyxl types `active` as possibly absent)."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = book.active
    if not isinstance(sheet, Worksheet):
        # Only a read-only or write-only workbook lacks one; the reports never make those.
        raise TypeError("the workbook has no ordinary first worksheet")
    return sheet
