"""`tracedesk import-epcis FILE`: a supplier's EPCIS 2.0 shipping events recorded as advance notices."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.messages import msg
from tracedesk.services.notices import import_notices


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import-epcis", help="record a supplier's EPCIS 2.0 JSON-LD shipping events as advance notices (expected receipts)"
    )
    parser.add_argument("path", type=Path, help="the supplier's EPCIS document (.jsonld or .json)")
    parser.add_argument("--supplier", metavar="CODE", help="the supplier, when the document's GLNs name none of ours")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Importing an advance notice")
    with ctx.runtime().unit_of_work() as session:
        result = import_notices(session, actor, args.path, supplier=args.supplier)
    if args.json:
        print_json({"supplier": result.supplier, "notices": result.recorded, "lines": result.lines, "already": result.already})
        return 0
    if result.recorded:
        print(
            msg(
                "{count} {count|notice|notices} from {supplier} recorded with {lines} expected {lines|receipt|receipts}.",
                count=result.recorded,
                supplier=result.supplier,
                lines=result.lines,
            )
        )
    if result.already:
        print(msg("{count} {count|notice was|notices were} recorded before; nothing new from them.", count=result.already))
    return 0
