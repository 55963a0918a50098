"""Strict parsers for what people type, scan or import: quantities, times, dates, text and file paths.

One rule per kind of value, used at every boundary (command line, import cells, GUI fields, the
fields a scan fills in): a value comes back clean, or an `InvalidInput` says which field is
wrong and why. Nothing is guessed and nothing is dropped: `1e3`, `+5`, `５` or a time of 25:00
are refused, never read as something else.

The rules, stated once:
- a quantity is ASCII digits with at most one decimal point (`12`, `12.5`, `.5`), more than
  zero (or zero where a count may be zero) and less than 10^9 in the lot's unit, with at most 6
  decimals (the storage keeps millionths);
- a time is ISO 8601, `YYYY-MM-DD[THH:MM[:SS[.ffffff]]][Z|±HH:MM]`, every field valid, an offset
  within ±14:00; without an offset it is the station's local time;
- a date is `YYYY-MM-DD` (a spreadsheet's midnight time after it is accepted, any other time is
  refused); years before 1900 or after 2199 are refused everywhere as implausible, and what
  records a fact is stricter: an expiry between 2000 and 50 years ahead, a production or receipt
  date or time from 2000 up to a day ahead (a station's clock may be a little off);
- text has no control characters (a line break only where the field is several lines long),
  is trimmed, and fits its column;
- a path to read is an existing regular file (not a folder, a device or a pipe).
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from pathlib import Path

from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import Message, msg
from tracedesk.core.quantity import MAX_DECIMALS, MAX_QUANTITY

# What a cell or a field may carry around its value: spaces (Unicode's too), tabs and line ends.
# Not str.strip()'s default: that also takes the separators U+001C-U+001F away unseen.
BLANKS = " \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


# Field names a sentence uses when the caller names none, in the reader's language.
QUANTITY, TIME, DATE, EXPIRY, FILE, FOLDER = (
    msg("quantity"),
    msg("time"),
    msg("date"),
    msg("expiry"),
    msg("file"),
    msg("folder"),
)


# --- quantities ---------------------------------------------------------------------------------

_QUANTITY = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
# Longer text is never a quantity (a scanned barcode in the field, a pasted paragraph): refused
# before Decimal has to read it.
MAX_QUANTITY_TEXT = 32


def parse_quantity(value: object, *, what: Message | str = QUANTITY, allow_zero: bool = False) -> Decimal:
    """Typed, imported or given text (or an exact number) as a Decimal in range, or a refusal."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidInput("The {what} must be written as a decimal number, not {value}.", what=what, value=repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput("The {what} {value} is not a number.", what=what, value=str(value))
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        number = _quantity_text(value, what)
    if number < 0:
        raise InvalidInput("The {what} cannot be negative ({quantity}).", what=what, quantity=number)
    if number == 0 and not allow_zero:
        raise InvalidInput("The {what} must be more than zero.", what=what)
    if number >= MAX_QUANTITY:
        raise InvalidInput(
            "The {what} {quantity} is too large to be real (it must be less than {limit}).",
            what=what,
            quantity=number,
            limit=MAX_QUANTITY,
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS and number != round(number, MAX_DECIMALS):
        raise InvalidInput(
            "The {what} {quantity} has more than {decimals} decimals.", what=what, quantity=number, decimals=MAX_DECIMALS
        )
    return number


def _quantity_text(value: object, what: Message | str) -> Decimal:
    text = (value if isinstance(value, str) else str(value)).strip(BLANKS)
    if not text:
        raise InvalidInput("The {what} is missing.", what=what)
    if len(text) > MAX_QUANTITY_TEXT:
        raise InvalidInput("The {what} is {length} characters long; that is not a quantity.", what=what, length=len(text))
    if _QUANTITY.match(text):
        return Decimal(text)
    shown = visible(text)
    if text.startswith("-") and _QUANTITY.match(text[1:]):
        raise InvalidInput("The {what} cannot be negative ({value}).", what=what, value=shown)
    if "," in text and _QUANTITY.match(text.replace(",", ".", 1)):
        raise InvalidInput("The {what} {value} must use a decimal point, not a comma.", what=what, value=shown)
    if text.startswith("+"):
        raise InvalidInput("The {what} {value} must be written without a sign.", what=what, value=shown)
    if any(c.isdigit() and not ("0" <= c <= "9") for c in text):
        raise InvalidInput("The {what} {value} must be written with the digits 0-9.", what=what, value=shown)
    if "e" in text.lower() and text.lower() not in ("inf", "infinity", "nan"):
        raise InvalidInput("The {what} {value} must be written out in full, without an exponent.", what=what, value=shown)
    raise InvalidInput(
        "The {what} {value} is not a number: use the digits 0-9 and at most one decimal point.", what=what, value=shown
    )


_COUNT = re.compile(r"[0-9]{1,12}\Z")


def parse_count(value: object, *, what: Message | str, minimum: int = 0, maximum: int = 1_000_000) -> int:
    """A whole number written with the digits 0-9, within [minimum, maximum]."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = ("" if value is None else value if isinstance(value, str) else str(value)).strip(BLANKS)
        if not text:
            raise InvalidInput("The {what} is missing.", what=what)
        if not _COUNT.match(text):
            raise InvalidInput(
                "The {what} {value} must be a whole number written with the digits 0-9.", what=what, value=visible(text[:40])
            )
        number = int(text)
    if not minimum <= number <= maximum:
        raise InvalidInput(
            "The {what} {value} must be between {minimum} and {maximum}.",
            what=what,
            value=number,
            minimum=minimum,
            maximum=maximum,
        )
    return number


# --- times and dates ----------------------------------------------------------------------------

EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
# Facts a plant records (a receipt, an output, an expiry) are not older than this.
EARLIEST_FACT = date(2000, 1, 1)
EXPIRY_HORIZON_YEARS = 50
# A station's clock may run a little ahead of the one that wrote a file.
FUTURE_TOLERANCE = timedelta(days=1)
MAX_OFFSET = timedelta(hours=14)

_DATE = r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
_TIME = (
    r"(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?P<fraction>[.,][0-9]+)?)?"
    r"(?P<offset>[Zz]|(?P<sign>[+-])(?P<oh>[0-9]{2})(?::?(?P<om>[0-9]{2}))?)?"
)
_TIMESTAMP = re.compile(_DATE + r"(?:[Tt ]" + _TIME + r")?\Z")
# A date cell from a spreadsheet arrives with a midnight time (openpyxl reads dates as datetimes).
_DATE_ONLY = re.compile(_DATE + r"(?:[Tt ]00:00(?::00(?:[.,]0+)?)?)?\Z")
_TIME_FORM = "YYYY-MM-DDTHH:MM, optionally with seconds and an offset such as +01:00 or Z"


def parse_timestamp(value: object, *, local: tzinfo, what: Message | str = TIME, now: datetime | None = None) -> datetime:
    """An ISO 8601 date and time (or a date: its midnight) as an aware UTC datetime.

    Without an offset the time is the station's (`local`). With `now` the time records a fact:
    it must lie between 2000 and a day after `now`.
    """
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=local)
    else:
        raw = (value if isinstance(value, str) else str(value)).strip(BLANKS)
        if not raw:
            raise InvalidInput("The {what} is missing.", what=what)
        match = _TIMESTAMP.match(raw) if len(raw) <= 40 else None
        if match is None:
            raise InvalidInput(
                "The {what} {value} is not an ISO 8601 date and time ({form}, e.g. 2026-03-01T08:30).",
                what=what,
                value=visible(raw[:60]),
                form=_TIME_FORM,
            )
        # The shape is right: the C parser checks the fields and builds the value (an import
        # reads millions); only a refusal pays for finding which field is wrong.
        if not EARLIEST_YEAR <= int(match["year"]) <= LATEST_YEAR:
            raise InvalidInput(
                "The {what} {value} is not plausible (the year {year}).", what=what, value=visible(raw), year=match["year"]
            )
        try:
            if match["fraction"] is not None and len(match["fraction"]) > 7:
                raise ValueError("fraction")  # fromisoformat would cut it short without a word
            moment = datetime.fromisoformat(raw if match["offset"] != "z" else raw[:-1] + "Z")
        except ValueError:
            _check_date_fields(match, raw, what)
            _check_time_fields(match, raw, what)
            # A field the checks above do not know: refused all the same, never accepted unseen.
            raise InvalidInput(
                "The {what} {value} is not an ISO 8601 date and time ({form}, e.g. 2026-03-01T08:30).",
                what=what,
                value=visible(raw),
                form=_TIME_FORM,
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=local)
        elif match["sign"] is not None and (int(match["om"] or 0) > 59 or abs(moment.utcoffset() or timedelta(0)) > MAX_OFFSET):
            _check_time_fields(match, raw, what)  # fromisoformat takes +01:75 and offsets up to a day
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise InvalidInput(
            "The {what} {value} is not plausible (the year {year}).", what=what, value=moment, year=f"{moment.year:04d}"
        )
    utc = moment.astimezone(UTC)
    if now is not None:
        _check_fact(utc.date(), utc, now, what, moment)
    return utc


def _check_fact(day: date, utc: datetime | None, now: datetime, what: Message | str, shown: object) -> None:
    if day < EARLIEST_FACT:
        raise InvalidInput(
            "The {what} {value} is before {earliest}: that is not plausible for a record.",
            what=what,
            value=shown,
            earliest=EARLIEST_FACT,
        )
    latest = now + FUTURE_TOLERANCE
    if (utc is not None and utc > latest) or (utc is None and day > latest.date()):
        raise InvalidInput(
            "The {what} {value} is in the future (today is {today}); check the date and the station's clock.",
            what=what,
            value=shown,
            today=now.date(),
        )


def parse_date(value: object, *, what: Message | str = DATE) -> date:
    """An ISO calendar date, YYYY-MM-DD, with valid fields and a plausible year."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        raw = (value if isinstance(value, str) else str(value)).strip(BLANKS)
        if not raw:
            raise InvalidInput("The {what} is missing.", what=what)
        match = _DATE_ONLY.match(raw) if len(raw) <= 40 else None
        if match is None:
            if _TIMESTAMP.match(raw):
                raise InvalidInput(
                    "The {what} {value} has a time of day; write the date alone (YYYY-MM-DD).", what=what, value=visible(raw)
                )
            raise InvalidInput("The {what} {value} is not a date (YYYY-MM-DD).", what=what, value=visible(raw[:60]))
        if not EARLIEST_YEAR <= int(match["year"]) <= LATEST_YEAR:
            raise InvalidInput(
                "The {what} {value} is not plausible (the year {year}).", what=what, value=visible(raw), year=match["year"]
            )
        try:
            day = date.fromisoformat(raw[:10])
        except ValueError:
            _check_date_fields(match, raw, what)
            raise InvalidInput("The {what} {value} is not a date (YYYY-MM-DD).", what=what, value=visible(raw)) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise InvalidInput("The {what} {value} is not plausible (the year {year}).", what=what, value=day, year=f"{day.year:04d}")
    return day


def parse_expiry(value: object, *, today: date, what: Message | str = EXPIRY) -> date:
    """An expiry date from 2000 up to 50 years after `today`."""
    return check_expiry(parse_date(value, what=what), today=today, what=what)


def check_expiry(day: date, *, today: date, what: Message | str = EXPIRY) -> date:
    if day < EARLIEST_FACT:
        raise InvalidInput(
            "The {what} {value} is before {earliest}: that is not plausible.", what=what, value=day, earliest=EARLIEST_FACT
        )
    horizon = _years_after(today, EXPIRY_HORIZON_YEARS)
    if day > horizon:
        raise InvalidInput(
            "The {what} {value} is more than {years} years ahead: that is not plausible.",
            what=what,
            value=day,
            years=EXPIRY_HORIZON_YEARS,
        )
    return day


def check_past_date(day: date, *, today: date, what: Message | str) -> date:
    """A date something happened (manufactured, received, produced): from 2000 up to a day ahead."""
    _check_fact(day, None, datetime(today.year, today.month, today.day, tzinfo=UTC), what, day)
    return day


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_date_fields(match: re.Match[str], raw: str, what: Message | str) -> None:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InvalidInput(
            "The {what} {value} is not plausible (the year {year}).", what=what, value=visible(raw), year=match["year"]
        )
    if not 1 <= month <= 12:
        raise InvalidInput(
            "The {what} {value} has no month {month} (01 to 12).", what=what, value=visible(raw), month=match["month"]
        )
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 28 if month == 2 and not leap else _MONTH_DAYS[month - 1]
    if not 1 <= day <= last:
        raise InvalidInput(
            "The {what} {value} has no day {day} (that month has {last} days).",
            what=what,
            value=visible(raw),
            day=match["day"],
            last=last,
        )


def _check_time_fields(match: re.Match[str], raw: str, what: Message | str) -> None:
    if match["hour"] is None:
        return
    if int(match["hour"]) > 23:
        raise InvalidInput(
            "The {what} {value} has no hour {number} (00 to 23).", what=what, value=visible(raw), number=match["hour"]
        )
    if int(match["minute"]) > 59:
        raise InvalidInput(
            "The {what} {value} has no minute {number} (00 to 59).", what=what, value=visible(raw), number=match["minute"]
        )
    if match["second"] is not None and int(match["second"]) > 59:
        raise InvalidInput(
            "The {what} {value} has no second {number} (00 to 59).", what=what, value=visible(raw), number=match["second"]
        )
    if match["fraction"] is not None and len(match["fraction"]) > 7:
        raise InvalidInput(
            "The {what} {value} has more than 6 digits after the seconds (microseconds are kept).", what=what, value=visible(raw)
        )
    if match["sign"] is not None:
        hours, minutes = int(match["oh"]), int(match["om"] or 0)
        offset = timedelta(hours=hours, minutes=minutes)
        if minutes > 59 or offset > MAX_OFFSET:
            raise InvalidInput(
                "The {what} {value} has the UTC offset {offset}, which no place has (offsets lie within -14:00 and +14:00).",
                what=what,
                value=visible(raw),
                offset=match["offset"],
            )


def station_zone(minutes: int) -> timezone:
    """The fixed zone of a station's UTC offset in minutes."""
    return timezone(timedelta(minutes=minutes))


# --- text ---------------------------------------------------------------------------------------

# Characters no field may hold: C0 and C1 controls and DEL (a NUL ends strings in other programs,
# an ESC drives terminals), lone surrogates (they cannot be stored as UTF-8), the Unicode line
# and paragraph separators, and the noncharacters U+FFFE/U+FFFF. Tab, LF and CR are handled
# apart: trimmed at the ends, and inside only a several-line field keeps line breaks.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\r\n]")
# A several-line field keeps tabs and line breaks (CRLF becomes LF); a lone CR is not a line break.
_MULTILINE_BAD = re.compile("\r(?!\n)")


def clean_text(value: object, *, what: Message | str, max_length: int, required: bool = False, multiline: bool = False) -> str:
    """Trimmed text with no control characters that fits its column ("" when empty and not required)."""
    raw = "" if value is None else (value if isinstance(value, str) else str(value))
    bad = _FORBIDDEN.search(raw)
    if bad is not None:
        raise InvalidInput(
            "The {what} contains the control character {char} at position {position}; type it again without it.",
            what=what,
            char=f"U+{ord(bad.group()):04X}",
            position=bad.start() + 1,
        )
    text = raw.strip(BLANKS)
    inner = (_MULTILINE_BAD if multiline else _LINE_BREAKS).search(text)
    if inner is not None:
        position = inner.start() + 1
        if inner.group() == "\t":
            raise InvalidInput(
                "The {what} contains a tab at position {position}; it must be one line of text.", what=what, position=position
            )
        if inner.group() == "\n":
            raise InvalidInput(
                "The {what} contains a line break at position {position}; it must be one line of text.",
                what=what,
                position=position,
            )
        raise InvalidInput(
            "The {what} contains a carriage return at position {position}; it must be one line of text.",
            what=what,
            position=position,
        )
    if multiline:
        text = text.replace("\r\n", "\n")
    if required and not text:
        raise InvalidInput("The {what} is missing.", what=what)
    if len(text) > max_length:
        raise InvalidInput(
            "The {what} is {length} characters long; at most {limit} fit.", what=what, length=len(text), limit=max_length
        )
    return text


def visible(text: str) -> str:
    """Text for a message, with control and invisible characters written as <U+XXXX>, quoted."""
    shown = "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else f"<U+{ord(c):04X}>" for c in text)
    return repr(shown) if len(shown) <= 80 else repr(shown[:77] + "...")


# --- files --------------------------------------------------------------------------------------


def check_regular_file(path: os.PathLike[str] | str, *, what: Message | str = FILE) -> Path:
    """An existing, readable regular file; a folder, a device, a pipe or a missing path is refused."""
    found = Path(path)
    kind = _stat_kind(found, what)
    if kind == "folder":
        raise InvalidInput("The {what} {path} is a folder, not a file.", what=what, path=str(found))
    if kind != "file":
        raise InvalidInput(
            "The {what} {path} is not a regular file (it is a {kind}); choose a file.", what=what, path=str(found), kind=kind
        )
    if not os.access(found, os.R_OK):
        raise InvalidInput("The {what} {path} cannot be read: permission denied.", what=what, path=str(found))
    return found


def check_folder(path: os.PathLike[str] | str, *, what: Message | str = FOLDER) -> Path:
    """An existing folder."""
    found = Path(path)
    if _stat_kind(found, what) != "folder":
        raise InvalidInput("The {what} {path} is not a folder.", what=what, path=str(found))
    return found


def _stat_kind(path: Path, what: Message | str) -> str:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InvalidInput("The {what} {path} does not exist.", what=what, path=str(path)) from None
    except PermissionError:
        raise InvalidInput("The {what} {path} cannot be read: permission denied.", what=what, path=str(path)) from None
    except (OSError, ValueError) as error:  # a NUL in the path, a name too long, a broken link loop
        reason = getattr(error, "strerror", None) or str(error)
        raise InvalidInput(
            "The {what} {path} cannot be read ({reason}).", what=what, path=visible(str(path)), reason=reason
        ) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


# --- the last check before anything is recorded -------------------------------------------------

# In an event's canonical JSON text: an escaped C0 control other than tab, LF and CR (the encoder
# writes those as \u00XX, \b or \f, after an even run of backslashes), or a raw forbidden character.
_ENCODED_FORBIDDEN = re.compile(r"(?<!\\)(?:\\\\)*\\(?:u00[01][0-9a-f]|[bf])|[\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_STORED_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def check_stored_text(payload: object, encoded: str | None = None) -> None:
    """Refuse a payload whose text holds a control character, naming the field.

    Each boundary cleans its own fields; this is the net under all of them, so no path that
    forgot to can store a NUL or an escape sequence. `encoded` (the payload's canonical JSON)
    makes the common, clean case one regular-expression search.
    """
    if encoded is not None:
        # Every forbidden character is outside ASCII, DEL, or escaped with a backslash: plain
        # ASCII text without either (nearly every payload) needs no pattern at all, and the
        # pattern cost more than the rest of the checks of an imported row.
        if encoded.isascii() and "\\" not in encoded and "\x7f" not in encoded:
            return
        if _ENCODED_FORBIDDEN.search(encoded) is None:
            return
    found = _first_forbidden(payload, "")
    if found is not None:
        field, char = found
        raise InvalidInput(
            "Nothing was recorded: the {field} contains the control character {char}.",
            field=field.replace("_", " ") or "text",
            char=f"U+{ord(char):04X}",
        )


def _first_forbidden(value: object, field: str) -> tuple[str, str] | None:
    if isinstance(value, str):
        match = _STORED_FORBIDDEN.search(value)
        return (field, match.group()) if match else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _first_forbidden(key, field) or _first_forbidden(item, str(key))
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for item in value:
            found = _first_forbidden(item, field)
            if found:
                return found
    return None
