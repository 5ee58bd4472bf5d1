"""What follows from a scenario, and which evidence the map leans on most.

`compare(amap, scenario)` evaluates the map with and without the scenario (`argmap.analysis.semantics`) and pairs
each node's baseline label and strength with its scenario label and strength. `sensitivity(amap)` is ACH's
sensitivity step: each piece of evidence in turn is rejected (held false) and what falls is counted: nodes whose
label leaves `in` and the total strength lost across the rest of the map. The evidence whose rejection brings down
the most is the most load-bearing: the first to double-check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.semantics import IN, Evaluation, Framework, Settings, build_framework, evaluate, reevaluate
from argmap.analysis.tables import number, text_table
from argmap.errors import ArgmapError, suggest
from argmap.model import ArgMap, Scenario

#: A strength change smaller than this is shown as no change.
THRESHOLD = 0.005


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

    @property
    def delta(self) -> float:
        return self.strength - self.base_strength

    @property
    def label_changed(self) -> bool:
        return self.label != self.base_label

    def changed(self, threshold: float = THRESHOLD) -> bool:
        return self.label_changed or abs(self.delta) >= threshold or self.assumed is not None

    def change_text(self, threshold: float = THRESHOLD) -> str:
        """`assumed true`, `in → out, -0.42`, `+0.10` or `–`."""
        parts = []
        if self.assumed is not None:
            parts.append(f"assumed {'true' if self.assumed else 'false'}")
        if self.label_changed:
            parts.append(f"{self.base_label} → {self.label}")
        if abs(self.delta) >= threshold:
            parts.append(f"{self.delta:+.2f}")
        return ", ".join(parts) or "–"


@dataclass
class ScenarioOutcome:
    """A scenario side by side with the baseline."""

    scenario: Scenario
    baseline: Evaluation
    evaluation: Evaluation
    rows: list[NodeChange]
    threshold: float = THRESHOLD

    def changed(self) -> list[NodeChange]:
        """Nodes that changed (or were assumed), largest change first: label changes, then by |delta|."""
        rows = [row for row in self.rows if row.changed(self.threshold)]
        return sorted(rows, key=lambda r: (r.assumed is None, not r.label_changed, -abs(r.delta)))

    def labels_changed(self) -> int:
        """How many nodes change label, the scenario's own assumptions left out."""
        return sum(1 for row in self.rows if row.label_changed and row.assumed is None)

    def gained(self, kinds: tuple[str, ...] = ("claim", "forecast")) -> list[NodeChange]:
        return [r for r in self.changed() if r.kind in kinds and r.assumed is None and r.delta >= self.threshold]

    def lost(self, kinds: tuple[str, ...] = ("claim", "forecast")) -> list[NodeChange]:
        return [r for r in self.changed() if r.kind in kinds and r.assumed is None and r.delta <= -self.threshold]

    def to_dict(self) -> dict[str, Any]:
        s = self.scenario
        return {"scenario": {"id": s.id, "title": s.title, "description": s.description, "assume": s.assume,
                             "probabilities": s.probabilities},
                "converged": self.baseline.converged and self.evaluation.converged,
                "nodes": [{"node": r.node, "kind": r.kind, "baseline": {"label": r.base_label,
                           "strength": round(r.base_strength, 6)}, "scenario": {"label": r.label,
                           "strength": round(r.strength, 6)}, "delta": round(r.delta, 6), "assumed": r.assumed}
                          for r in self.changed()]}


def find_scenario(amap: ArgMap, name: str) -> Scenario:
    """The scenario with this id (or, failing that, this title); a clear error naming the known ones otherwise."""
    for scenario in amap.scenarios:
        if scenario.id == name:
            return scenario
    for scenario in amap.scenarios:
        if scenario.title.casefold() == name.casefold():
            return scenario
    ids = [s.id for s in amap.scenarios]
    if not ids:
        raise ArgmapError(f"the map has no scenarios (asked for '{name}'); add them under 'scenarios:'")
    hint = suggest(name, ids).removeprefix("; ")
    raise ArgmapError(f"no scenario '{name}'" + (f" ({hint})" if hint else "") + f"; the map has: {', '.join(ids)}")


