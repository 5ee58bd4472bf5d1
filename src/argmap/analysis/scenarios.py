"""What follows from a scenario, and which evidence and assumptions the map leans on most.

`compare(amap, scenario)` evaluates the map with and without the scenario (`argmap.analysis.semantics`) and pairs
each node's baseline label, strength and probability with its scenario ones. A node *changed* when its label
changed, or its strength or probability moved by at least the threshold (0.005 by default, `--threshold`); the
scenario's own assumptions count like any other node. A claim or forecast *gains* when its label rises to `in`,
or, its label unchanged, its probability rises by the threshold (for nodes with a probability both times), or
else its strength rises by it; it *loses* in the mirror cases. `sensitivity` is in `argmap.analysis.sensitivity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from argmap.analysis.probabilities import Probability
from argmap.analysis.semantics import IN, Evaluation, Framework, Settings, build_framework, evaluate
from argmap.analysis.tables import text_table
from argmap.errors import ArgmapError, suggest
from argmap.model import ArgMap, Scenario

#: A strength or probability change smaller than this is shown as no change.
THRESHOLD = 0.005


def probability_dict(p: Probability | None) -> dict[str, Any] | None:
    """The JSON form of a probability: value (None for bounds), low, high, origin and, if conditional, given."""
    if p is None:
        return None
    out: dict[str, Any] = {"value": None if p.value is None else round(p.value, 6), "low": round(p.low, 6),
                           "high": round(p.high, 6), "origin": p.origin}
    if p.given is not None:
        out["given"] = p.given
    return out


def probability_text(p: Probability | None) -> str:
    """`p 0.675`, `p 0.000–1.000`, or empty when the node has no probability."""
    return "" if p is None else f"p {p.text(3)}"


def probability_delta(before: Probability | None, after: Probability | None) -> float:
    """How far a probability moved: the larger move of its two ends (0 when either is missing)."""
    if before is None or after is None:
        return 0.0
    low, high = after.low - before.low, after.high - before.high
    return low if abs(low) >= abs(high) else high


@dataclass
class NodeChange:
    """One node under the baseline and under the scenario."""

    node: str
    kind: str
    text: str
    base_label: str
    base_strength: float
    label: str
    strength: float
    assumed: bool | None = None
    base_probability: Probability | None = None
    probability: Probability | None = None

    @property
    def delta(self) -> float:
        """Change of strength."""
        return self.strength - self.base_strength

    @property
    def probability_delta(self) -> float:
        """Change of probability (0 when the node has none)."""
        return probability_delta(self.base_probability, self.probability)

    @property
    def label_changed(self) -> bool:
        return self.label != self.base_label

    def moved(self, threshold: float = THRESHOLD) -> bool:
        """Whether the label changed or the strength or probability moved by at least `threshold`."""
        return self.label_changed or abs(self.delta) >= threshold or abs(self.probability_delta) >= threshold

    def changed(self, threshold: float = THRESHOLD) -> bool:
        """Shown in the comparison: moved, or assumed by the scenario."""
        return self.moved(threshold) or self.assumed is not None

    def direction(self, threshold: float = THRESHOLD) -> int:
        """+1 gained, -1 lost, 0 neither (module docstring)."""
        if self.label_changed and IN in (self.label, self.base_label):
            return 1 if self.label == IN else -1
        if self.base_probability is not None and self.probability is not None \
                and abs(self.probability_delta) >= threshold:
            return 1 if self.probability_delta > 0 else -1
        if abs(self.delta) >= threshold:
            return 1 if self.delta > 0 else -1
        return 0

    def change_text(self, threshold: float = THRESHOLD) -> str:
        """`assumed true`, `in → out, -0.42`, `+0.10, p -0.20` or `–`."""
        parts = []
        if self.assumed is not None:
            parts.append(f"assumed {'true' if self.assumed else 'false'}")
        if self.label_changed:
            parts.append(f"{self.base_label} → {self.label}")
        if abs(self.delta) >= threshold:
            parts.append(f"{self.delta:+.2f}")
        if abs(self.probability_delta) >= threshold:
            parts.append(f"p {self.probability_delta:+.3f}")
        return ", ".join(parts) or "–"

    def side(self, baseline: bool) -> dict[str, Any]:
        """Label, strength and probability under the baseline or the scenario, for JSON."""
        label, strength, p = ((self.base_label, self.base_strength, self.base_probability) if baseline
                              else (self.label, self.strength, self.probability))
        return {"label": label, "strength": round(strength, 6), "probability": probability_dict(p)}


@dataclass
class ScenarioOutcome:
    """A scenario side by side with the baseline."""

    scenario: Scenario
    baseline: Evaluation
    evaluation: Evaluation
    rows: list[NodeChange]
    threshold: float = THRESHOLD

    def changed(self) -> list[NodeChange]:
        """Nodes that changed (or were assumed): assumptions first, then label changes, then by the larger of the
        strength and probability changes."""
        rows = [row for row in self.rows if row.changed(self.threshold)]
        return sorted(rows, key=lambda r: (r.assumed is None, not r.label_changed,
                                           -max(abs(r.delta), abs(r.probability_delta))))

    def labels_changed(self) -> int:
        """How many nodes change label, assumed or not."""
        return sum(1 for row in self.rows if row.label_changed)

    def gained(self, kinds: tuple[str, ...] = ("claim", "forecast")) -> list[NodeChange]:
        return [r for r in self.changed() if r.kind in kinds and r.direction(self.threshold) > 0]

    def lost(self, kinds: tuple[str, ...] = ("claim", "forecast")) -> list[NodeChange]:
        return [r for r in self.changed() if r.kind in kinds and r.direction(self.threshold) < 0]

    def to_dict(self) -> dict[str, Any]:
        """Every node with its baseline and scenario label, strength and probability; `changed` marks the moved."""
        s = self.scenario
        return {"scenario": {"id": s.id, "title": s.title, "description": s.description, "assume": s.assume,
                             "probabilities": s.probabilities},
                "threshold": self.threshold, "semantics": self.evaluation.settings.semantics,
                "converged": self.baseline.converged and self.evaluation.converged,
                "summary": {"gained": len(self.gained()), "lost": len(self.lost()),
                            "labels_changed": self.labels_changed()},
                "nodes": [{"node": r.node, "kind": r.kind, "baseline": r.side(True), "scenario": r.side(False),
                           "delta": round(r.delta, 6), "probability_delta": round(r.probability_delta, 6),
                           "assumed": r.assumed, "changed": r.moved(self.threshold)}
                          for r in self.changed() + [r for r in self.rows if not r.changed(self.threshold)]]}


#: The id of the scenario that rejects a key assumption: `reject-` and the assumption's id.
REJECT_PREFIX = "reject-"


def assumption_scenarios(amap: ArgMap) -> list[Scenario]:
    """One scenario per key assumption (a claim with `assumption:`), holding it false, without writing one: its id is
    `reject-` and the assumption's id (a written scenario of the same id wins)."""
    written = {s.id for s in amap.scenarios}
    return [Scenario(id=REJECT_PREFIX + node.id, title=f"Reject the assumption: {node.text}",
                     description=f"The key assumption '{node.id}' held false.", assume={node.id: False})
            for node in amap.nodes
            if getattr(node, "assumption", None) is not None and REJECT_PREFIX + node.id not in written]


