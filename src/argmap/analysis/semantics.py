"""What stands in a map, how strongly, and how probable: `evaluate(amap, scenario)`.

Three quantities per node, kept apart:

* a **label** (`argmap.analysis.labels`): `in`, `out`, `undec` or `unsupported`, a grounded labelling in which a
  statement resting on reasons loses its standing when every reason fails;
* a **strength** (`argmap.analysis.strengths`): how strongly the map's reasons bear on it, by the quadratic energy
  model (Potyka 2018) or DF-QuAD, from a base score;
* a **probability** (`argmap.analysis.probabilities`), where one is defined: the author's figure, a scenario's
  override, or what follows through a forecast's conditions; never mixed with strength.

Base scores: evidence its `credibility` (else its NATO/Admiralty `grade` by `argmap.model.grades`, unless
`grades=False`; default 0.8), claims their `credibility` (default 0.5), inferences their
`strength` (default 0.5), forecasts their probability (default 0.5: a forecast's own probability is a fair base for
the strength of the argument for it, but the probability shown is never that strength); a scenario's
`probabilities` override any node's base score as well as its probability. Scenario assumptions fix nodes: held
true is `in`, strength 1, probability 1; held false is `out`, 0, 0.

The framework is in `argmap.analysis.framework`; this module gathers the three computations.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.framework import SEMANTICS, Edge, Framework, Settings, build_framework
from argmap.analysis.labels import FAILED, IN, LABELS, OUT, UNDEC, UNSUPPORTED, Label, grounded_labels
from argmap.analysis.probabilities import Probability, probabilities, stated_probabilities
from argmap.analysis.strengths import aggregate, combine, energy_influence, strengths
from argmap.memory import collector_paused
from argmap.model import ArgMap, Scenario
from argmap.model.grades import grade_probability

__all__ = [
    "FAILED", "IN", "LABELS", "OUT", "SEMANTICS", "UNDEC", "UNSUPPORTED", "Edge", "Evaluation", "Framework", "Label",
    "Probability", "Settings", "aggregate", "base_scores", "build_framework", "combine", "energy_influence",
    "evaluate", "grounded_labels", "probabilities", "reevaluate", "strengths",
]


@dataclass
class Evaluation:
    """Labels, strengths and probabilities of every node, under a scenario or none."""

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
    probability: dict[str, Probability] | None = None
    """Node id -> its probability, for the nodes that have one."""
    stated: dict[str, Probability] | None = None
    if_not: dict[str, float] | None = None
    overrides: dict[str, float] | None = None

    def count(self, label: str) -> int:
        """How many nodes carry a label."""
        return sum(1 for value in self.labels.values() if value == label)

    def probability_of(self, node_id: str) -> Probability | None:
        """The node's probability, or None when it has none."""
        return (self.probability or {}).get(node_id)


def evaluate(amap: ArgMap, scenario: Scenario | None = None, *, framework: Framework | None = None,
             assume: dict[str, bool] | None = None, settings: Settings | None = None,
             **options: float | str) -> Evaluation:
    """Labels, strengths and probabilities of every node of `amap`.

    `scenario` fixes nodes (its `assume`) and probabilities (its `probabilities`); `assume` adds or overrides
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
    stated, if_not = stated_probabilities(amap, settings)
    base = base_scores(amap, settings, overrides, stated)
    labels = grounded_labels(fw, fixed)
    strength, converged, sweeps = strengths(fw, base, fixed, settings, labels=labels)
    chances = probabilities(fw, stated, if_not, fixed, overrides)
    return Evaluation(labels, strength, base, fixed, fw, settings, scenario, converged, sweeps, None, chances,
                      stated, if_not, overrides)


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
        strength, converged, sweeps = strengths(fw, previous.base, fixed, previous.settings, labels=labels,
                                                scope=scope, start=previous.strength)
        chances = probabilities(fw, previous.stated or {}, previous.if_not or {}, fixed, previous.overrides or {},
                                scope=scope, start=previous.probability)
    return Evaluation(labels, strength, previous.base, fixed, fw, previous.settings, previous.scenario,
                      converged and previous.converged, max(sweeps, previous.sweeps), scope, chances,
                      previous.stated, previous.if_not, previous.overrides)


def base_scores(amap: ArgMap, settings: Settings, overrides: dict[str, float] | None = None,
                stated: dict[str, Probability] | None = None) -> dict[str, float]:
    """Each node's base score (module docstring), with `overrides` by node id. A forecast whose words only state a
    possibility has `settings.possibility` as its base (from `stated`, when given)."""
    defaults = {"evidence": settings.evidence_base, "claim": settings.claim_base,
                "inference": settings.inference_base, "forecast": settings.forecast_base}
    attribute = {"evidence": "credibility", "claim": "credibility", "inference": "strength",
                 "forecast": "probability"}
    base: dict[str, float] = {}
    for node_id, node in amap.by_id.items():
        value = getattr(node, attribute[node.kind], None)
        if value is None and settings.grades and getattr(node, "grade", None):
            value = grade_probability(node.grade)  # type: ignore[attr-defined]
        base[node_id] = defaults[node.kind] if value is None else float(value)
    if stated:
        for node_id, p in stated.items():
            if p.origin == "possibility":
                base[node_id] = p.low
    if overrides:
        base.update(overrides)
    return base
