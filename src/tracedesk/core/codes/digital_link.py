"""GS1 Digital Link URIs (`https://any.host/optional/stem/01/<gtin>/10/<lot>?17=<date>`), both ways.

The primary key and its path qualifiers (with their permitted order) and the AIs allowed as
query-string data attributes come from the GS1 Barcode Syntax Dictionary (`dlpkey`, `?`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlsplit

from tracedesk.core.codes.ai_table import AI_TABLE, AiSpec
from tracedesk.core.codes.gs1 import assemble
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg

DEFAULT_RESOLVER = "https://id.gs1.org"
RESOLVER_HOST = "id.gs1.org"
# AIs whose value is a GTIN, written with 8, 12, 13 or 14 digits in a URI.
GTIN_AIS = frozenset({"01", "02", "03"})


def is_uri(text: str) -> bool:
    """True for an http(s) URI, the only kind a Digital Link can be."""
    return text[:8].lower().startswith(("https://", "http://"))


def _split(uri: str) -> SplitResult:
    """urlsplit, whose ValueError (a `[` or `]` in the host, a bad port) becomes a refusal."""
    try:
        return urlsplit(uri)
    except ValueError as error:
        raise InvalidInput("The URI {uri} cannot be read: {reason}.", uri=uri[:200], reason=str(error)) from None


def _path_segments(uri: str) -> tuple[list[str], bool]:
    path = _split(uri).path
    ends_with_slash = len(path) > 1 and path.endswith("/")
    segments = path.strip("/").split("/") if path.strip("/") else []
    return segments, ends_with_slash


def _looks_like_key_value(spec: AiSpec, value: str) -> bool:
    """Whether `value` could be meant as the key's value, right or wrong.

    Ordinary web paths hold AI-like numbers too (`/2024/01/15/story`), so a numeric key counts
    only with at least the digits of a GTIN-8; a wrong length or check digit is then refused.
    """
    value = unquote(value)
    if not value:
        return False
    if spec.components[0].charset != "N":
        return True
    digits = len(value) - len(value.lstrip("0123456789"))
    return digits >= 8 or (digits == len(value) and digits >= spec.components[0].min_length)


def _primary_key_index(segments: list[str], resolver: bool = False) -> int | None:
    """Where the primary key starts: the first key AI (`01`, `00`, `414` ...) with a key-like value.

    On GS1's own resolver every such pair is meant as a key, whatever its value.
    """
    for index, segment in enumerate(segments[:-1]):
        spec = AI_TABLE.get(segment)
        if spec is None or spec.dl_qualifiers is None:
            continue
        if resolver or _looks_like_key_value(spec, segments[index + 1]):
            return index
    return None


def _segments_and_key(uri: str) -> tuple[list[str], bool, int | None]:
    segments, ends_with_slash = _path_segments(uri)
    resolver = (_split(uri).hostname or "") == RESOLVER_HOST
    return segments, ends_with_slash, _primary_key_index(segments, resolver)


def is_digital_link(text: str) -> bool:
    """True when the URI's path carries a GS1 primary key, like `/01/09520123456788`.

    Such a URI is then parsed as a Digital Link or refused with the reason; a URI that cannot be
    read at all (a `[` in the host) raises `InvalidInput` here already.
    """
    return is_uri(text) and _segments_and_key(text)[2] is not None


def _normalised(ai: str, value: str) -> str:
    """GTIN-8/12/13 are written short in URIs; TraceDesk keeps every GTIN as 14 digits."""
    if ai in GTIN_AIS and len(value) in (8, 12, 13) and value.isascii() and value.isdigit():
        return value.zfill(14)
    return value


def parse_digital_link(uri: str, today: date, strict: bool) -> tuple[dict[str, str], dict[str, date]]:
    """Fields and dates of a Digital Link URI; refuses bad order, unknown AIs and bad values."""
    segments, ends_with_slash, start = _segments_and_key(uri)
    if start is None:
        raise InvalidInput("The URI is not a GS1 Digital Link: its path has no primary key such as /01/<GTIN>.")
    if ends_with_slash:
        raise InvalidInput("GS1 Digital Link: URI path must not end with '/'.")
    after_key = segments[start:]
    for ai in after_key[2::2]:
        if not ai.isascii() or not ai.isdigit():
            raise InvalidInput(
                "GS1 Digital Link: the path segment '{segment}' after the primary key ({key}) is not an AI.",
                segment=unquote(ai)[:40],
                key=after_key[0],
            )
        if ai not in AI_TABLE:
            raise InvalidInput("GS1 Digital Link: ({ai}) in the path is not a known AI.", ai=ai)
    if len(after_key) % 2:
        raise InvalidInput(
            "GS1 Digital Link: odd number of path segments after the primary key; ({ai}) has no value.",
            ai=after_key[-1],
        )
    pairs = [(ai, _normalised(ai, unquote(after_key[i + 1]))) for i, ai in enumerate(after_key) if i % 2 == 0]
    for ai, value in pairs[1:]:
        if not value:
            raise InvalidInput("GS1 Digital Link: ({ai}) in the path has an empty value.", ai=ai)
    _check_qualifiers(AI_TABLE[pairs[0][0]], [ai for ai, _ in pairs[1:]])
    in_path = {ai for ai, _ in pairs}
    for name, value in parse_qsl(_split(uri).query, keep_blank_values=True):
        if not name.isascii() or not name.isdigit():
            continue  # linkType, context ... are for the resolver, not data
        spec = AI_TABLE.get(name)
        if spec is None:
            raise InvalidInput("GS1 Digital Link: numeric query parameter that is not a valid AI ({name}).", name=name)
        if not spec.dl_attribute:
            raise InvalidInput("GS1 Digital Link: AI ({name}) is not allowed in the query string.", name=name)
        if name in in_path:
            raise InvalidInput("GS1 Digital Link: AI ({name}) is given both in the path and in the query string.", name=name)
        pairs.append((name, _normalised(name, value)))
    return assemble(pairs, today, strict)


def _check_qualifiers(key: AiSpec, qualifiers: list[str]) -> None:
    sequences = [s.split(",") if s else [] for s in key.dl_qualifiers or ("",)]
    for sequence in sequences:
        if _in_order(qualifiers, sequence):
            return
    permitted = [ai for sequence in sequences for ai in sequence]
    for ai in qualifiers:
        if ai not in permitted:
            if not permitted:
                raise InvalidInput("GS1 Digital Link: ({key}) takes no path qualifiers, found ({ai}).", key=key.ai, ai=ai)
            raise InvalidInput(
                "GS1 Digital Link: ({ai}) is not a permitted path qualifier for ({key}) (only {listed}).",
                ai=ai,
                key=key.ai,
                listed=_either(permitted),
            )
    orders = _either(["/".join(s) for s in sequences if s])
    raise InvalidInput(
        "GS1 Digital Link: the path qualifiers of ({ai}) are out of order (expected the order {orders}).",
        ai=key.ai,
        orders=orders,
    )


def _either(choices: list[str]) -> Message | str:
    """`a, b or c` in the reader's language."""
    if len(choices) == 1:
        return choices[0]
    return msg("{choices} or {last}", choices=choices[:-1], last=choices[-1])


