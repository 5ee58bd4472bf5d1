"""The bipolar argumentation framework of a map, and the options of its evaluation.

Relations become edges between nodes (arguments), keyed by target:

* **attackers**: `attacks` (a rebuttal; an inference that attacks its conclusion is a con argument) and
  `undercuts` (an attack on an inference);
* **premises**: `supports` into an inference (linked premises: the inference needs every one);
* **conditions**: `condition` of a forecast (the forecast is expected only if the condition holds);
* **presuppositions**: `requires` (the target stands only while the source stands);
* **reasons** (supporters): every other `supports` (statement to statement, inference to its conclusion); each is
  an independent reason.

Premises, conditions and presuppositions are the node's *requirements*.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from argmap.analysis.graph import strongly_connected
from argmap.model import ArgMap

Edge = tuple[str, float]
"""The other end of a relation and its weight."""

SEMANTICS: tuple[str, ...] = ("quadratic-energy", "dfquad")


@dataclass(frozen=True)
class Settings:
    """Options of `evaluate`: default base scores, the gradual semantics, the value a possibility ("may") counts
    as, and the fixed-point iteration for cycles."""

    evidence_base: float = 0.8
    claim_base: float = 0.5
    inference_base: float = 0.5
    forecast_base: float = 0.5
    semantics: str = "quadratic-energy"
    possibility: float = 0.5
    grades: bool = True
    tolerance: float = 1e-9
    max_sweeps: int = 1000
    damping: float = 0.5

    def __post_init__(self) -> None:
        if self.semantics not in SEMANTICS:
            raise ValueError(f"unknown semantics '{self.semantics}' (known: {', '.join(SEMANTICS)})")
        if not 0 <= self.possibility <= 1:
            raise ValueError(f"possibility must be between 0 and 1, not {self.possibility}")

    @classmethod
    def of(cls, options: dict[str, float | str]) -> Settings:
        """Settings from keyword options; unknown names raise TypeError."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown evaluation option{'s' if len(unknown) != 1 else ''} {', '.join(unknown)}; "
                            f"known: {', '.join(sorted(known))}")
        return cls(**options)  # type: ignore[arg-type]  # each option has its field's type


@dataclass
class Framework:
    """The bipolar framework of a map. Lists are keyed by target and hold (source, weight); each source once."""

    ids: list[str]
    kind: dict[str, str]
    attackers: dict[str, list[Edge]] = field(default_factory=dict)
    supporters: dict[str, list[Edge]] = field(default_factory=dict)
    premises: dict[str, list[Edge]] = field(default_factory=dict)
    conditions: dict[str, list[Edge]] = field(default_factory=dict)
    presupposes: dict[str, list[Edge]] = field(default_factory=dict)
    _cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def requirements(self, node_id: str) -> list[Edge]:
        """Premises, conditions and presuppositions of a node: what it cannot stand without."""
        return self.premises.get(node_id, []) + self.conditions.get(node_id, []) + self.presupposes.get(node_id, [])

    def rests_on_reasons(self, node_id: str) -> bool:
        """Whether the node is a statement that rests on reasons (has supporters and is not evidence)."""
        return self.kind[node_id] != "evidence" and bool(self.supporters.get(node_id))

    def _reversed(self, name: str, *tables: dict[str, list[Edge]]) -> dict[str, list[str]]:
        found = self._cache.get(name)
        if found is None:
            found = _reverse(*tables)
            self._cache[name] = found
        return found  # type: ignore[return-value]

    def attacked_by(self) -> dict[str, list[str]]:
        """Source -> the nodes it attacks (the reverse of `attackers`)."""
        return self._reversed("attacked_by", self.attackers)

    def required_by(self) -> dict[str, list[str]]:
        """Source -> the nodes that require it; a source listed twice counts twice."""
        return self._reversed("required_by", self.premises, self.conditions, self.presupposes)

    def supported_by(self) -> dict[str, list[str]]:
        """Source -> the nodes it is a reason for."""
        return self._reversed("supported_by", self.supporters)

    def conditioned_by(self) -> dict[str, list[str]]:
        """Source -> the forecasts it is a condition of."""
        return self._reversed("conditioned_by", self.conditions)

    def dependents(self) -> dict[str, list[str]]:
        """Source -> every node whose label, strength or probability reads it."""
        return self._reversed("dependents", self.attackers, self.supporters, self.premises, self.conditions,
                              self.presupposes)

    def position(self) -> dict[str, int]:
        """Node id -> index in the map's order."""
        found = self._cache.get("position")
        if found is None:
            found = {node_id: index for index, node_id in enumerate(self.ids)}
            self._cache["position"] = found
        return found  # type: ignore[return-value]

    def in_order(self, nodes: set[str]) -> list[str]:
        """`nodes` in the map's order."""
        return sorted(nodes, key=self.position().__getitem__)

    def downstream(self, starts: list[str]) -> set[str]:
        """`starts` and every node that depends on them, directly or not."""
        dependents = self.dependents()
        seen = set(starts)
        stack = list(starts)
        while stack:
            for target in dependents.get(stack.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def components(self, fixed: dict[str, bool], scope: set[str] | None = None) -> list[list[str]]:
        """Strongly connected components of the dependency graph (node -> what its score reads), dependencies first.
        Fixed nodes read nothing; with `scope`, only its nodes and the edges between them count."""
        tables = (self.attackers, self.supporters, self.premises, self.conditions, self.presupposes)
        if scope is None:
            nodes = self.ids
            deps: dict[str, list[str]] = {node_id: [] for node_id in nodes}
            for table in tables:
                for target, edges in table.items():
                    if target not in fixed:
                        deps[target].extend(source for source, _ in edges)
        else:
            nodes = self.in_order(scope)
            deps = {node_id: [] if node_id in fixed else [source for table in tables
                                                            for source, _ in table.get(node_id, ()) if source in scope]
                    for node_id in nodes}
        return strongly_connected(nodes, deps)


def _reverse(*tables: dict[str, list[Edge]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table in tables:
        for target, edges in table.items():
            for source, _ in edges:
                out.setdefault(source, []).append(target)
    return out


_BUCKETS = {"attacks": "att", "undercuts": "att", "condition": "con", "requires": "req"}


def build_framework(amap: ArgMap) -> Framework:
    """The framework of a map. Relations naming unknown nodes or linking a node to itself by support are left out
    (`argmap check` reports them); a self-attack is kept (such a node is undec)."""
    ids = list(amap.by_id)
    kind: dict[str, str] = {node_id: node.kind for node_id, node in amap.by_id.items()}
    lists: dict[str, dict[str, dict[str, float]]] = {"att": {}, "sup": {}, "pre": {}, "con": {}, "req": {}}
    for rel in amap.relations:
        source, target = rel.source, rel.target
        if source not in kind or target not in kind:
            continue
        bucket = _BUCKETS.get(rel.type)
        if bucket != "att" and source == target:
            continue
        if bucket is None:
            bucket = "pre" if kind[target] == "inference" else "sup"
        weight = 1.0 if rel.weight is None else rel.weight
        edges = lists[bucket].setdefault(target, {})
        edges[source] = max(weight, edges.get(source, 0.0))

    def as_lists(bucket: str) -> dict[str, list[Edge]]:
        return {target: list(edges.items()) for target, edges in lists[bucket].items()}

    return Framework(ids, kind, as_lists("att"), as_lists("sup"), as_lists("pre"), as_lists("con"), as_lists("req"))
