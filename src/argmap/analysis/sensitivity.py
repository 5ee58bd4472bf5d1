"""ACH's sensitivity step: which evidence and assumptions the map's conclusions and forecasts rest on most.

Each candidate in turn is rejected (held false, on top of the baseline or a scenario) and its effect measured on
the map's *conclusions*: its claims and forecasts other than the candidate itself:

    impact = sum |change of probability| + sum |change of strength|     over the conclusions
    labels = how many conclusions change label

(a probability known only by bounds moves by the larger move of its two ends). Candidates are ranked by impact,
then labels changed, then the probability part, then the strength part, then the candidate's own baseline
strength (the less credible first: the likelier to be wrong); only a tie in all five falls back to the node id
(premises linked in one inference tie genuinely: under the weakest-link rule rejecting any one of them does the
same). The candidates are, by default, the leaves the map rests on: every piece of evidence, and every claim
that no reason supports (an assumption taken as given); `kinds` chooses node kinds instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analysis.framework import Settings, build_framework
from argmap.analysis.labels import IN
from argmap.analysis.semantics import evaluate, reevaluate
from argmap.analysis.tables import number, text_table
from argmap.model import ArgMap, Scenario

CONCLUSION_KINDS = ("claim", "forecast")


def probability_move(before: object, after: object) -> float:
    """|change| of a probability, the larger move of its two ends; 0 when either is missing."""
    if before is None or after is None:
        return 0.0
    return max(abs(after.low - before.low), abs(after.high - before.high))  # type: ignore[attr-defined]


@dataclass
class Sensitivity:
    """What rejecting one node does: to the conclusions (impact, its parts, labels changed) and, over every other
    node, which leave `in` (`fallen`), which reach it (`risen`) and the strength lost and gained."""

    node: str
    kind: str
    text: str
    fallen: list[str] = field(default_factory=list)
    strength_lost: float = 0.0
    strength_gained: float = 0.0
    risen: list[str] = field(default_factory=list)
    probability_change: float = 0.0
    strength_change: float = 0.0
    labels_changed: list[str] = field(default_factory=list)
    own_strength: float = 0.0

    @property
    def impact(self) -> float:
        """Sum of |change of probability| and |change of strength| over the conclusions."""
        return self.probability_change + self.strength_change

    def key(self) -> tuple[float, int, float, float, float, str]:
        """The ranking key (module docstring), most load-bearing first."""
        return (-round(self.impact, 12), -len(self.labels_changed), -round(self.probability_change, 12),
                -round(self.strength_change, 12), round(self.own_strength, 12), self.node)


def candidates(amap: ArgMap, kinds: tuple[str, ...] | None = None) -> list[str]:
    """The nodes to reject in turn: the given kinds, or by default evidence and claims no reason supports."""
    fw = build_framework(amap)
    if kinds:
        return [node_id for node_id, node in amap.by_id.items() if node.kind in kinds]
    return [node_id for node_id, node in amap.by_id.items()
            if node.kind == "evidence" or (node.kind == "claim" and not fw.supporters.get(node_id))]


def sensitivity(amap: ArgMap, *, kinds: tuple[str, ...] | None = None, scenario: Scenario | None = None,
                options: dict[str, float | str] | None = None, settings: Settings | None = None) -> list[Sensitivity]:
    """Reject each candidate in turn (on top of `scenario`), most load-bearing first (module docstring). `options`
    are `evaluate`'s (or pass `settings`)."""
    settings = settings or Settings.of(options or {})
    fw = build_framework(amap)
    base = evaluate(amap, scenario, framework=fw, settings=settings)
    order = fw.position()
    results = []
    for node_id in candidates(amap, kinds):
        if node_id in base.assumed:
            continue
        node = amap.by_id[node_id]
        after = reevaluate(base, {node_id: False})
        row = Sensitivity(node_id, node.kind, node.text, own_strength=base.strength[node_id])
        for other in (after.recomputed if after.recomputed is not None else fw.ids):
            if other == node_id:
                continue
            before_label, after_label = base.labels[other], after.labels[other]
            if before_label == IN and after_label != IN:
                row.fallen.append(other)
            elif before_label != IN and after_label == IN:
                row.risen.append(other)
            delta = after.strength[other] - base.strength[other]
            if delta < 0:
                row.strength_lost -= delta
            else:
                row.strength_gained += delta
            if fw.kind[other] in CONCLUSION_KINDS:
                row.strength_change += abs(delta)
                row.probability_change += probability_move(base.probability_of(other), after.probability_of(other))
                if before_label != after_label:
                    row.labels_changed.append(other)
        for names in (row.fallen, row.risen, row.labels_changed):
            names.sort(key=order.__getitem__)
        results.append(row)
    results.sort(key=Sensitivity.key)
    return results


def sensitivity_lines(rows: list[Sensitivity], *, top: int | None = None) -> list[str]:
    """The sensitivity ranking as a terminal table."""
    if not rows:
        return ["Nothing to reject: the map has no node of the kinds asked for."]
    shown = rows[:top] if top else rows
    table = text_table(
        ["rank", "rejected", "kind", "impact", "Σ|Δp|", "Σ|Δstrength|", "labels", "conclusions changing label"],
        [[i + 1, r.node, r.kind, number(r.impact), number(r.probability_change), number(r.strength_change),
          len(r.labels_changed), ", ".join(r.labels_changed) or "–"] for i, r in enumerate(shown)],
        right=[0, 3, 4, 5, 6], widths={1: 36, 7: 60})
    note = [] if len(shown) == len(rows) else [f"({len(rows) - len(shown)} more; use --top 0 for all)"]
    return [*table, *note]
