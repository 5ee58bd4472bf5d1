"""The outline of a map: the argument as a tree, or its nodes grouped by theme, actor, tag or kind.

In the argument tree the roots are the top-level conclusions and forecasts: nodes that support, attack,
undercut or condition nothing (in file order). Under a node stand the nodes that bear on it (the sources of
its incoming relations, in the order of the relations in the file), recursively. A node is *placed* once, at its
shallowest position found breadth-first from the roots; everywhere else it appears as a *reference* (a leaf that
points to the placed row), so nodes with several parents show under each and cycles are cut, never looped.
Nodes that no root reaches (they sit on a cycle with no way out) become extra roots, the first in file order first.

A `ViewFilter` keeps nodes by kind, tag, actor and theme (any value within a facet, every active facet). In the
argument tree the nodes a match bears on stay visible as *context* rows, so every match keeps its place.

Rows are computed one level at a time (`roots()`, then `children(row)`), so a shell can build its tree lazily.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from argmap.analysis.graph import Graph, strongly_connected
from argmap.model import NODE_KINDS, ArgMap, NodeBase

#: How each relation type is marked in front of the node that bears on its parent row.
RELATION_ICONS: dict[str, str] = {"supports": "+", "attacks": "−", "undercuts": "⊘", "condition": "⇢", "requires": "⊃"}
REFERENCE_ICON = "↪"
#: The outline's groupings, in the order a shell cycles through them.
GROUPINGS: tuple[str, ...] = ("argument", "theme", "actor", "tag", "kind")
#: Filter facets: facet name -> node attribute holding its values.
FACETS: dict[str, str] = {"kind": "kind", "tag": "tags", "actor": "actors", "theme": "themes"}
NO_VALUE = "(none)"


@dataclass(frozen=True)
class ViewFilter:
    """Which nodes a view keeps: for each facet a set of allowed values (empty: no condition)."""

    kind: frozenset[str] = field(default_factory=frozenset)
    tag: frozenset[str] = field(default_factory=frozenset)
    actor: frozenset[str] = field(default_factory=frozenset)
    theme: frozenset[str] = field(default_factory=frozenset)

    @property
    def active(self) -> bool:
        return any(getattr(self, facet) for facet in FACETS)

    def matches(self, node: NodeBase) -> bool:
        """True when the node has one of the allowed values of every active facet."""
        for facet, attribute in FACETS.items():
            allowed: frozenset[str] = getattr(self, facet)
            if not allowed:
                continue
            value = getattr(node, attribute)
            values = [value] if isinstance(value, str) else value
            if not allowed.intersection(values):
                return False
        return True

    def toggled(self, facet: str, value: str) -> ViewFilter:
        """This filter with `value` added to or removed from `facet`."""
        current: frozenset[str] = getattr(self, facet)
        return replace(self, **{facet: current - {value} if value in current else current | {value}})

    def with_values(self, facet: str, values: Iterable[str]) -> ViewFilter:
        """This filter with `facet` set to exactly `values`."""
        return replace(self, **{facet: frozenset(values)})

    def describe(self) -> str:
        """`kind: claim, forecast · actor: iraqi-army`, or an empty string when nothing is filtered."""
        parts = [f"{facet}: {', '.join(sorted(getattr(self, facet)))}" for facet in FACETS if getattr(self, facet)]
        return " · ".join(parts)

    def as_options(self) -> dict[str, list[str]]:
        """The filter as the view options of the diagram exporters (`kind`, `tag`, `actor`, `theme`)."""
        return {facet: sorted(getattr(self, facet)) for facet in FACETS}


def facet_values(amap: ArgMap) -> list[tuple[str, str, str, int]]:
    """(facet, value, label, node count) for every value a filter can keep, in vocabulary order."""
    counts: Counter[tuple[str, str]] = Counter()
    for node in amap.by_id.values():
        counts["kind", node.kind] += 1
        for facet, attribute in FACETS.items():
            if facet != "kind":
                for value in set(getattr(node, attribute)):
                    counts[facet, value] += 1
    entries = [("kind", kind, kind, counts["kind", kind]) for kind in NODE_KINDS]
    for facet in ("tag", "actor", "theme"):
        vocabulary: dict[str, str] = getattr(amap, facet + "s")
        used = [value for (f, value) in counts if f == facet and value not in vocabulary]
        for value in [*vocabulary, *sorted(used)]:
            entries.append((facet, value, vocabulary.get(value, value), counts[facet, value]))
    return entries


@dataclass(frozen=True)
class Row:
    """One line of the outline. A node row has `node`; a group row has `group` and `label`."""

    key: str
    node: str | None = None
    relation: str | None = None
    reference: bool = False
    context: bool = False
    group: str | None = None
    label: str = ""
    count: int = 0
    has_children: bool = False

    @property
    def icon(self) -> str:
        """The mark in front of the row: the relation to its parent, `↪` for a reference."""
        mark = RELATION_ICONS.get(self.relation or "", "")
        return f"{mark}{REFERENCE_ICON}" if self.reference else mark


class Outline:
    """The rows of one view of a map: a grouping and a filter."""

    def __init__(self, amap: ArgMap, grouping: str = "argument", view_filter: ViewFilter | None = None,
                 graph: Graph | None = None) -> None:
        if grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping '{grouping}' (known: {', '.join(GROUPINGS)})")
        self.map = amap
        self.grouping = grouping
        self.filter = view_filter or ViewFilter()
        self.graph = graph or Graph.of(amap)
        nodes = list(amap.by_id.values())
        self.order = {node.id: index for index, node in enumerate(nodes)}
        active = self.filter.active
        self.matched = {node.id for node in nodes if not active or self.filter.matches(node)}
        if grouping == "argument":
            self.shown = self._with_context(self.matched)
            self._placed: dict[str, tuple[str | None, int]] = {}
            self._roots = self._place_all([node.id for node in nodes if node.id in self.shown])
        else:
            self.shown = set(self.matched)
            self._groups = self._group(nodes)

    # -- argument tree ---------------------------------------------------------------------------------------

    def _with_context(self, matched: set[str]) -> set[str]:
        """The matches and every node they bear on, directly or through others."""
        if not self.filter.active:
            return set(matched)
        shown = set(matched)
        queue = deque(matched)
        while queue:
            for rel in self.graph.out_of(queue.popleft()):
                if rel.target not in shown:
                    shown.add(rel.target)
                    queue.append(rel.target)
        return shown

    def _bearing_on(self, node_id: str) -> list[tuple[int, str, str]]:
        """(relation number, source, type) of the shown relations into `node_id`, in file order."""
        return [(index, rel.source, rel.type) for index, rel in enumerate(self.graph.into(node_id))
                if rel.source in self.shown]

    def _place_all(self, candidates: list[str]) -> list[str]:
        """Place every shown node breadth-first from the roots; return the roots in order."""
        roots = [nid for nid in candidates if not any(r.target in self.shown for r in self.graph.out_of(nid))]
        for root in roots:
            self._place_from(root)
        left = [nid for nid in candidates if nid not in self._placed]
        if left:  # cycles that no root reaches: the top of each is a cycle leading nowhere else
            for root in self._sink_cycle_heads(left):
                roots.append(root)
                self._place_from(root)
        return roots

    def _sink_cycle_heads(self, left: list[str]) -> list[str]:
        """The first node (in file order) of each strongly connected component of `left` that no relation leaves.
        Every node of `left` leads only to nodes of `left` (else it would hang under a placed node), so these
        components are where its arguments end."""
        members = set(left)
        successors = {nid: [r.target for r in self.graph.out_of(nid) if r.target in members] for nid in left}
        component: dict[str, int] = {}
        for number, nodes in enumerate(strongly_connected(left, successors)):
            for nid in nodes:
                component[nid] = number
        leaving = {component[nid] for nid in left if any(component[t] != component[nid] for t in successors[nid])}
        heads: dict[int, str] = {}
        for nid in left:
            if component[nid] not in leaving:
                heads.setdefault(component[nid], nid)
        return list(heads.values())

    def _place_from(self, root: str) -> None:
        self._placed[root] = (None, -1)
        queue = deque([root])
        while queue:
            parent = queue.popleft()
            for index, source, _type in self._bearing_on(parent):
                if source not in self._placed:
                    self._placed[source] = (parent, index)
                    queue.append(source)

    def _node_row(self, node_id: str, parent: str | None, index: int, relation: str | None) -> Row:
        placed = self._placed.get(node_id) == (parent, index)
        key = node_id if placed else f"{parent}/{index}/{node_id}"
        return Row(key, node=node_id, relation=relation, reference=not placed,
                   context=node_id not in self.matched,
                   has_children=placed and bool(self._bearing_on(node_id)))

    # -- groupings -------------------------------------------------------------------------------------------

    def _group(self, nodes: list[NodeBase]) -> list[tuple[str, str, list[str]]]:
        """(value, label, node ids) per group, in vocabulary order, then undeclared values, then none."""
        if self.grouping == "kind":
            vocabulary = {kind: kind for kind in NODE_KINDS}
        else:
            vocabulary = dict(getattr(self.map, self.grouping + "s"))
        members: dict[str, list[str]] = {}
        for node in nodes:
            if node.id not in self.shown:
                continue
            value = getattr(node, FACETS[self.grouping])
            values = ([value] if isinstance(value, str) else list(dict.fromkeys(value))) or [NO_VALUE]
            for item in values:
                members.setdefault(item, []).append(node.id)
        order = [v for v in vocabulary if v in members]
        order += sorted(v for v in members if v not in vocabulary and v != NO_VALUE)
        order += [NO_VALUE] if NO_VALUE in members else []
        return [(value, vocabulary.get(value, value), members[value]) for value in order]

    def _group_row(self, value: str, label: str, count: int) -> Row:
        return Row(f"{self.grouping}:{value}", group=value, label=label, count=count, has_children=count > 0)

    # -- the rows --------------------------------------------------------------------------------------------

    def roots(self) -> list[Row]:
        """The top-level rows."""
        if self.grouping == "argument":
            return [self._node_row(nid, None, -1, None) for nid in self._roots]
        return [self._group_row(value, label, len(ids)) for value, label, ids in self._groups]

    def children(self, row: Row) -> list[Row]:
        """The rows under `row` (none under a reference)."""
        if row.group is not None:
            ids = next((ids for value, _label, ids in self._groups if value == row.group), [])
            return [Row(f"{row.key}/{nid}", node=nid) for nid in ids]
        if row.node is None or row.reference or self.grouping != "argument":
            return []
        return [self._node_row(source, row.node, index, kind) for index, source, kind in self._bearing_on(row.node)]

    def path_to(self, node_id: str) -> list[Row]:
        """The rows from a root down to the row where `node_id` is placed; empty when the view hides it."""
        if node_id not in self.shown:
            return []
        if self.grouping != "argument":
            for value, label, ids in self._groups:
                if node_id in ids:
                    return [self._group_row(value, label, len(ids)), Row(f"{self.grouping}:{value}/{node_id}",
                                                                          node=node_id)]
            return []
        chain: list[tuple[str, str | None, int]] = []
        current: str | None = node_id
        while current is not None:
            parent, index = self._placed[current]
            chain.append((current, parent, index))
            current = parent
        rows = []
        for nid, parent, index in reversed(chain):
            relation = self.graph.into(parent)[index].type if parent is not None else None
            rows.append(self._node_row(nid, parent, index, relation))
        return rows

    def placed_parent(self, node_id: str) -> str | None:
        """The node under which `node_id` is placed in the argument tree (None for a root or another view)."""
        return self._placed.get(node_id, (None, -1))[0] if self.grouping == "argument" else None

    @property
    def count(self) -> int:
        """How many nodes the view shows (matches and context)."""
        return len(self.shown)
