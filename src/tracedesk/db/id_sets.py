"""Many ids in one statement: one JSON parameter instead of a parameter per id.

SQLite refuses a statement with more than 32,766 parameters, and a recall's scope can hold a
third of the plant; `json_each` turns one text parameter into a table of values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, select


def id_set(ids: Iterable[Any]) -> Select[Any]:
    """The given ids (or codes) as a subquery, for `column.in_(id_set(ids))`."""
    values = func.json_each(json.dumps(list(ids))).table_valued("value")
    return select(values.c.value)
