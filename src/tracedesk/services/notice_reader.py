"""Reading a supplier's EPCIS 2.0 JSON-LD document as advance notices: its shipping events, line by line.

The document must parse as JSON and pass GS1's EPCIS 2.0 JSON schema; a refusal names the
event and the field. Each ObjectEvent with bizStep shipping is one notice: its LGTIN quantities
(or SGTINs, one each) are the lines, with the lot master data that ILMD gives - on the event
itself, or on the commissioning event of the same class elsewhere in the document - and the
SSCCs it ships (from its epcList, or from packing AggregationEvents that name the SSCC's
contents). A notice's key is a hash of its event, so a document imported twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from tracedesk.core.cbv import CBVMDA, cbv_term
from tracedesk.core.codes.epc_uri import EpcUri, parse_epc_uri
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, catalog_dir, msg
from tracedesk.core.timeparse import from_iso_utc

MAX_BYTES = 50 * 2**20
# UN/ECE Recommendation 20 -> the unit TraceDesk writes (the inverse of the export's table).
UNITS = {"KGM": "kg", "GRM": "g", "MGM": "mg", "TNE": "t", "LTR": "l", "MLT": "ml", "MTR": "m", "MTK": "m2", "MTQ": "m3"}
COUNTS = {"H87": "pcs", "C62": "pcs", "EA": "ea", None: "pcs"}


@dataclass(frozen=True)
class LineDraft:
    """One expected receipt of a notice."""

    gtin: str
    lot: str | None
    serial: str | None
    quantity: Decimal
    unit: str
    expiry: date | None
    best_before: date | None
    production_date: date | None
    ssccs: tuple[str, ...]
    where: str  # "event 2, field quantityList[0]" for sentences


@dataclass(frozen=True)
class NoticeDraft:
    """One shipping event of the supplier's document."""

    key: str
    epcis_event_id: str | None
    where: str
    shipper_glns: tuple[str, ...]  # GLNs of the source parties and locations, owner first
    shipper: str  # the first source URI, as the document wrote it
    despatch: str | None
    po: str | None
    shipped_at: datetime
    lines: tuple[LineDraft, ...]


@cache
def _schema() -> dict[str, Any]:
    path = catalog_dir().parent / "standards" / "epcis" / "EPCIS-JSON-Schema.json"
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


def _event_place(document: dict[str, Any], path: list[Any]) -> tuple[str, str]:
    """('event 2 (urn:uuid:...)', 'quantityList[0].uom') for a schema error's path."""
    if len(path) >= 3 and path[:2] == ["epcisBody", "eventList"] and isinstance(path[2], int):
        index = path[2]
        event = document["epcisBody"]["eventList"][index]
        name = f"event {index + 1}"
        if isinstance(event, dict) and isinstance(event.get("eventID"), str):
            name += f" ({event['eventID']})"
        rest = path[3:]
    else:
        name, rest = "the document", path
    field = ""
    for part in rest:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return name, field or "(the event itself)"


def validate_document(document: Any, source: str) -> None:
    """GS1's EPCIS 2.0 JSON schema, formats included; refuses with the first problem's event and field."""
    import jsonschema  # noqa: PLC0415 - only an import of a notice needs it

    validator = jsonschema.Draft7Validator(_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    error = jsonschema.exceptions.best_match(validator.iter_errors(document))
    if error is None:
        return
    # "not valid under any of the given schemas" names no field: the closest alternative does.
    while error.context:
        error = jsonschema.exceptions.best_match(error.context)
    if not isinstance(document, dict):
        raise InvalidInput("{file} is no EPCIS document: {problem}", file=source, problem=error.message)
    event, field = _event_place(document, list(error.absolute_path))
    raise InvalidInput(
        "{file} does not follow GS1's EPCIS 2.0 schema: {event}, field {field}: {problem}",
        file=source,
        event=event,
        field=field,
        # A "not" rule (ILMD outside an ADD event ...) says nothing a person reads: say what it means.
        problem=msg("the field is not allowed in this event") if error.validator == "not" else _short(error.message),
    )


def _short(text: str) -> str:
    """A schema message quotes the offending value; a whole event is too long for a sentence."""
    return text if len(text) <= 160 else text[:157] + "..."


def load_document(path: Path) -> dict[str, Any]:
    """The document, parsed and validated, or a refusal saying what is wrong and where."""
    source = Path(path).name
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput("{file} is larger than 50 MB; split the notices into several files.", file=source)
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput("There is no file {file}.", file=str(path)) from None
    except IsADirectoryError:
        raise InvalidInput("{file} is a folder, not an EPCIS document.", file=str(path)) from None
    except UnicodeDecodeError:
        raise InvalidInput("{file} is not UTF-8 text; an EPCIS JSON-LD document is.", file=source) from None
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            "{file} is not JSON: {problem} at line {line}, column {column}.",
            file=source,
            problem=error.msg,
            line=error.lineno,
            column=error.colno,
        ) from None
    validate_document(_plain(document), source)
    if document.get("type") != "EPCISDocument":
        raise InvalidInput("{file} is an {kind}, not an EPCISDocument with events.", file=source, kind=str(document.get("type")))
    return dict(document)


