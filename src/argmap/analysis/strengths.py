"""Strengths: how strongly the map's reasons bear on each node, between 0 and 1.

**Quadratic energy** (the default; Potyka 2018, "Continuous dynamical systems for weighted bipolar argumentation").
For a node with base score w, reasons (supporters) of strength s_j and attackers of strength a_i, each times its
relation's `weight` (default 1):

    E = sum(s_j) - sum(a_i)                  the energy
    h(x) = max(x, 0)^2 / (1 + max(x, 0)^2)
    strength = w + (1 - w) h(E) - w h(-E)

It satisfies the principles of Baroni, Rago and Toni (2019) for bipolar gradual semantics: *balance* (equal
support and attack leave the base score), *monotonicity* (a stronger or an extra supporter never lowers the
strength, an attacker never raises it), *directionality* (a node reads only the nodes pointing at it), and stays
within [0, 1]. It does not saturate: n reasons of strength s < 1 lift a node of base w < 1 to w + (1 - w) (ns)^2 /
(1 + (ns)^2), which stays below 1; DF-QuAD's probabilistic sum 1 - (1 - s)^n reaches 0.99 with a handful.

**DF-QuAD** (Rago, Toni, Aurisicchio, Baroni 2016), for comparison (`semantics="dfquad"`): va, vs the probabilistic
sums 1 - prod(1 - v) of attackers and supporters; strength = w - w (va - vs) if va >= vs, else w + (1 - w)(vs - va).

Then, for both:

* **linked premises and conditions** (weakest link): the strength is multiplied by the weakest premise and the
  weakest condition, so an inference is never stronger than its weakest premise;
* **presuppositions** (`requires`): the strength is at most that of the weakest presupposition;
* **unsupported** nodes (every reason failed, `argmap.analysis.labels`): the strength is at most the base score;
* nodes held true have strength 1, held false 0.

Strongly connected components are evaluated in topological order, so an acyclic map takes one pass; a component
with a cycle is iterated (damped Jacobi) until no value moves by more than `tolerance` or `max_sweeps` is reached.
"""

from __future__ import annotations

from argmap.analysis.framework import Framework, Settings
from argmap.analysis.labels import UNSUPPORTED


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


def energy_influence(v0: float, energy: float) -> float:
    """The quadratic energy model's strength for base score `v0` and energy (support minus attack)."""
    if energy > 0:
        squared = energy * energy
        return v0 + (1.0 - v0) * squared / (1.0 + squared)
    if energy < 0:
        squared = energy * energy
        return v0 - v0 * squared / (1.0 + squared)
    return v0


def strengths(fw: Framework, base: dict[str, float], fixed: dict[str, bool] | None = None,
              settings: Settings | None = None, *, labels: dict[str, str] | None = None,
              scope: set[str] | None = None,
              start: dict[str, float] | None = None) -> tuple[dict[str, float], bool, int]:
    """Strengths of the module docstring: (strengths, converged, most sweeps of any cycle). `labels` (from
    `grounded_labels`) caps unsupported nodes at their base. With `scope` (closed under `Framework.dependents`)
    only its nodes are computed; the others keep their value in `start`."""
    fixed = fixed or {}
    settings = settings or Settings()
    labels = labels or {}
    att, sup, pre, con, req = fw.attackers, fw.supporters, fw.premises, fw.conditions, fw.presupposes
    quadratic = settings.semantics == "quadratic-energy"
    value: dict[str, float] = dict(start) if start is not None else {}
    for node_id in (fw.ids if scope is None else scope):
        value[node_id] = (1.0 if fixed[node_id] else 0.0) if node_id in fixed else base[node_id]

    def score(node_id: str) -> float:
        v0 = base[node_id]
        if quadratic:
            energy = 0.0
            for source, weight in sup.get(node_id, ()):
                energy += value[source] * weight
            for source, weight in att.get(node_id, ()):
                energy -= value[source] * weight
            result = energy_influence(v0, energy)
        else:
            rest_a = rest_s = 1.0
            for source, weight in att.get(node_id, ()):
                rest_a *= 1.0 - value[source] * weight
            for source, weight in sup.get(node_id, ()):
                rest_s *= 1.0 - value[source] * weight
            va, vs = 1.0 - rest_a, 1.0 - rest_s
            result = v0 - v0 * (va - vs) if va >= vs else v0 + (1.0 - v0) * (vs - va)
        for edges in (pre.get(node_id), con.get(node_id)):
            if edges:
                result *= min(value[source] * weight for source, weight in edges)
        needs = req.get(node_id)
        if needs:
            result = min(result, min(value[source] * weight for source, weight in needs))
        if labels.get(node_id) == UNSUPPORTED:
            result = min(result, v0)
        return min(1.0, max(0.0, result))

    converged, most = True, 0
    for component in fw.components(fixed, scope):
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
                if abs(target - value[node_id]) > settings.tolerance:
                    moved = True
                value[node_id] += settings.damping * (target - value[node_id])
        most = max(most, sweeps)
        converged = converged and not moved
    return value, converged, most


def _self_dependent(fw: Framework, node_id: str) -> bool:
    return any(source == node_id for source, _ in fw.attackers.get(node_id, ()))
