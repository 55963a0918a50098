"""Demo data: three months of a biscuit factory, recorded through the same services as real work."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracedesk.core.actor import Actor
from tracedesk.core.checkdigit import gs1_check_digit
from tracedesk.core.errors import Refused
from tracedesk.core.messages import Message, msg
from tracedesk.core.status import Role
from tracedesk.core.words import word
from tracedesk.db.models import Event, Item, Lot, Shipment, User
from tracedesk.services import aftersales, inventory, masterdata, production, quality, shipping, warehouse
from tracedesk.services.lookup import suspect_reason
from tracedesk.services.receiving import ReceiveRequest, register_received_lot
from tracedesk.services.users import create_first_admin, create_user

DAYS = 90
DEMO_USERS = (
    ("admin", "Plant Administrator", Role.ADMIN, "1234"),
    ("anna", "Anna Berger", Role.CLERK, "1111"),
    ("li", "Li Wei 李伟", Role.LINE_LEAD, "2222"),
    ("qa", "Maria Rossi", Role.QA, "3333"),
)
QA_PIN = "3333"  # the demo's QA user signs releases and rejections with it
DEMO_PINS = {code: pin for code, _name, _role, pin in DEMO_USERS}


def _gtin(body: str) -> str:
    return body + str(gs1_check_digit(body))


def _gln(prefix: str | None) -> str | None:
    """A GLN: the company prefix padded to 12 digits, and its check digit."""
    return _gtin(prefix.ljust(12, "0")) if prefix else None


ITEMS = (
    # code, name, unit, kind, gtin, shelf life
    ("FLOUR-T55", "Wheat flour T55 小麦粉", "kg", "raw", _gtin("0950110153000"), 180),
    ("SUGAR", "Caster sugar 白砂糖", "kg", "raw", _gtin("0950110153001"), 720),
    ("BUTTER", "Butter 82% fat 黄油", "kg", "raw", _gtin("0950110153002"), 60),
    ("EGGS", "Liquid whole egg 全蛋液", "kg", "raw", _gtin("0950110153003"), 21),
    ("FILM", "Flow-wrap film 包装膜", "m", "packaging", _gtin("0950110153004"), None),
    ("VANILLA", "Vanilla extract (trial) 香草精", "kg", "raw", None, 30),
    ("DOUGH", "Butter biscuit dough 黄油饼干面团", "kg", "intermediate", None, 3),
    ("BISCUIT", "Baked butter biscuits (bulk) 黄油饼干", "kg", "intermediate", None, 30),
    ("CARTON-12", "Butter biscuits, carton of 12 x 200 g 黄油饼干 12盒装", "pcs", "finished", _gtin("0950110153010"), 270),
)
BOMS = {
    "DOUGH": [("FLOUR-T55", "0.55"), ("SUGAR", "0.2"), ("BUTTER", "0.2"), ("EGGS", "0.05")],
    "BISCUIT": [("DOUGH", "1.1")],
    "CARTON-12": [("BISCUIT", "2.4"), ("FILM", "3.5")],
}
SUPPLIERS = (
    ("MILL-NORD", "Nordmühle GmbH", "FLOUR-T55"),
    ("MILL-EAST", "Eastern Flour Mills", "FLOUR-T55"),
    ("SUCRE", "Sucrerie du Val", "SUGAR"),
    ("DAIRY", "Alpine Dairy Co-op", "BUTTER"),
    ("OVO", "Ovo Products Ltd", "EGGS"),
    ("PACKPRO", "PackPro Films", "FILM"),
)
# GLNs and location descriptions (FSMA 204) of the parties; PackPro has neither yet, so the
# exports have a gap to show.
SUPPLIER_PLACES = {
    "MILL-NORD": ("4000001", "+49 40 3070 100", "Mühlenkamp 12", "Hamburg", "HH", "22303", "DE"),
    "MILL-EAST": ("4000002", "+48 22 555 0101", "ul. Młyńska 4", "Warszawa", "MZ", "00-001", "PL"),
    "SUCRE": ("3000001", "+33 3 22 00 10 10", "2 Rue du Sucre", "Amiens", "HDF", "80000", "FR"),
    "DAIRY": ("7600001", "+41 31 300 20 20", "Käsereiweg 5", "Bern", "BE", "3001", "CH"),
    "OVO": ("5000001", "+44 20 7946 0101", "14 Hen Lane", "Norwich", "NFK", "NR1 1AA", "GB"),
}
SITE = (
    "PLANT",
    "Biscuit plant",
    "Butterfly Biscuits Ltd",
    "9501101",
    "+44 161 496 0000",
    "1 Oven Street",
    "Manchester",
    "GM",
    "M1 1AE",
    "GB",
)
CUSTOMERS = (
    "Fresh Market",
    "Bakery Corner",
    "City Grocers",
    "Harbour Foods",
    "Green Basket",
    "Maple Stores",
    "Sunrise Retail",
    "Alpine Deli",
    "Riverside Co-op",
    "Golden Wheat Shop",
    "Blue Door Cafe",
    "华润万家 Vanguard",
)
FG_BINS = ("FG-A01", "FG-A02", "FG-B01")
RECEIPT_SIZES = {"FLOUR-T55": 2000, "SUGAR": 1000, "BUTTER": 600, "EGGS": 200, "FILM": 20000}


class _Clock:
    """The demo's simulated time: every service call is recorded at the moment it "happened"."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def build_demo(
    session: Session,
    at: Actor,
    *,
    seed: int = 7,
    days: int = DAYS,
    record_station: Callable[[Session, Actor], object] | None = None,
) -> Message:
    """Fill an empty database, recorded under the demo's own users (admin, anna, li, qa).

    `at` gives the station and the present (its user is not used). The demo's administrator is
    the database's first administrator, so a database with users or lots is refused.
    `record_station(session, admin)` records the station's configuration before any lot is numbered.
    """
    if session.scalar(select(func.count()).select_from(Lot)):
        raise Refused("This database already has lots; demo data goes into an empty database only.")
    if session.scalar(select(func.count()).select_from(User)):
        raise Refused("This database has users already; demo data goes into an empty database only.")
    rng = random.Random(seed)
    end = at.now()
    clock = _Clock(datetime.combine((end - timedelta(days=days)).date(), time(7, 0), tzinfo=end.tzinfo))
    sim = replace(at, clock=clock)
    code, name, _role, pin = DEMO_USERS[0]
    create_first_admin(session, sim, code=code, name=name, pin=pin)
    users = {code: replace(sim, user=code) for code, _, _, _ in DEMO_USERS}
    if record_station is not None:
        record_station(session, users["admin"])
    _master_data(session, users["admin"])
    clerk, lead, qa = users["anna"], users["li"], users["qa"]
    # A trial ingredient bought once and never used: it has expired on the shelf since.
    trial = register_received_lot(
        session, ReceiveRequest(item="VANILLA", quantity="5", supplier="OVO", supplier_lot="VAN-2207", po="PO-4501"), clerk
    )
    quality.release_lot(session, qa, lot=trial.code, reason="trial ingredient, CoA accepted", pin=QA_PIN)
    stock_days: list[str] = []
    for day in range(days):
        clock.now = clock.now.replace(hour=7, minute=0) + timedelta(days=1) if day else clock.now
        if clock.now.weekday() >= 5:
            continue
        _receive_if_low(session, clerk, qa, rng, clock, late=days - day <= 3)
        if days - day > 1:
            _produce_day(session, lead, rng, clock)
            stock_days.append(clock.now.date().isoformat())
        _ship(session, clerk, rng, clock)
    _special_cases(session, clerk, qa, rng, clock)
    lots = session.scalar(select(func.count()).select_from(Lot))
    events = session.scalar(select(func.count()).select_from(Event))
    return msg(
        "Demo biscuit factory recorded: {lots} lots, {events} events over {days} days. Users: {users}.",
        lots=lots,
        events=events,
        days=days,
        users=[msg("{code} (PIN {pin}, {role})", code=code, pin=pin, role=word(role)) for code, _, role, pin in DEMO_USERS],
    )


