"""Which part of a map a diagram shows: the whole map, one node's neighbourhood, nodes filtered by kind, tag,
actor and theme. Pure (no Graphviz), so the explorer can ask for the same view it shows.

The neighbourhood of a focus node holds every node within `depth` relations of it, following relations in both
directions over the whole map. Filters then keep the nodes that match every non-empty filter (any listed value
within one); the focus node itself always stays. A relation is kept when both its ends are.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argmap.analysis.outline import ViewFilter
from argmap.errors import ArgmapError, suggest
from argmap.model import NODE_KINDS, ArgMap, NodeBase, Relation


@dataclass(frozen=True)
class View:
    """The nodes (file order, first of duplicate ids) and relations (file order, both ends kept) to draw."""

    nodes: tuple[NodeBase, ...]
    relations: tuple[Relation, ...]
    focus: str | None = None

    @property
    def ids(self) -> list[str]:
        return [node.id for node in self.nodes]


def neighbourhood(amap: ArgMap, focus: str, depth: int) -> set[str]:
    """Ids within `depth` relations of `focus`, either way (breadth-first, iterative)."""
    ids = amap.by_id
    adjacent: dict[str, list[str]] = {}
    for rel in amap.relations:
        if rel.source in ids and rel.target in ids:
            adjacent.setdefault(rel.source, []).append(rel.target)
            adjacent.setdefault(rel.target, []).append(rel.source)
    seen = {focus}
    queue: deque[tuple[str, int]] = deque([(focus, 0)])
    while queue:
        node_id, distance = queue.popleft()
        if distance >= depth:
            continue
        for other in adjacent.get(node_id, ()):
            if other not in seen:
                seen.add(other)
                queue.append((other, distance + 1))
    return seen


def _check_values(facet: str, values: Sequence[str], known: Iterable[str]) -> None:
    known_list = sorted(set(known))
    for value in values:
        if value not in known_list:
            listing = ", ".join(known_list) if known_list else "none in this map"
            raise ArgmapError(f"unknown {facet} '{value}'" + suggest(value, known_list) + f" (known: {listing})")


def _known(amap: ArgMap, facet: str, attribute: str) -> set[str]:
    vocabulary: dict[str, str] = getattr(amap, facet + "s")
    used = {value for node in amap.nodes for value in getattr(node, attribute)}
    return set(vocabulary) | used


def check_focus(amap: ArgMap, focus: str) -> None:
    """`ArgmapError` naming the closest id when `focus` is not a node of `amap` (`argmap export --focus`, `argmap
    open --focus`)."""
    if focus not in amap.by_id:
        raise ArgmapError(f"no node '{focus}' to focus on" + suggest(focus, amap.by_id)
                          + "; `argmap check` lists the ids")


def select_view(amap: ArgMap, *, focus: str | None = None, depth: int = 2, kind: Sequence[str] = (),
                tag: Sequence[str] = (), actor: Sequence[str] = (), theme: Sequence[str] = ()) -> View:
    """The view of `amap` these options ask for. Unknown focus ids and filter values raise `ArgmapError` with the
    closest known value."""
    if focus is not None:
        check_focus(amap, focus)
    if depth < 0:
        raise ArgmapError(f"depth must be 0 or more, not {depth}")
    _check_values("kind", kind, NODE_KINDS)
    for facet, values in (("tag", tag), ("actor", actor), ("theme", theme)):
        if values:  # the known values of a facet are gathered from every node: only when asked
            _check_values(facet, values, _known(amap, facet, facet + "s"))
    keep = ViewFilter(frozenset(kind), frozenset(tag), frozenset(actor), frozenset(theme))
    around = neighbourhood(amap, focus, depth) if focus is not None else None
    nodes: list[NodeBase] = []
    seen: set[str] = set()
    filtered = keep.active
    for node in amap.nodes:
        if node.id in seen:
            continue
        seen.add(node.id)
        if around is not None and node.id not in around:
            continue
        if node.id == focus or not filtered or keep.matches(node):
            nodes.append(node)
    kept = {node.id for node in nodes}
    relations: list[Relation] = []
    keys: set[tuple[str, str, str]] = set()
    for rel in amap.relations:
        if rel.source in kept and rel.target in kept:
            key = (rel.source, rel.type, rel.target)  # `Relation.key`, without a property call per relation
            if key not in keys:
                keys.add(key)
                relations.append(rel)
    if not nodes and keep.active:
        raise ArgmapError(f"no node passes the filters ({keep.describe()})")
    return View(tuple(nodes), tuple(relations), focus)


def auto_direction(ids: Sequence[str], edges: Sequence[tuple[str, str]]) -> str:
    """BT (premises below, conclusions on top) unless the graph is so shallow and wide that LR (conclusions on
    the right) comes nearer a square: estimated from its ranks (longest path, as `dot` ranks it) and the widest
    rank, with nodes about three times as wide as they are high.

    >>> auto_direction(["a", "b", "c"], [("a", "b"), ("b", "c")])
    'BT'
    >>> auto_direction([str(i) for i in range(41)], [(str(i), "0") for i in range(1, 41)])
    'LR'
    """
    rank = dict.fromkeys(ids, 0)
    into: dict[str, int] = dict.fromkeys(ids, 0)
    out: dict[str, list[str]] = {}
    for a, b in edges:
        if a in rank and b in rank:
            out.setdefault(a, []).append(b)
            into[b] += 1
    queue = deque(i for i in ids if into[i] == 0)
    while queue:
        node = queue.popleft()
        for other in out.get(node, ()):
            rank[other] = max(rank[other], rank[node] + 1)
            into[other] -= 1
            if into[other] == 0:
                queue.append(other)
    if not rank:
        return "BT"
    widths: dict[int, int] = {}
    for value in rank.values():
        widths[value] = widths.get(value, 0) + 1
    ranks, widest = len(widths), max(widths.values())
    if ranks < 2:  # no relation drawn: nothing to lay along a direction
        return "BT"
    tall = abs(math.log((widest * 3.0) / (ranks * 1.6)))  # BT: a rank is a row of nodes
    wide = abs(math.log((ranks * 4.0) / (widest * 1.0)))  # LR: a rank is a column of nodes
    return "LR" if wide < tall else "BT"
