"""Label templates: TOML files in millimetres, shipped ones plus a user's own copies."""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import LANGUAGES, Message, msg, translated_template
from tracedesk.labels.resources import builtin_template_dir

THE_LABEL = msg("the label")
SYMBOLOGIES = ("code128", "gs1-128", "datamatrix", "gs1-datamatrix", "qr")
ALIGNMENTS = ("left", "center", "right")
# Preferred module (narrowest bar / cell) sizes; snapped to whole printer dots when rendered.
DEFAULT_MODULE_MM = {"code128": 0.33, "gs1-128": 0.33, "datamatrix": 0.5, "gs1-datamatrix": 0.5, "qr": 0.5}


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres, measured from the label's top-left corner."""

    x: float
    y: float
    w: float
    h: float

    def intersects(self, other: Box) -> bool:
        return (
            self.x < other.x + other.w and other.x < self.x + self.w and self.y < other.y + other.h and other.y < self.y + self.h
        )

    def contains(self, other: Box, slack: float = 1e-6) -> bool:
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.x + other.w <= self.x + self.w + slack
            and other.y + other.h <= self.y + self.h + slack
        )


@dataclass(frozen=True)
class TextField:
    """Text from a `{field}` pattern, shrunk and wrapped to stay inside its box."""

    box: Box
    text: str
    size: float = 10.0
    min_size: float = 5.0
    align: str = "left"
    max_lines: int = 0  # 0: as many as fit
    only_if: str = ""  # a field name: leave the text out when it is empty ("!name": when it is set)
    # Own wording per language (`text_zh_CN = "批次 {lot_code}"`); otherwise the message catalog's.
    translations: tuple[tuple[str, str], ...] = ()

    def text_in(self, language: str) -> str:
        """The pattern for a label in `language`: the template's own wording, else the catalog's."""
        own = dict(self.translations).get(language)
        return own if own is not None else translated_template(self.text, language)


@dataclass(frozen=True)
class BarcodeField:
    """A barcode placed in its box, quiet zones included; `data` or `ais` say what it holds."""

    box: Box
    symbology: str
    data: str = ""
    ais: tuple[str, ...] = ()
    module_mm: float = 0.0
    hri: bool = False
    align: str = "left"
    only_if: str = ""  # as for text: a GS1 symbol keyed on (01) is left out for items without a GTIN


@dataclass(frozen=True)
class Line:
    """A ruled line, for the eye only."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.3


@dataclass(frozen=True)
class LabelTemplate:
    """A label layout: its size in millimetres and what goes where."""

    name: str
    title: str
    width_mm: float
    height_mm: float
    texts: tuple[TextField, ...]
    barcodes: tuple[BarcodeField, ...]
    lines: tuple[Line, ...]
    source: Path | None = None

    @property
    def box(self) -> Box:
        return Box(0, 0, self.width_mm, self.height_mm)


def load_templates(user_dir: Path | None = None) -> dict[str, LabelTemplate]:
    """Every template by name: the shipped ones, replaced or joined by those in `user_dir`."""
    templates: dict[str, LabelTemplate] = {}
    for folder in (builtin_template_dir(), user_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            template = load_template(path)
            templates[template.name] = template
    return templates


def load_template(path: Path) -> LabelTemplate:
    """Read one template file; any mistake is reported with the file name and the element."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput("The label template {name} cannot be read: {error}.", name=path.name, error=exc) from None
    try:
        return parse_template(raw, default_name=path.stem, source=path)
    except InvalidInput as exc:
        raise InvalidInput("The label template {name} is wrong: {error}", name=path.name, error=exc) from None


def parse_template(raw: dict[str, Any], default_name: str, source: Path | None = None) -> LabelTemplate:
    """Build a template from parsed TOML (see resources/labels/README.md for the format)."""
    _only_keys(THE_LABEL, raw, {"name", "title", "width_mm", "height_mm", "text", "barcode", "line"})
    template = LabelTemplate(
        name=str(raw.get("name", default_name)),
        title=str(raw.get("title", default_name)),
        width_mm=_number(raw, "width_mm", THE_LABEL),
        height_mm=_number(raw, "height_mm", THE_LABEL),
        texts=tuple(_text(i, t) for i, t in enumerate(raw.get("text", []), start=1)),
        barcodes=tuple(_barcode(i, b) for i, b in enumerate(raw.get("barcode", []), start=1)),
        lines=tuple(_line(i, line) for i, line in enumerate(raw.get("line", []), start=1)),
        source=source,
    )
    elements: tuple[TextField | BarcodeField, ...] = (*template.texts, *template.barcodes)
    for element in elements:
        if not template.box.contains(element.box):
            if isinstance(element, TextField):
                raise InvalidInput("a text box at x={x} y={y} mm reaches outside the label.", x=element.box.x, y=element.box.y)
            raise InvalidInput("a barcode box at x={x} y={y} mm reaches outside the label.", x=element.box.x, y=element.box.y)
    return template