def _master_data(session: Session, actor: Actor) -> None:
    for code, name, role, pin in DEMO_USERS[1:]:
        create_user(session, actor, code=code, name=name, role=role, pin=pin)
    for code, name, unit, kind, gtin, shelf in ITEMS:
        masterdata.create_item(session, actor, code=code, name=name, unit=unit, kind=kind, gtin=gtin, shelf_life_days=shelf)
    for product, lines in BOMS.items():
        masterdata.create_bom(session, actor, product=product, lines=[{"component": c, "quantity_per": q} for c, q in lines])
    for code, name, _ in SUPPLIERS:
        gln, phone, street, city, region, postal, country = SUPPLIER_PLACES.get(code, (None, "", "", "", "", "", ""))
        place = {"phone": phone, "street": street, "city": city, "region": region, "postal_code": postal, "country": country}
        masterdata.create_party(session, actor, kind="supplier", code=code, name=name, gln=_gln(gln), description=place)
    for n, name in enumerate(CUSTOMERS, start=1):
        # Most customers have their GLN and address on file; the last three not yet.
        known = n <= len(CUSTOMERS) - 3
        place = (
            {
                "phone": f"+44 20 7946 {n:04}",
                "street": f"{n} Market Street",
                "city": "London",
                "region": "LND",
                "postal_code": f"E{n} 1AA",
                "country": "GB",
            }
            if known
            else {}
        )
        masterdata.create_party(
            session,
            actor,
            kind="customer",
            code=f"C{n:03}",
            name=name,
            location=f"Store {n}",
            gln=_gln(f"60{n:05}") if known else None,
            description=place,
        )
    code, name, business, prefix, phone, street, city, region, postal, country = SITE
    site = {
        "business_name": business,
        "phone": phone,
        "street": street,
        "city": city,
        "region": region,
        "postal_code": postal,
        "country": country,
    }
    plant = code
    masterdata.create_location(session, actor, code=code, name=name, gln=_gln(prefix), description=site, kind="plant")
    for code, name in (
        ("RCV", "Receiving dock"),
        ("RAW-1", "Raw material store"),
        ("LINE-1", "Biscuit line 1"),
        ("FG", "Finished goods"),
    ):
        masterdata.create_location(session, actor, code=code, name=name, parent=plant)
    masterdata.create_location(session, actor, code="QC-CAGE", name="Quarantine cage", parent=plant, blocked=True)
    for code in FG_BINS:
        masterdata.create_location(session, actor, code=code, name=f"Bin {code}", kind="bin", parent="FG")


