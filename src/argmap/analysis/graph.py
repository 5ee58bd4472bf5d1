"""Adjacency views of a map's relations, shared by checks, semantics, outline and rendering."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

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
