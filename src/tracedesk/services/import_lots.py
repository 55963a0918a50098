"""The lots an import names and the movements of their quantities, kept in the import's spool.

A million-lot import used to hold a Python object per lot and a tuple per movement until the
balances were checked: about half a gigabyte. The lots the import creates and every movement
now live in tables of the scratch file (db of services.import_spool); the lots already stored
stay in memory (an import into an empty database has none). The balance replay is one SQL
statement: a running sum per lot in time order, the first movement that breaks a rule in the
order the replay met them. Only that lot is then replayed in Python, for the exact numbers.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from tracedesk.services.import_sources import ImportProblem, Place, Source
from tracedesk.services.import_spool import Spool, sort_key

ZERO = Decimal(0)
SCALE = Decimal(1_000_000)  # quantities have at most six decimals (core.quantity.MAX_DECIMALS)
FLUSH = 20_000


@dataclass(slots=True)
class LotState:
    """What the planner knows of one lot.

    `key` and `output_key` identify a stored lot's receipt or output, to recognise a row
    imported before; `balance` is the stored balance the replay of movements starts from;
    `table` and `row` say where the import created a lot (None for a stored one).
    """

    item: str
    created: datetime | str | None
    order: str | None
    stored: bool = False
    balance: Decimal = ZERO
    key: tuple[Any, ...] | None = None
    output_key: tuple[Any, ...] | None = None
    table: str | None = None
    row: int | None = None


# Times are UTC texts (services.import_spool.sort_key): they sort as the times do, and the
# planner's times are all UTC (core.parsing.parse_timestamp), so a message gets them back.
_SCHEMA = (
    'CREATE TABLE lots (code TEXT PRIMARY KEY, item TEXT, created TEXT, "order" TEXT, tab TEXT, row INTEGER) WITHOUT ROWID',
    "CREATE TABLE movements (at TEXT, kind INTEGER, lot TEXT, scaled INTEGER, delta TEXT, source INTEGER, row INTEGER)",
)


class LotBook:
    """Every lot the import names, stored or new, and the movements of the new rows."""

    def __init__(self, spool: Spool) -> None:
        self._db = spool.connection
        for statement in _SCHEMA:
            self._db.execute(statement)
        self.stored: dict[str, LotState] = {}
        # Lots created by the rows of the last batch, not yet written (looked up here first).
        self._pending: dict[str, tuple[str, str, str | None, str, int]] = {}
        # The lots of the rows at hand, looked up together (`prefetch`); a code of those rows
        # that is not here is not in the table either (unless written since: `_window` goes).
        self._found: dict[str, tuple[str, str, str | None, str, int]] = {}
        self._window: set[str] = set()
        self._moves: list[tuple[str, int, str, int, str, int, int]] = []
        self._sources: list[Source] = []

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def prefetch(self, codes: Iterable[str]) -> None:
        """Look up the lots of the next rows in one statement rather than one each."""
        self._flush()
        self._window = set(codes)
        found = self._db.execute(
            'SELECT code, item, created, "order", tab, row FROM lots WHERE code IN (SELECT value FROM json_each(?))',
            (json.dumps(sorted(self._window)),),
        )
        self._found = {code: tuple(values) for code, *values in found}

    def get(self, code: str) -> LotState | None:
        stored = self.stored.get(code)
        if stored is not None:
            return stored
        found: Any = self._pending.get(code) or self._found.get(code)
        if found is None:
            if code in self._window:
                return None
            found = self._db.execute('SELECT item, created, "order", tab, row FROM lots WHERE code = ?', (code,)).fetchone()
            if found is None:
                return None
        item, created, order, table, row = found
        return LotState(item, created, order, table=table, row=row)

    def create(self, code: str, item: str, created: str, order: str | None, table: str, row: int) -> None:
        """A lot the import creates (a receipt or an output): item, time (its sort_key) and order it comes from."""
        self._pending[code] = (item, created, order, table, row)
        if len(self._pending) >= FLUSH:
            self._flush()

    def move(self, when: str, kind: int, code: str, delta: Decimal, source: Source, row: int) -> None:
        """A change of a lot's quantity at a time (its sort_key): kind 0 (a receipt or output)
        comes before 1 (a use) at one time."""
        if not self._sources or self._sources[-1] is not source:
            self._sources.append(source)
        self._moves.append((when, kind, code, int(delta * SCALE), str(delta), len(self._sources) - 1, row))
        if len(self._moves) >= FLUSH:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._db.executemany(
                'INSERT INTO lots (code, item, created, "order", tab, row) VALUES (?, ?, ?, ?, ?, ?)',
                ((code, *values) for code, values in self._pending.items()),
            )
            self._pending = {}
            self._window = set()  # what it says absent may have just been written
        if self._moves:
            self._db.executemany("INSERT INTO movements VALUES (?, ?, ?, ?, ?, ?, ?)", self._moves)
            self._moves = []

    def check_balances(self) -> None:
        """Replay every movement in time order: no lot used before it exists or below zero.

        Movements at one time keep the order they were planned in (receipts and outputs first).
        """
        self._flush()
        # The stored lots' balances and times, next to the new lots' for the statement.
        self._db.execute("CREATE TEMP TABLE stored_lots (code TEXT PRIMARY KEY, created TEXT, scaled INTEGER) WITHOUT ROWID")
        self._db.executemany(
            "INSERT INTO stored_lots VALUES (?, ?, ?)",
            ((code, sort_key(lot.created), int(lot.balance * SCALE)) for code, lot in self.stored.items()),
        )
        try:
            first = self._db.execute(_FIRST_BROKEN).fetchone()
        except sqlite3.OperationalError:  # a running sum beyond 64 bits: absurd quantities
            first = self._replay_in_python()
        if first is not None:
            raise self._problem(first)

    def _replay_in_python(self) -> tuple[int, str] | None:
        balances: dict[str, int] = {}
        for seq, code, scaled, start, created, at in self._db.execute(_IN_ORDER):
            balance = balances.get(code, start) + scaled
            balances[code] = balance
            if (scaled < 0 and created is not None and at < created) or balance < 0:
                return seq, code
        return None

    def _problem(self, first: tuple[int, str]) -> ImportProblem:
        """The replay's own sentence for the first broken movement, with its exact numbers."""
        seq, code = first
        # Every movement's lot was found when its row was planned.
        lot = self.get(code) or LotState("", None, None)
        balance = lot.balance
        rows = self._db.execute(
            "SELECT rowid, delta, at, source, row FROM movements WHERE lot = ? ORDER BY at, kind, rowid", (code,)
        )
        for rowid, delta_text, at, source, row in rows:
            delta = Decimal(delta_text)
            if rowid == seq:
                place = self._sources[source]
                if delta < 0 and lot.created is not None and at < sort_key(lot.created):
                    return ImportProblem(
                        "lot {code} is used at {when}, before it was received or produced ({created})",
                        at=Place(place, row),
                        code=code,
                        when=_utc(at).isoformat(),
                        created=_utc(lot.created).isoformat(),
                    )
                return ImportProblem(
                    "lot {code} would go below zero: only {left} left, {taken} taken",
                    at=Place(place, row, "quantity"),
                    code=code,
                    left=balance + delta - delta,  # as the replay wrote it (the same exponent)
                    taken=-delta,
                )
            balance += delta
        raise AssertionError("the broken movement is missing from its lot's")