def _released_stock(session: Session, item_code: str) -> list[Lot]:
    return list(
        session.scalars(
            select(Lot)
            .join(Item, Item.id == Lot.item_id)
            .where(Item.code == item_code, Lot.status == "released", Lot.balance > 0)
            .order_by(Lot.expiry, Lot.code)
        )
    )


def _receive_if_low(session: Session, clerk: Actor, qa: Actor, rng: random.Random, clock: _Clock, *, late: bool) -> None:
    for item, size in RECEIPT_SIZES.items():
        on_hand = sum((lot.balance for lot in _released_stock(session, item)), Decimal(0))
        if on_hand > size * Decimal("0.6") and not (late and rng.random() < 0.3):
            continue
        supplier = rng.choice([code for code, _, supplied in SUPPLIERS if supplied == item])
        clock.now += timedelta(minutes=rng.randint(5, 40))
        lot = register_received_lot(
            session,
            ReceiveRequest(
                item=item,
                quantity=str(size),
                supplier=supplier,
                supplier_lot=f"{supplier[:3]}{rng.randint(10000, 99999)}",
                po=f"PO-{rng.randint(4500, 4999)}",
                location="RCV",
            ),
            clerk,
        )
        if late:
            continue  # the last days' receipts still wait for QA: the inspection list has work
        clock.now += timedelta(minutes=rng.randint(20, 90))
        quality.inspect_lot(session, qa, lot=lot.code, result="pass", notes="CoA checked, visual OK")
        quality.release_lot(session, qa, lot=lot.code, reason="released after incoming inspection", pin=QA_PIN)


def _issue_for(session: Session, lead: Actor, order: str, component: str, needed: Decimal, clock: _Clock) -> None:
    for lot in _released_stock(session, component):
        if needed <= 0:
            return
        if lot.expiry is not None and lot.expiry < lead.today:
            continue
        take = min(lot.balance, needed)
        clock.now += timedelta(minutes=3)
        production.issue_lot_to_order(session, lead, order=order, lot=lot.code, quantity=take)
        needed -= take


def _run_order(
    session: Session, lead: Actor, rng: random.Random, clock: _Clock, product: str, outputs: list[Decimal]
) -> list[str]:
    total = sum(outputs, Decimal(0))
    order = production.create_work_order(
        session, lead, product=product, quantity=total, line="LINE-1", equipment=rng.choice(["Mixer M2", "Oven T1", "Wrapper W3"])
    )
    for component, per in BOMS[product]:
        _issue_for(session, lead, order.number, component, (Decimal(per) * total).quantize(Decimal("0.1")), clock)
    production.record_parameter(
        session, lead, order=order.number, name="temperature", value=str(rng.randint(175, 190)), unit="°C"
    )
    codes = []
    for amount in outputs:
        clock.now += timedelta(minutes=rng.randint(30, 90))
        codes.append(production.record_output(session, lead, order=order.number, quantity=amount).code)
    production.close_order(session, lead, order=order.number)
    return codes


