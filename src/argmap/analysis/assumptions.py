"""Key assumptions check (Heuer and Pherson): every assumption the map marks, its status, and what rejecting it does.

An assumption is a claim, or an inference whose warrant is assumed, with `assumption: {status, reason,
would_fail_if}`. Each yields the scenario
`reject-ID` (`argmap.analysis.scenarios.assumption_scenarios`), which holds it false; rejecting it is compared
with the baseline (or a scenario) over the map's conclusions, its claims and forecasts other than the assumption,
as `argmap sensitivity` does:

    impact = sum |change of probability| + sum |change of strength|,  and the conclusions whose label changes

Rows come in the map's order; `ranked` puts the most load-bearing first (impact, then labels changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.analysis.framework import Settings
from argmap.analysis.scenarios import assumption_scenarios, compare, probability_delta
from argmap.analysis.semantics import evaluate
from argmap.analysis.tables import number, text_table
from argmap.model import ArgMap, Claim, Inference, Scenario

CONCLUSION_KINDS = ("claim", "forecast")
#: The order statuses are listed in, the weakest last: a failed assumption is the one to read first.
STATUS_ORDER = {"failed": 0, "unsupported": 1, "caveated": 2, "solid": 3, None: 4}


@dataclass
class AssumptionEffect:
    """One key assumption and what rejecting it does to the conclusions."""

    node: str
    text: str
    status: str | None
    reason: str | None
    would_fail_if: str | None
    label: str
    strength: float
    scenario: str
    labels_changed: list[tuple[str, str, str]] = field(default_factory=list)  # node, before, after
    forecasts_moved: list[tuple[str, float]] = field(default_factory=list)  # forecast, change of probability
    probability_change: float = 0.0
    strength_change: float = 0.0

    @property
    def impact(self) -> float:
        return self.probability_change + self.strength_change

    def to_dict(self) -> dict[str, Any]:
        return {"node": self.node, "text": self.text, "status": self.status, "reason": self.reason,
                "would_fail_if": self.would_fail_if, "label": self.label, "strength": round(self.strength, 6),
                "scenario": self.scenario, "impact": round(self.impact, 6),
                "probability_change": round(self.probability_change, 6),
                "strength_change": round(self.strength_change, 6),
                "labels_changed": [{"node": n, "before": b, "after": a} for n, b, a in self.labels_changed],
                "forecasts_moved": [{"node": n, "probability_delta": round(d, 6)} for n, d in self.forecasts_moved]}


def key_assumptions(amap: ArgMap, *, scenario: Scenario | None = None, settings: Settings | None = None,
                    threshold: float = 0.005) -> list[AssumptionEffect]:
    """Every key assumption in map order, with the effect of rejecting it (on top of `scenario` if given)."""
    settings = settings or Settings()
    base = evaluate(amap, scenario, settings=settings)
    rows = []
    for reject in assumption_scenarios(amap):
        node_id = next(iter(reject.assume))
        node = amap.by_id[node_id]
        assert isinstance(node, Claim | Inference) and node.assumption is not None
        combined = reject if scenario is None else Scenario(
            id=reject.id, title=reject.title, assume={**scenario.assume, node_id: False},
            probabilities=scenario.probabilities)
        outcome = compare(amap, combined, baseline=base, settings=settings, threshold=threshold)
        a = node.assumption
        row = AssumptionEffect(node_id, node.text, a.status, a.reason, a.would_fail_if, base.labels[node_id],
                               base.strength[node_id], reject.id)
        for change in outcome.rows:
            if change.node == node_id or change.kind not in CONCLUSION_KINDS:
                continue
            row.strength_change += abs(change.delta)
            row.probability_change += abs(probability_delta(change.base_probability, change.probability))
            if change.label_changed:
                row.labels_changed.append((change.node, change.base_label, change.label))
            if change.kind == "forecast" and abs(change.probability_delta) >= threshold:
                row.forecasts_moved.append((change.node, change.probability_delta))
        rows.append(row)
    return rows


def ranked(rows: list[AssumptionEffect]) -> list[AssumptionEffect]:
    """Most load-bearing first: impact, then labels changed, then the map's order."""
    order = {row.node: i for i, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (-round(r.impact, 9), -len(r.labels_changed), order[r.node]))


def assumption_lines(rows: list[AssumptionEffect]) -> list[str]:
    """The key assumptions as a terminal table, then each one's reason and what would make it wrong."""
    if not rows:
        return ["The map marks no key assumption; mark one with `assumption: {status, reason, would_fail_if}` "
                "on a claim."]
    table = text_table(
        ["assumption", "status", "stands", "impact", "labels", "rejecting it changes"],
        [[r.node, r.status or "(none)", f"{r.label} {r.strength:.2f}", number(r.impact, 2), len(r.labels_changed),
          changes_text(r)] for r in rows], right=[3, 4], widths={0: 34, 5: 70})
    lines = [*table, ""]
    for r in rows:
        lines.append(f"{r.node} [{r.status or 'no status'}] (scenario {r.scenario})")
        if r.reason:
            lines.append(f"  why: {' '.join(r.reason.split())}")
        if r.would_fail_if:
            lines.append(f"  wrong if: {' '.join(r.would_fail_if.split())}")
    return lines


def changes_text(row: AssumptionEffect) -> str:
    """What rejecting an assumption changes, in words: labels that change, then forecasts whose probability moves."""
    parts = [f"{n} {b}→{a}" for n, b, a in row.labels_changed]
    parts += [f"{n} p {d:+.3f}" for n, d in row.forecasts_moved if n not in {x for x, _b, _a in row.labels_changed}]
    return "; ".join(parts) or "no conclusion changes label or probability"
