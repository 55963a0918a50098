"""Import of suppliers, customers and our sites: codes, names, GLNs and location descriptions.

A party or location already stored is recognised by its code. Its name must match (a
different name means a different business, refused); details the file adds or changes (a
GLN where none was stored, an address, a phone number) become an edit event with old and new
values, so importing an address book twice records the addresses once. An empty cell never
erases what is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.location import DESCRIPTION_FIELDS
from tracedesk.core.messages import Message, msg
from tracedesk.core.words import word
from tracedesk.db.location_tree import LOCATION_KINDS
from tracedesk.db.models import Location, Party
from tracedesk.services.import_sources import ImportProblem, Row, cell
from tracedesk.services.validation import PARTY_DESCRIPTION, clean_code, clean_description_field, clean_gln, clean_name


class _Planner(Protocol):
    session: Session
    skipped: Any

    def rows(self, name: str) -> Iterable[Row]: ...

    def add(self, table: str, sort_key: Any, event_type: str, payload: dict[str, Any], *, new: bool = True) -> None: ...

    @staticmethod
    def first(row: Row, key: Any, seen: dict[Any, int]) -> int | None: ...

    @staticmethod
    def twice(row: Row, earlier: int, what: Message) -> ImportProblem: ...


def _description(row: Row, fields: tuple[str, ...]) -> dict[str, str]:
    return {field: cell(row, field, partial(clean_description_field, field)) for field in fields}


def _changes(row: Row, stored: dict[str, Any], new: dict[str, Any], what: Message) -> dict[str, list[Any]]:
    """[old, new] for each detail the row fills in; a stored GLN is never replaced by another."""
    changes: dict[str, list[Any]] = {}
    for field, value in new.items():
        if value in (None, "") or stored[field] == value:
            continue
        if field == "gln" and stored["gln"]:
            raise ImportProblem(
                "{what} already has the GLN {stored}, not {value}",
                at=row.where("gln"),
                what=what,
                stored=stored["gln"],
                value=value,
            )
        changes[field] = [stored[field], value]
    return changes


def plan_parties(planner: _Planner, kind: str, table: str) -> set[str]:
    """Plan the rows of suppliers.csv or customers.csv; returns every code known afterwards."""
    stored = {p.code: p for p in planner.session.scalars(select(Party).where(Party.kind == kind))}
    known = set(stored)
    seen: dict[Any, int] = {}
    for row in planner.rows(table):
        payload: dict[str, Any] = {
            "kind": kind,
            "code": cell(row, "code", lambda t: clean_code(t, kind)),
            "name": cell(row, "name", lambda t: clean_name(t, kind)),
            "gln": cell(row, "gln", clean_gln),
            "location": "",
            **_description(row, PARTY_DESCRIPTION),
        }
        if (earlier := planner.first(row, payload["code"], seen)) is not None:
            raise planner.twice(row, earlier, msg("{kind} {code}", kind=word(kind), code=payload["code"]))
        existing = stored.get(payload["code"])
        if existing is None:
            known.add(payload["code"])
            planner.add(table, row.number, "party_created", payload)
            continue
        if existing.name != payload["name"]:
            raise ImportProblem(
                "{kind} {code} already exists with other details ('{name}')",
                at=row.where("name"),
                kind=word(kind),
                code=payload["code"],
                name=existing.name,
            )
        old = {field: getattr(existing, field) for field in ("gln", *PARTY_DESCRIPTION)}
        changes = _changes(
            row, old, {field: payload[field] for field in old}, msg("{kind} {code}", kind=word(kind), code=existing.code)
        )
        if not changes:
            planner.skipped[table] += 1
            continue
        planner.add(
            table,
            row.number,
            "party_updated",
            {"kind": kind, "code": existing.code, "changes": changes, "reason": f"imported from {row.source.name}"},
            new=False,
        )
    return known


def _place(row: Row, code: str, kinds: dict[str, str]) -> dict[str, Any]:
    """A new location's place in the hierarchy: kind, parent, blocked (the optional columns)."""
    kind = (row.text("kind") or "area").lower()
    if kind not in LOCATION_KINDS:
        raise ImportProblem("A location is one of: {kinds}.", at=row.where("kind"), kinds=[word(k) for k in LOCATION_KINDS])
    parent = row.text("parent") or None
    blocked = row.text("blocked").lower()
    if blocked not in ("", "0", "1", "yes", "no", "true", "false"):
        raise ImportProblem("blocked is yes or no, not '{value}'.", at=row.where("blocked"), value=row.text("blocked"))
    if parent is None and kind == "bin":
        raise ImportProblem("The bin {code} needs the warehouse or area it is in.", at=row.where("parent"), code=code)
    if parent is not None:
        if kind == "plant":
            raise ImportProblem(
                "A plant is a top-level location; {code} cannot be inside {parent}.",
                at=row.where("parent"),
                code=code,
                parent=parent,
            )
        if parent not in kinds:
            raise ImportProblem("There is no location '{code}'.", at=row.where("parent"), code=parent)
        if kinds[parent] == "bin":
            raise ImportProblem(
                "The bin {parent} holds lots, not other locations; put {code} in an area.",
                at=row.where("parent"),
                parent=parent,
                code=code,
            )
    place: dict[str, Any] = {"kind": kind}
    if parent is not None:
        place["parent"] = parent
    if blocked in ("1", "yes", "true"):
        place["blocked"] = True
    return place


def plan_locations(planner: _Planner) -> None:
    """Plan the rows of locations.csv: our sites and stores, with GLN and location description."""
    stored = {loc.code: loc for loc in planner.session.scalars(select(Location))}
    rows = planner.rows("locations")
    # Parents may be stored or come in the same file (before or after their children).
    kinds = {loc.code: loc.kind for loc in stored.values()}
    kinds.update({row.text("code"): (row.text("kind") or "area").lower() for row in rows})
    seen: dict[Any, int] = {}
    for row in rows:
        payload: dict[str, Any] = {
            "code": cell(row, "code", lambda t: clean_code(t, "location")),
            "name": cell(row, "name", lambda t: clean_name(t, "location")),
            "gln": cell(row, "gln", clean_gln),
            **_description(row, DESCRIPTION_FIELDS),
        }
        if (earlier := planner.first(row, payload["code"], seen)) is not None:
            raise planner.twice(row, earlier, msg("location {code}", code=payload["code"]))
        existing = stored.get(payload["code"])
        if existing is None:
            payload.update(_place(row, payload["code"], kinds))
            planner.add("locations", row.number, "location_created", payload)
            continue
        old = {field: getattr(existing, field) for field in ("name", "gln", *DESCRIPTION_FIELDS)}
        changes = _changes(row, old, {field: payload[field] for field in old}, msg("location {code}", code=existing.code))
        if not changes:
            planner.skipped["locations"] += 1
            continue
        planner.add(
            "locations",
            row.number,
            "location_updated",
            {"code": existing.code, "changes": changes, "reason": f"imported from {row.source.name}"},
            new=False,
        )
