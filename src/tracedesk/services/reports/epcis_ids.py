"""The identifiers an EPCIS export writes, and the gaps where a GS1 key is not known.

A lot of an item with a GTIN is an LGTIN class (a serial an SGTIN); a party with a GLN a
PGLN; a location with a GLN an SGLN, and a location without one inside a site with a GLN the
site's SGLN with the location code as its extension (AI 254). Where no GS1 key is known the
export writes a private URI and notes it, so that the sidecar report says which items,
parties and locations a partner cannot resolve:

- `urn:tracedesk:class:ITEM:LOT` a lot of an item without a GTIN;
- `urn:tracedesk:id:ITEM:SERIAL` a serial of an item without a GTIN;
- `urn:tracedesk:party:supplier:CODE`, `urn:tracedesk:party:customer:CODE`, `urn:tracedesk:party:self`;
- `urn:tracedesk:location:CODE`, `urn:tracedesk:station:CODE` (no location and no site known);
- `urn:tracedesk:bt:TYPE:NUMBER` a business document when its issuer has no GLN.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracedesk.core.codes.epc_uri import epc_escape, is_gln_extension, lgtin_class, pgln_uri, sgln_uri, sgtin_uri
from tracedesk.core.messages import Message, msg
from tracedesk.services.dto import LocationInfo, PartyInfo
from tracedesk.services.reports.cte import LotFacts
from tracedesk.services.reports.places import Places

PRIVATE = "urn:tracedesk"


@dataclass(frozen=True)
class Gap:
    """Something an export could not name by a GS1 key, and how often."""

    subject: str  # item | supplier | customer | location | site
    code: str
    name: str
    problem: Message
    used: str  # the private identifier written instead (a pattern for lots)


class Identifiers:
    """Builds the URIs of one export and counts the gaps, per subject (bounded by the master data)."""

    def __init__(self, places: Places, prefix_length: int) -> None:
        self.places = places
        self.prefix_length = prefix_length
        self.gaps: dict[tuple[str, str], Gap] = {}
        self.counts: Counter[tuple[str, str]] = Counter()

    def _gap(self, subject: str, code: str, name: str, problem: Message, used: str) -> None:
        key = (subject, code)
        if key not in self.gaps:
            self.gaps[key] = Gap(subject, code, name, problem, used)
        self.counts[key] += 1

    def lot(self, lot: LotFacts) -> tuple[str, bool]:
        """The lot's URI, and whether it names one instance (a serial) rather than a class."""
        serial = lot.tracking == "serial"
        if lot.gtin:
            if serial:
                return sgtin_uri(lot.gtin, lot.code, self.prefix_length), True
            return lgtin_class(lot.gtin, lot.code, self.prefix_length), False
        kind = "id" if serial else "class"
        used = f"{PRIVATE}:{kind}:{epc_escape(lot.item)}:{epc_escape(lot.code)}"
        self._gap(
            "item",
            lot.item,
            lot.item_name,
            msg("Item {item} has no GTIN; its lots are named by a private URI.", item=lot.item),
            f"{PRIVATE}:{kind}:{epc_escape(lot.item)}:*",
        )
        return used, serial

    def party(self, kind: str, code: str | None) -> str:
        info = self.places.party(kind, code)
        if info is not None and info.gln:
            return pgln_uri(info.gln, self.prefix_length)
        used = f"{PRIVATE}:party:{kind}:{epc_escape(code or 'unknown')}"
        self._gap(
            kind,
            code or "",
            info.name if info else "",
            msg("The {kind} {code} has no GLN; it is named by a private URI.", kind=kind, code=code or "?"),
            used,
        )
        return used

    def ourselves(self, site: LocationInfo | None) -> str:
        """Our own company as a party: the GLN of the site."""
        if site is not None and site.gln:
            return pgln_uri(site.gln, self.prefix_length)
        self._no_site_gln(site)
        return f"{PRIVATE}:party:self"

    def place(self, code: str | None, station: str) -> str:
        """A read point or business location: the location's SGLN, its site's SGLN with an extension, or private."""
        location = self.places.location(code)
        if location is not None and location.gln:
            return sgln_uri(location.gln, "0", self.prefix_length)
        site = self.places.site_of(code)
        if site is not None and site.gln:
            if location is not None and location.code != site.code and is_gln_extension(location.code):
                return sgln_uri(site.gln, location.code, self.prefix_length)
            return sgln_uri(site.gln, "0", self.prefix_length)
        self._no_site_gln(site)
        if location is not None:
            return f"{PRIVATE}:location:{epc_escape(location.code)}"
        return f"{PRIVATE}:station:{epc_escape(station)}"

    def _no_site_gln(self, site: LocationInfo | None) -> None:
        if site is None:
            self._gap(
                "site",
                "",
                "",
                msg("No location of ours has a GLN: give our site (a location) its GLN and address."),
                f"{PRIVATE}:location:*",
            )
        else:
            self._gap(
                "location",
                site.code,
                site.name,
                msg("Our site {code} has no GLN; its events name it by a private URI.", code=site.code),
                f"{PRIVATE}:location:{epc_escape(site.code)}",
            )

    def business_document(self, kind: str, number: str, issuer: PartyInfo | LocationInfo | None) -> str:
        """A CBV business transaction: urn:epcglobal:cbv:bt:<issuer GLN>:<number>."""
        if issuer is not None and issuer.gln:
            return f"urn:epcglobal:cbv:bt:{issuer.gln}:{epc_escape(number)}"
        return f"{PRIVATE}:bt:{kind}:{epc_escape(number)}"

    def write_report(self, path: Path) -> int:
        """The sidecar CSV: one row per item, party or location named privately; returns the rows."""
        with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(("subject", "code", "name", "problem", "identifier used instead", "events"))
            for key, gap in sorted(self.gaps.items()):
                writer.writerow((gap.subject, gap.code, gap.name, str(gap.problem), gap.used, self.counts[key]))
        return len(self.gaps)
