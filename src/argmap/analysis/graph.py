"""Adjacency views of a map's relations, shared by checks, semantics, outline and rendering."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

from argmap.model import ArgMap, Relation


@dataclass
class Graph:
    """Relations indexed both ways. Only relations whose two ends exist are indexed."""

    incoming: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))
    outgoing: dict[str, list[Relation]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, amap: ArgMap) -> Graph:
        graph = cls()
        ids = amap.by_id
        for rel in amap.relations:
            if rel.source in ids and rel.target in ids:
                graph.outgoing[rel.source].append(rel)
                graph.incoming[rel.target].append(rel)
        return graph

    def into(self, node_id: str, *types: str) -> list[Relation]:
        """Relations ending at `node_id`, of the given types (all when none given)."""
        rels = self.incoming.get(node_id, [])
        return [r for r in rels if not types or r.type in types]

    def out_of(self, node_id: str, *types: str) -> list[Relation]:
        """Relations starting at `node_id`, of the given types (all when none given)."""
        rels = self.outgoing.get(node_id, [])
        return [r for r in rels if not types or r.type in types]


def strongly_connected(nodes: Iterable[str], successors: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit on long chains). A component is
    listed after every component it reaches, so with `successors` giving each node's dependencies the list is an
    evaluation order.

    >>> strongly_connected("abcd", {"a": ["b"], "b": ["a", "c"], "c": [], "d": ["c"]})
    [['c'], ['b', 'a'], ['d']]
    """
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    order: list[list[str]] = []
    for root in nodes:
        if root in index_of:
            continue
        index_of[root] = low[root] = len(index_of)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors.get(root, ())))]
        while work:
            node_id, children = work[-1]
            for child in children:
                if child not in index_of:
                    index_of[child] = low[child] = len(index_of)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                    break
                if child in on_stack and index_of[child] < low[node_id]:
                    low[node_id] = index_of[child]
            else:
                work.pop()
                if low[node_id] == index_of[node_id]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node_id:
                            break
                    order.append(component)
                if work:
                    parent = work[-1][0]
                    if low[node_id] < low[parent]:
                        low[parent] = low[node_id]
    return order


def cycles(successors: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node: the circles in a graph. Nodes that no circle
    can pass through (peeled off as in a topological sort) are set aside first, so an acyclic graph, the usual
    case, costs one linear pass.

    >>> [sorted(circle) for circle in cycles({"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": []})]
    [['a', 'b', 'c']]
    >>> cycles({"a": ["b"], "b": []})
    []
    """
    pending = Counter(chain.from_iterable(successors.values()))
    ready = [node for node in successors if node not in pending]
    left = len(pending.keys() | successors.keys())
    while ready:
        node = ready.pop()
        left -= 1
        for target in successors.get(node, ()):
            pending[target] -= 1
            if not pending[target]:
                ready.append(target)
    if not left:
        return []
    rest = {node: [t for t in successors.get(node, ()) if pending[t]] for node, count in pending.items() if count}
    return [component for component in strongly_connected(list(rest), rest) if len(component) > 1]
