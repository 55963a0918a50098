"""Where the boxes and bands of a material-flow (Sankey) diagram go: geometry only, shared by screen and PDF.

Columns run left to right: suppliers, then items by how far they are from a supplier (raw
items first, products after what they are made of), then customers. A node is as tall as the
larger of what flows in and out; bands leave and enter their nodes stacked, largest first.
Coordinates are fractions of the drawing: x and y from 0 to 1, y downwards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from tracedesk.services.analytics_flow import FlowLink

GAP = 0.02  # space between two nodes of a column, as a fraction of the height
NODE_WIDTH = 0.025
# A plant's year has hundreds of items and customers: beyond this many per kind, the smaller
# ones are drawn as one node ("kind:*"), so the picture stays readable and quick to draw.
MOST_NODES = 12
OTHERS = "*"


@dataclass(frozen=True)
class FlowNode:
    key: str  # "kind:code"
    column: int
    x: float
    y: float
    height: float
    value: float

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def code(self) -> str:
        return self.key.split(":", 1)[1]


@dataclass(frozen=True)
class FlowBand:
    link: FlowLink
    x0: float
    top0: float
    x1: float
    top1: float
    width: float


@dataclass(frozen=True)
class FlowLayout:
    nodes: tuple[FlowNode, ...]
    bands: tuple[FlowBand, ...]
    columns: int


def _columns(links: list[FlowLink]) -> dict[str, int]:
    """Each node's column: suppliers 0, an item one right of the furthest item it is made from, customers last.

    Loops are cut first (rework of a product into its own input, or the merged "item:*" node that
    is both made from and made into the items it stands for): a depth-first walk from the
    suppliers drops each link back into its own path, so the rest is acyclic and its longest
    paths give the columns; a loop no longer pushes its nodes one column further per turn.
    """
    keys = {k for f in links for k in (f.source, f.target)}
    column = {k: 0 if k.startswith("supplier:") else 1 for k in keys if not k.startswith("customer:")}
    # The walk takes the heaviest links first, so a loop is cut at its lightest link.
    weight: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for f in links:
        if not f.target.startswith("customer:") and f.target != f.source:
            weight[f.source][f.target] += f.quantity
    following = {k: sorted(targets, key=lambda t: (-targets[t], t)) for k, targets in weight.items()}
    forward: dict[str, list[str]] = defaultdict(list)
    finished: list[str] = []
    on_path, seen = set(), set()
    for root in sorted(column, key=lambda k: (column[k], k)):
        if root in seen:
            continue
        seen.add(root)
        on_path.add(root)
        stack = [(root, iter(following.get(root, [])))]
        while stack:
            key, rest = stack[-1]
            child = next(rest, None)
            if child is None:
                on_path.discard(key)
                finished.append(key)
                stack.pop()
            elif child not in on_path:  # a link back into the path closes a loop: not a step right
                forward[key].append(child)
                if child not in seen:
                    seen.add(child)
                    on_path.add(child)
                    stack.append((child, iter(following.get(child, []))))
    for key in reversed(finished):  # a topological order of what is left
        for child in forward[key]:
            column[child] = max(column[child], column[key] + 1)
    last = max(column.values(), default=0) + 1
    column.update({k: last for k in keys if k.startswith("customer:")})
    return column


def simplified(links: list[FlowLink], most: int = MOST_NODES) -> list[FlowLink]:
    """The links with all but the `most` largest suppliers, items and customers merged into one node per kind."""
    size: dict[str, Decimal] = defaultdict(Decimal)
    for f in links:
        size[f.source] += f.quantity
        size[f.target] += f.quantity
    kept: set[str] = set()
    for kind in ("supplier", "item", "customer"):
        ranked = sorted((k for k in size if k.startswith(f"{kind}:")), key=lambda k: (-size[k], k))
        kept.update(ranked if len(ranked) <= most + 1 else ranked[:most])

    def node(key: str) -> str:
        return key if key in kept else f"{key.split(':', 1)[0]}:{OTHERS}"

    merged: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for f in links:
        merged[(node(f.source), node(f.target), f.unit)] += f.quantity
    return [FlowLink(source, target, quantity, unit) for (source, target, unit), quantity in sorted(merged.items())]


def layout(links: list[FlowLink]) -> FlowLayout:
    """The diagram of `links` (bands between the same pair in several units are drawn side by side).

    Call `simplified` first for a whole plant: every link becomes a band.
    """
    links = [f for f in links if f.quantity > 0 and f.source != f.target]
    if not links:
        return FlowLayout((), (), 0)
    column = _columns(links)
    inflow: dict[str, float] = defaultdict(float)
    outflow: dict[str, float] = defaultdict(float)
    for f in links:
        outflow[f.source] += float(f.quantity)
        inflow[f.target] += float(f.quantity)
    value = {k: max(inflow[k], outflow[k]) for k in column}
    count = max(column.values()) + 1
    stacks: dict[int, list[str]] = defaultdict(list)
    for key in sorted(column, key=lambda k: (-value[k], k)):
        stacks[column[key]].append(key)
    busiest = max(sum(value[k] for k in keys) for keys in stacks.values())
    most_gaps = max(len(keys) - 1 for keys in stacks.values())
    scale = (1 - GAP * most_gaps) / busiest if busiest else 0
    nodes: dict[str, FlowNode] = {}
    for col, keys in stacks.items():
        x = 0 if count == 1 else col / (count - 1) * (1 - NODE_WIDTH)
        y = 0.0
        for key in keys:
            nodes[key] = FlowNode(key, col, x, y, value[key] * scale, value[key])
            y += value[key] * scale + GAP
    out_used: dict[str, float] = defaultdict(float)
    in_used: dict[str, float] = defaultdict(float)
    bands = []
    for f in sorted(links, key=lambda f: (nodes[f.source].y, nodes[f.target].y, f.unit)):
        width = float(f.quantity) * scale
        source, target = nodes[f.source], nodes[f.target]
        bands.append(
            FlowBand(f, source.x + NODE_WIDTH, source.y + out_used[f.source], target.x, target.y + in_used[f.target], width)
        )
        out_used[f.source] += width
        in_used[f.target] += width
    return FlowLayout(tuple(sorted(nodes.values(), key=lambda n: (n.column, n.y))), tuple(bands), count)
