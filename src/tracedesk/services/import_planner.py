"""The import's planner: every row checked against the database and the rest of the import.

Balances are replayed in time order so a row that would take a lot below zero is named; rows
identical to what is stored are skipped, so importing the same data twice records nothing the
second time. What the planner finds new goes to the import's spool as canonical event texts.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.messages import Message, msg
from tracedesk.core.numbering import check_lot_code
from tracedesk.core.parsing import clean_text, parse_expiry, parse_quantity, parse_timestamp
from tracedesk.core.quantity import format_quantity
from tracedesk.core.timeparse import iso_utc
from tracedesk.db.eventlog import canonical_json
from tracedesk.db.models import Bom, BomLine, Item, Lot, OrderInput, Party, Shipment, WorkOrder
from tracedesk.services.import_lots import LotBook, LotState
from tracedesk.services.import_places import plan_locations, plan_parties
from tracedesk.services.import_sources import ImportProblem, Row, Table, cell
from tracedesk.services.import_spool import Spool, sort_key
from tracedesk.services.validation import (
    clean_code,
    clean_gtin,
    clean_kind,
    clean_name,
    clean_shelf_life,
    clean_tracking,
    clean_unit,
)

CHUNK = 50_000
LOOKUP_BATCH = 5_000
RECEIPT_STATUSES = ("quarantine", "released", "rejected")
# Files whose new rows are master data: only a user who may edit master data imports them.
MASTER_DATA_TABLES = ("items", "suppliers", "customers", "locations", "boms")
# The order the planned events are applied in, table by table (each table's in time order).
APPLY_ORDER = (*MASTER_DATA_TABLES, "receipts", "orders", "outputs", "issues", "shipments")


class Dispositions:
    """Which QA decisions of the files the importing user may record: released and rejected lots
    arrive so only when the user's role may decide so and the user signed the import (the PIN);
    otherwise they arrive in quarantine, for QA to decide."""

    def __init__(self, may_release: bool, may_reject: bool) -> None:
        self.allowed = {"quarantine", *(["released"] if may_release else []), *(["rejected"] if may_reject else [])}
        self.decided: Counter[str] = Counter()
        self.quarantined = 0

    def __call__(self, status: str) -> str:
        if status in self.allowed:
            if status != "quarantine":
                self.decided[status] += 1
            return status
        self.quarantined += 1
        return "quarantine"


def _chunked(values: Iterable[str]) -> Iterable[Any]:
    """The distinct values in parts, each as a one-column selectable to use in `IN (...)`.

    A part travels as one JSON parameter (json_each), not a parameter per value, so it can
    be large: a million-lot import looks its codes up in a few dozen statements, not a
    thousand.
    """
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        part = func.json_each(json.dumps(ordered[start : start + CHUNK])).table_valued("value")
        yield select(part.c.value)


class Planner:
    """Checks every row and turns the new ones into event drafts."""

    def __init__(self, session: Session, actor: Actor, tables: dict[str, Table], disposition: Dispositions, spool: Spool) -> None:
        self.session, self.actor, self.tables = session, actor, tables
        self.disposition = disposition
        self.added: Counter[str] = Counter()
        self.skipped: Counter[str] = Counter()
        self.updated: Counter[str] = Counter()
        # Each draft is kept as its canonical JSON text, on disk, until it is applied.
        self.spool = spool
        self.bom_versions: dict[str, int] = {}
        self.items: dict[str, dict[str, Any]] = {}  # code -> unit, shelf life, kind
        self.lots = LotBook(spool)
        self.orders: dict[str, dict[str, Any]] = {}  # number -> product, started_at
        # Actor.tz builds the zone on every call; a million timestamps share one.
        self.tz = actor.tz
        # History is not in the future: every time is checked against the moment of the import.
        self.now = actor.now()
        self.today = actor.today
        # A plant writes the same few quantities a million times: each text is parsed and
        # each value formatted once (only values that passed every check are kept).
        self.parsed: dict[tuple[str, str], Decimal] = {}
        self.formatted: dict[Decimal, str] = {}

    def rows(self, name: str) -> Iterable[Row]:
        table = self.tables.get(name)
        return table.rows if table else ()

    def lot_rows(self, name: str) -> Iterator[Row]:
        """The rows of a table, their lots looked up a batch at a time before each batch is planned."""
        rows = iter(self.rows(name))
        while batch := list(islice(rows, LOOKUP_BATCH)):
            self.lots.prefetch(row.text("lot") for row in batch)
            yield from batch

    def when(self, row: Row, column: str) -> datetime:
        return cell(row, column, lambda t: parse_timestamp(t, local=self.tz, what=column, now=self.now))

    def text(self, row: Row, column: str, max_length: int = 64, *, required: bool = False) -> str:
        """A free-text cell: no control characters, trimmed, within its column's length."""
        return cell(row, column, lambda t: clean_text(t, what=column, max_length=max_length, required=required))

    def quantity(self, row: Row, column: str = "quantity") -> Decimal:
        key = (column, row.text(column))
        number = self.parsed.get(key)
        if number is None:
            number = self.parsed[key] = cell(row, column, lambda t: parse_quantity(t, what=column))
        return number

    def format(self, quantity: Decimal) -> str:
        """format_quantity, once per value (equal values format alike)."""
        text = self.formatted.get(quantity)
        if text is None:
            text = self.formatted[quantity] = format_quantity(quantity)
        return text

    def add(self, table: str, sort_key: Any, event_type: str, payload: dict[str, Any], *, new: bool = True) -> None:
        """Plan one event; `new` False for an edit of something stored (counted as updated)."""
        (self.added if new else self.updated)[table] += 1
        self.spool.add(APPLY_ORDER.index(table), sort_key, event_type, canonical_json(payload))

    @staticmethod
    def first(row: Row, key: Any, seen: dict[Any, int]) -> int | None:
        """The number of the earlier row with the same key (a duplicate), or None after noting this one.

        Numbers rather than rows: a row noted here would stay in memory to the end of its table.
        """
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = row.number
        return earlier

    @staticmethod
    def twice(row: Row, earlier: int, what: Message) -> ImportProblem:
        return ImportProblem("{what} appears twice (also row {row})", at=row.where(), what=what, row=earlier)

    # --- master data -------------------------------------------------------------------------

    def plan_items(self) -> None:
        for item in self.session.scalars(select(Item)):
            self.items[item.code] = {"unit": item.unit, "shelf": item.shelf_life_days, "kind": item.kind}
        stored = {i.code: i for i in self.session.scalars(select(Item))}
        seen: dict[Any, int] = {}
        for row in self.rows("items"):
            payload: dict[str, Any] = {
                "code": cell(row, "code", lambda t: clean_code(t, "item")),
                "name": cell(row, "name", lambda t: clean_name(t, "item")),
                "unit": cell(row, "unit", clean_unit),
                "kind": cell(row, "kind", clean_kind),
                "tracking": cell(row, "tracking", clean_tracking),
                "gtin": cell(row, "gtin", clean_gtin),
                "shelf_life_days": cell(row, "shelf_life_days", clean_shelf_life),
            }
            if (earlier := self.first(row, payload["code"], seen)) is not None:
                raise self.twice(row, earlier, msg("item {code}", code=payload["code"]))
            existing = stored.get(payload["code"])
            if existing is not None:
                old = {k: getattr(existing, k) for k in payload}
                different = [k for k in payload if old[k] != payload[k]]
                if different:
                    field = different[0]
                    raise ImportProblem(
                        "item {code} already exists with {field} '{old}', not '{new}'",
                        at=row.where(field),
                        code=payload["code"],
                        field=field,
                        old=old[field],
                        new=payload[field],
                    )
                self.skipped["items"] += 1
                continue
            self.items[payload["code"]] = {"unit": payload["unit"], "shelf": payload["shelf_life_days"], "kind": payload["kind"]}
            self.add("items", row.number, "item_created", payload)

    def item(self, row: Row, column: str) -> str:
        code = row.text(column)
        if code not in self.items:
            raise ImportProblem("unknown item '{code}' (not in items and not in the database)", at=row.where(column), code=code)
        return code

    def plan_parties(self, kind: str, table: str) -> set[str]:
        return plan_parties(self, kind, table)

    def plan_boms(self) -> None:
        lines_by_product: dict[str, list[dict[str, Any]]] = defaultdict(list)
        first_row: dict[str, Row] = {}
        seen: dict[Any, int] = {}
        for row in self.rows("boms"):
            product, component = self.item(row, "product"), self.item(row, "component")
            if product == component:
                raise ImportProblem("{product} cannot be a component of itself", at=row.where("component"), product=product)
            if (earlier := self.first(row, (product, component), seen)) is not None:
                raise self.twice(row, earlier, msg("component {component} of {product}", component=component, product=product))
            quantity = self.quantity(row, "quantity_per")

            def unit_or_default(text: str, default: str = self.items[component]["unit"]) -> str:
                return clean_unit(text or default)

            unit = cell(row, "unit", unit_or_default)
            lines_by_product[product].append(
                {"component": component, "quantity_per": self.format(quantity), "unit": unit, "substitutes": []}
            )
            first_row.setdefault(product, row)
        for product, lines in lines_by_product.items():
            lines.sort(key=lambda line: line["component"])
            current = self.session.execute(
                select(Bom.id, Bom.version)
                .join(Item, Item.id == Bom.product_id)
                .where(Item.code == product)
                .order_by(Bom.version.desc())
                .limit(1)
            ).first()
            version = 1
            if current is not None:
                rows = self.session.execute(
                    select(Item.code, BomLine.quantity_per, BomLine.unit)
                    .join(Item, Item.id == BomLine.component_id)
                    .where(BomLine.bom_id == current.id)
                )
                stored: list[dict[str, Any]] = sorted(
                    (
                        {"component": code, "quantity_per": format_quantity(q), "unit": u, "substitutes": []}
                        for code, q, u in rows
                    ),
                    key=lambda line: line["component"],
                )
                if stored == lines:
                    self.skipped["boms"] += len(lines)
                    continue
                version = current.version + 1
            self.added["boms"] += len(lines) - 1
            self.bom_versions[product] = version
            self.add("boms", first_row[product].number, "bom_created", {"product": product, "version": version, "lines": lines})

    # --- lots, orders and movements ----------------------------------------------------------

    def load_lots(self) -> None:
        """Lots the import refers to that already exist, with what identifies them."""
        codes = [r.text("lot") for t in ("receipts", "outputs", "issues", "shipments") for r in self.rows(t)]
        for part in _chunked(codes):
            stmt = (
                select(Lot, Item.code, Party.code, WorkOrder.number)
                .join(Item, Item.id == Lot.item_id)
                .outerjoin(Party, Party.id == Lot.supplier_id)
                .outerjoin(WorkOrder, WorkOrder.id == Lot.order_id)
                .where(Lot.code.in_(part))
            )
            for lot, item, supplier, order in self.session.execute(stmt):
                self.lots.stored[lot.code] = LotState(
                    item,
                    lot.received_at or lot.produced_at,
                    order,
                    stored=True,
                    balance=lot.balance,
                    key=(item, lot.quantity, supplier, lot.supplier_lot, lot.received_at, lot.expiry, lot.po),
                    output_key=(order, lot.quantity, lot.produced_at),
                )

    def lot(self, row: Row) -> tuple[str, LotState]:
        code = row.text("lot")
        lot = self.lots.get(code)
        if lot is None:
            raise ImportProblem(
                "unknown lot '{code}' (not in receipts or outputs and not in the database)", at=row.where("lot"), code=code
            )
        return code, lot

    def plan_receipts(self, suppliers: set[str]) -> None:
        seen: dict[Any, int] = {}
        for row in self.rows("receipts"):
            code = cell(row, "lot", check_lot_code)
            if (earlier := self.first(row, code, seen)) is not None:
                raise self.twice(row, earlier, msg("lot {code}", code=code))
            item = self.item(row, "item")
            quantity = self.quantity(row)
            supplier = row.text("supplier")
            if supplier not in suppliers:
                raise ImportProblem("unknown supplier '{supplier}'", at=row.where("supplier"), supplier=supplier)
            received = self.when(row, "received_at")
            expiry = cell(row, "expiry", lambda t: parse_expiry(t, today=self.today) if t else None)
            status = row.text("status").lower() or "released"
            if status not in RECEIPT_STATUSES:
                raise ImportProblem(
                    "status '{status}' must be empty or one of {statuses}",
                    at=row.where("status"),
                    status=status,
                    statuses=RECEIPT_STATUSES,
                )
            supplier_lot, po = self.text(row, "supplier_lot") or None, self.text(row, "po") or None
            key = (item, quantity, supplier, supplier_lot, received, expiry, po)
            if (known := self.lots.get(code)) is not None:
                if known.key != key:
                    raise ImportProblem(
                        "lot {code} already exists with other details; lot codes must be unique", at=row.where("lot"), code=code
                    )
                self.skipped["receipts"] += 1
                continue
            at = sort_key(received)
            self.lots.create(code, item, at, None, "receipts", row.number)
            self.lots.move(at, 0, code, quantity, row.source, row.number)
            self.add(
                "receipts",
                at,
                "lot_received",
                {
                    "lot": code,
                    "item": item,
                    "quantity": self.format(quantity),
                    "unit": self.items[item]["unit"],
                    "supplier": supplier,
                    "supplier_lot": supplier_lot,
                    "manufacturer_lot": None,
                    "po": po,
                    "received_at": iso_utc(received),
                    "manufactured_on": None,
                    "expiry": expiry.isoformat() if expiry else None,
                    "location": None,
                    "status": self.disposition(status),
                    "containers": 1,
                    "minted": None,
                },
            )

    def plan_orders(self) -> None:
        numbers = [r.text("order") for t in ("orders", "issues", "outputs") for r in self.rows(t)]
        for part in _chunked(numbers):
            stmt = select(WorkOrder, Item.code).join(Item, Item.id == WorkOrder.product_id).where(WorkOrder.number.in_(part))
            for order, product in self.session.execute(stmt):
                self.orders[order.number] = {
                    "product": product,
                    "key": (product, order.planned_quantity, order.started_at),
                    "stored": True,
                }
        boms: dict[str, int] = dict(
            self.session.execute(select(Item.code, Bom.version).join(Item, Item.id == Bom.product_id).order_by(Bom.version)).all()
        )
        boms.update(self.bom_versions)
        seen: dict[Any, int] = {}
        for row in self.rows("orders"):
            number = cell(row, "order", lambda t: clean_code(t, "order"))
            if (earlier := self.first(row, number, seen)) is not None:
                raise self.twice(row, earlier, msg("order {number}", number=number))
            product = self.item(row, "product")
            quantity, started = self.quantity(row), self.when(row, "started_at")
            if number in self.orders:
                if self.orders[number]["key"] != (product, quantity, started):
                    raise ImportProblem("order {number} already exists with other details", at=row.where("order"), number=number)
                self.skipped["orders"] += 1
                continue
            self.orders[number] = {"product": product, "stored": False}
            self.add(
                "orders",
                started,
                "order_created",
                {
                    "order": number,
                    "product": product,
                    "bom_version": boms.get(product),
                    "quantity": self.format(quantity),
                    "unit": self.items[product]["unit"],
                    "line": "",
                    "equipment": "",
                    "operators": "",
                    "started_at": iso_utc(started),
                },
            )

    def order(self, row: Row) -> str:
        number = row.text("order")
        if number not in self.orders:
            raise ImportProblem(
                "unknown order '{number}' (not in orders and not in the database)", at=row.where("order"), number=number
            )
        return number

    def plan_outputs(self) -> None:
        # The rows of stored outputs found again; the new ones are in the lot book with their row.
        seen: dict[Any, int] = {}
        for row in self.lot_rows("outputs"):
            number = self.order(row)
            code = cell(row, "lot", check_lot_code)
            known = self.lots.get(code)
            earlier = known.row if known is not None and known.table == "outputs" else seen.get(code)
            if earlier is not None:
                raise self.twice(row, earlier, msg("output lot {code}", code=code))
            quantity, produced = self.quantity(row), self.when(row, "produced_at")
            if known is not None:
                if known.output_key != (number, quantity, produced):
                    raise ImportProblem(
                        "lot {code} already exists; an output needs a new lot code", at=row.where("lot"), code=code
                    )
                self.skipped["outputs"] += 1
                seen[code] = row.number
                continue
            product = self.orders[number]["product"]
            shelf = self.items[product]["shelf"]
            expiry = (produced.astimezone(self.actor.tz).date() + timedelta(days=shelf)) if shelf else None
            at = sort_key(produced)
            self.lots.create(code, product, at, number, "outputs", row.number)
            self.lots.move(at, 0, code, quantity, row.source, row.number)
            self.add(
                "outputs",
                at,
                "output_recorded",
                {
                    "order": number,
                    "lot": code,
                    "item": product,
                    "quantity": self.format(quantity),
                    "unit": self.items[product]["unit"],
                    "produced_at": iso_utc(produced),
                    "expiry": expiry.isoformat() if expiry else None,
                    "status": self.disposition("released"),
                    "inputs": None,
                    "minted": None,
                },
            )

    def stored_facts(self, model: Any, key_columns: tuple[Any, ...], lot_codes: set[str]) -> set[tuple[Any, ...]]:
        facts: set[tuple[Any, ...]] = set()
        stored = [code for code in lot_codes if code in self.lots.stored]
        for part in _chunked(stored):
            stmt = select(*key_columns).select_from(model).join(Lot, Lot.id == model.lot_id).where(Lot.code.in_(part))
            if model is OrderInput:
                stmt = stmt.join(WorkOrder, WorkOrder.id == OrderInput.order_id)
            else:
                stmt = stmt.join(Party, Party.id == Shipment.customer_id)
            facts.update(tuple(r) for r in self.session.execute(stmt))
        return facts

    def plan_issues(self) -> None:
        rows = self.rows("issues")
        stored = self.stored_facts(
            OrderInput, (WorkOrder.number, Lot.code, OrderInput.quantity, OrderInput.issued_at), {r.text("lot") for r in rows}
        )
        seen: dict[Any, int] = {}
        for row in self.lot_rows("issues"):
            number, (code, lot) = self.order(row), self.lot(row)
            if lot.order == number:
                raise ImportProblem(
                    "lot {code} is an output of order {number} and cannot also be its input",
                    at=row.where("lot"),
                    code=code,
                    number=number,
                )
            quantity, issued = self.quantity(row), self.when(row, "issued_at")
            key = (number, code, quantity, issued)
            if (earlier := self.first(row, key, seen)) is not None:
                raise self.twice(
                    row, earlier, msg("the issue of {lot} to {order} at {time}", lot=code, order=number, time=issued.isoformat())
                )
            if key in stored:
                self.skipped["issues"] += 1
                continue
            at = sort_key(issued)
            self.lots.move(at, 1, code, -quantity, row.source, row.number)
            self.add(
                "issues",
                at,
                "lot_issued",
                {
                    "order": number,
                    "lot": code,
                    "quantity": self.format(quantity),
                    "issued_at": iso_utc(issued),
                    "operator": self.text(row, "operator"),
                },
            )

    def plan_shipments(self, customers: set[str]) -> None:
        rows = self.rows("shipments")
        stored = self.stored_facts(
            Shipment,
            (Lot.code, Party.code, Shipment.quantity, Shipment.shipped_at, Shipment.document),
            {r.text("lot") for r in rows},
        )
        seen: dict[Any, int] = {}
        for row in self.lot_rows("shipments"):
            code, lot = self.lot(row)
            quantity = self.quantity(row)
            customer = row.text("customer")
            if customer not in customers:
                raise ImportProblem("unknown customer '{customer}'", at=row.where("customer"), customer=customer)
            shipped = self.when(row, "shipped_at")
            document = self.text(row, "document")
            if not document:
                raise ImportProblem("the shipping document number is missing", at=row.where("document"))
            key = (code, customer, quantity, shipped, document)
            if (earlier := self.first(row, key, seen)) is not None:
                raise self.twice(row, earlier, msg("the shipment of {lot} on {document}", lot=code, document=document))
            if key in stored:
                self.skipped["shipments"] += 1
                continue
            at = sort_key(shipped)
            self.lots.move(at, 1, code, -quantity, row.source, row.number)
            self.add(
                "shipments",
                at,
                "lot_shipped",
                {
                    "lot": code,
                    "customer": customer,
                    "quantity": self.format(quantity),
                    "unit": self.items[lot.item]["unit"],
                    "shipped_at": iso_utc(shipped),
                    "document": document,
                },
            )

    def plan(self) -> None:
        """Check every row and spool every new event as (type, canonical payload text)."""
        self.plan_items()
        suppliers = self.plan_parties("supplier", "suppliers")
        customers = self.plan_parties("customer", "customers")
        plan_locations(self)
        self.plan_boms()
        self.load_lots()
        # A table's rows go as soon as it is planned (the later steps keep only what they
        # found in them): the rows of a million-lot import are most of its memory.
        self.plan_receipts(suppliers)
        self.tables.pop("receipts", None)
        self.plan_orders()
        self.tables.pop("orders", None)
        self.plan_outputs()
        self.tables.pop("outputs", None)
        self.plan_issues()
        self.tables.pop("issues", None)
        self.plan_shipments(customers)
        self.tables = {}
        self.lots.check_balances()
        # The planner's indexes are not needed to write: let them go first.
        self.orders = {}
