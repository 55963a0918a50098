"""Column types that keep quantities exact and times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from tracedesk.db.scaled import FACTOR as _FACTOR
from tracedesk.db.scaled import SCALE, from_scaled

__all__ = ["SCALE", "Quantity", "UtcDateTime", "from_scaled"]


class Quantity(TypeDecorator[Decimal]):
    """An exact Decimal stored as an integer count of millionths: summable in SQL, never a float."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * _FACTOR
        integral = scaled.to_integral_value()
        if integral != scaled:
            raise ValueError(f"quantity {value} has more than {SCALE} decimals")
        return int(integral)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return from_scaled(int(value))


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)
