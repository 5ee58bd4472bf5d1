"""What stands in the shown map: its evaluation, the chosen scenario, the badges and captions (no Textual).

The map is evaluated (`argmap.analysis.semantics`) whenever it is shown or re-read, under the baseline and, when
one is chosen, under a scenario (`argmap.analysis.scenarios.compare`). Each node's badge gives its label (✓ in,
✗ out, ? undecided, ◌ unsupported) and strength, and a forecast's probability apart (p.68, or p? when only
bounds are known); under a scenario, ▲ or ▼ marks a strength that rose or fell against the
baseline, a reversed mark a label that changed, and `=` a node the scenario assumes. The explorer evaluates a big
map in a worker thread after its first screen (`in_background`); this module only holds and reads the results.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from argmap.analysis.scenarios import REJECT_PREFIX, NodeChange, ScenarioOutcome, assumption_scenarios, compare
from argmap.analysis.semantics import Evaluation, build_framework, evaluate
from argmap.io import MapDocument
from argmap.model import NodeBase, Scenario
from argmap.tui.style import BadgeFn, Look

#: Maps with more nodes are evaluated in a worker thread.
EVALUATE_AT_ONCE = 2000
LABEL_MARKS = {"in": "✓", "out": "✗", "undec": "?", "unsupported": "◌"}
LABEL_NAMES = {"in": "in", "out": "out", "undec": "undecided", "unsupported": "unsupported"}
#: Where a probability is the author's own figure, shown by the Detail pane's own `probability` line.
AUTHORS_ORIGINS = frozenset({"stated", "words", "possibility"})
LABEL_ROLES = {"in": "success", "out": "error", "undec": "warning", "unsupported": "warning"}


class ReasoningState:
    """The evaluation of one shown document, under the baseline and the chosen scenario.

    The app tells it which document is shown (`show`) and hands it each evaluation (`evaluated`); a result for a
    document shown before is refused, so a slow worker never overwrites a newer map's badges.
    """

    def __init__(self, *, scenario_id: str | None = None, standing: bool = True,
                 badges: BadgeFn | None = None) -> None:
        self.doc: MapDocument | None = None
        self.scenario_id = scenario_id
        self.show_standing = standing
        self.badges = badges
        self.baseline: Evaluation | None = None
        self.outcome: ScenarioOutcome | None = None
        self._changes: dict[str, NodeChange] | None = None

    # -- the document and its evaluation ----------------------------------------------------------------------

    @property
    def evaluation(self) -> Evaluation | None:
        """The evaluation shown: under the chosen scenario, else the baseline (None until computed)."""
        return self.outcome.evaluation if self.outcome is not None else self.baseline

    @property
    def scenario(self) -> Scenario | None:
        """The chosen scenario, as the shown map declares it or rejecting one of its key assumptions (None: the
        baseline)."""
        return self.find(self.scenario_id) if self.scenario_id is not None else None

    def find(self, scenario_id: str) -> Scenario | None:
        """The shown map's scenario `scenario_id`: one it declares, else one rejecting a key assumption
        (`reject-ID`, as `argmap scenario` and `argmap assumptions` know them); None when there is none."""
        amap = self.doc.map if self.doc is not None else None
        if amap is None:
            return None
        found = next((s for s in amap.scenarios if s.id == scenario_id), None)
        if found is None and scenario_id.startswith(REJECT_PREFIX):
            found = next((s for s in assumption_scenarios(amap) if s.id == scenario_id), None)
        return found

    def show(self, doc: MapDocument) -> None:
        """`doc` is shown now; a scenario it does not declare (any more) is dropped for the baseline."""
        self.doc = doc
        if self.scenario is None:
            self.scenario_id = None

    def in_background(self) -> bool:
        """Whether the shown map is big enough to be evaluated in a worker thread."""
        amap = self.doc.map if self.doc is not None else None
        return amap is not None and len(amap.by_id) > EVALUATE_AT_ONCE

    def evaluated(self, doc: MapDocument, baseline: Evaluation | None, outcome: ScenarioOutcome | None) -> bool:
        """Take the evaluation of `doc`; False (and nothing changes) when `doc` is no longer the one shown."""
        if doc is not self.doc:
            return False
        self.baseline = baseline
        self.outcome = outcome
        self._changes = {row.node: row for row in outcome.changed()} if outcome is not None else None
        return True

    def choose(self, scenario_id: str | None) -> bool:
        """Choose a scenario the shown map declares (None: the baseline). True when its outcome is known at once
        (a small map, compared with the baseline already computed); False: the map is to be evaluated again."""
        self.scenario_id = scenario_id
        doc = self.doc
        if self.baseline is None or self.in_background() or doc is None or doc.map is None:
            return False
        scenario = self.scenario
        outcome = compare(doc.map, scenario, baseline=self.baseline) if scenario is not None else None
        return self.evaluated(doc, self.baseline, outcome)

    def announcement(self) -> tuple[str, str, float]:
        """(message, title, timeout) of the notification that sums up the chosen scenario."""
        outcome = self.outcome
        if outcome is None:
            return "baseline: the map as the author argues it", "Scenario", 3
        labels = outcome.labels_changed()
        return (f"{len(outcome.gained())} claims and forecasts gain, {len(outcome.lost())} lose, "
                f"{labels} node{'s' if labels != 1 else ''} change label (a for the details)",
                f"Scenario: {outcome.scenario.title}", 4)

    def caption(self) -> str | None:
        """`scenario: title` for the top bar, or None under the baseline."""
        scenario = self.scenario
        return f"scenario: {scenario.title}" if scenario is not None and self.outcome is not None else None

    # -- badges and the detail pane's lines --------------------------------------------------------------------

    def badge(self, node_id: str, look: Look) -> Text | str | None:
        """The badge of a node in the outline and the detail pane: a custom one, else its standing."""
        if self.badges is not None:
            return self.badges(node_id)
        return self.standing_badge(node_id, look) if self.show_standing else None

    def standing_badge(self, node_id: str, look: Look) -> Text | None:
        """`✓.82`: the node's label and strength, with its change under the scenario."""
        evaluation = self.evaluation
        if evaluation is None or node_id not in evaluation.labels:
            return None
        label = evaluation.labels[node_id]
        change = self._changes.get(node_id) if self._changes is not None else None
        style = Style(color=look.colour(LABEL_ROLES[label], "white"), bold=True)
        text = Text(no_wrap=True)
        mark_style = style + Style(reverse=True) if change is not None and change.label_changed else style
        text.append(LABEL_MARKS[label], style=mark_style)
        text.append(_strength(evaluation.strength[node_id]), style=look.muted)
        if change is not None and change.assumed is not None:
            text.append("=", style=style)
        elif change is not None and change.delta > 0:
            text.append("▲", style=Style(color=look.colour("success", "green")))
        elif change is not None and change.delta < 0:
            text.append("▼", style=Style(color=look.colour("error", "red")))
        elif self._changes is not None:
            text.append(" ")  # under a scenario, every badge has the same width
        p = evaluation.probability_of(node_id)
        if p is not None and evaluation.framework.kind.get(node_id) == "forecast":
            text.append(" p" + ("?" if p.value is None else _strength(p.value)), style=look.muted)
        return text

    def standing_fields(self, node: NodeBase) -> list[tuple[str, str]]:
        """The detail pane's lines on where the node stands (and, under a scenario, what changed)."""
        baseline = self.baseline
        if baseline is None or node.id not in baseline.labels:
            return []
        base = _standing(baseline, node.id)
        if self.outcome is None:
            return [("standing", base), *_probability_field(baseline, node.id)]
        fields = [("scenario", f"{self.outcome.scenario.title}: {_standing(self.outcome.evaluation, node.id)}"),
                  *_probability_field(self.outcome.evaluation, node.id)]
        change = self._changes.get(node.id) if self._changes is not None else None
        if change is None:
            fields.append(("baseline", f"{base} (unchanged)"))
        else:
            fields.append(("baseline", f"{base}; change: {change.change_text()}"))
        return fields