def _in_order(qualifiers: list[str], sequence: list[str]) -> bool:
    position = 0
    for ai in qualifiers:
        if ai not in sequence[position:]:
            return False
        position = sequence.index(ai, position) + 1
    return True


def build_digital_link(
    fields: Mapping[str, str], *, base: str = DEFAULT_RESOLVER, today: date | None = None, strict: bool = True
) -> str:
    """The Digital Link URI for `fields`: primary key and qualifiers in the path, the rest queried.

    A GTIN given with 8, 12 or 13 digits is written with 14, as a scan of the URI gives it back.
    """
    fields = {ai: _normalised(ai, value) for ai, value in fields.items()}
    assemble(fields.items(), today or date.today(), strict)
    key = next((ai for ai in fields if AI_TABLE[ai].dl_qualifiers is not None), None)
    if key is None:
        raise InvalidInput("A GS1 Digital Link needs a primary key such as (01) GTIN or (00) SSCC.")
    sequences = [s.split(",") if s else [] for s in AI_TABLE[key].dl_qualifiers or ("",)]
    best = max(sequences, key=lambda seq: sum(ai in fields for ai in seq))
    path = [key] + [ai for ai in best if ai in fields]
    query = []
    for ai, value in fields.items():
        if ai in path:
            continue
        if not AI_TABLE[ai].dl_attribute:
            raise InvalidInput("AI ({ai}) cannot be carried in a GS1 Digital Link with primary key ({key}).", ai=ai, key=key)
        query.append(f"{ai}={quote(value, safe='')}")
    uri = base.rstrip("/") + "".join(f"/{ai}/{quote(fields[ai], safe='')}" for ai in path)
    return uri + ("?" + "&".join(query) if query else "")
