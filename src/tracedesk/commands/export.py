"""`tracedesk export`: trace dossier, recall report, EPCIS 2.0, FSMA 204 and audit trail files."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracedesk.commands._context import CommandContext, print_json, whole_number
from tracedesk.core.messages import msg
from tracedesk.core.parsing import parse_date
from tracedesk.services.audit_trail import AuditFilter
from tracedesk.services.reports import exports


def _dates(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE", help=str(msg("first day (YYYY-MM-DD, station time)")))
    parser.add_argument("--to", dest="end", metavar="DATE", help=str(msg("last day, inclusive")))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help=str(msg("write reports and exchange files")))
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    dossier = kinds.add_parser("dossier", help=str(msg("trace dossier of a lot (PDF)")))
    dossier.add_argument("lot")
    recall = kinds.add_parser("recall", help=str(msg("recall report (.pdf or .xlsx)")))
    recall.add_argument("lots", nargs="*", metavar="LOT")
    recall.add_argument("--supplier-lot")
    recall.add_argument("--supplier")
    epcis = kinds.add_parser(
        "epcis", help=str(msg("GS1 EPCIS 2.0 JSON-LD: everything, or a lot's family, a product, a date range (streamed)"))
    )
    epcis.add_argument("--lot", help=str(msg("the lot's whole family: what it came from and what was made from it")))
    epcis.add_argument("--product", help=str(msg("events of this item (and of the orders that make it)")))
    epcis.add_argument(
        "--company-prefix-length",
        type=whole_number("--company-prefix-length", 6, 12),
        default=7,
        help=str(msg("digits of the GS1 company prefix in GTINs and GLNs (6-12)")),
    )
    _dates(epcis)
    fsma = kinds.add_parser("fsma", help=str(msg("FDA FSMA 204 sortable spreadsheet (.xlsx or .csv) with its gaps")))
    fsma.add_argument("--product")
    fsma.add_argument("--lot", help=str(msg("the lot's whole family")))
    fsma.add_argument("--supplier-lot", help=str(msg("the families of the lots received with this supplier lot")))
    _dates(fsma)
    for sub in (epcis, fsma):
        sub.add_argument(
            "--site", metavar="LOCATION", help=str(msg("the location that stands for our site (default: the only site)"))
        )
    audit = kinds.add_parser("audit", help=str(msg("audit trail (CSV)")))
    audit.add_argument("--lot")
    audit.add_argument("--by", dest="by_user", metavar="USER", help=str(msg("events recorded by this user")))
    audit.add_argument("--station")
    audit.add_argument("--type", dest="types", action="append", default=[], help=str(msg("event type (repeatable)")))
    _dates(audit)
    for sub in (dossier, recall, epcis, fsma, audit):
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--json", action="store_true")
        sub.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Exporting the audit trail" if args.export_kind == "audit" else "Exporting a report")
    start = parse_date(args.start, what=msg("--from date")) if getattr(args, "start", None) else None
    end = parse_date(args.end, what=msg("--to date")) if getattr(args, "end", None) else None
    with ctx.runtime().unit_of_work() as session:
        kind = args.export_kind
        if kind == "dossier":
            result = exports.export_dossier(session, actor, lot=args.lot, path=args.out, language=ctx.document_language)
        elif kind == "recall":
            result = exports.export_recall(
                session,
                actor,
                path=args.out,
                lots=tuple(args.lots),
                supplier_lot=args.supplier_lot,
                supplier=args.supplier,
                language=ctx.document_language,
            )
        elif kind == "epcis":
            result = exports.export_epcis(
                session,
                actor,
                path=args.out,
                lot=args.lot,
                product=args.product,
                start=start,
                end=end,
                site=args.site,
                company_prefix_length=args.company_prefix_length,
            )
        elif kind == "fsma":
            result = exports.export_fsma(
                session,
                actor,
                path=args.out,
                product=args.product,
                lot=args.lot,
                supplier_lot=args.supplier_lot,
                start=start,
                end=end,
                site=args.site,
            )
        else:
            since, until = exports.day_range(actor, start, end)
            flt = AuditFilter(
                lot=args.lot, user=args.by_user, station=args.station, types=tuple(args.types), since=since, until=until
            )
            result = exports.export_audit(session, actor, path=args.out, flt=flt)
    if args.json:
        document: dict[str, object] = {"path": str(result.path), "what": result.what, "count": result.count}
        if kind in ("epcis", "fsma"):
            document["gaps"] = result.gaps
            document["gaps_path"] = str(result.gaps_path) if result.gaps_path else None
        print_json(document)
    else:
        print(msg("{summary} -> {path}", summary=result.summary, path=result.path))
        if result.gaps:
            if result.gaps_path:
                print(
                    msg(
                        "{count} {count|gap|gaps} (missing identifiers or key data elements) listed in {path}",
                        count=result.gaps,
                        path=result.gaps_path,
                    )
                )
            else:
                print(
                    msg(
                        "{count} {count|gap|gaps} (missing identifiers or key data elements) listed on the Gaps sheet",
                        count=result.gaps,
                    )
                )
    return 0
