"""The material-flow diagram's columns: suppliers left, items by what they are made of, customers right."""

from __future__ import annotations

from decimal import Decimal

from tracedesk.services.analytics_flow import FlowLink
from tracedesk.services.flow_layout import layout, simplified


def _link(source: str, target: str, quantity: str = "10") -> FlowLink:
    return FlowLink(source, target, Decimal(quantity), "kg")


def _columns(links: list[FlowLink]) -> dict[str, int]:
    shape = layout(links)
    return {node.key: node.column for node in shape.nodes} | {"columns": shape.columns}


def test_items_stand_right_of_what_they_are_made_from():
    links = [
        _link("supplier:MILL", "item:FLOUR"),
        _link("item:FLOUR", "item:DOUGH"),
        _link("item:SUGAR", "item:DOUGH"),
        _link("supplier:CANE", "item:SUGAR"),
        _link("item:DOUGH", "item:BISCUIT"),
        _link("item:BISCUIT", "customer:SHOP"),
    ]
    assert _columns(links) == {
        "supplier:MILL": 0,
        "supplier:CANE": 0,
        "item:FLOUR": 1,
        "item:SUGAR": 1,
        "item:DOUGH": 2,
        "item:BISCUIT": 3,
        "customer:SHOP": 4,
        "columns": 5,
    }


def test_a_loop_through_the_merged_items_does_not_spread_the_columns():
    # Thirteen raw items merge into "item:*" beside the largest; products made from them and
    # reworked back into them make a loop that used to push nodes right on every turn.
    links = [_link("supplier:S", f"item:RAW{i:02}", str(100 - i)) for i in range(14)]
    links += [_link(f"item:RAW{i:02}", "item:FIN", "5") for i in range(14)]
    links += [_link(f"item:RAW{i:02}", f"item:P{i:02}", "1") for i in range(14)]
    links += [_link(f"item:P{i:02}", f"item:RAW{(i + 1) % 14:02}", "1") for i in range(14)]
    links += [_link("item:FIN", "customer:C")]
    shape = layout(simplified(links))
    column = {node.key: node.column for node in shape.nodes}
    assert column["supplier:S"] == 0
    assert column["customer:C"] == shape.columns - 1
    assert shape.columns <= 5
    # Neighbouring columns keep their distance: no item column sits on the suppliers' one.
    xs = sorted({node.x for node in shape.nodes})
    assert min(b - a for a, b in zip(xs, xs[1:], strict=False)) >= 0.2
