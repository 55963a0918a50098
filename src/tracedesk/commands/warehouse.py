"""The warehouse and after-sales legs from the command line.

tracedesk move LOT LOCATION [--quantity Q] [--put-away]        a lot (or a quantity, split off) into a location
tracedesk stock [--location L] [--item I]                      on-hand per lot, location and plant
tracedesk pick ITEM QUANTITY [--plant P] [--customer C --document D]   FEFO pick list (and ship it)
tracedesk block LOCATION --reason R [--unblock]                a quarantine cage, or no longer
tracedesk return LOT --document D --reason R [--quantity Q] [--to CAGE]   a customer's return
tracedesk rework LOT --output-quantity Q [--quantity Q]        a new lot made from a returned/held one
tracedesk scrap LOT --reason R [--quantity Q] [--destroy --witness CODE --witness-pin PIN]
tracedesk transfer ship LOT --to-plant P --document D [--quantity Q] [--out FILE.jsonld]
tracedesk transfer receive (DOCUMENT | --file FILE.jsonld) --to LOCATION [--quantity Q] [--note N]
tracedesk transfer list                                        transfers in transit

Every command that records takes --user/--pin (or TRACEDESK_USER/TRACEDESK_PIN); --json prints
what was recorded for a machine.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from tracedesk.commands._context import CommandContext, print_json
from tracedesk.core.errors import InvalidInput
from tracedesk.core.messages import msg
from tracedesk.core.quantity import format_quantity
from tracedesk.core.words import word
from tracedesk.services import aftersales, transfers, warehouse
from tracedesk.services.dto import LotInfo
from tracedesk.services.locations import block_location


def register(subparsers: argparse._SubParsersAction) -> None:
    move = subparsers.add_parser("move", help=str(msg("move a lot (or a quantity of it) into a location")))
    move.add_argument("lot")
    move.add_argument("location")
    move.add_argument("--quantity", help=str(msg("move only this much (split off as a new lot)")))
    move.add_argument(
        "--put-away", action="store_true", help=str(msg("record the move as the put-away after receiving or output"))
    )
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=run_move)

    stock = subparsers.add_parser("stock", help=str(msg("on-hand stock per lot, location and plant")))
    stock.add_argument("--location", help=str(msg("only this location and what lies inside it")))
    stock.add_argument("--item")
    stock.add_argument("--json", action="store_true")
    stock.set_defaults(handler=run_stock)

    pick = subparsers.add_parser("pick", help=str(msg("a first-expired-first-out pick list, shipped when a customer is given")))
    pick.add_argument("item")
    pick.add_argument("quantity")
    pick.add_argument("--plant", help=str(msg("pick in this plant only")))
    pick.add_argument("--customer", help=str(msg("ship the picked lots to this customer")))
    pick.add_argument("--document", help=str(msg("the shipping document number")))
    pick.add_argument("--json", action="store_true")
    pick.set_defaults(handler=run_pick)

    block = subparsers.add_parser("block", help=str(msg("block a location (a quarantine cage), or lift the block")))
    block.add_argument("location")
    block.add_argument("--reason", required=True)
    block.add_argument("--unblock", action="store_true")
    block.add_argument("--json", action="store_true")
    block.set_defaults(handler=run_block)

    back = subparsers.add_parser("return", help=str(msg("receive back a shipped lot (or part) from a customer")))
    back.add_argument("lot")
    back.add_argument("--document", required=True, help=str(msg("the shipment's document number")))
    back.add_argument("--reason", required=True)
    back.add_argument("--quantity")
    back.add_argument("--to", help=str(msg("the quarantine location it arrives in")))
    back.add_argument("--json", action="store_true")
    back.set_defaults(handler=run_return)

    rework = subparsers.add_parser("rework", help=str(msg("rework a returned or held lot into a new lot")))
    rework.add_argument("lot")
    rework.add_argument("--output-quantity", required=True)
    rework.add_argument("--quantity", help=str(msg("rework only this much of the lot")))
    rework.add_argument("--product", help=str(msg("the item made (default: the lot's item)")))
    rework.add_argument("--reason", default="")
    rework.add_argument("--json", action="store_true")
    rework.set_defaults(handler=run_rework)

    scrap = subparsers.add_parser("scrap", help=str(msg("scrap or destroy (witnessed) a lot or part of it")))
    scrap.add_argument("lot")
    scrap.add_argument("--reason", required=True)
    scrap.add_argument("--quantity")
    scrap.add_argument("--destroy", action="store_true", help=str(msg("a destruction, signed by a second user")))
    scrap.add_argument("--witness", metavar="CODE", help=str(msg("the second user who witnessed the destruction")))
    scrap.add_argument("--witness-pin", metavar="PIN", help=str(msg("the witness's PIN (default: TRACEDESK_WITNESS_PIN)")))
    scrap.add_argument("--json", action="store_true")
    scrap.set_defaults(handler=run_scrap)

    transfer = subparsers.add_parser("transfer", help=str(msg("transfers between plants: ship, receive, list")))
    steps = transfer.add_subparsers(dest="step", metavar="STEP", required=True)
    ship = steps.add_parser("ship", help=str(msg("ship a lot to another plant of ours")))
    ship.add_argument("lot")
    ship.add_argument("--to-plant", required=True)
    ship.add_argument("--document", required=True)
    ship.add_argument("--quantity")
    ship.add_argument("--out", type=Path, help=str(msg("also write the EPCIS document that carries the transfer")))
    ship.add_argument("--json", action="store_true")
    ship.set_defaults(handler=run_transfer_ship)
    receive = steps.add_parser("receive", help=str(msg("receive a transfer from another plant of ours")))
    receive.add_argument("document", nargs="?", help=str(msg("the transfer's document number")))
    receive.add_argument("--file", type=Path, help=str(msg("the EPCIS document the sending plant wrote")))
    receive.add_argument("--to", required=True, help=str(msg("the location it arrives in")))
    receive.add_argument("--quantity", help=str(msg("what arrived, when it differs from what was sent")))
    receive.add_argument("--note", default="")
    receive.add_argument("--lot", help=str(msg("the lot, when two transfers were sent under one number")))
    receive.add_argument("--json", action="store_true")
    receive.set_defaults(handler=run_transfer_receive)
    listed = steps.add_parser("list", help=str(msg("transfers in transit")))
    listed.add_argument("--json", action="store_true")
    listed.set_defaults(handler=run_transfer_list)


def _lot_json(lot: LotInfo) -> dict[str, Any]:
    return {
        "lot": lot.code,
        "item": lot.item,
        "status": lot.status,
        "balance": format_quantity(lot.balance),
        "unit": lot.unit,
        "location": lot.location,
        "plant": lot.plant,
    }


def run_move(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Moving a lot")
    with ctx.runtime().unit_of_work() as session:
        result = warehouse.move_lot(
            session,
            actor,
            lot=args.lot,
            to=args.location,
            quantity=args.quantity,
            purpose="put_away" if args.put_away else "move",
        )
    if args.json:
        print_json({**_lot_json(result.lot), "from": result.moved_from, "split_from": result.split_from})
        return 0
    print(
        msg(
            "Lot {lot}: {quantity} {unit} now in {location}",
            lot=result.lot.code,
            quantity=result.lot.balance,
            unit=result.lot.unit,
            location=result.moved_to,
        )
    )
    if result.split_from:
        print(msg("(split off lot {lot})", lot=result.split_from))
    return 0


def run_stock(args: argparse.Namespace, ctx: CommandContext) -> int:
    with ctx.runtime().reading() as session:
        lines = warehouse.stock_lines(session, location=args.location, item=args.item)
    if args.json:
        print_json(
            {
                "lots": [
                    {
                        "plant": x.plant,
                        "location": x.location,
                        "lot": x.lot,
                        "item": x.item,
                        "status": x.status,
                        "balance": format_quantity(x.balance),
                        "unit": x.unit,
                        "blocked": x.blocked,
                    }
                    for x in lines
                ],
                "by_location": [
                    {"plant": p, "location": loc, "item": i, "quantity": format_quantity(q), "unit": u}
                    for p, loc, i, q, u in warehouse.totals_by_location(lines)
                ],
                "by_plant": [
                    {"plant": p, "item": i, "quantity": format_quantity(q), "unit": u}
                    for p, i, q, u in warehouse.totals_by_plant(lines)
                ],
            }
        )
        return 0
    for x in lines:
        print(
            f"{x.plant or '—'} / {x.location or '—'}  {x.lot}  {x.item}  {format_quantity(x.balance)} {x.unit}  [{word(x.status)}]"
        )
    print(msg("On hand per plant:"))
    for p, i, q, u in warehouse.totals_by_plant(lines):
        print(f"  {p or '—'}  {i}  {format_quantity(q)} {u}")
    return 0


def run_pick(args: argparse.Namespace, ctx: CommandContext) -> int:
    if bool(args.customer) != bool(args.document):
        raise InvalidInput("To ship a pick list give both --customer and --document.")
    if args.customer:
        actor = ctx.signed_in_actor("Shipping a pick list")
        with ctx.runtime().unit_of_work() as session:
            picks = warehouse.pick_list(session, item=args.item, quantity=args.quantity, today=actor.today, plant=args.plant)
            warehouse.ship_picked(session, actor, customer=args.customer, document=args.document, picks=picks)
    else:
        actor = ctx.station_actor()
        with ctx.runtime().reading() as session:
            picks = warehouse.pick_list(session, item=args.item, quantity=args.quantity, today=actor.today, plant=args.plant)
    if args.json:
        print_json(
            {
                "shipped": bool(args.customer),
                "document": args.document,
                "picks": [
                    {
                        "lot": p.lot,
                        "location": p.location,
                        "quantity": format_quantity(p.quantity),
                        "unit": p.unit,
                        "expiry": p.expiry.isoformat() if p.expiry else None,
                    }
                    for p in picks
                ],
            }
        )
        return 0
    for p in picks:
        print(f"{p.location or '—'}  {p.lot}  {format_quantity(p.quantity)} {p.unit}  {p.expiry or ''}")
    if args.customer:
        print(msg("Shipped to {customer} under {document}.", customer=args.customer, document=args.document))
    return 0


def run_block(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Blocking a location")
    with ctx.runtime().unit_of_work() as session:
        info = block_location(session, actor, code=args.location, blocked=not args.unblock, reason=args.reason)
    if args.json:
        print_json({"location": info.code, "blocked": info.blocked, "plant": info.plant})
    elif info.blocked:
        print(msg("Location {code} is blocked.", code=info.code))
    else:
        print(msg("Location {code} is no longer blocked.", code=info.code))
    return 0


def run_return(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Receiving a return")
    with ctx.runtime().unit_of_work() as session:
        back = aftersales.receive_return(
            session, actor, lot=args.lot, document=args.document, quantity=args.quantity, reason=args.reason, to=args.to
        )
    if args.json:
        print_json(
            {
                **_lot_json(back.lot),
                "source_lot": back.source_lot,
                "customer": back.customer,
                "document": back.document,
                "quantity": format_quantity(back.quantity),
            }
        )
        return 0
    print(
        msg(
            "{quantity} {unit} of lot {source} came back from {customer}: lot {lot}, in quarantine",
            quantity=back.quantity,
            unit=back.unit,
            source=back.source_lot,
            customer=back.customer,
            lot=back.lot.code,
        )
    )
    return 0


def run_rework(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Reworking a lot")
    with ctx.runtime().unit_of_work() as session:
        made = aftersales.rework_lot(
            session,
            actor,
            lot=args.lot,
            quantity=args.quantity,
            output_quantity=args.output_quantity,
            product=args.product,
            reason=args.reason,
        )
    if args.json:
        print_json({**_lot_json(made), "order": made.order, "from": args.lot})
        return 0
    print(msg("Lot {lot} reworked into lot {made} ({order}), in quarantine", lot=args.lot, made=made.code, order=made.order))
    return 0


def run_scrap(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Scrapping a lot")
    witness_pin = args.witness_pin or os.environ.get("TRACEDESK_WITNESS_PIN")
    with ctx.runtime().unit_of_work() as session:
        done = aftersales.scrap_lot(
            session,
            actor,
            lot=args.lot,
            reason=args.reason,
            quantity=args.quantity,
            destroy=args.destroy,
            witness=args.witness,
            witness_pin=witness_pin,
        )
    if args.json:
        print_json(
            {
                **_lot_json(done.lot),
                "quantity": format_quantity(done.quantity),
                "destroyed": done.destroyed,
                "witness": done.witness,
                "reason": done.reason,
            }
        )
        return 0
    if done.destroyed:
        print(
            msg(
                "Lot {lot}: {quantity} {unit} destroyed, witnessed by {witness}",
                lot=done.lot.code,
                quantity=done.quantity,
                unit=done.unit,
                witness=done.witness,
            )
        )
    else:
        print(msg("Lot {lot}: {quantity} {unit} scrapped", lot=done.lot.code, quantity=done.quantity, unit=done.unit))
    return 0


def _transfer_json(info: transfers.TransferInfo) -> dict[str, Any]:
    return {
        "document": info.document,
        "lot": info.lot,
        "quantity": format_quantity(info.quantity),
        "unit": info.unit,
        "from_plant": info.from_plant,
        "to_plant": info.to_plant,
        "status": info.status,
        "received_quantity": format_quantity(info.received_quantity) if info.received_quantity is not None else None,
        "location": info.received_at_location,
        "difference": (
            ("-" if info.difference < 0 else "") + format_quantity(abs(info.difference)) if info.difference is not None else None
        ),
    }


def run_transfer_ship(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = ctx.signed_in_actor("Shipping a transfer")
    with ctx.runtime().unit_of_work() as session:
        info = transfers.ship_transfer(
            session, actor, lot=args.lot, to_plant=args.to_plant, document=args.document, quantity=args.quantity
        )
        if args.out:
            transfers.write_transfer_document(session, info.document, args.out, info.lot)
    if args.json:
        print_json(_transfer_json(info))
        return 0
    print(
        msg(
            "Transfer {document}: {quantity} {unit} of lot {lot} in transit from {source} to {target}",
            document=info.document,
            quantity=info.quantity,
            unit=info.unit,
            lot=info.lot,
            source=info.from_plant,
            target=info.to_plant,
        )
    )
    return 0


def run_transfer_receive(args: argparse.Namespace, ctx: CommandContext) -> int:
    if bool(args.document) == bool(args.file):
        raise InvalidInput("Name the transfer's document number, or give --file with the sending plant's EPCIS document.")
    actor = ctx.signed_in_actor("Receiving a transfer")
    with ctx.runtime().unit_of_work() as session:
        if args.file:
            info = transfers.receive_transfer_file(
                session, actor, path=args.file, to=args.to, quantity=args.quantity, note=args.note
            )
        else:
            info = transfers.receive_transfer(
                session, actor, document=args.document, to=args.to, quantity=args.quantity, note=args.note, lot=args.lot
            )
    if args.json:
        print_json(_transfer_json(info))
        return 0
    print(
        msg(
            "Transfer {document}: {quantity} {unit} of lot {lot} received into {location}",
            document=info.document,
            quantity=info.received_quantity,
            unit=info.unit,
            lot=info.lot,
            location=info.received_at_location,
        )
    )
    return 0


def run_transfer_list(args: argparse.Namespace, ctx: CommandContext) -> int:
    with ctx.runtime().reading() as session:
        moving = transfers.in_transit(session)
    if args.json:
        print_json({"in_transit": [_transfer_json(t) for t in moving]})
        return 0
    for t in moving:
        print(f"{t.document}  {t.lot}  {format_quantity(t.quantity)} {t.unit}  {t.from_plant or '—'} -> {t.to_plant or '—'}")
    return 0
