"""Probabilities: the author's figures, a scenario's overrides and what follows through conditions.

A probability is never mixed with argument strength. Where it comes from (`Probability.origin`):

* `stated`: a forecast's `probability`, or a claim's or evidence's (credibility of a report, an assumption's
  plausibility); `words`: derived from the author's words on the ICD 203 scale; `possibility`: words that only say
  something can happen ("may", "could"), counted as `Settings.possibility` (0.5 by default);
* `scenario`: a scenario's `probabilities` override, exactly; `assumed`: a node a scenario holds true (1) or
  false (0);
* a forecast with a `condition`: the author's figure is P(F | C). P(C) is the conjunction of its conditions,
  taken as independent (the product of their probabilities; a condition without a probability is anywhere in
  [0, 1]). With `probability_if_not` (P(F | not C)), P(F) = P(F|C) P(C) + P(F|not C) (1 - P(C))
  (`total probability`); without it only the bounds [P(F|C) P(C), P(F|C) P(C) + 1 - P(C)] are known (`bounds`).
  A scenario holding C true gives P(F|C) itself (`given condition`). Conditions chain: they are computed in
  topological order, a condition's bounds carrying into its forecasts (a cycle of conditions reads [0, 1]).

Nodes without any of these (inferences, claims without a probability) have none.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from argmap.analysis.framework import Framework, Settings
from argmap.model import ArgMap, Forecast


@dataclass(frozen=True)
class Probability:
    """A node's probability: `value` when known exactly, else None with the bounds `low`..`high`; `origin` says
    where it came from; `given` is the author's P(F | C) for a conditional forecast."""

    value: float | None
    low: float
    high: float
    origin: str
    given: float | None = None

    @classmethod
    def exact(cls, value: float, origin: str, given: float | None = None) -> Probability:
        return cls(value, value, value, origin, given)

    @property
    def mid(self) -> float:
        """The value, or the middle of the bounds (for measuring change, not for display as a probability)."""
        return self.value if self.value is not None else (self.low + self.high) / 2

    def text(self, digits: int = 2) -> str:
        """`0.68`, or `0.00–1.00` for bounds."""
        if self.value is not None:
            return f"{self.value:.{digits}f}"
        return f"{self.low:.{digits}f}–{self.high:.{digits}f}"


UNKNOWN = Probability(None, 0.0, 1.0, "unknown")


def stated_probabilities(amap: ArgMap, settings: Settings) -> tuple[dict[str, Probability], dict[str, float]]:
    """The author's figures by node (origin stated, words or possibility) and the P(F | not C) of forecasts."""
    stated: dict[str, Probability] = {}
    if_not: dict[str, float] = {}
    for node_id, node in amap.by_id.items():
        p = getattr(node, "probability", None)
        if p is None:
            continue
        if isinstance(node, Forecast):
            if node.probability_basis == "scale":
                stated[node_id] = (Probability.exact(float(p), "words") if node.assessed
                                   else Probability.exact(settings.possibility, "possibility"))
            else:
                stated[node_id] = Probability.exact(float(p), "stated")
            if node.probability_if_not is not None:
                if_not[node_id] = float(node.probability_if_not)
        else:
            stated[node_id] = Probability.exact(float(p), "stated")
    return stated, if_not


def condition_order(fw: Framework) -> dict[str, int]:
    """Rank of each node in a topological order of the condition graph (conditions before their forecasts;
    nodes on a cycle of conditions last)."""
    cached = fw._cache.get("condition_order")
    if cached is not None:
        return cached  # type: ignore[return-value]
    waiting = {target: len(edges) for target, edges in fw.conditions.items()}
    queue = deque(node_id for node_id in fw.ids if node_id not in waiting)
    conditioned = fw.conditioned_by()
    rank: dict[str, int] = {}
    while queue:
        node_id = queue.popleft()
        rank[node_id] = len(rank)
        for target in conditioned.get(node_id, ()):
            waiting[target] -= 1
            if waiting[target] == 0:
                queue.append(target)
    for node_id in fw.ids:
        rank.setdefault(node_id, len(rank))
    fw._cache["condition_order"] = rank
    return rank


def probabilities(fw: Framework, stated: dict[str, Probability], if_not: dict[str, float],
                  fixed: dict[str, bool], overrides: dict[str, float], *, scope: set[str] | None = None,
                  start: dict[str, Probability] | None = None) -> dict[str, Probability]:
    """Every node's probability (module docstring), by node; nodes without one are left out. With `scope`
    (closed under `Framework.dependents`) only its nodes are recomputed, the others kept from `start`."""
    result: dict[str, Probability] = dict(start) if start is not None else {}
    rank = condition_order(fw)
    nodes = fw.ids if scope is None else sorted(scope, key=rank.__getitem__)
    if scope is None and fw.conditions:
        nodes = sorted(nodes, key=rank.__getitem__)
    for node_id in nodes:
        found = _probability(fw, node_id, stated, if_not, fixed, overrides, result)
        if found is None:
            result.pop(node_id, None)
        else:
            result[node_id] = found
    return result


def _probability(fw: Framework, node_id: str, stated: dict[str, Probability], if_not: dict[str, float],
                 fixed: dict[str, bool], overrides: dict[str, float],
                 known: dict[str, Probability]) -> Probability | None:
    if node_id in fixed:
        return Probability.exact(1.0 if fixed[node_id] else 0.0, "assumed")
    if node_id in overrides:
        return Probability.exact(overrides[node_id], "scenario")
    own = stated.get(node_id)
    conditions = fw.conditions.get(node_id)
    if own is None or not conditions:
        return own
    given = own.value if own.value is not None else own.mid
    low = high = 1.0
    for source, _ in conditions:
        p = known.get(source, UNKNOWN)
        low *= p.low
        high *= p.high
    if low == 1.0:
        return Probability.exact(given, "given condition", given)
    other = if_not.get(node_id)
    if other is not None:
        ends = sorted((given * low + other * (1 - low), given * high + other * (1 - high)))
        if ends[0] == ends[1]:
            return Probability.exact(ends[0], "total probability", given)
        return Probability(None, ends[0], ends[1], "total probability", given)
    # P(F) = a P(C) + P(F | not C)(1 - P(C)) with P(F | not C) anywhere in [0, 1]: smallest at the least P(C)
    # for the lower end, largest there too for the upper end
    return Probability(None, given * low, 1.0 - low * (1.0 - given), "bounds", given)