def _plain(value: Any) -> Any:
    """Decimals back to numbers for the schema (JSON numbers are read as Decimal to keep quantities exact)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Reader:
    def __init__(self, document: dict[str, Any], source: str) -> None:
        self.source = source
        self.events: list[dict[str, Any]] = document["epcisBody"]["eventList"]
        self.prefixes = _prefixes(document.get("@context"))
        self.ilmd: dict[str, dict[str, Any]] = {}  # class or instance URI -> ILMD from where it was made
        self.packed: dict[str, list[str]] = {}  # SSCC -> the classes and instances packed on it

    def refuse(self, where: str, problem: Message) -> InvalidInput:
        return InvalidInput("{file}: {where}: {problem}", file=self.source, where=where, problem=problem)

    def where(self, index: int, field: str = "") -> str:
        event = self.events[index]
        name = f"event {index + 1}" + (f" ({event['eventID']})" if event.get("eventID") else "")
        return f"{name}, field {field}" if field else name

    def ilmd_of(self, event: dict[str, Any], index: int) -> dict[str, Any]:
        """ILMD keys expanded to CBV attribute names ('lotNumber'); other attributes left out."""
        result: dict[str, Any] = {}
        for key, value in (event.get("ilmd") or {}).items():
            prefix, _, name = str(key).partition(":")
            iri = self.prefixes.get(prefix, prefix + ":") if name else ""
            if iri + name == CBVMDA + name and name:
                result[name] = (value, self.where(index, f"ilmd.{key}"))
            elif str(key).startswith(CBVMDA):
                result[str(key)[len(CBVMDA) :]] = (value, self.where(index, f"ilmd.{key}"))
        return result

    def survey(self) -> None:
        """ILMD of what the document commissions, and what packing events put on which SSCC."""
        for index, event in enumerate(self.events):
            ilmd = self.ilmd_of(event, index)
            if ilmd:
                for key in ("quantityList", "outputQuantityList"):
                    for element in event.get(key) or []:
                        self.ilmd.setdefault(element["epcClass"], ilmd)
                for key in ("epcList", "outputEPCList"):
                    for epc in event.get(key) or []:
                        self.ilmd.setdefault(epc, ilmd)
            if event.get("type") == "AggregationEvent" and str(event.get("parentID", "")).startswith("urn:epc:id:sscc:"):
                sscc = parse_epc_uri(event["parentID"]).key
                children = [*(event.get("childEPCs") or []), *(e["epcClass"] for e in event.get("childQuantityList") or [])]
                self.packed.setdefault(sscc, []).extend(children)

    def notices(self) -> list[NoticeDraft]:
        self.survey()
        drafts = [
            self.notice(index, event)
            for index, event in enumerate(self.events)
            if event.get("type") == "ObjectEvent" and cbv_term(str(event.get("bizStep", "")), "bizstep") == "shipping"
        ]
        if not drafts:
            raise InvalidInput(
                "{file} has no shipping event (an ObjectEvent with bizStep shipping): it announces no delivery.",
                file=self.source,
            )
        return drafts

    def notice(self, index: int, event: dict[str, Any]) -> NoticeDraft:
        ssccs: list[str] = []
        lines: list[LineDraft] = []
        for position, epc in enumerate(event.get("epcList") or []):
            field = f"epcList[{position}]"
            if epc.startswith("urn:epc:id:sscc:"):
                ssccs.append(self._epc(epc, index, field).key)
                continue
            parsed = self._epc(epc, index, field)
            if parsed.scheme != "sgtin":
                raise self.refuse(self.where(index, field), msg("{epc} is no SGTIN or SSCC of shipped goods.", epc=epc))
            lines.append(self.line(index, field, epc, parsed, Decimal(1), None, event))
        for position, element in enumerate(event.get("quantityList") or []):
            field = f"quantityList[{position}]"
            parsed = self._epc(element["epcClass"], index, f"{field}.epcClass")
            if parsed.scheme != "lgtin":
                raise self.refuse(
                    self.where(index, f"{field}.epcClass"), msg("{epc} is no LGTIN (GTIN and lot).", epc=element["epcClass"])
                )
            if "quantity" not in element:
                raise self.refuse(self.where(index, field), msg("the quantity of {epc} is missing.", epc=element["epcClass"]))
            lines.append(self.line(index, field, element["epcClass"], parsed, element["quantity"], element.get("uom"), event))
        if not lines:
            raise self.refuse(self.where(index), msg("the shipping event lists no LGTIN quantities or SGTINs."))
        # Units whose contents a packing event gives hold just those; the others may hold any line.
        unpacked = [sscc for sscc in ssccs if sscc not in self.packed]
        lines = [self._on_units(line, unpacked) for line in lines]
        sources = [s["source"] for s in sorted(event.get("sourceList") or [], key=lambda s: s.get("type") != "owning_party")]
        glns = tuple(parse_epc_uri(s).key for s in sources if s.startswith(("urn:epc:id:pgln:", "urn:epc:id:sgln:")))
        documents = {cbv_term(str(d.get("type", "")), "btt"): d["bizTransaction"] for d in event.get("bizTransactionList") or []}
        canonical = json.dumps(_plain(event), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return NoticeDraft(
            key=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
            epcis_event_id=event.get("eventID"),
            where=self.where(index),
            shipper_glns=glns,
            shipper=sources[0] if sources else "",
            despatch=_document_number(documents.get("desadv") or documents.get("bol")),
            po=_document_number(documents.get("po")),
            shipped_at=from_iso_utc(event["eventTime"]),
            lines=tuple(lines),
        )

    def _epc(self, uri: str, index: int, field: str) -> EpcUri:
        try:
            return parse_epc_uri(uri)
        except InvalidInput as error:
            raise self.refuse(self.where(index, field), error.message) from None

    def line(self, index: int, field: str, uri: str, epc: EpcUri, quantity: Any, uom: Any, event: dict[str, Any]) -> LineDraft:
        try:
            amount = Decimal(str(quantity))
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount <= 0:
            raise self.refuse(
                self.where(index, f"{field}.quantity"),
                msg("the quantity {quantity} is not a positive number.", quantity=str(quantity)),
            )
        unit = UNITS.get(uom) or COUNTS.get(uom)
        if unit is None:
            raise self.refuse(self.where(index, f"{field}.uom"), msg("the unit {uom} is not one TraceDesk knows.", uom=str(uom)))
        ilmd = {**self.ilmd.get(uri, {}), **self.ilmd_of(event, index)}
        lot = epc.part if epc.scheme == "lgtin" else None
        named = ilmd.get("lotNumber")
        if lot and named and str(named[0]) != lot:
            raise self.refuse(
                named[1],
                msg("the lot number {named} differs from the lot {lot} of {epc}.", named=str(named[0]), lot=lot, epc=uri),
            )
        if epc.scheme == "sgtin" and named:
            lot = str(named[0])
        return LineDraft(
            gtin=epc.key,
            lot=lot,
            serial=epc.part if epc.scheme == "sgtin" else None,
            quantity=amount,
            unit=unit,
            expiry=self._date(ilmd.get("itemExpirationDate")),
            best_before=self._date(ilmd.get("bestBeforeDate")),
            production_date=self._date(ilmd.get("productionDate") or ilmd.get("manufacturingDate")),
            ssccs=tuple(sscc for sscc, packed in self.packed.items() if uri in packed),
            where=self.where(index, field),
        )

    def _date(self, found: tuple[Any, str] | None) -> date | None:
        if found is None:
            return None
        value, where = found
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            raise self.refuse(where, msg("{value} is not a date (YYYY-MM-DD).", value=str(value))) from None

    @staticmethod
    def _on_units(line: LineDraft, ssccs: list[str]) -> LineDraft:
        if line.ssccs or not ssccs:
            return line
        # Without packing events, every unit of the shipment may hold the line.
        return LineDraft(**{**line.__dict__, "ssccs": tuple(ssccs)})


def _prefixes(context: Any) -> dict[str, str]:
    """JSON-LD prefixes the document declares ({"cbvmda": "urn:epcglobal:cbv:mda:"})."""
    found = {"cbvmda": CBVMDA}
    for entry in context if isinstance(context, list) else [context]:
        if isinstance(entry, dict):
            found.update({k: v for k, v in entry.items() if isinstance(v, str)})
    return found


def _document_number(uri: str | None) -> str | None:
    """urn:epcglobal:cbv:bt:<GLN>:<number> -> number (other URIs as written, at most 64 characters)."""
    if not uri:
        return None
    if uri.startswith("urn:epcglobal:cbv:bt:"):
        return uri.split(":", 5)[-1][:64]
    return uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1][:64] or None


def read_notices(path: Path) -> list[NoticeDraft]:
    """The shipping events of a supplier's EPCIS document as notice drafts; refuses a bad document whole."""
    document = load_document(path)
    return _Reader(document, Path(path).name).notices()