def compare(amap: ArgMap, scenario: Scenario, *, baseline: Evaluation | None = None,
            framework: Framework | None = None, threshold: float = THRESHOLD) -> ScenarioOutcome:
    """The scenario's labels and strengths next to the baseline's, for every node."""
    fw = framework or (baseline.framework if baseline else build_framework(amap))
    base = baseline or evaluate(amap, framework=fw)
    result = evaluate(amap, scenario, framework=fw)
    rows = [NodeChange(node_id, node.kind, node.text, base.labels[node_id], base.strength[node_id],
                       result.labels[node_id], result.strength[node_id], result.assumed.get(node_id))
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
        ["node", "kind", "baseline", "scenario", "change"],
        [[r.node, r.kind, f"{r.base_label} {r.base_strength:.2f}", f"{r.label} {r.strength:.2f}",
          r.change_text(outcome.threshold)] for r in rows], widths={0: 40}))
    lines.append("")
    lines.append(f"Claims and forecasts gaining support: {len(outcome.gained())}, losing: {len(outcome.lost())}; "
                 f"labels changed: {outcome.labels_changed()}.")
    if not (outcome.baseline.converged and outcome.evaluation.converged):
        lines.append("Note: strengths in a cycle did not settle within the iteration limit; read them as rough.")
    return lines


def scenario_effects(amap: ArgMap, baseline: Evaluation | None = None) -> list[tuple[Scenario, int, int, int]]:
    """Each scenario with how many claims and forecasts gain and lose support, and how many nodes change label."""
    base = baseline or evaluate(amap)
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


def scenario_list_lines(amap: ArgMap) -> list[str]:
    """Every scenario with its size and a one-line effect."""
    if not amap.scenarios:
        return ["The map has no scenarios; add them under 'scenarios:' (id, title, assume, probabilities)."]
    rows = [[scenario.id, scenario.title, len(scenario.assume), len(scenario.probabilities), gained, lost, labels]
            for scenario, gained, lost, labels in scenario_effects(amap)]
    return text_table(["scenario", "title", "assumes", "probabilities", "gain", "lose", "labels changed"], rows,
                      right=[2, 3, 4, 5, 6], widths={1: 48})


@dataclass
class Sensitivity:
    """What falls when one node is rejected: nodes leaving `in`, strength lost and gained elsewhere."""

    node: str
    kind: str
    text: str
    fallen: list[str] = field(default_factory=list)
    strength_lost: float = 0.0
    strength_gained: float = 0.0
    risen: list[str] = field(default_factory=list)


def sensitivity(amap: ArgMap, *, kinds: tuple[str, ...] = ("evidence",), scenario: Scenario | None = None,
                options: dict[str, float] | None = None) -> list[Sensitivity]:
    """Reject each node of the given kinds in turn (on top of `scenario`), most load-bearing first: by the number
    of nodes that leave `in`, then by the strength lost. `options` are `evaluate`'s."""
    settings = Settings.of(options or {})
    fw = build_framework(amap)
    base = evaluate(amap, scenario, framework=fw, settings=settings)
    results = []
    order = {node_id: index for index, node_id in enumerate(fw.ids)}
    for node_id, node in amap.by_id.items():
        if node.kind not in kinds or node_id in base.assumed:
            continue
        after = reevaluate(base, {node_id: False})
        row = Sensitivity(node_id, node.kind, node.text)
        for other in (after.recomputed if after.recomputed is not None else fw.ids):
            if other == node_id:
                continue
            if base.labels[other] == IN and after.labels[other] != IN:
                row.fallen.append(other)
            elif base.labels[other] != IN and after.labels[other] == IN:
                row.risen.append(other)
            delta = after.strength[other] - base.strength[other]
            if delta < 0:
                row.strength_lost -= delta
            else:
                row.strength_gained += delta
        row.fallen.sort(key=order.__getitem__)
        row.risen.sort(key=order.__getitem__)
        results.append(row)
    results.sort(key=lambda r: (-len(r.fallen), -r.strength_lost, r.node))
    return results


def sensitivity_lines(rows: list[Sensitivity], *, top: int | None = None) -> list[str]:
    """The sensitivity ranking as a terminal table."""
    if not rows:
        return ["Nothing to reject: the map has no node of the kinds asked for."]
    shown = rows[:top] if top else rows
    table = text_table(
        ["rank", "rejected", "falls", "strength lost", "gained", "what falls"],
        [[i + 1, r.node, len(r.fallen), number(r.strength_lost, 2), number(r.strength_gained, 2),
          ", ".join(r.fallen) or "–"] for i, r in enumerate(shown)],
        right=[0, 2, 3, 4], widths={1: 36, 5: 60})
    note = [] if len(shown) == len(rows) else [f"({len(rows) - len(shown)} more; use --top 0 for all)"]
    return [*table, *note]
