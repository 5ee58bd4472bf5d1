"""Acceptance of a map's nodes: a grounded labelling (in / out / undec) and a gradual strength (0..1).

The map becomes a bipolar argumentation framework whose arguments are its nodes:

* **attack** edges: `attacks` (a rebuttal; an inference that attacks its conclusion is a con argument) and
  `undercuts` (an attack on an inference);
* **requirement** edges (support by necessity): a premise (`supports` into an inference) and a `condition` of a
  forecast. The target stands only while every one of its requirements stands;
* **support** edges: every other `supports` (statement to statement, inference to its conclusion).

Labels: the grounded labelling, the least fixed point of

    x is in   when every attacker of x is out and every requirement of x is in;
    x is out  when some attacker of x is in or some requirement of x is out;
    x is undec otherwise.

With no requirement edges this is Dung's grounded semantics (1995) of the attack graph. An inference whose
premise is out is out, and its attack on (or support of) its conclusion then counts for nothing; an inference
with an undec premise is at best undec. Support does not change labels: an unattacked claim is in. Scenario
assumptions fix labels: a node held true is in whatever attacks it, a node held false is out; the rest follows.

Strength: DF-QuAD (Rago, Toni, Aurisicchio, Baroni 2016). For a node with base score v0, attacker strengths a_i
and supporter strengths s_j (each times its relation's `weight`, default 1):

    F(v_1..v_n) = 1 - prod(1 - v_i)            (F of nothing is 0)
    va, vs = F(a), F(s)
    s = v0 - v0 * (va - vs)        if va >= vs
    s = v0 + (1 - v0) * (vs - va)  otherwise

argmap's one addition: a node with requirements is then multiplied by its weakest requirement (the weakest-link
principle for linked premises), so an inference is only as strong as its weakest premise, and a conditional
forecast only as strong as its weakest condition. Base scores: evidence its `credibility` (default 0.8), claims
their `credibility` (default 0.5), inferences their `strength` (default 0.5), forecasts their `probability`
(default 0.5); a scenario's `probabilities` override any node's base score. Nodes held true have strength 1,
held false 0, whatever points at them.

Order: strongly connected components of the dependency graph are evaluated in topological order, so an acyclic
map takes one pass. A component with a cycle is iterated (damped Jacobi: each sweep moves half way to the new
values) until no value moves by more than `tolerance` or `max_sweeps` is reached; `Evaluation.converged` says
which. Both algorithms are iterative and linear in the size of the map (per sweep), with no recursion.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, fields
from typing import Literal

from argmap.analysis.graph import strongly_connected
from argmap.memory import collector_paused
from argmap.model import ArgMap, Scenario

Label = Literal["in", "out", "undec"]
IN: Label = "in"
OUT: Label = "out"
UNDEC: Label = "undec"
LABELS: tuple[Label, ...] = (IN, OUT, UNDEC)

Edge = tuple[str, float]
"""The other end of a relation and its weight."""


@dataclass(frozen=True)
class Settings:
    """Options of `evaluate`: default base scores and the fixed-point iteration for cycles."""

    evidence_base: float = 0.8
    claim_base: float = 0.5
    inference_base: float = 0.5
    forecast_base: float = 0.5
    tolerance: float = 1e-9
    max_sweeps: int = 1000
    damping: float = 0.5

    @classmethod
    def of(cls, options: dict[str, float]) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown evaluation option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return cls(**options)  # type: ignore[arg-type]  # max_sweeps is an int


@dataclass
class Framework:
    """The bipolar framework of a map. Lists are keyed by target and hold (source, weight); each source once."""

    ids: list[str]
    kind: dict[str, str]
    attackers: dict[str, list[Edge]] = field(default_factory=dict)
    supporters: dict[str, list[Edge]] = field(default_factory=dict)
    premises: dict[str, list[Edge]] = field(default_factory=dict)
    conditions: dict[str, list[Edge]] = field(default_factory=dict)
    _attacked_by: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _required_by: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _dependents: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _position: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def requirements(self, node_id: str) -> list[Edge]:
        """Premises and conditions of a node: what it cannot stand without."""
        return self.premises.get(node_id, []) + self.conditions.get(node_id, [])

    def attacked_by(self) -> dict[str, list[str]]:
        """Source -> the nodes it attacks (the reverse of `attackers`)."""
        if self._attacked_by is None:
            self._attacked_by = _reverse(self.attackers)
        return self._attacked_by

    def required_by(self) -> dict[str, list[str]]:
        """Source -> the nodes that require it (premise or condition); a source listed twice counts twice."""
        if self._required_by is None:
            self._required_by = _reverse(self.premises, self.conditions)
        return self._required_by

    def dependents(self) -> dict[str, list[str]]:
        """Source -> every node whose label or strength reads it."""
        if self._dependents is None:
            self._dependents = _reverse(self.attackers, self.supporters, self.premises, self.conditions)
        return self._dependents

    def in_order(self, nodes: set[str]) -> list[str]:
        """`nodes` in the map's order."""
        if self._position is None:
            self._position = {node_id: index for index, node_id in enumerate(self.ids)}
        return sorted(nodes, key=self._position.__getitem__)

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


