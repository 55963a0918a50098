"""Labels for lots: what goes on them, rendering, printing, and the print recorded as an event."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.errors import InvalidInput, NotFound, Refused
from tracedesk.core.messages import current_language, normalise_language
from tracedesk.db.models import Item
from tracedesk.labels import (
    LabelData,
    for_containers,
    load_templates,
    render_pdf,
    render_zpl,
    send_zpl_serial,
    send_zpl_tcp,
)
from tracedesk.labels.printers import PrinterConfig
from tracedesk.services.dto import LotInfo
from tracedesk.services.events import apply_event
from tracedesk.services.lookup import lot_by_code, lot_info
from tracedesk.services.permissions import Action, require
from tracedesk.services.verification import SerialSigner, signer_for_labels

MAX_COPIES = 500


def user_template_dir(config_dir: Path) -> Path:
    """The station's own label templates: a `labels` folder in the settings folder (beside station.json).

    The command line and the window both read it, so a template added there prints the same either way.
    """
    return config_dir / "labels"


@dataclass(frozen=True)
class LabelJob:
    """Rendered labels ready to print or save: PDF bytes or ZPL text."""

    lots: tuple[str, ...]
    template: str
    copies: int
    data: bytes
    is_zpl: bool
    labels: tuple[LabelData, ...] = ()  # what was rendered, for a GUI that paints the same labels itself


def default_template(lot: LotInfo, tracking: str = "lot") -> str:
    if tracking == "serial":
        return "serial"
    return "output-lot" if lot.origin == "produced" or lot.order else "incoming-lot"


def label_data(lot: LotInfo, *, company: str = "", tracking: str = "lot", language: str | None = None) -> LabelData:
    """What a lot's label shows (our lot code, item, quantity, dates, GS1 data when the item has a GTIN).

    A serial is a lot of one: its lot code is the serial number the label carries in (21).
    """
    return LabelData(
        serial=lot.code if tracking == "serial" else "",
        lot_code=lot.code,
        item_code=lot.item,
        item_name=lot.item_name,
        quantity=lot.quantity,
        unit=lot.unit,
        gtin=lot.gtin,
        supplier_name=lot.supplier_name or "",
        supplier_lot=lot.supplier_lot or "",
        received_on=lot.received_at.date() if lot.received_at else None,
        produced_on=lot.produced_at.date() if lot.produced_at else None,
        expiry=lot.expiry,
        # A label must never say "released" on material a hold upstream has blocked.
        status="suspect" if lot.suspect_reason and lot.status == "released" else lot.status,
        order_number=lot.order or "",
        company_name=company,
        language=normalise_language(language) if language else current_language(),
    )


def container_shares(total: Decimal, containers: int) -> list[Decimal]:
    """A lot's quantity over its containers: whole units stay whole, the last takes the remainder."""
    if containers == 1:
        return [total]
    whole = total == total.to_integral_value() and total >= containers
    step = Decimal(1) if whole else Decimal("0.001")
    share = (total / containers).quantize(step, rounding=ROUND_DOWN)
    first = [share] * (containers - 1)
    return [*first, total - sum(first, Decimal(0))]


def prepare_labels(
    session: Session,
    codes: list[str],
    *,
    template: str | None,
    copies: int,
    zpl: bool,
    dpi: int = 203,
    user_templates: Path | None = None,
    containers: int = 1,
    company: str = "",
    language: str | None = None,
    signing_keys: Path | None = None,
) -> LabelJob:
    """Render the labels of one or more lots with a template (the lot's usual one by default).

    Headings and status are in `language`, the station's (default: the process's language).
    `signing_keys` is the config folder with the plant's signing key: a serial with a GTIN then
    carries its verification code (8030) once the plant has a key (see services.verification).
    """
    if not codes:
        raise InvalidInput("Name at least one lot to label.")
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput("The number of copies must be between 1 and {limit}.", limit=MAX_COPIES)
    if not 1 <= containers <= 999:
        raise InvalidInput("The number of containers must be between 1 and 999.")
    templates = load_templates(user_templates)
    labels: list[LabelData] = []
    names: dict[str, str] = {}  # lot code -> template it takes
    signer: SerialSigner | None = None
    for code in codes:
        row = lot_by_code(session, code)
        lot = lot_info(session, row)
        tracking = session.get(Item, row.item_id).tracking  # type: ignore[union-attr]
        names[lot.code] = template or default_template(lot, tracking)
        single = label_data(lot, company=company, tracking=tracking, language=language)
        if single.serial and single.gtin and signing_keys is not None:
            signer = signer if signer is not None else signer_for_labels(session, signing_keys)
            if signer is not None:
                single = replace(single, verification=signer.code(single.gtin, single.serial))
        labels.extend(for_containers(single, container_shares(lot.quantity, containers)) if containers > 1 else [single])
    # One job is one template: received and produced lots together need a template named.
    if len(set(names.values())) > 1:
        raise InvalidInput(
            "These lots take different labels ({templates}); print them separately or name one template.",
            templates=sorted(set(names.values())),
        )
    name = next(iter(names.values()))
    if name not in templates:
        raise NotFound("There is no label template '{name}'; available: {templates}.", name=name, templates=sorted(templates))
    chosen = templates[name]
    data = (
        render_zpl(chosen, labels, copies=copies, dpi=dpi).encode("utf-8") if zpl else render_pdf(chosen, labels, copies=copies)
    )
    return LabelJob(tuple(names), chosen.name, copies, data, zpl, tuple(labels))


def record_print(session: Session, actor: Actor, job: LabelJob, *, printer: str) -> None:
    """Every print is an event, so a reprint shows in the lot's history."""
    require(session, actor, Action.PRINT_LABELS)
    apply_event(
        session,
        actor,
        "label_printed",
        {
            "lots": list(job.lots),
            "template": job.template,
            "copies": job.copies,
            "printer": printer,
            "format": "zpl" if job.is_zpl else "pdf",
        },
    )


def send_to_printer(job: LabelJob, printer: PrinterConfig) -> None:
    """Send a job to a configured printer; a printer that does not answer raises a clear error."""
    if printer.is_zpl != job.is_zpl:
        raise Refused("Printer {name} takes {format} jobs.", name=printer.name, format="ZPL" if printer.is_zpl else "PDF")
    if printer.kind == "zpl-tcp":
        host, _, port = printer.address.partition(":")
        send_zpl_tcp(host, int(port or 9100), job.data.decode("utf-8"), printer=printer.name)
    elif printer.kind == "zpl-serial":
        send_zpl_serial(printer.address, job.data.decode("utf-8"), printer.baud, printer=printer.name)
    else:
        _print_pdf_with_system_spooler(job.data, printer)


def _print_pdf_with_system_spooler(pdf: bytes, printer: PrinterConfig) -> None:
    # Headless printing to an office printer: the CUPS/BSD spooler (the GUI uses Qt's dialog).
    command = shutil.which("lp") or shutil.which("lpr")
    if command is None:
        raise Refused("No print spooler (lp) on this computer: print from the TraceDesk window, or save a PDF.")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        flag = "-d" if command.endswith("lp") else "-P"
        result = subprocess.run([command, flag, printer.address, handle.name], capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise Refused(
            "Printer {name} refused the job: {problem}", name=printer.name, problem=result.stderr.strip() or result.stdout.strip()
        )
