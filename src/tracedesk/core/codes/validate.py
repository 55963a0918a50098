"""Checks one AI's value against its format, and a whole message against the pairing rules.

Formats and linters are those of GS1's Barcode Syntax Dictionary. Linters that need GS1's
external lists (company prefix positions, ISO country and currency codes, coupon syntax) are
not run: a value they would refuse is still accepted here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from tracedesk.core.codes.ai_table import AiSpec, matches_pattern
from tracedesk.core.codes.checks import check_charset, check_mod10, parse_yymmdd, parse_yyyymmdd
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, PerLanguage, Text, msg

# GS1's data titles are English abbreviations; the AIs people meet on a label also have
# Chinese names. Any other AI is named by its number alone in Chinese.
_CHINESE_TITLES = {
    "00": "系列货运包装箱代码（SSCC）",
    "01": "全球贸易项目代码（GTIN）",
    "02": "所含贸易项目的 GTIN",
    "10": "批号",
    "11": "生产日期",
    "12": "付款截止日期",
    "13": "包装日期",
    "15": "保质期",
    "16": "销售截止日期",
    "17": "有效期",
    "20": "产品变体",
    "21": "序列号",
    "30": "可变数量",
    "37": "所含贸易项目数量",
    "310": "净重（千克）",
    "330": "毛重（千克）",
    "400": "客户订单号",
    "410": "交货地 GLN",
    "411": "受票方 GLN",
    "412": "供货方 GLN",
    "413": "最终收货地 GLN",
    "414": "物理位置 GLN",
    "415": "收款方 GLN",
    "422": "原产国",
    "7003": "失效日期和时间",
    "8020": "付款单参考号",
}


def label_of(spec: AiSpec) -> PerLanguage:
    """How an error names the AI: `AI (17) USE BY or EXPIRY`, in Chinese `AI (17) 有效期`."""
    chinese = _CHINESE_TITLES.get(spec.ai) or _CHINESE_TITLES.get(spec.ai[:3] if len(spec.ai) == 4 else "", "")
    return PerLanguage(en=f"AI ({spec.ai}) {spec.title}".rstrip(), zh_CN=f"AI ({spec.ai}) {chinese}".rstrip())


def validate_value(spec: AiSpec, value: str, today: date) -> date | None:
    """Refuse a value that breaks the AI's format; return its date when the AI carries one."""
    label = label_of(spec)
    if len(value) < spec.min_length:
        raise InvalidInput(
            "{label}: value too short ({format} required, got {count} characters).",
            label=label,
            format=spec.format,
            count=len(value),
        )
    if len(value) > spec.max_length:
        raise InvalidInput(
            "{label}: value too long ({format} allows at most {max_length} characters).",
            label=label,
            format=spec.format,
            max_length=spec.max_length,
        )
    rest = value
    found: date | None = None
    for index, component in enumerate(spec.components):
        if not rest and component.optional:
            break
        if component.is_fixed:
            part, rest = rest[: component.max_length], rest[component.max_length :]
            if len(part) < component.min_length:
                raise InvalidInput("{label}: value too short ({format} required).", label=label, format=spec.format)
        else:
            part, rest = rest, ""
        check_charset(part, component.charset, label)
        result = _run_linters(component.linters, part, label, today)
        if index == 0 and result is not None:
            found = result
    if rest:
        raise InvalidInput(
            "{label}: value too long ({format} allows at most {max_length} characters).",
            label=label,
            format=spec.format,
            max_length=spec.max_length,
        )
    return found


def _run_linters(linters: tuple[str, ...], part: str, label: Text, today: date) -> date | None:
    found: date | None = None
    for linter in linters:
        if linter == "csum":
            check_mod10(part, label)
        elif linter in ("yymmd0", "yymmdd"):
            found = parse_yymmdd(part, label, today, allow_day_zero=linter == "yymmd0")
        elif linter == "yyyymmdd":
            found = parse_yyyymmdd(part, label)
        else:
            check = _SIMPLE_LINTERS.get(linter)
            problem = check(part) if check is not None else None
            if problem:
                raise InvalidInput("{label}: '{part}' {problem}.", label=label, part=part, problem=problem)
    return found


