"""Our locations as a warehouse sees them: the hierarchy, blocked places, labels, scanned location codes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.codes import parse_scan
from tracedesk.core.errors import InvalidInput, NotFound, Refused, TraceDeskError
from tracedesk.core.messages import current_language, msg, normalise_language, text_of
from tracedesk.core.parsing import clean_text
from tracedesk.db.location_tree import path_of, plant_of
from tracedesk.db.models import Location
from tracedesk.labels import LabelData, load_templates, render_pdf, render_zpl
from tracedesk.services.dto import LocationInfo
from tracedesk.services.events import apply_event
from tracedesk.services.labels import MAX_COPIES, LabelJob
from tracedesk.services.masterdata import location_info
from tracedesk.services.permissions import Action, require

LOCATION_TEMPLATE = "location"


def location_by_code(session: Session, code: str) -> Location:
    location = session.scalar(select(Location).where(Location.code == code.strip()))
    if location is None:
        raise NotFound("There is no location '{code}'.", code=code.strip())
    return location


def location_of_scan(session: Session, text: str) -> Location | None:
    """The location a scanned label names: its code (Code 128), or a GLN (414) with its extension (254)."""
    text = text.strip()
    if not text:
        return None
    try:
        code = parse_scan(text, strict=False)
    except TraceDeskError:
        return session.scalar(select(Location).where(Location.code == text))
    if code.kind == "text":
        plain = text[3:].strip() if code.symbology else text
        return session.scalar(select(Location).where(Location.code == plain))
    fields = code.fields
    gln = fields.get("414")
    if not gln:
        return None
    extension = fields.get("254")
    if extension:
        inside = session.scalar(select(Location).where(Location.code == extension))
        if inside is not None and plant_of(session, inside).gln == gln:
            return inside
        return None
    return session.scalar(select(Location).where(Location.gln == gln).order_by(Location.id).limit(1))


def list_location_tree(session: Session) -> list[tuple[int, LocationInfo]]:
    """Every location with its depth, each followed by what lies inside it (codes in order)."""
    rows = list(session.scalars(select(Location).order_by(Location.code)))
    children: dict[int | None, list[Location]] = {}
    known = {row.id for row in rows}
    for row in rows:
        parent = row.parent_id if row.parent_id in known else None
        children.setdefault(parent, []).append(row)
    tree: list[tuple[int, LocationInfo]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for row in children.get(parent, []):
            if row.id in seen:
                continue
            seen.add(row.id)
            tree.append((depth, location_info(row)))
            walk(row.id, depth + 1)

    walk(None, 0)
    return tree


def block_location(session: Session, actor: Actor, *, code: str, blocked: bool, reason: str) -> LocationInfo:
    """Block a location (a quarantine cage: its stock may not be used) or lift the block."""
    require(session, actor, Action.HOLD)
    location = location_by_code(session, code)
    reason = clean_text(reason, what="reason", max_length=500)
    if not reason:
        raise InvalidInput("Say why location {code} is blocked or unblocked.", code=location.code)
    if bool(location.blocked) == blocked:
        if blocked:
            raise Refused("Location {code} is blocked already.", code=location.code)
        raise Refused("Location {code} is not blocked.", code=location.code)
    apply_event(session, actor, "location_blocked", {"code": location.code, "blocked": blocked, "reason": reason})
    return location_info(location_by_code(session, code))


def location_label(session: Session, location: Location, *, language: str | None = None, company: str = "") -> LabelData:
    """What a location's label shows: its code (Code 128), name, path, and the plant's GLN with (254)."""
    language = normalise_language(language) if language else current_language()
    path = path_of(session, location)
    plant = plant_of(session, location)
    gln = plant.gln or ""
    extension = "" if location.id == plant.id else location.code
    return LabelData(
        lot_code=location.code,
        item_code="",
        item_name=location.name,
        quantity=Decimal(0),
        unit="",
        company_name=company,
        language=language,
        extra={
            "location_code": location.code,
            "location_name": location.name,
            "location_path": " / ".join(place.code for place in reversed(path)),
            "plant": plant.code,
            "gln": gln,
            "gln_extension": extension if gln else "",
            "blocked": text_of(msg("BLOCKED"), language) if location.blocked else "",
        },
    )


def prepare_location_labels(
    session: Session,
    codes: list[str],
    *,
    copies: int = 1,
    zpl: bool = False,
    dpi: int = 203,
    user_templates: Path | None = None,
    template: str | None = None,
    company: str = "",
    language: str | None = None,
) -> LabelJob:
    """Render the labels of one or more locations (printed like lot labels: PDF or ZPL)."""
    if not codes:
        raise InvalidInput("Name at least one location to label.")
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput("The number of copies must be between 1 and {limit}.", limit=MAX_COPIES)
    templates = load_templates(user_templates)
    name = template or LOCATION_TEMPLATE
    if name not in templates:
        raise NotFound("There is no label template '{name}'; available: {templates}.", name=name, templates=sorted(templates))
    labels = [location_label(session, location_by_code(session, code), language=language, company=company) for code in codes]
    chosen = templates[name]
    data = (
        render_zpl(chosen, labels, copies=copies, dpi=dpi).encode("utf-8") if zpl else render_pdf(chosen, labels, copies=copies)
    )
    return LabelJob(tuple(label.lot_code for label in labels), chosen.name, copies, data, zpl, tuple(labels))


def record_location_print(session: Session, actor: Actor, job: LabelJob, *, printer: str) -> None:
    """A location label's print is an event too (no lot's history shows it)."""
    require(session, actor, Action.PRINT_LABELS)
    apply_event(
        session,
        actor,
        "label_printed",
        {
            "lots": [],
            "locations": list(job.lots),
            "template": job.template,
            "copies": job.copies,
            "printer": printer,
            "format": "zpl" if job.is_zpl else "pdf",
        },
    )
