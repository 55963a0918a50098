"""Who and where, for the exports: parties and our locations with GLNs and location descriptions.

Our own sites are locations with a GLN or a location description. An event that happened at a
location without one (a receiving dock, a store) happened at its site: the site named for the
export, or else the plant's only site. The whole address book is read once per export (a
plant has hundreds of parties, not millions).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracedesk.core.errors import NotFound
from tracedesk.db.models import Location, Party
from tracedesk.services.dto import LocationInfo, PartyInfo
from tracedesk.services.masterdata import location_info, party_info


class Places:
    """Parties by (kind, code), our locations by code, and the site an event without one belongs to."""

    def __init__(self, session: Session, site: str | None = None) -> None:
        self.parties = {(p.kind, p.code): party_info(p) for p in session.scalars(select(Party))}
        self.locations = {loc.code: location_info(loc) for loc in session.scalars(select(Location))}
        if site:
            if site.strip() not in self.locations:
                raise NotFound("There is no location {code} to stand for our site.", code=site.strip())
            self.site: LocationInfo | None = self.locations[site.strip()]
        else:
            sites = [loc for loc in self.locations.values() if loc.is_site]
            self.site = sites[0] if len(sites) == 1 else None

    def party(self, kind: str, code: str | None) -> PartyInfo | None:
        return self.parties.get((kind, code)) if code else None

    def location(self, code: str | None) -> LocationInfo | None:
        return self.locations.get(code) if code else None

    def site_of(self, code: str | None) -> LocationInfo | None:
        """The site an event at location `code` took place at (the location itself when it is one)."""
        location = self.location(code)
        seen: set[str] = set()
        # Up the hierarchy: a bin lies in its plant, and the plant is the site when it is one.
        while location is not None and location.code not in seen:
            if location.is_site:
                return location
            seen.add(location.code)
            location = self.location(location.parent)
        return self.site