def evaluate_document(doc: MapDocument, scenario: Scenario | None) -> tuple[Evaluation | None,
                                                                             ScenarioOutcome | None]:
    """The baseline evaluation of `doc` and, with a scenario, its outcome (None, None for an empty map); plain
    computation, so it runs in a worker thread as well as at once."""
    amap = doc.map
    if amap is None or not amap.nodes:
        return None, None
    framework = build_framework(amap)
    baseline = evaluate(amap, framework=framework)
    outcome = compare(amap, scenario, baseline=baseline) if scenario is not None else None
    return baseline, outcome


def _strength(value: float) -> str:
    """`.82`, `1.0`: two digits of a strength in [0, 1], as narrow as it can be."""
    shown = f"{value:.2f}"
    return "1.0" if shown == "1.00" else shown[1:]


def _standing(evaluation: Evaluation, node_id: str) -> str:
    label = evaluation.labels[node_id]
    text = f"{LABEL_NAMES[label]} · strength {evaluation.strength[node_id]:.2f} (base {evaluation.base[node_id]:.2f})"
    if node_id in evaluation.assumed:
        text += f"; assumed {'true' if evaluation.assumed[node_id] else 'false'}"
    return text


def _probability_field(evaluation: Evaluation, node_id: str) -> list[tuple[str, str]]:
    """`probability: 0.000–1.000 (bounds, P(F|C) 0.675)`, apart from the strength, where argmap's figure is not
    the author's own (a scenario's, or one through a condition); the Detail pane shows the author's already."""
    p = evaluation.probability_of(node_id)
    if p is None or p.origin in AUTHORS_ORIGINS:
        return []
    given = f", P(F|C) {p.given:g}" if p.given is not None and p.origin != "given condition" else ""
    return [("probability", f"{p.text(3)} ({p.origin}{given})")]
