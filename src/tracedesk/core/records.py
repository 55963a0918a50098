"""Named tuples made without loading the typing module, for the records a script's read builds.

A script asking `tracedesk trace LOT --json` starts a process for one answer, and `typing`
alone costs about a tenth of a bare Python script's start. The modules on that path write

    TYPE_CHECKING = False
    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from tracedesk.core.records import NamedTuple

so that type checkers see `typing.NamedTuple` (mypy takes any `TYPE_CHECKING` as true) and
the program gets the same class from `collections.namedtuple`: the fields in the order of the
class body with their defaults, and the body's methods, properties and docstring.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_NOT_COPIED = frozenset(("__annotations__", "__dict__", "__weakref__", "__slots__"))


class _NamedTupleMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:  # noqa: N804
        if not bases:
            return super().__new__(mcls, name, bases, namespace)  # NamedTuple itself
        annotations: dict[str, str] = namespace.get("__annotations__", {})
        fields = list(annotations)
        defaults = [namespace[field] for field in fields if field in namespace]
        if any(field not in namespace for field in fields[len(fields) - len(defaults) :]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        record = namedtuple(name, fields, defaults=defaults, module=str(namespace.get("__module__")))  # type: ignore[misc]  # noqa: PYI024
        for key, value in namespace.items():
            if key not in _NOT_COPIED and key not in annotations:
                setattr(record, key, value)
        return record


NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})