def find_scenario(amap: ArgMap, name: str) -> Scenario:
    """The scenario with this id (or, failing that, this title), the map's own or one rejecting a key assumption
    (`reject-ID`); a clear error naming the known ones otherwise."""
    known = [*amap.scenarios, *assumption_scenarios(amap)]
    for scenario in known:
        if scenario.id == name:
            return scenario
    for scenario in known:
        if scenario.title.casefold() == name.casefold():
            return scenario
    ids = [s.id for s in known]
    if not ids:
        raise ArgmapError(f"the map has no scenarios (asked for '{name}'); add them under 'scenarios:'")
    hint = suggest(name, ids).removeprefix("; ")
    raise ArgmapError(f"no scenario '{name}'" + (f" ({hint})" if hint else "") + f"; the map has: {', '.join(ids)}")


def compare(amap: ArgMap, scenario: Scenario, *, baseline: Evaluation | None = None,
            framework: Framework | None = None, threshold: float = THRESHOLD,
            settings: Settings | None = None) -> ScenarioOutcome:
    """The scenario's labels, strengths and probabilities next to the baseline's, for every node."""
    fw = framework or (baseline.framework if baseline else build_framework(amap))
    settings = settings or (baseline.settings if baseline else Settings())
    base = baseline or evaluate(amap, framework=fw, settings=settings)
    result = evaluate(amap, scenario, framework=fw, settings=settings)
    rows = [NodeChange(node_id, node.kind, node.text, base.labels[node_id], base.strength[node_id],
                       result.labels[node_id], result.strength[node_id], result.assumed.get(node_id),
                       base.probability_of(node_id), result.probability_of(node_id))
            for node_id, node in amap.by_id.items()]
    return ScenarioOutcome(scenario, base, result, rows, threshold)