def _produce_day(session: Session, lead: Actor, rng: random.Random, clock: _Clock) -> None:
    clock.now = clock.now.replace(hour=8)
    _run_order(session, lead, rng, clock, "DOUGH", [Decimal(rng.choice([400, 450, 500]))])
    dough = sum((lot.balance for lot in _released_stock(session, "DOUGH")), Decimal(0))
    baked = (dough / Decimal("1.1")).quantize(Decimal(1))
    if baked > 0:
        _run_order(session, lead, rng, clock, "BISCUIT", [baked // 2, baked - baked // 2])
    bulk = sum((lot.balance for lot in _released_stock(session, "BISCUIT")), Decimal(0))
    cartons = int(bulk / Decimal("2.4"))
    if cartons >= 20:
        _run_order(session, lead, rng, clock, "CARTON-12", [Decimal(cartons // 2), Decimal(cartons - cartons // 2)])


def _ship(session: Session, clerk: Actor, rng: random.Random, clock: _Clock) -> None:
    """Cartons leave two days after packing, each lot to one or two customers; some stays in stock."""
    clock.now = clock.now.replace(hour=16)
    cutoff = clock.now - timedelta(days=2)
    for lot in _released_stock(session, "CARTON-12"):
        if lot.produced_at is not None and lot.produced_at > cutoff:
            continue
        remaining = lot.balance
        for _ in range(rng.randint(1, 2)):
            amount = min(remaining, Decimal(rng.randint(30, 70)))
            if amount <= 0:
                break
            clock.now += timedelta(minutes=10)
            shipping.ship_lot(
                session,
                clerk,
                lot=lot.code,
                customer=f"C{rng.randint(1, len(CUSTOMERS)):03}",
                quantity=amount,
                document=f"DN-{rng.randint(100000, 999999)}",
            )
            remaining -= amount


def _special_cases(session: Session, clerk: Actor, qa: Actor, rng: random.Random, clock: _Clock) -> None:
    """A rejected lot, a lot on hold, a split: every QA screen has something to show."""
    clock.now += timedelta(hours=1)
    butter = register_received_lot(
        session, ReceiveRequest(item="BUTTER", quantity="300", supplier="DAIRY", supplier_lot="DAI-REJ-01", po="PO-4990"), clerk
    )
    quality.inspect_lot(session, qa, lot=butter.code, result="fail", notes="temperature on arrival 11 °C")
    quality.reject_lot(session, qa, lot=butter.code, reason="cold chain broken on delivery", pin=QA_PIN)
    clock.now += timedelta(minutes=30)
    flour = list(
        session.scalars(
            select(Lot.code)
            .join(Item, Item.id == Lot.item_id)
            .where(Item.code == "FLOUR-T55", Lot.status == "released")
            .order_by(Lot.received_at)
        )
    )
    if flour:
        # A flour lot from mid-season, used up weeks ago: its dough, biscuits and cartons become
        # suspect and its recall reaches the customers who received them, as in a real incident.
        quality.hold_lot(session, qa, lot=flour[len(flour) // 2], reason="supplier complaint: foreign matter")
    sugar = _released_stock(session, "SUGAR")
    if sugar and sugar[0].balance > 50:
        inventory.split_lot(session, clerk, lot=sugar[0].code, quantities=["25", "25"])
    _warehouse(session, clerk, qa, butter.code, clock)


def _warehouse(session: Session, clerk: Actor, qa: Actor, rejected: str, clock: _Clock) -> None:
    """Cartons in stock put away into bins, a customer's return in the cage, the rejected butter destroyed."""
    for n, lot in enumerate(_released_stock(session, "CARTON-12")):
        clock.now += timedelta(minutes=5)
        # Cartons made from the held flour are suspect: they wait in the cage, not in a bin.
        place = "QC-CAGE" if suspect_reason(session, lot.id) else FG_BINS[n % len(FG_BINS)]
        warehouse.move_lot(session, clerk, lot=lot.code, to=place, purpose="put_away")
    shipped = session.execute(
        select(Lot.code, Shipment.document, Shipment.quantity)
        .join(Shipment, Shipment.lot_id == Lot.id)
        .order_by(Shipment.shipped_at.desc(), Shipment.id.desc())
        .limit(1)
    ).first()
    if shipped is not None:
        clock.now += timedelta(minutes=20)
        aftersales.receive_return(
            session,
            clerk,
            lot=shipped[0],
            document=shipped[1],
            quantity=min(Decimal(6), shipped[2]),
            reason="cartons crushed in transport",
            to="QC-CAGE",
        )
    clock.now += timedelta(minutes=20)
    warehouse.move_lot(session, clerk, lot=rejected, to="QC-CAGE")
    clock.now += timedelta(hours=2)
    aftersales.scrap_lot(
        session,
        qa,
        lot=rejected,
        reason="rejected: cold chain broken",
        destroy=True,
        witness=clerk.user,
        witness_pin=DEMO_PINS[clerk.user],
    )
