"""A lot's whole warehouse and after-sales life, checked at every step against an independent model.

Received, put away, moved twice, partly shipped, partly returned, reworked, the rest scrapped:
after each step the stock per lot and location (and per plant) is what a plain bookkeeping of the
same steps says, and the trace names every step.
"""

from __future__ import annotations

import json
from decimal import Decimal

from tests.plant import QA_PIN, master_data, qa_signer
from tests.services.warehouse.test_locations import build_plant
from tracedesk.commands.trace import trace_json
from tracedesk.services import quality
from tracedesk.services.aftersales import receive_return, rework_lot, scrap_lot
from tracedesk.services.audit import compare_with_replay
from tracedesk.services.recall import recall_json, recall_report
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.shipping import ship_lot
from tracedesk.services.trace import trace_lot
from tracedesk.services.warehouse import lot_steps, move_lot, put_away, stock_lines, totals_by_plant

PLANT_OF = {"QC": "SZ", "B-04": "SZ", "B-05": "SZ", "SH-01": "SH"}


class Book:
    """The independent bookkeeping: lot -> [location, quantity]; nothing from TraceDesk's tables."""

    def __init__(self) -> None:
        self.lots: dict[str, list[object]] = {}

    def put(self, lot: str, location: str | None, quantity: str | Decimal) -> None:
        self.lots[lot] = [location, Decimal(quantity)]

    def take(self, lot: str, quantity: str) -> None:
        self.lots[lot][1] = Decimal(self.lots[lot][1]) - Decimal(quantity)  # type: ignore[operator]

    def place(self, lot: str, location: str) -> None:
        self.lots[lot][0] = location

    def expected(self) -> set[tuple[str | None, str, Decimal]]:
        return {(loc, lot, q) for lot, (loc, q) in self.lots.items() if q > 0}  # type: ignore[operator]

    def per_plant(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for loc, _lot, q in self.expected():
            totals[PLANT_OF[str(loc)]] = totals.get(PLANT_OF[str(loc)], Decimal(0)) + q
        return totals


def _check(s, book: Book) -> None:
    lines = stock_lines(s, item="FLOUR")
    assert {(x.location, x.lot, x.balance) for x in lines} == book.expected()
    assert {p: q for p, _i, q, _u in totals_by_plant(lines)} == book.per_plant()


def test_received_put_away_moved_twice_shipped_returned_reworked_and_scrapped(runtime, admin):
    book = Book()
    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        qa = qa_signer(s, admin)
        lot = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1"), admin
        ).code
        book.put(lot, None, "100")
        assert {(x.location, x.lot, x.balance) for x in stock_lines(s, item="FLOUR")} == {(None, lot, Decimal(100))}

        put_away(s, admin, lot=lot, to="QC")
        book.place(lot, "QC")
        _check(s, book)

        quality.release_lot(s, qa, lot=lot, pin=QA_PIN)
        move_lot(s, admin, lot=lot, to="B-04")
        book.place(lot, "B-04")
        _check(s, book)

        part = move_lot(s, admin, lot=lot, to="B-05", quantity="25").lot.code
        book.take(lot, "25")
        book.put(part, "B-05", "25")
        _check(s, book)

        ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1", quantity="60")
        book.take(lot, "60")
        _check(s, book)

        back = receive_return(s, admin, lot=lot, document="DN-1", quantity="20", reason="damaged", to="QC").lot.code
        book.put(back, "QC", "20")
        _check(s, book)

        made = rework_lot(s, admin, lot=back, quantity="12", output_quantity="11", reason="repacked").code
        book.take(back, "12")
        book.put(made, "QC", "11")
        _check(s, book)

        scrap_lot(s, admin, lot=back, reason="beyond repair")
        book.take(back, "8")
        _check(s, book)

        # The trace of the lot names every step, its own and those of the lots split and returned from it.
        result = trace_lot(s, lot)
        steps = lot_steps(s, [lot, *(n.code for n in result.downstream)])
        traced = trace_json(result, steps)
        kinds = [(step["kind"], step["lot"]) for step in traced["warehouse"]]
        assert kinds == [
            ("put_away", lot),
            ("move", lot),
            ("move", part),
            ("returned", lot),
            ("scrapped", back),
        ]
        assert {n["code"] for n in traced["downstream"]} >= {part, back, made}
        assert [(sh["lot"], sh["quantity"], sh["document"]) for sh in traced["shipments"]] == [(lot, "60", "DN-1")]
        assert traced["location"] == "B-04" and traced["balance"] == "15"

        # The recall of the received lot, as a regulator reads it.
        report = json.loads(json.dumps(recall_json(recall_report(s, lots=[lot], now=admin.now()))))
        assert sorted((x["plant"], x["location"], x["quantity"]) for x in report["stock_by_location"]) == [
            ("SZ", "B-04", "15"),
            ("SZ", "B-05", "25"),
            ("SZ", "QC", "11"),
        ]
        assert report["stock_by_plant"] == [{"plant": "SZ", "item": "FLOUR", "quantity": "51", "unit": "kg"}]
        assert [(x["lot"], x["quantity"], x["destroyed"]) for x in report["scrapped"]] == [(back, "8", False)]
        assert compare_with_replay(s) == ()


def test_the_lot_history_tells_every_warehouse_step(runtime, admin):
    from tracedesk.services.history import lot_history

    with runtime.unit_of_work() as s:
        master_data(s, admin)
        build_plant(s, admin)
        lot = register_received_lot(
            s, ReceiveRequest(item="FLOUR", quantity="100", supplier="MILL", supplier_lot="S-1"), admin
        ).code
        put_away(s, admin, lot=lot, to="QC")
        quality.release_lot(s, qa_signer(s, admin), lot=lot, pin=QA_PIN)
        move_lot(s, admin, lot=lot, to="B-04")
        ship_lot(s, admin, lot=lot, customer="SHOP", document="DN-1", quantity="60")
        receive_return(s, admin, lot=lot, document="DN-1", quantity="20", reason="damaged", to="QC")
        scrap_lot(s, admin, lot=lot, quantity="5", reason="torn bags")
        lines = [str(entry.summary) for entry in lot_history(s, lot)]
    joined = "\n".join(lines)
    for words in ("Put into QC", "Moved 100 kg from QC to B-04", "came back from SHOP under DN-1", "Scrapped 5 kg (torn bags)"):
        assert words in joined, joined
