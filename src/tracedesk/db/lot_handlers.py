"""Projection of what happens to lots: receiving, orders, issues, outputs, shipping, splits, QA."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update

from tracedesk.db.bulk import driver, processor
from tracedesk.db.event_types import of_types
from tracedesk.db.eventlog import StoredEvent
from tracedesk.db.flow_totals import add_flow, add_order_inputs, add_order_outputs
from tracedesk.db.lot_status import rederive_lots
from tracedesk.db.models import (
    Adjustment,
    Event,
    Inspection,
    Lot,
    LotCounter,
    LotLink,
    OrderInput,
    OrderOutput,
    OrderParameter,
    Shipment,
    WorkOrder,
)
from tracedesk.db.notice_handlers import record_notice_receipts
from tracedesk.db.ordering import after_in_order
from tracedesk.db.projector import HandlerTable, Projector, _date, _time, handler_table

# The event types this module projects (composed with the others in db/projection.py).
HANDLERS: HandlerTable = {}
handles = handler_table(HANDLERS)


def _stored_time(p: Projector) -> Callable[[Any], str]:
    """Aware datetime -> the text a UTC column stores. Stored times come back from the driver
    as that text (fixed width, microseconds always written), so comparing the texts compares
    the times without parsing every row read."""
    return processor(OrderInput.__table__.c.issued_at, p.session.get_bind().dialect)  # type: ignore[return-value]


def count_minted(p: Projector, events: list[StoredEvent], key: str = "minted") -> None:
    """Keep the numbering counters in step with the codes minted (replay rebuilds them too)."""
    latest: dict[tuple[str, str], int] = {}
    for e in events:
        for minted in _minted_of(e.payload, key):
            pair = (minted["station"], minted["period"])
            latest[pair] = max(latest.get(pair, 0), int(minted["number"]))
    for (station, period), number in latest.items():
        counter = p.session.get(LotCounter, (station, period))
        if counter is None:
            p.session.add(LotCounter(station=station, period=period, last=number))
        elif number > counter.last:
            counter.last = number
    if latest:
        p.session.flush()


def _minted_of(payload: dict[str, Any], key: str) -> list[dict[str, Any]]:
    if payload.get(key):
        return [payload[key]]
    return [c[key] for c in payload.get("children", []) if c.get(key)]


@handles("lot_received")
def _lot_received(p: Projector, events: list[StoredEvent]) -> None:
    items = p.item_ids(e.payload["item"] for e in events)
    suppliers = p.party_ids("supplier", (e.payload.get("supplier") for e in events))
    locations = p.location_ids(e.payload.get("location") for e in events)
    p.insert(
        Lot,
        [
            {
                "code": e.payload["lot"],
                "item_id": items[e.payload["item"]],
                "origin": "received",
                "quantity": Decimal(e.payload["quantity"]),
                "unit": e.payload["unit"],
                "balance": Decimal(e.payload["quantity"]),
                "status": e.payload["status"],
                "supplier_id": suppliers.get(e.payload.get("supplier")),
                "supplier_lot": e.payload.get("supplier_lot"),
                "manufacturer_lot": e.payload.get("manufacturer_lot"),
                "po": e.payload.get("po"),
                "received_at": _time(e.payload["received_at"]),
                "manufactured_on": _date(e.payload.get("manufactured_on")),
                "expiry": _date(e.payload.get("expiry")),
                "best_before": _date(e.payload.get("best_before")),
                "location_id": locations.get(e.payload.get("location")),
                "created_event": e.seq,
            }
            for e in events
        ],
    )
    lots = p.lot_ids(e.payload["lot"] for e in events)
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)
    count_minted(p, events)
    record_notice_receipts(p, events, lots)


_LINK_KEYS = ("parent_id", "child_id", "order_id", "kind", "quantity", "created_event")


@handles("order_created")
def _order_created(p: Projector, events: list[StoredEvent]) -> None:
    from tracedesk.db.models import Bom

    items = p.item_ids(e.payload["product"] for e in events)
    # A version this database does not have leaves the order without a BOM (None).
    boms: dict[tuple[int, int], int | None] = {}
    for e in events:
        if e.payload.get("bom_version") is not None:
            key = (items[e.payload["product"]], int(e.payload["bom_version"]))
            if key not in boms:
                boms[key] = p.session.scalar(select(Bom.id).where(Bom.product_id == key[0], Bom.version == key[1]))
    p.insert(
        WorkOrder,
        [
            {
                "number": e.payload["order"],
                "product_id": items[e.payload["product"]],
                "bom_id": boms.get((items[e.payload["product"]], int(e.payload["bom_version"])))
                if e.payload.get("bom_version") is not None
                else None,
                "planned_quantity": Decimal(e.payload["quantity"]),
                "unit": e.payload["unit"],
                "line": e.payload.get("line") or "",
                "equipment": e.payload.get("equipment") or "",
                "operators": e.payload.get("operators") or "",
                "status": "open",
                "started_at": _time(e.payload["started_at"]),
                "created_event": e.seq,
            }
            for e in events
        ],
    )


@handles("order_closed")
def _order_closed(p: Projector, events: list[StoredEvent]) -> None:
    for e in events:
        # Closed at two stations offline: the close recorded last in the canonical order gives the time.
        later = p.session.scalar(
            select(Event.seq)
            .where(of_types(e.type), func.json_extract(Event.payload, "$.order") == e.payload["order"], after_in_order(e))
            .limit(1)
        )
        if later is None:
            p.session.execute(
                update(WorkOrder)
                .where(WorkOrder.number == e.payload["order"])
                .values(status="closed", closed_at=_time(e.payload["closed_at"]))
            )


@handles("order_parameter_recorded")
def _order_parameter(p: Projector, events: list[StoredEvent]) -> None:
    orders = p.order_ids(e.payload["order"] for e in events)
    p.insert(
        OrderParameter,
        [
            {
                "order_id": orders[e.payload["order"]],
                "name": e.payload["name"],
                "value": e.payload["value"],
                "unit": e.payload.get("unit") or "",
                "recorded_at": _time(e.payload["recorded_at"]),
                "created_event": e.seq,
            }
            for e in events
        ],
    )


# Which event a link is credited to: the later of the issue and the output that make it, in the
# canonical order (recorded time as stored, then station and chain position), and of several
# such pairs the earliest.
# A function of the events alone, so every station credits the same event whatever arrived first.
Credit = tuple[str, str, int, int]  # (recorded at, as stored; station; station seq; local event seq)


def _existing_links(
    p: Projector, candidates: dict[tuple[int, int, int], Credit]
) -> dict[tuple[int, int, int], tuple[int, Credit]]:
    """The candidate (parent, child, order) links stored already: link -> (row id, its credit)."""
    if not candidates:
        return {}
    children = sorted({child for _, child, _ in candidates})
    found = driver(p.session).execute(
        "SELECT l.parent_id, l.child_id, l.order_id, l.id, e.recorded_at, e.station, e.station_seq, e.seq FROM lot_links l "
        "JOIN events e ON e.seq = l.created_event "
        "WHERE l.child_id IN (SELECT value FROM json_each(?)) AND l.kind = 'order'",
        (json.dumps(children),),
    )
    existing: dict[tuple[int, int, int], tuple[int, Credit]] = {}
    for parent, child, order, row, recorded, station, station_seq, seq in found:
        if (parent, child, order) in candidates:
            existing[(parent, child, order)] = (row, (recorded, station, station_seq, seq))
    return existing


def _insert_order_links(p: Projector, links: dict[tuple[int, int, int], Credit]) -> None:
    """Insert (parent, child, order) links credited to their event; a stored link takes an earlier credit."""
    existing = _existing_links(p, links)
    # In the order of (event seq, link), as the links are unique. The dict is filled in
    # event order, so the list is nearly sorted already and the sort is a quick pass.
    fresh = sorted((credit[3], link) for link, credit in links.items() if link not in existing)
    p.insert_values(LotLink, _LINK_KEYS, ((parent, child, order, "order", None, seq) for seq, (parent, child, order) in fresh))
    earlier = [(links[link][3], row) for link, (row, credit) in existing.items() if links[link][:3] < credit[:3]]
    if earlier:
        driver(p.session).executemany("UPDATE lot_links SET created_event = ? WHERE id = ?", sorted(earlier))


def _credit(links: dict[tuple[int, int, int], Credit], link: tuple[int, int, int], a: Credit, b: Credit) -> None:
    credit = max(a, b)
    held = links.get(link)
    if held is None or credit < held:
        links[link] = credit


@handles("lot_issued")
def _lot_issued(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    orders = p.order_ids(e.payload["order"] for e in events)
    # (order, lot, quantity, issued at, operator, event seq): the columns of order_inputs.
    rows = [
        (
            orders[e.payload["order"]],
            lots[e.payload["lot"]],
            Decimal(e.payload["quantity"]),
            _time(e.payload["issued_at"]),
            e.payload.get("operator") or "",
            e.seq,
        )
        for e in events
    ]
    p.insert_values(OrderInput, ("order_id", "lot_id", "quantity", "issued_at", "operator", "created_event"), rows)
    add_flow(p.session, "issued", ((issued, lot, order, "", quantity) for order, lot, quantity, issued, _, _ in rows))
    add_order_inputs(p.session, ((order, quantity) for order, _, quantity, _, _, _ in rows))
    p.change_balances([(lot, -quantity) for _, lot, quantity, _, _, _ in rows])
    p.touch_lots((lot, seq) for _, lot, _, _, _, seq in rows)
    # An issue dated at or before an output already recorded (imported history) feeds it too.
    outputs: dict[int, list[tuple[int, str, Credit]]] = defaultdict(list)
    found = driver(p.session).execute(
        "SELECT o.order_id, o.lot_id, o.produced_at, e.recorded_at, e.station, e.station_seq, e.seq FROM order_outputs o "
        "JOIN events e ON e.seq = o.created_event "
        "WHERE o.order_id IN (SELECT value FROM json_each(?)) AND o.allocated = 0",
        (json.dumps(sorted({order for order, *_ in rows})),),
    )
    for order, child, produced_at, recorded, station, station_seq, output_seq in found:
        outputs[order].append((child, produced_at, (recorded, station, station_seq, output_seq)))
    stamp = _stored_time(p)
    links: dict[tuple[int, int, int], Credit] = {}
    for (order, lot, _, issued, _, seq), e in zip(rows, events):
        produced = outputs.get(order)
        if not produced:
            continue
        issued_at = stamp(issued)
        mine = (stamp(e.recorded_at), e.station, e.station_seq, seq)
        for child, produced_at, theirs in produced:
            if issued_at <= produced_at:
                _credit(links, (lot, child, order), mine, theirs)
    _insert_order_links(p, links)


@handles("output_recorded")
def _output_recorded(p: Projector, events: list[StoredEvent]) -> None:
    items = p.item_ids(e.payload["item"] for e in events)
    orders = p.order_ids(e.payload["order"] for e in events)
    locations = p.location_ids(e.payload.get("location") for e in events)
    # Each event's values read and converted once; both tables take them (a million outputs).
    values = [
        (e.payload["lot"], Decimal(e.payload["quantity"]), orders[e.payload["order"]], _time(e.payload["produced_at"]), e)
        for e in events
    ]
    p.insert_values(
        Lot,
        (
            "code",
            "item_id",
            "origin",
            "quantity",
            "unit",
            "balance",
            "status",
            "order_id",
            "produced_at",
            "expiry",
            "location_id",
            "created_event",
        ),
        [
            (
                code,
                items[e.payload["item"]],
                "produced",
                quantity,
                e.payload["unit"],
                quantity,
                e.payload["status"],
                order,
                produced,
                _date(e.payload.get("expiry")),
                locations.get(e.payload.get("location")),
                e.seq,
            )
            for code, quantity, order, produced, e in values
        ],
    )
    lots = p.lot_ids(code for code, *_ in values)
    p.insert_values(
        OrderOutput,
        ("order_id", "lot_id", "quantity", "produced_at", "allocated", "created_event"),
        [
            (order, lots[code], quantity, produced, e.payload.get("inputs") is not None, e.seq)
            for code, quantity, order, produced, e in values
        ],
    )
    p.touch_lots((lots[code], e.seq) for code, _, _, _, e in values)
    count_minted(p, events)

    stamp = _stored_time(p)
    add_order_outputs(p.session, ((order, quantity, stamp(produced)) for _, quantity, order, produced, _ in values))
    links: dict[tuple[int, int, int], Credit] = {}
    allocated = [e for e in events if e.payload.get("inputs") is not None]
    named = p.lot_ids(code for e in allocated for code in e.payload["inputs"])
    for e in allocated:
        mine = (stamp(e.recorded_at), e.station, e.station_seq, e.seq)
        for code in e.payload["inputs"]:
            _credit(links, (named[code], lots[e.payload["lot"]], orders[e.payload["order"]]), mine, mine)
    # The rule: every lot issued to the same order at or before the output was produced.
    pending = [e for e in events if e.payload.get("inputs") is None]
    inputs: dict[int, list[tuple[int, str, Credit]]] = defaultdict(list)
    if pending:
        found = driver(p.session).execute(
            "SELECT i.order_id, i.lot_id, i.issued_at, e.recorded_at, e.station, e.station_seq, e.seq FROM order_inputs i "
            "JOIN events e ON e.seq = i.created_event WHERE i.order_id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted({orders[e.payload["order"]] for e in pending})),),
        )
        for order, parent, issued_at, recorded, station, station_seq, issue_seq in found:
            inputs[order].append((parent, issued_at, (recorded, station, station_seq, issue_seq)))
    for code, _, order, produced, e in values:
        if e.payload.get("inputs") is not None or not inputs.get(order):
            continue
        child, produced_at = lots[code], stamp(produced)
        mine = (stamp(e.recorded_at), e.station, e.station_seq, e.seq)
        for parent, issued_at, theirs in inputs[order]:
            if issued_at <= produced_at:
                _credit(links, (parent, child, order), mine, theirs)
    _insert_order_links(p, links)


@handles("lot_shipped")
def _lot_shipped(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    customers = p.party_ids("customer", (e.payload["customer"] for e in events))
    places = p.location_ids(e.payload.get("location") for e in events)
    rows = [
        {
            "lot_id": lots[e.payload["lot"]],
            "customer_id": customers[e.payload["customer"]],
            "quantity": Decimal(e.payload["quantity"]),
            "unit": e.payload["unit"],
            "shipped_at": _time(e.payload["shipped_at"]),
            "document": e.payload["document"],
            "created_event": e.seq,
            # Shipments recorded before moves existed name no location.
            "location_id": places.get(e.payload.get("location")),
        }
        for e in events
    ]
    p.insert(Shipment, rows)
    add_flow(p.session, "shipped", ((r["shipped_at"], r["lot_id"], r["customer_id"], r["unit"], r["quantity"]) for r in rows))
    p.change_balances([(r["lot_id"], -r["quantity"]) for r in rows])
    p.touch_lots((r["lot_id"], r["created_event"]) for r in rows)


@handles("lot_split")
def _lot_split(p: Projector, events: list[StoredEvent]) -> None:
    parents = p.lot_ids(e.payload["lot"] for e in events)
    for e in events:
        parent = p.lot(parents[e.payload["lot"]])
        copied = {
            c: getattr(parent, c)
            for c in (
                "item_id",
                "unit",
                "supplier_id",
                "supplier_lot",
                "manufacturer_lot",
                "po",
                "order_id",
                "received_at",
                "produced_at",
                "manufactured_on",
                "expiry",
                "best_before",
                "location_id",
            )
        }
        # Children take the parent's QA disposition, not its holds: a spreading hold reaches
        # them through the split link, and each hold is lifted where it was placed.
        copied["status"] = parent.status_before_hold or parent.status if parent.status == "on_hold" else parent.status
        p.insert(
            Lot,
            [
                {
                    **copied,
                    "code": c["lot"],
                    "origin": "split",
                    "quantity": Decimal(c["quantity"]),
                    "balance": Decimal(c["quantity"]),
                    "created_event": e.seq,
                }
                for c in e.payload["children"]
            ],
        )
        children = p.lot_ids(c["lot"] for c in e.payload["children"])
        p.insert(
            LotLink,
            [
                {
                    "parent_id": parent.id,
                    "child_id": children[c["lot"]],
                    "order_id": None,
                    "kind": "split",
                    "quantity": Decimal(c["quantity"]),
                    "created_event": e.seq,
                }
                for c in e.payload["children"]
            ],
        )
        p.change_balances([(parent.id, -sum((Decimal(c["quantity"]) for c in e.payload["children"]), Decimal(0)))])
        p.touch_lots([(parent.id, e.seq), *((children[c["lot"]], e.seq) for c in e.payload["children"])])
        # The children's disposition is the parent's at the split's place in the canonical order.
        rederive_lots(p, children.values())
    count_minted(p, events)


@handles("lot_adjusted")
def _lot_adjusted(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    rows = [
        {
            "lot_id": lots[e.payload["lot"]],
            "delta": Decimal(e.payload["delta"]),
            "reason": e.payload["reason"],
            "adjusted_at": _time(e.payload["adjusted_at"]),
            "created_event": e.seq,
        }
        for e in events
    ]
    p.insert(Adjustment, rows)
    p.change_balances([(r["lot_id"], r["delta"]) for r in rows])
    p.touch_lots((r["lot_id"], r["created_event"]) for r in rows)


@handles("lot_inspected")
def _lot_inspected(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(e.payload["lot"] for e in events)
    p.insert(
        Inspection,
        [
            {
                "lot_id": lots[e.payload["lot"]],
                "result": e.payload["result"],
                "inspector": e.user,
                "notes": e.payload.get("notes") or "",
                "attachments": "\n".join(e.payload.get("attachments") or []),
                "inspected_at": _time(e.payload["inspected_at"]),
                "created_event": e.seq,
            }
            for e in events
        ],
    )
    p.touch_lots((lots[e.payload["lot"]], e.seq) for e in events)


@handles("label_printed")
def _label_printed(p: Projector, events: list[StoredEvent]) -> None:
    lots = p.lot_ids(code for e in events for code in e.payload["lots"])
    p.touch_lots((lots[code], e.seq) for e in events for code in e.payload["lots"])