def _utc(moment: datetime | str) -> datetime:
    """A time as the planner had it (an aware UTC datetime), also from its sort_key text."""
    return moment if isinstance(moment, datetime) else datetime.fromisoformat(moment).replace(tzinfo=UTC)


# Each movement with its lot's starting balance and creation time (new lots start at zero).
_MOVES = """
    SELECT m.rowid AS seq, m.at, m.kind, m.lot, m.scaled,
           coalesce(s.scaled, 0) AS start, coalesce(s.created, l.created) AS created
    FROM movements m LEFT JOIN lots l ON l.code = m.lot LEFT JOIN stored_lots s ON s.code = m.lot
"""
_FIRST_BROKEN = f"""
    SELECT seq, lot FROM (
        SELECT seq, at, kind, lot, scaled, created,
               start + sum(scaled) OVER (PARTITION BY lot ORDER BY at, kind, seq ROWS UNBOUNDED PRECEDING) AS balance
        FROM ({_MOVES})
    )
    WHERE (scaled < 0 AND created IS NOT NULL AND at < created) OR balance < 0
    ORDER BY at, kind, seq LIMIT 1
"""
_IN_ORDER = f"SELECT seq, lot, scaled, start, created, at FROM ({_MOVES}) ORDER BY at, kind, seq"