def _text(index: int, raw: dict[str, Any]) -> TextField:
    where = msg("text {number}", number=index)
    own = {key: str(value) for key, value in raw.items() if key.startswith("text_")}
    _only_keys(
        where,
        {k: v for k, v in raw.items() if k not in own},
        {"x", "y", "w", "h", "text", "size", "min_size", "align", "max_lines", "only_if"},
    )
    text = str(raw.get("text", ""))
    _check_pattern(where, text)
    for key, pattern in own.items():
        if key.removeprefix("text_") not in LANGUAGES:
            raise InvalidInput(
                "{where}: `{key}` names no language TraceDesk speaks ({languages}).",
                where=where,
                key=key,
                languages=[f"text_{x}" for x in LANGUAGES],
            )
        _check_pattern(where, pattern)
    field = TextField(
        box=_box(where, raw),
        text=text,
        size=float(raw.get("size", 10.0)),
        min_size=float(raw.get("min_size", 5.0)),
        align=str(raw.get("align", "left")),
        max_lines=int(raw.get("max_lines", 0)),
        only_if=str(raw.get("only_if", "")),
        translations=tuple(sorted((key.removeprefix("text_"), pattern) for key, pattern in own.items())),
    )
    if field.align not in ALIGNMENTS:
        raise InvalidInput("{where}: align must be one of {choices}.", where=where, choices=ALIGNMENTS)
    if not 0 < field.min_size <= field.size:
        raise InvalidInput("{where}: min_size must be above 0 and at most size.", where=where)
    return field


def _barcode(index: int, raw: dict[str, Any]) -> BarcodeField:
    where = msg("barcode {number}", number=index)
    _only_keys(where, raw, {"x", "y", "w", "h", "type", "data", "ais", "module_mm", "hri", "align", "only_if"})
    symbology = str(raw.get("type", ""))
    if symbology not in SYMBOLOGIES:
        raise InvalidInput("{where}: type must be one of {choices}.", where=where, choices=SYMBOLOGIES)
    data, ais = str(raw.get("data", "")), tuple(str(ai) for ai in raw.get("ais", []))
    if symbology.startswith("gs1") and not ais:
        raise InvalidInput(
            '{where}: a {symbology} barcode needs `ais`, e.g. ["01", "10", "17"].', where=where, symbology=symbology
        )
    if not symbology.startswith("gs1") and symbology != "qr" and not data:
        raise InvalidInput(
            '{where}: a {symbology} barcode needs `data`, e.g. "{{internal_lot_code}}".', where=where, symbology=symbology
        )
    if symbology == "qr" and bool(data) == bool(ais):
        raise InvalidInput("{where}: a qr barcode needs either `data` or `ais` (for a Digital Link).", where=where)
    _check_pattern(where, data)
    align = str(raw.get("align", "left"))
    if align not in ALIGNMENTS:
        raise InvalidInput("{where}: align must be one of {choices}.", where=where, choices=ALIGNMENTS)
    return BarcodeField(
        box=_box(where, raw),
        symbology=symbology,
        data=data,
        ais=ais,
        module_mm=float(raw.get("module_mm", DEFAULT_MODULE_MM[symbology])),
        hri=bool(raw.get("hri", False)),
        align=align,
        only_if=str(raw.get("only_if", "")),
    )


def _line(index: int, raw: dict[str, Any]) -> Line:
    where = msg("line {number}", number=index)
    _only_keys(where, raw, {"x1", "y1", "x2", "y2", "width"})
    x1, y1, x2, y2 = (_number(raw, key, where) for key in ("x1", "y1", "x2", "y2"))
    return Line(x1, y1, x2, y2, width=float(raw.get("width", 0.3)))


def _box(where: Message, raw: dict[str, Any]) -> Box:
    box = Box(*(_number(raw, key, where) for key in ("x", "y", "w", "h")))
    if box.w <= 0 or box.h <= 0:
        raise InvalidInput("{where}: w and h must be more than 0 mm.", where=where)
    return box


def _number(raw: dict[str, Any], key: str, where: Message) -> float:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput("{where}: `{key}` must be a number of millimetres.", where=where, key=key)
    return float(value)


def _only_keys(where: Message, raw: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise InvalidInput(
            "{where}: unknown setting {unknown} (allowed: {allowed}).",
            where=where,
            unknown=unknown,
            allowed=sorted(allowed),
        )


def _check_pattern(where: Message, pattern: str) -> None:
    try:
        for _, name, spec, conversion in string.Formatter().parse(pattern):
            if name is not None and (not name.isidentifier() or spec or conversion):
                raise InvalidInput("{where}: write fields as {{name}}, not {{{field}}}.", where=where, field=name + (spec or ""))
    except ValueError as exc:
        raise InvalidInput(
            "{where}: the pattern '{pattern}' has unmatched braces ({error}).", where=where, pattern=pattern, error=exc
        ) from None