def outcome_lines(outcome: ScenarioOutcome, *, show_all: bool = False) -> list[str]:
    """The comparison as a terminal table (changed nodes only, unless `show_all`)."""
    s = outcome.scenario
    lines = [f"Scenario '{s.id}': {s.title}"]
    if s.description:
        lines.append(f"  {' '.join(s.description.split())}")
    rows = outcome.rows if show_all else outcome.changed()
    if not rows:
        lines.append("Nothing changes: the scenario's assumptions touch no node of the map.")
        return lines
    lines.append("")
    lines.extend(text_table(
        ["node", "kind", "baseline", "", "scenario", "", "change"],
        [[r.node, r.kind, f"{r.base_label} {r.base_strength:.2f}", probability_text(r.base_probability),
          f"{r.label} {r.strength:.2f}", probability_text(r.probability), r.change_text(outcome.threshold)]
         for r in rows], widths={0: 40}))
    lines.append("")
    lines.append(f"Claims and forecasts gaining: {len(outcome.gained())}, losing: {len(outcome.lost())}; "
                 f"labels changed: {outcome.labels_changed()} (changes of at least {outcome.threshold:g} in "
                 "strength or probability count; assumed nodes included).")
    if not (outcome.baseline.converged and outcome.evaluation.converged):
        lines.append("Note: strengths in a cycle did not settle within the iteration limit; read them as rough.")
    return lines


def scenario_effects(amap: ArgMap, baseline: Evaluation | None = None,
                     settings: Settings | None = None) -> list[tuple[Scenario, int, int, int]]:
    """Each scenario with how many claims and forecasts gain and lose, and how many nodes change label."""
    base = baseline or evaluate(amap, settings=settings)
    effects = []
    for scenario in amap.scenarios:
        outcome = compare(amap, scenario, baseline=base)
        effects.append((scenario, len(outcome.gained()), len(outcome.lost()), outcome.labels_changed()))
    return effects


def assumption_text(scenario: Scenario) -> str:
    """`a true, b false, c p=0.4`: what a scenario holds true or false and the probabilities it sets."""
    parts = [f"{k} {'true' if v else 'false'}" for k, v in scenario.assume.items()]
    parts += [f"{k} p={v:g}" for k, v in scenario.probabilities.items()]
    return ", ".join(parts) or "–"


def scenario_list_lines(amap: ArgMap, settings: Settings | None = None) -> list[str]:
    """Every scenario with its size and a one-line effect."""
    if not amap.scenarios:
        return ["The map has no scenarios; add them under 'scenarios:' (id, title, assume, probabilities)."]
    rows = [[scenario.id, scenario.title, len(scenario.assume), len(scenario.probabilities), gained, lost, labels]
            for scenario, gained, lost, labels in scenario_effects(amap, settings=settings)]
    lines = text_table(["scenario", "title", "assumes", "probabilities", "gain", "lose", "labels changed"], rows,
                       right=[2, 3, 4, 5, 6], widths={1: 48})
    implicit = assumption_scenarios(amap)
    if implicit:
        lines.append(f"Also {len(implicit)} scenarios rejecting a key assumption each, not written in the map: "
                     f"{', '.join(s.id for s in implicit)} (see `argmap assumptions`).")
    return lines


from argmap.analysis.sensitivity import Sensitivity, sensitivity, sensitivity_lines  # noqa: E402  (re-export)

__all__ = ["REJECT_PREFIX", "THRESHOLD", "NodeChange", "ScenarioOutcome", "Sensitivity", "assumption_scenarios",
           "assumption_text", "compare", "find_scenario", "outcome_lines", "scenario_effects", "scenario_list_lines",
           "sensitivity", "sensitivity_lines"]
