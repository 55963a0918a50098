"""The location hierarchy (plant -> warehouse/area -> bin): walking up it, and the plant a place lies in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.db.models import Location

LOCATION_KINDS = ("plant", "warehouse", "area", "bin")
# A hierarchy is a few levels deep; a longer walk means a cycle a damaged database could hold.
MAX_DEPTH = 32


def path_of(session: Session, location: Location) -> list[Location]:
    """The location and its ancestors, the top-level one last."""
    path = [location]
    seen = {location.id}
    current = location
    while current.parent_id is not None and len(path) < MAX_DEPTH:
        parent = session.get(Location, current.parent_id)
        if parent is None or parent.id in seen:
            break
        path.append(parent)
        seen.add(parent.id)
        current = parent
    return path


def plant_of(session: Session, location: Location) -> Location:
    """The plant a location lies in: the nearest plant up its path, else its top-level ancestor."""
    path = path_of(session, location)
    return next((place for place in path if place.kind == "plant"), path[-1])


def plants_by_location(session: Session) -> dict[int, Location]:
    """location id -> its plant, for every location (one read; a report asks for many lots)."""
    rows = {loc.id: loc for loc in session.scalars(select(Location))}
    plants: dict[int, Location] = {}
    for location in rows.values():
        current, depth = location, 0
        top = location
        while True:
            if current.kind == "plant":
                top = current
                break
            top = current
            if current.parent_id is None or current.parent_id not in rows or depth >= MAX_DEPTH:
                break
            current, depth = rows[current.parent_id], depth + 1
        plants[location.id] = top
    return plants


def descendants(session: Session, location: Location) -> list[int]:
    """The ids of a location and every location inside it."""
    children: dict[int | None, list[int]] = {}
    for loc_id, parent_id in session.execute(select(Location.id, Location.parent_id)).all():
        children.setdefault(parent_id, []).append(loc_id)
    found: list[int] = []
    todo = [location.id]
    while todo and len(found) < 100_000:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        todo.extend(children.get(current, []))
    return found
