"""The driver write path stores exactly what SQLAlchemy Core would store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Boolean, Column, Date, Integer, MetaData, String, Table, insert, text

from tracedesk.db.bulk import insert_rows, insert_values, processor
from tracedesk.db.types import Quantity, UtcDateTime
from tracedesk.services.runtime import Runtime

SCRATCH = Table(
    "bulk_scratch",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("quantity", Quantity),
    Column("at", UtcDateTime),
    Column("on", Date),
    Column("note", String(20), default=""),
    Column("flag", Boolean, default=False),
)


def test_bulk_insert_stores_the_same_values_as_core(runtime: Runtime) -> None:
    SCRATCH.create(runtime.engine)
    # No microseconds: the stored text still carries them; absent columns take their defaults.
    row = {"quantity": Decimal("-2.5"), "at": datetime(2026, 3, 1, 8, 30, tzinfo=UTC), "on": date(2026, 3, 2)}
    with runtime.unit_of_work() as session:
        session.execute(insert(SCRATCH), [row])
        insert_rows(session, SCRATCH, [row])
    with runtime.unit_of_work() as session:
        core, bulk = session.execute(
            text('SELECT quantity, at, typeof(at), "on", note, flag FROM bulk_scratch ORDER BY id')
        ).all()
    assert tuple(core) == tuple(bulk) == (-2_500_000, "2026-03-01 08:30:00.000000", "text", "2026-03-02", "", 0)


def test_rows_of_another_shape_get_their_own_statement_and_defaults(runtime: Runtime) -> None:
    # Statements are worked out once per table and set of keys; a second shape must not reuse the first.
    table = Table(
        "bulk_shapes",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("quantity", Quantity),
        Column("note", String(20), default="none"),
        Column("flag", Boolean, default=False),
    )
    table.create(runtime.engine)
    with runtime.unit_of_work() as session:
        insert_rows(session, table, [{"quantity": Decimal("1.5")}])
        insert_rows(session, table, [{"quantity": Decimal("2"), "note": "given"}])
        insert_rows(session, table, [{"quantity": Decimal("3"), "flag": True}, {"quantity": Decimal("4"), "flag": False}])
        insert_rows(session, table, [{"quantity": Decimal("5")}])
    with runtime.unit_of_work() as session:
        rows = session.execute(text("SELECT quantity, note, flag FROM bulk_shapes ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [
        (1_500_000, "none", 0),
        (2_000_000, "given", 0),
        (3_000_000, "none", 1),
        (4_000_000, "none", 0),
        (5_000_000, "none", 0),
    ]


def test_the_fused_conversions_give_what_the_generic_chain_gives() -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    fused = {c.key: processor(c, dialect) for c in SCRATCH.columns}
    generic = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in SCRATCH.columns}
    values = {
        "quantity": [Decimal("0"), Decimal("-2.5"), Decimal("123456.000001"), Decimal("1E+2"), 3, None],
        "at": [datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=2))), datetime(2026, 1, 1, tzinfo=UTC), None],
        "on": [date(2026, 12, 31), None],
    }
    for key, samples in values.items():
        assert fused[key] is not generic[key]
        for sample in samples:
            assert fused[key](sample) == generic[key](sample)


def test_repeated_times_convert_as_the_first_time_did_whatever_their_zone() -> None:
    from zoneinfo import ZoneInfo

    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    fused = processor(SCRATCH.c.at, dialect)
    generic = SCRATCH.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    assert fused is not None and generic is not None
    berlin = ZoneInfo("Europe/Berlin")
    # The same instant under two offsets, and two instants of one zone that compare equal.
    same = [datetime(2026, 3, 1, 8, 30, tzinfo=UTC), datetime(2026, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))]
    folded = [datetime(2026, 10, 25, 2, 30, tzinfo=berlin), datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=berlin)]
    for sample in [*same, *folded, *same, *folded]:
        assert fused(sample) == generic(sample)
    assert fused(folded[0]) != fused(folded[1])
    with pytest.raises(ValueError, match="naive"):
        fused(datetime(2026, 3, 1, 8, 30))


def test_the_fused_conversions_refuse_what_the_types_refuse() -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    with pytest.raises(ValueError, match="naive"):
        processor(SCRATCH.c.at, dialect)(datetime(2026, 3, 1, 8, 30))
    with pytest.raises(ValueError, match="more than 6 decimals"):
        processor(SCRATCH.c.quantity, dialect)(Decimal("0.0000001"))


def test_rows_given_as_value_sequences_are_stored_like_dicts(runtime: Runtime) -> None:
    SCRATCH.create(runtime.engine)
    at = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    with runtime.unit_of_work() as session:
        insert_rows(session, SCRATCH, [{"quantity": Decimal("1.5"), "at": at}])
        insert_values(session, SCRATCH, ("quantity", "at"), iter([(Decimal("1.5"), at)]))
    with runtime.unit_of_work() as session:
        first, second = session.execute(text('SELECT quantity, at, "on", note, flag FROM bulk_scratch ORDER BY id')).all()
    assert tuple(first) == tuple(second) == (1_500_000, "2026-03-01 08:30:00.000000", None, "", 0)
