"""core.records.NamedTuple builds what typing.NamedTuple builds, without loading typing."""

from __future__ import annotations

import pickle
import subprocess
import sys
import typing

import pytest

from tracedesk.core import records
from tracedesk.services.trace_dto import LotInfo, TraceNode


def _shape(base: type) -> type:
    class Shipment(base):  # type: ignore[misc, valid-type]
        """A shipment."""

        lot: str
        quantity: int
        unit: str = "kg"
        note: str = ""

        @property
        def label(self) -> str:
            return f"{self.lot} {self.quantity} {self.unit}"

        @classmethod
        def of(cls, lot: str) -> Shipment:
            return cls(lot, 1)

    return Shipment


def test_a_record_has_the_fields_defaults_methods_and_tuple_behaviour_of_typing_s():
    ours, theirs = _shape(records.NamedTuple), _shape(typing.NamedTuple)
    for made in (ours, theirs):
        one = made("L1", 5, note="x")
        assert one == ("L1", 5, "kg", "x") and isinstance(one, tuple)
        assert one.label == "L1 5 kg" and made.of("L2") == ("L2", 1, "kg", "")
        assert one._replace(unit="t").unit == "t" and one.unit == "kg"
        assert tuple.__new__(made, ("L3", 2, "t", "")).label == "L3 2 t"
        assert made.__doc__ == "A shipment." and made.__name__ == "Shipment"
        with pytest.raises(AttributeError):
            one.lot = "L9"  # type: ignore[misc]
        with pytest.raises(TypeError):
            made()  # type: ignore[call-arg]
    assert ours._fields == theirs._fields and ours._field_defaults == theirs._field_defaults
    assert repr(ours("L1", 5)) == repr(theirs("L1", 5))


def test_a_field_without_a_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError, match="without a default"):

        class Bad(records.NamedTuple):  # type: ignore[misc]
            a: int = 0
            b: int


def test_the_trace_records_pickle_and_compare_as_before():
    node = TraceNode("L1", "FLOUR", "Flour", 1, "released", "WO1", 2_500_000, "kg")
    assert str(node.quantity) == "2.5" and pickle.loads(pickle.dumps(node)) == node
    lot = LotInfo("L1", "FLOUR", "Flour", node.quantity, node.quantity, "kg", "on_hold", "received")
    assert lot.is_blocked and lot._replace(status="released").is_blocked is False
    assert pickle.loads(pickle.dumps(lot)) == lot


def test_the_records_of_a_trace_load_neither_typing_nor_dataclasses():
    code = "import sys, tracedesk.services.trace, tracedesk.db.reader, tracedesk.paths; print(sorted(m for m in ('typing', 'dataclasses') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
