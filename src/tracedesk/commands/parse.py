"""`tracedesk parse`: what a scanned code means, as JSON or a readable summary (no database)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from tracedesk.commands._context import CommandContext, iso_date, print_json
from tracedesk.core.codes import ScannedCode, parse_scan
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "parse",
        help=str(msg("explain a scanned code (GS1, Digital Link, EPC, lot label)")),
        description=str(
            msg("Parse TEXT, or each line of standard input when TEXT is absent. Exit 0 when every code parsed, 2 otherwise.")
        ),
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help=str(msg("the scanned text (GS may be written as is)")))
    parser.add_argument("--epc", action="store_true", help=str(msg("read the text as an EPC in hexadecimal")))
    parser.add_argument(
        "--today",
        type=iso_date("--today"),
        metavar="YYYY-MM-DD",
        help=str(msg("date that fixes the century of two-digit years (default: today)")),
    )
    parser.add_argument(
        "--lenient", action="store_true", help=str(msg("do not enforce the GS1 pairing rules (e.g. (10) without (01))"))
    )
    parser.add_argument("--json", action="store_true", help=str(msg("one JSON object per code")))
    parser.set_defaults(handler=run)


def _inputs(args: argparse.Namespace) -> Iterator[str]:
    if args.text is not None:
        yield args.text
        return
    # Bytes, split on LF only: a scanner's GS or a stray CR inside a line belongs to the code,
    # and a byte that is not UTF-8 must become a parse error, not a crash.
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        lines: Iterable[str] = (raw.decode("utf-8", errors="replace") for raw in stream)
    else:
        lines = sys.stdin or ()  # None when the process was started with standard input closed: nothing to read
    for line in lines:
        text = line.removesuffix("\n").removesuffix("\r")
        if text:  # a blank line is not a scan
            yield text


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    """Parse every input; one result per input, in order."""
    all_parsed = True
    for text in _inputs(args):
        try:
            code = parse_scan(text, today=args.today, strict=not args.lenient, epc=args.epc)
        except Exception as caught:  # noqa: BLE001 - one bad line never ends a batch
            error = caught if isinstance(caught, InvalidInput) else _unexpected(caught)
            all_parsed = False
            if args.json:
                print_json({"input": text, "error": str(error)})
            else:
                print(msg("{code}: {error}", code=_shown(text), error=error), file=sys.stderr)
            continue
        if args.json:
            print_json(code.to_json())
        else:
            print(summary(code))
    sys.stdout.flush()
    return EXIT_OK if all_parsed else EXIT_BAD_INPUT


def _unexpected(error: Exception) -> InvalidInput:
    """The codes package refuses only with InvalidInput; anything else is a bug, said as such."""
    log.error("parse failed unexpectedly", exc_info=error)
    return InvalidInput(
        "This code could not be read because of an error in TraceDesk ({error}); please report it.",
        error=f"{type(error).__name__}: {error}",
    )


def summary(code: ScannedCode) -> str:
    """A few readable lines: kind, symbology, keys, then every AI with its value."""
    kind = code.kind  # the code the JSON output gives too: gs1, digital_link, epc, internal, text
    if code.symbology:
        lines = [_shown(code.input), str(msg("  kind: {kind} ({symbology})", kind=kind, symbology=code.symbology))]
    else:
        lines = [_shown(code.input), str(msg("  kind: {kind}", kind=kind))]
    for name, value in ((msg("GTIN"), code.gtin), (msg("lot"), code.lot), (msg("serial"), code.serial)):
        if value is not None:
            lines.append(f"  {name}: {value}")
    if code.epc is not None:
        lines.append(str(msg("  EPC: {uri} (filter {filter})", uri=code.epc.uri, filter=code.epc.filter)))
    for ai, value in code.fields.items():
        day = code.dates.get(ai)
        meaning = day.isoformat() if day else _measure(ai, value)
        lines.append(f"  ({ai}) {value}" + (f"  = {meaning}" if meaning else ""))
    return "\n".join(lines)


def _measure(ai: str, value: str) -> str | None:
    """A measure AI's value with its decimals and unit, as a person reads the label."""
    from tracedesk.core.codes.ai_table import measure_of

    measure = measure_of(ai, value)
    if measure is None:
        return None
    from tracedesk.core.quantity import format_quantity

    return f"{format_quantity(measure[0])} {measure[1]}"


def _shown(text: str) -> str:
    """The input with GS and other control characters made visible."""
    return "".join(c if c.isprintable() else ("<GS>" if c == "\x1d" else f"<U+{ord(c):04X}>") for c in text)