def _reverse(*tables: dict[str, list[Edge]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table in tables:
        for target, edges in table.items():
            for source, _ in edges:
                out.setdefault(source, []).append(target)
    return out


def build_framework(amap: ArgMap) -> Framework:
    """The framework of a map. Relations naming unknown nodes or linking a node to itself by support are left out
    (`argmap check` reports them); a self-attack is kept (such a node is undec)."""
    ids = list(amap.by_id)
    kind: dict[str, str] = {node_id: node.kind for node_id, node in amap.by_id.items()}
    lists: dict[str, dict[str, dict[str, float]]] = {"att": {}, "sup": {}, "pre": {}, "con": {}}
    for rel in amap.relations:
        source, target = rel.source, rel.target
        if source not in kind or target not in kind:
            continue
        if rel.type in ("attacks", "undercuts"):
            bucket = "att"
        elif source == target:
            continue
        elif rel.type == "condition":
            bucket = "con"
        elif kind[target] == "inference":
            bucket = "pre"
        else:
            bucket = "sup"
        weight = 1.0 if rel.weight is None else rel.weight
        edges = lists[bucket].setdefault(target, {})
        edges[source] = max(weight, edges.get(source, 0.0))

    def as_lists(bucket: str) -> dict[str, list[Edge]]:
        return {target: list(edges.items()) for target, edges in lists[bucket].items()}

    return Framework(ids, kind, as_lists("att"), as_lists("sup"), as_lists("pre"), as_lists("con"))


@dataclass
class Evaluation:
    """Labels and strengths of every node, under a scenario or none."""

    labels: dict[str, str]
    strength: dict[str, float]
    base: dict[str, float]
    assumed: dict[str, bool]
    framework: Framework
    settings: Settings
    scenario: Scenario | None = None
    converged: bool = True
    sweeps: int = 0
    recomputed: set[str] | None = None
    """After `reevaluate`: the nodes it recomputed (every other node is as before). None after `evaluate`."""

    def count(self, label: str) -> int:
        """How many nodes carry a label."""
        return sum(1 for value in self.labels.values() if value == label)


def evaluate(amap: ArgMap, scenario: Scenario | None = None, *, framework: Framework | None = None,
             assume: dict[str, bool] | None = None, settings: Settings | None = None,
             **options: float) -> Evaluation:
    """Grounded labels and DF-QuAD strengths of every node of `amap`.

    `scenario` fixes nodes (its `assume`) and base scores (its `probabilities`); `assume` adds or overrides
    held-true/false nodes on top of it. `framework` reuses a framework built by `build_framework(amap)`.
    Other keyword options are the fields of `Settings` (unknown ones raise TypeError), or pass `settings`.
    """
    settings = settings or Settings.of(options)
    with collector_paused():
        return _evaluate(amap, scenario, framework, assume, settings)


def _evaluate(amap: ArgMap, scenario: Scenario | None, framework: Framework | None, assume: dict[str, bool] | None,
              settings: Settings) -> Evaluation:
    fw = framework if framework is not None else build_framework(amap)
    fixed: dict[str, bool] = {}
    overrides: dict[str, float] = {}
    if scenario is not None:
        fixed.update({k: v for k, v in scenario.assume.items() if k in fw.kind})
        overrides.update({k: v for k, v in scenario.probabilities.items() if k in fw.kind})
    if assume:
        fixed.update({k: v for k, v in assume.items() if k in fw.kind})
    base = base_scores(amap, settings, overrides)
    labels = grounded_labels(fw, fixed)
    strength, converged, sweeps = strengths(fw, base, fixed, settings)
    return Evaluation(labels, strength, base, fixed, fw, settings, scenario, converged, sweeps)


def reevaluate(previous: Evaluation, assume: dict[str, bool]) -> Evaluation:
    """`previous` with more nodes held true or false, recomputing only the nodes downstream of them: the same
    result as `evaluate` with all the assumptions, much faster when each assumption reaches a small part of the
    map (as in `argmap sensitivity`)."""
    fw = previous.framework
    added = {k: v for k, v in assume.items() if k in fw.kind}
    fixed = {**previous.assumed, **added}
    scope = fw.downstream([k for k, v in added.items() if previous.assumed.get(k) != v])
    with collector_paused():
        labels = dict(previous.labels)
        labels.update(grounded_labels(fw, fixed, scope=scope, known=previous.labels))
        strength, converged, sweeps = strengths(fw, previous.base, fixed, previous.settings, scope=scope,
                                                start=previous.strength)
    return Evaluation(labels, strength, previous.base, fixed, fw, previous.settings, previous.scenario,
                      converged and previous.converged, max(sweeps, previous.sweeps), scope)


def base_scores(amap: ArgMap, settings: Settings, overrides: dict[str, float] | None = None) -> dict[str, float]:
    """Each node's base score (see the module docstring), with `overrides` by node id."""
    defaults = {"evidence": settings.evidence_base, "claim": settings.claim_base,
                "inference": settings.inference_base, "forecast": settings.forecast_base}
    attribute = {"evidence": "credibility", "claim": "credibility", "inference": "strength",
                 "forecast": "probability"}
    base: dict[str, float] = {}
    for node_id, node in amap.by_id.items():
        value = getattr(node, attribute[node.kind], None)
        base[node_id] = defaults[node.kind] if value is None else float(value)
    if overrides:
        base.update(overrides)
    return base


def grounded_labels(fw: Framework, fixed: dict[str, bool] | None = None, *, scope: set[str] | None = None,
                   known: dict[str, str] | None = None) -> dict[str, str]:
    """The grounded labelling (module docstring), by propagation from unattacked nodes: linear time.

    With `scope` (a set closed under `Framework.dependents`), only its nodes are labelled, reading the labels of
    the nodes outside it from `known`; the result then holds the scope's labels only."""
    fixed = fixed or {}
    known = known or {}
    attacks, required_by = fw.attacked_by(), fw.required_by()
    nodes = fw.ids if scope is None else fw.in_order(scope)
    pending_att: dict[str, int] = {}
    pending_req: dict[str, int] = {}
    label: dict[str, str] = {}
    queue: deque[str] = deque()
    for node_id in nodes:
        if node_id in fixed:
            label[node_id] = IN if fixed[node_id] else OUT
            queue.append(node_id)
            continue
        attackers = fw.attackers.get(node_id, ())
        defeated = False
        if scope is None:
            pending_att[node_id] = len(attackers)
            pending_req[node_id] = len(fw.premises.get(node_id, ())) + len(fw.conditions.get(node_id, ()))
        else:
            # outside the scope, an in attacker or an out requirement decides; an undec one never resolves
            requirements = fw.premises.get(node_id, []) + fw.conditions.get(node_id, [])
            pending_att[node_id] = pending_req[node_id] = 0
            for source, _ in attackers:
                outside = None if source in scope else known[source]
                defeated = defeated or outside == IN
                pending_att[node_id] += outside in (None, UNDEC)
            for source, _ in requirements:
                outside = None if source in scope else known[source]
                defeated = defeated or outside == OUT
                pending_req[node_id] += outside in (None, UNDEC)
        if defeated:
            label[node_id] = OUT
            queue.append(node_id)
        elif pending_att[node_id] == 0 and pending_req[node_id] == 0:
            label[node_id] = IN
            queue.append(node_id)
    while queue:
        node_id = queue.popleft()
        if label[node_id] == IN:
            for target in attacks.get(node_id, ()):
                if target not in label and target in pending_att:
                    label[target] = OUT
                    queue.append(target)
            for target in required_by.get(node_id, ()):
                if target not in label and target in pending_req:
                    pending_req[target] -= 1
                    if pending_req[target] == 0 and pending_att[target] == 0:
                        label[target] = IN
                        queue.append(target)
        else:
            for target in attacks.get(node_id, ()):
                if target not in label and target in pending_att:
                    pending_att[target] -= 1
                    if pending_att[target] == 0 and pending_req[target] == 0:
                        label[target] = IN
                        queue.append(target)
            for target in required_by.get(node_id, ()):
                if target not in label and target in pending_req:
                    label[target] = OUT
                    queue.append(target)
    return {node_id: label.get(node_id, UNDEC) for node_id in nodes}


def aggregate(values: list[float]) -> float:
    """DF-QuAD's aggregation: the probabilistic sum 1 - prod(1 - v)."""
    rest = 1.0
    for value in values:
        rest *= 1.0 - value
    return 1.0 - rest


def combine(v0: float, va: float, vs: float) -> float:
    """DF-QuAD's combination of a base score with aggregated attack and support."""
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)


def strengths(fw: Framework, base: dict[str, float], fixed: dict[str, bool] | None = None,
              settings: Settings | None = None, *, scope: set[str] | None = None,
              start: dict[str, float] | None = None) -> tuple[dict[str, float], bool, int]:
    """DF-QuAD strengths with weakest-link requirements: (strengths, converged, most sweeps of any cycle).
    With `scope` (closed under `Framework.dependents`) only its nodes are computed; the others keep their value
    in `start`."""
    fixed = fixed or {}
    settings = settings or Settings()
    att, sup, pre, con = fw.attackers, fw.supporters, fw.premises, fw.conditions
    value: dict[str, float] = dict(start) if start is not None else {}
    for node_id in (fw.ids if scope is None else scope):
        value[node_id] = (1.0 if fixed[node_id] else 0.0) if node_id in fixed else base[node_id]

    def score(node_id: str) -> float:
        rest_a = rest_s = 1.0
        for source, weight in att.get(node_id, ()):
            rest_a *= 1.0 - value[source] * weight
        for source, weight in sup.get(node_id, ()):
            rest_s *= 1.0 - value[source] * weight
        v0, va, vs = base[node_id], 1.0 - rest_a, 1.0 - rest_s
        result = v0 - v0 * (va - vs) if va >= vs else v0 + (1.0 - v0) * (vs - va)
        for edges in (pre.get(node_id), con.get(node_id)):
            if edges:
                result *= min(value[source] * weight for source, weight in edges)
        return min(1.0, max(0.0, result))

    converged, most = True, 0
    for component in _components(fw, fixed, scope):
        if component[0] in fixed:  # a fixed node reads nothing, so it is always alone in its component
            continue
        if len(component) == 1 and not _self_dependent(fw, component[0]):
            value[component[0]] = score(component[0])
            continue
        sweeps, moved = 0, True
        while moved and sweeps < settings.max_sweeps:
            sweeps += 1
            new = {node_id: score(node_id) for node_id in component}
            moved = False
            for node_id, target in new.items():
                step = value[node_id] + settings.damping * (target - value[node_id])
                if abs(target - value[node_id]) > settings.tolerance:
                    moved = True
                value[node_id] = step
        most = max(most, sweeps)
        converged = converged and not moved
    return value, converged, most


def _self_dependent(fw: Framework, node_id: str) -> bool:
    return any(source == node_id for source, _ in fw.attackers.get(node_id, ()))


def _components(fw: Framework, fixed: dict[str, bool], scope: set[str] | None = None) -> list[list[str]]:
    """Strongly connected components of the dependency graph (node -> what its score reads), dependencies first
    (Tarjan's algorithm, iterative). Fixed nodes read nothing; with `scope`, only its nodes and the edges between
    them count."""
    tables = (fw.attackers, fw.supporters, fw.premises, fw.conditions)
    if scope is None:
        nodes = fw.ids
        deps: dict[str, list[str]] = {node_id: [] for node_id in nodes}
        for table in tables:
            for target, edges in table.items():
                if target not in fixed:
                    deps[target].extend(source for source, _ in edges)
    else:
        nodes = fw.in_order(scope)
        deps = {node_id: [] if node_id in fixed else [source for table in tables
                                                        for source, _ in table.get(node_id, ()) if source in scope]
                for node_id in nodes}
    return strongly_connected(nodes, deps)