def _range(low: int, high: int, problem: Message) -> Callable[[str], Message | None]:
    def check(part: str) -> Message | None:
        return None if low <= int(part) <= high else problem

    return check


def _piece_of_total(part: str) -> Message | None:
    piece, total = int(part[:2]), int(part[2:])
    if piece == 0 or total == 0 or piece > total:
        return msg("is not a valid piece number and total (e.g. 0103 for piece 1 of 3)")
    return None


def _percent_encoding(part: str) -> Message | None:
    index = part.find("%")
    while index != -1:
        pair = part[index + 1 : index + 3]
        if len(pair) != 2 or any(c not in "0123456789abcdefABCDEF" for c in pair):
            return msg("has a '%' that is not followed by two hexadecimal digits")
        index = part.find("%", index + 3)
    return None


def _iban(part: str) -> Message | None:
    if len(part) < 5 or not part[:2].isalpha() or not part[2:4].isdigit() or not part.isalnum():
        return msg("is not an IBAN")
    digits = "".join(str(int(c, 36)) for c in (part[4:] + part[:4]).upper())
    return None if int(digits) % 97 == 1 else msg("has a wrong IBAN check number")


_SIMPLE_LINTERS = {
    "hh": _range(0, 23, msg("is not a valid hour")),
    "mi": _range(0, 59, msg("is not a valid minute")),
    "ss": _range(0, 59, msg("is not a valid second")),
    "hhmi": lambda p: None if int(p[:2]) <= 23 and int(p[2:]) <= 59 else msg("is not a valid time HHMM"),
    "nonzero": lambda p: msg("must not be zero") if int(p) == 0 else None,
    "zero": lambda p: None if int(p) == 0 else msg("must be zero"),
    "yesno": lambda p: None if p in ("0", "1") else msg("must be 0 (no) or 1 (yes)"),
    "hyphen": lambda p: None if p == "-" else msg("must be '-'"),
    "winding": lambda p: None if p in ("0", "1", "9") else msg("is not a winding direction (0, 1 or 9)"),
    "iso5218": lambda p: None if p in ("0", "1", "2", "9") else msg("is not an ISO/IEC 5218 sex code"),
    "pieceoftotal": _piece_of_total,
    "nozeroprefix": lambda p: msg("must not start with 0") if len(p) > 1 and p[0] == "0" else None,
    "hasnondigit": lambda p: None if not p.isdigit() else msg("must contain a character other than a digit"),
    "latitude": _range(0, 1_800_000_000, msg("is not a valid latitude")),
    "longitude": _range(0, 3_600_000_000, msg("is not a valid longitude")),
    "pcenc": _percent_encoding,
    "iban": _iban,
}


def _has(pattern_group: str, present: Mapping[str, str]) -> bool:
    """True when every AI of `01+21`-style group is present (patterns allowed)."""
    return all(any(matches_pattern(p, ai) for ai in present) for p in pattern_group.split("+"))


def _together(ais: list[str]) -> Message | str:
    """`(01) with (21)` in the reader's language."""
    result: Message | str = f"({ais[0]})"
    for ai in ais[1:]:
        result = msg("{first} with {second}", first=result, second=f"({ai})")
    return result


def check_pairing(fields: Mapping[str, str], table: Mapping[str, AiSpec]) -> None:
    """Refuse a message that breaks a mandatory (`req`) or invalid (`ex`) AI pairing."""
    for ai in fields:
        spec = table[ai]
        for pattern in spec.excludes:
            for other in fields:
                if other != ai and matches_pattern(pattern, other):
                    raise InvalidInput(
                        "AI ({ai}) must not appear together with ({other}) in the same message.", ai=ai, other=other
                    )
        for group in spec.requires:
            if not any(_has(alternative, fields) for alternative in group):
                wanted = [_together(alt.split("+")) for alt in group]
                listed = wanted[0] if len(wanted) == 1 else msg("{choices} or {last}", choices=wanted[:-1], last=wanted[-1])
                raise InvalidInput("AI ({ai}) requires {listed} in the same message.", ai=ai, listed=listed)
