"""The parts of a large view, for its overview: each top-level conclusion with what bears on it, or the nodes
sharing a theme, actor or tag. Pure (no Graphviz).

Conclusions are the nodes that bear on nothing (the source of no relation in the view). Every other node joins
the part of the nearest conclusion it bears on, directly or through others (ties: the conclusion first in file
order). A part far larger than the rest is split under its conclusion: the largest lines of argument bearing on it
directly (a node bearing on it with what bears on that node) head parts of their own, as many as the overview has
room for, and the conclusion keeps a part with the smaller ones (parts of up to `READABLE` nodes are never split).
So a conclusion with a thousand direct reasons gives a few parts, not a thousand. Nodes reaching no conclusion (a
cycle with nothing above it) join one part of their own, as do unrelated nodes.

`chunks` cuts a view differently, for laying it out in pieces: into connected pieces of at most a given size,
few relations between them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.model import NodeBase, Relation

#: An overview aims at no more parts than this (conclusions beyond it are never merged, only split up to it).
TARGET_PARTS = 24
#: A part this small is drawn whole, never split (its own diagram stays readable).
READABLE = 80
FACETS = {"theme": "themes", "actor": "actors", "tag": "tags"}


@dataclass(frozen=True)
class Part:
    """One part: a stable key (for file names and SVG ids), a title, its head node (for a conclusion's part) and
    its nodes' ids in view order."""

    key: str
    title: str
    head: str | None
    nodes: tuple[str, ...]


def _claim(heads: Sequence[str], members: set[str], into: dict[str, list[str]]) -> dict[str, str]:
    """Multi-source breadth-first search backwards (from conclusions to what bears on them) within `members`."""
    owner = {head: head for head in heads}
    queue = deque(heads)
    while queue:
        node = queue.popleft()
        for other in into.get(node, ()):
            if other in members and other not in owner:
                owner[other] = owner[node]
                queue.append(other)
    return owner


def by_conclusion(nodes: Sequence[NodeBase], relations: Sequence[Relation], target: int = TARGET_PARTS,
                  largest: int | None = None) -> list[Part]:
    """Parts under the top-level conclusions of a view, split while one part dwarfs the others (or, with
    `largest`, while one has more nodes than that)."""
    order = {node.id: i for i, node in enumerate(nodes)}
    into: dict[str, list[str]] = {}
    sources: set[str] = set()
    linked: set[str] = set()
    for rel in relations:
        into.setdefault(rel.target, []).append(rel.source)
        sources.add(rel.source)
        linked.update((rel.source, rel.target))
    heads = [node.id for node in nodes if node.id not in sources and node.id in linked]
    owner = _claim(heads, set(order), into)
    groups: dict[str, list[str]] = {head: [] for head in heads}
    for node in nodes:
        if node.id in owner:
            groups[owner[node.id]].append(node.id)
    fixed: set[str] = set()
    while True:
        head = max((h for h in groups if h not in fixed), key=lambda h: len(groups[h]), default=None)
        if head is None:
            break
        if largest is not None:
            if len(groups[head]) <= largest:
                break
        elif len(groups) >= target or len(groups[head]) <= max(READABLE, 2 * len(nodes) // target):
            break
        members = set(groups[head])
        children = [c for c in dict.fromkeys(into.get(head, ())) if c in members and c != head]
        if len(children) < 2:
            fixed.add(head)
            continue
        del groups[head]
        members.discard(head)
        sub = _claim(children, members, into)
        under: dict[str, list[str]] = {child: [] for child in children}
        for member in members:
            if member in sub:
                under[sub[member]].append(member)
        # Lines of at least a `target`-th of the part get parts of their own, as many as there is room for, and
        # at least the two largest (a split always makes progress); with `largest`, every line above it does.
        # The others stay with the conclusion.
        ranked = sorted(children, key=lambda c: (-len(under[c]), order[c]))
        room = max(2, target - len(groups) - 1)
        own = [c for i, c in enumerate(ranked)
               if i < 2 or (i < room and len(under[c]) * target >= len(members))
               or (largest is not None and len(under[c]) > largest)]
        kept = set(own)
        groups[head] = [head]
        fixed.add(head)
        for child in own:
            groups[child] = sorted(under[child], key=order.__getitem__)
        leftover = [n for n in members if n not in sub or sub[n] not in kept]
        groups[head] = sorted([head, *leftover], key=order.__getitem__)
    parts = [Part(f"part-{number + 1}", text_of(nodes, order, head), head, tuple(ids))
             for number, (head, ids) in enumerate(sorted(groups.items(), key=lambda kv: order[kv[0]]))]
    placed = {n for p in parts for n in p.nodes}
    rest = tuple(node.id for node in nodes if node.id not in placed)
    if rest:
        parts.append(Part(f"part-{len(parts) + 1}", "not linked to a conclusion", None, rest))
    return parts


def text_of(nodes: Sequence[NodeBase], order: dict[str, int], node_id: str) -> str:
    return nodes[order[node_id]].text


def by_facet(nodes: Sequence[NodeBase], facet: str, names: dict[str, str]) -> list[Part]:
    """Parts by a node's first theme, actor or tag (`names`: the map's vocabulary), then one for the rest."""
    attribute = FACETS[facet]
    groups: dict[str, list[str]] = {}
    for node in nodes:
        values: list[str] = list(getattr(node, attribute))
        groups.setdefault(values[0] if values else "", []).append(node.id)
    keys = [k for k in names if k in groups] + sorted(k for k in groups if k and k not in names)
    parts = [Part(f"{facet}-{number + 1}", names.get(key, key), None, tuple(groups[key]))
             for number, key in enumerate(keys)]
    if "" in groups:
        parts.append(Part(f"{facet}-none", f"no {facet}", None, tuple(groups[""])))
    return parts


def chunks(nodes: Sequence[NodeBase], relations: Sequence[Relation], largest: int) -> list[list[str]]:
    """The view cut into connected pieces of at most `largest` nodes (ids in view order, pieces in the order of
    their top node), with few relations between pieces: for laying out a big argument in pieces.

    Each node hangs under the node it bears on nearest a conclusion (a spanning forest, found breadth-first from
    the conclusions, then from any node left over, as in a cycle with nothing above it). Bottom up, a node whose
    hanging subtree grows beyond `largest` sheds its largest branches as pieces of their own.

    >>> from argmap.model import Claim, Relation
    >>> ns = [Claim(id=i, text=i) for i in "abcde"]
    >>> rs = [Relation(source=s, target=t, type="supports") for s, t in ("ba", "ca", "db", "eb")]
    >>> chunks(ns, rs, 3)
    [['a', 'c'], ['b', 'd', 'e']]
    """
    order = {node.id: i for i, node in enumerate(nodes)}
    into: dict[str, list[str]] = {}
    sources: set[str] = set()
    for rel in relations:
        if rel.source in order and rel.target in order and rel.source != rel.target:
            into.setdefault(rel.target, []).append(rel.source)
            sources.add(rel.source)
    parent: dict[str, str | None] = {}
    visit: list[str] = []
    roots = [node.id for node in nodes if node.id not in sources] + [node.id for node in nodes]
    for root in roots:
        if root in parent:
            continue
        parent[root] = None
        queue = deque([root])
        while queue:
            node = queue.popleft()
            visit.append(node)
            for other in into.get(node, ()):
                if other not in parent:
                    parent[other] = node
                    queue.append(other)
    size = dict.fromkeys(visit, 1)
    hanging: dict[str, list[str]] = {}
    cut: set[str] = set()
    for node in reversed(visit):  # children before their parent
        if size[node] > largest:
            for child in sorted(hanging.get(node, ()), key=lambda c: (-size[c], order[c])):
                if size[node] <= largest:
                    break
                cut.add(child)
                size[node] -= size[child]
        up = parent[node]
        if up is not None:
            size[up] += size[node]
            hanging.setdefault(up, []).append(node)
    piece: dict[str, str] = {}
    for node_id in visit:  # parents before their children
        up = parent[node_id]
        piece[node_id] = node_id if up is None or node_id in cut else piece[up]
    out: dict[str, list[str]] = {}
    for item in nodes:
        if item.id in piece:
            out.setdefault(piece[item.id], []).append(item.id)
    return sorted(out.values(), key=lambda ids: order[ids[0]])
