"""Label templates and rendering: PDF for any printer, ZPL for thermal printers (no Qt here)."""

from __future__ import annotations

from tracedesk.labels.data import INTERNAL_LOT_PREFIX, LabelData, for_containers
from tracedesk.labels.pdf import render_pdf, write_pdf
from tracedesk.labels.templates import LabelTemplate, load_template, load_templates
from tracedesk.labels.transport import PrinterUnavailable, send_zpl_serial, send_zpl_tcp
from tracedesk.labels.zpl import render_zpl

__all__ = [
    "INTERNAL_LOT_PREFIX",
    "LabelData",
    "LabelTemplate",
    "PrinterUnavailable",
    "for_containers",
    "load_template",
    "load_templates",
    "render_pdf",
    "render_zpl",
    "send_zpl_serial",
    "send_zpl_tcp",
    "write_pdf",
]
